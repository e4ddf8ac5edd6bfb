"""Amazon's answers to putListingsItem, and auditor's preview documents, read into `listing_issues`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from conftest import AS_OF, DATA, SHARED

from auditor.api import Options, audit
from auditor.ingest.formats.listings_preview import ListingsItemsPreview
from auditor.ingest.probe import Probe
from auditor.ingest.read import read_file
from auditor.ingest.result import FileResult

FILES = DATA / "amazon" / "listings-items-preview"
ANSWER = FILES / "putListingsItem-VX-LUG-22.json"
DOCUMENT = FILES / "preview-US.json"
ITEM = DATA / "amazon" / "listings-items" / "getListingsItem-VX-HDP-03.json"
MODEL = SHARED / "reference" / "data" / "listingsItems_2021-08-01.json"
US = "ATVPDKIKX0DER"


def read(path: Path, marketplace: str | None = None) -> FileResult:
    return read_file(path, path.name, marketplace)


def issues(result: FileResult) -> list[dict[str, Any]]:
    [part] = [p for p in result.parts if p.table == "listing_issues"]
    frame = part.frame.astype(object)
    return [
        {k: (None if pd.isna(v) else v) for k, v in record.items() if not k.startswith("_")}
        for record in frame.to_dict("records")
    ]


def recognises(path: Path) -> bool:
    return ListingsItemsPreview().recognise(Probe(path, path.name, path.read_bytes()))


def write(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_amazons_answer_saved_by_hand_gives_one_issue_row_per_issue():
    result = read(ANSWER, "US")

    assert result.format == "listings-items-preview"
    assert issues(result) == [
        {
            "sku": "VX-LUG-22",
            "marketplace": "US",  # the answer names none: the file's, as a download's
            "asin": None,
            "code": "90220",
            "severity": "error",
            "message": "'manufacturer' is required but not supplied.",
            "categories": "MISSING_ATTRIBUTE",
            "attribute_names": "manufacturer",
            "enforcement_actions": "LISTING_SUPPRESSED",
            "exemption_status": "NOT_EXEMPT",
            "exemption_expiry": None,
        },
        {
            "sku": "VX-LUG-22",
            "marketplace": "US",
            "asin": None,
            "code": "18027",
            "severity": "warning",
            "message": "The image at main_product_image_locator is smaller than 1000 pixels on "
            "its longest side; customers cannot zoom it.",
            "categories": "INVALID_IMAGE",
            "attribute_names": "main_product_image_locator",
            "enforcement_actions": None,
            "exemption_status": None,
            "exemption_expiry": None,
        },
    ]


def test_an_answer_read_without_a_marketplace_rejects_its_issues_as_an_issue_needs_one():
    result = read(ANSWER)

    assert issues(result) == []
    assert [(r.row, r.column) for r in result.rejected] == [(1, "marketplace")] * 2
    assert "give --marketplace" in result.rejected[0].reason


def test_a_preview_document_reads_each_listing_by_its_answer_or_why_it_was_not_previewed():
    result = read(DOCUMENT)

    assert result.marketplace == "US"  # the document names its marketplace
    [row] = issues(result)  # VX-LUG-21 was VALID: checked, and clean
    assert (row["sku"], row["code"], row["marketplace"]) == ("VX-LUG-22", "90220", "US")
    [rejected] = result.rejected
    assert rejected.row == 3
    assert rejected.reason == (
        "VX-LUG/23 Grey: not previewed: putListingsItem answered HTTP 400: InvalidInput: "
        "Invalid input (Flat.File.Luggage.us.txt row 6)"
    )


def test_the_asin_amazon_matched_is_kept_from_the_answers_identifiers(tmp_path):
    answer = json.loads(ANSWER.read_text(encoding="utf-8"))
    answer["identifiers"] = [{"marketplaceId": US, "asin": "B0DVXLUG22"}]
    answer["issues"][0]["marketplaceIds"] = [US]

    result = read(write(tmp_path / "answer.json", answer), "US")

    found = [(r["code"], r["marketplace"], r["asin"]) for r in issues(result)]
    assert found == [("90220", "US", "B0DVXLUG22"), ("18027", "US", "B0DVXLUG22")]


def test_a_list_of_answers_is_read_and_a_valid_one_is_clean(tmp_path):
    valid = {"sku": "VX-LUG-21", "status": "VALID", "submissionId": "1c9e", "issues": []}
    invalid = json.loads(ANSWER.read_text(encoding="utf-8"))

    result = read(write(tmp_path / "answers.json", [valid, invalid]), "US")

    assert [r["sku"] for r in issues(result)] == ["VX-LUG-22", "VX-LUG-22"]
    assert result.rejected == []


def test_all_valid_answers_still_provide_the_issues_table(tmp_path):
    valid = {"sku": "VX-LUG-21", "status": "VALID", "submissionId": "1c9e", "issues": []}

    result = read(write(tmp_path / "answer.json", valid), "US")

    [part] = result.parts
    assert (part.table, len(part.frame)) == ("listing_issues", 0)
    assert "code" in part.provided  # checked and clean, not "no issues known"


def test_invalid_without_an_issue_is_not_passed_over(tmp_path):
    bare = {"sku": "VX-LUG-22", "status": "INVALID", "submissionId": "7d4f", "issues": []}

    result = read(write(tmp_path / "answer.json", bare), "US")

    assert issues(result) == []
    assert [r.reason for r in result.rejected] == [
        "VX-LUG-22: Amazon answered INVALID without naming an issue"
    ]


def test_other_json_is_left_to_its_own_reader(tmp_path):
    assert recognises(ANSWER) and recognises(DOCUMENT)
    assert not recognises(ITEM)  # a listings item is the Listings Items reader's
    assert read(ITEM).format == "listings-items-api"
    unknown = {"sku": "A", "status": "PENDING", "submissionId": "1"}
    assert not recognises(write(tmp_path / "pending.json", unknown))
    another = {"kind": "something-else", "listings": []}
    assert not recognises(write(tmp_path / "other.json", another))


def test_a_key_given_twice_in_an_entry_rejects_that_entry(tmp_path):
    text = DOCUMENT.read_text(encoding="utf-8").replace(
        '"sku": "VX-LUG-22",\n   "source"',
        '"sku": "VX-LUG-22",\n   "sku": "VX-LUG-99",\n   "source"',
    )
    path = tmp_path / "preview-US.json"
    path.write_text(text, encoding="utf-8")

    result = read(path)

    assert issues(result) == []
    reasons = [r.reason for r in result.rejected]
    assert reasons[0].startswith("VX-LUG-99: the key sku appears more than once")


def test_the_issues_are_lst023_findings_of_an_audit(tmp_path):
    report = audit([DOCUMENT], Options(as_of=AS_OF, select=["LST-023"])).report

    [failing] = [f for f in report["findings"] if f["outcome"] == "fail"]
    assert failing["entity"]["sku"] == "VX-LUG-22"
    assert "'manufacturer' is required but not supplied." in failing["message"]
    [document] = report["run"]["inputs"]
    assert document["rows_rejected"] == 1


@pytest.mark.skipif(not MODEL.exists(), reason="the shared reference is not in this checkout")
def test_the_models_own_preview_examples_are_read(tmp_path):
    model = json.loads(MODEL.read_text(encoding="utf-8"))
    put = model["paths"]["/listings/2021-08-01/items/{sellerId}/{sku}"]["put"]
    examples = [e["response"] for e in put["responses"]["200"]["x-amzn-api-sandbox"]["static"]]

    result = read(write(tmp_path / "answers.json", examples), "US")

    found = issues(result)
    assert {r["sku"] for r in found} == {"VALIDATION_INVALID"}
    assert [r["code"] for r in found] == ["90220", "90000900"]
    assert found[0]["enforcement_actions"] == "LISTING_SUPPRESSED"

"""`auditor preview`: Amazon's own verdict on listings, against the stand-in Listings Items API.

A seller about to upload a US luggage flat file asks Amazon to validate it first: each
listing goes to putListingsItem in VALIDATION_PREVIEW mode (the stand-in fails the test
if a request could create anything), shaped by Amazon's LUGGAGE definition, and the
issues Amazon answers come back as LST-023 findings in the audit's report, with its exit
code. Every test runs with `loopback_only`: nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import json
import socket
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner, Result

from auditor import api
from auditor.cli import main
from auditor.fetch.patience import CallFailed
from auditor.fetch.preview_command import preview_store
from tests.fetch.standin import SpApiStandIn
from tests.fetch.test_command import CONFIG

pytestmark = pytest.mark.usefixtures("loopback_only")

DATA = Path(__file__).parents[1] / "data" / "amazon"
FLAT = DATA / "listings-items-preview" / "Flat.File.Luggage.us.txt"
DEFINITION = (
    DATA / "product-type-definitions" / "LUGGAGE.json",
    DATA / "product-type-definitions" / "LUGGAGE.US.definition.json",
)
LUGGAGE = (FLAT, *DEFINITION)
API_ITEM = DATA / "listings-items" / "getListingsItem-minimal.json"
ALL_LISTINGS = DATA / "all-listings" / "All+Listings+Report+11-27-2026.txt"
US = "ATVPDKIKX0DER"
SKUS = ["VX-LUG-21", "VX-LUG-22", "VX-LUG/23 Grey"]

#: Amazon's answer to a LUGGAGE listing without a manufacturer (the model's 90220 example).
NO_MANUFACTURER = {
    "code": "90220",
    "message": "'manufacturer' is required but not supplied.",
    "severity": "ERROR",
    "attributeNames": ["manufacturer"],
    "categories": ["MISSING_ATTRIBUTE"],
}


@pytest.fixture
def standin(sp_api_standin: SpApiStandIn) -> Any:
    """The stand-in, its assertions (a request that could create a listing) checked at the end."""
    sp_api_standin.preview_issues["VX-LUG-22"] = [NO_MANUFACTURER]
    yield sp_api_standin
    sp_api_standin.server.check_assertions()


@pytest.fixture
def environ(standin: SpApiStandIn) -> dict[str, str]:
    return {
        "ACME_CLIENT_ID": standin.client_id,
        "ACME_CLIENT_SECRET": standin.client_secret,
        "ACME_NA_REFRESH_TOKEN": standin.refresh_token,
    }


@pytest.fixture
def config(standin: SpApiStandIn, environ: dict[str, str], tmp_path: Path, monkeypatch) -> Path:
    """auditor.yaml with the US store, its variables set in the environment."""
    path = tmp_path / "auditor.yaml"
    path.write_text(
        CONFIG.format(endpoint=standin.endpoint, token=standin.token_endpoint), encoding="utf-8"
    )
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    return path


def preview(config: Path, *args: object) -> Result:
    return CliRunner().invoke(
        main,
        ["preview", "--store", "acme-us", "--config", str(config), "--as-of", "2026-12-07",
         "--no-history", *map(str, args)],
    )  # fmt: skip


def report_of(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def test_amazons_issues_are_lst023_findings_with_the_audits_exit_code(config, standin, tmp_path):
    out = tmp_path / "out"
    result = preview(
        config, *LUGGAGE, "--select", "LST-023", "--format", "json", "-o", out / "r.json"
    )

    assert result.exit_code == 1, result.output  # Amazon's ERROR fails the audit's gate
    report = report_of(out / "r.json")
    [finding] = report["findings"]
    assert (finding["rule_id"], finding["entity"]["sku"], finding["outcome"]) == (
        "LST-023",
        "VX-LUG-22",
        "fail",
    )
    assert finding["message"].startswith(
        "Amazon reports issue 90220 (error) in US: 'manufacturer' is required but not supplied."
    )
    # The other two were checked by Amazon and are clean: no finding, nothing rejected.
    inputs = {i["path"]: i for i in report["run"]["inputs"]}
    assert inputs["preview/preview-US.json"]["format"] == "listings-items-preview"
    assert inputs["preview/preview-US.json"]["rows_rejected"] == 0
    assert inputs["preview/fetch.json"]["format"] == "fetch-manifest"
    assert "preview US: 3 answered by Amazon (1 INVALID, 2 VALID), issues: 1" in result.stderr

    sent = standin.previewed
    assert [s["sku"] for s in sent] == SKUS  # the slash and the space travel URL-encoded
    for request in sent:
        assert request["seller_id"] == "A1EXAMPLESELLER"
        assert request["query"] == {
            "marketplaceIds": [US],
            "includedData": ["issues"],
            "mode": ["VALIDATION_PREVIEW"],
            "issueLocale": ["en_US"],
        }
    manifest = report_of(out / "preview" / "fetch.json")
    assert [(f["name"], f["marketplace"], f["file"]) for f in manifest["files"]] == [
        ("preview", "US", "preview-US.json")
    ]


def test_a_flat_file_listing_arrives_in_amazons_shape_by_its_definition(config, standin, tmp_path):
    preview(config, *LUGGAGE, "--select", "LST-023", "-o", tmp_path / "out" / "report.txt")

    body = standin.previewed[0]["body"]
    assert (body["productType"], body["requirements"]) == ("LUGGAGE", "LISTING")
    selectors = {"marketplace_id": US, "language_tag": "en_US"}
    assert body["attributes"]["item_name"] == [
        {**selectors, "value": "Voltix Hardside Carry-On Spinner, 55 cm, Navy"}
    ]
    assert body["attributes"]["manufacturer"] == [{**selectors, "value": "Voltix Travel Co., Ltd."}]
    assert "product_type" not in body["attributes"]  # the body's productType carries it
    # `brand` is no attribute of this LUGGAGE definition: it goes as the template wrote it.
    assert body["attributes"]["brand"] == [{"value": "Voltix"}]


def clr(path: Path, rows: list[list[str]]) -> Path:
    """A US Category Listing Report of LUGGAGE listings (layout: ../data/amazon/flat-file/SOURCES.md)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Template"
    sheet.append([f"settings=contentLanguageTag=en_US&primaryMarketplaceId=amzn1.mp.o.{US}"])
    sheet.append(["Fill in each row; required fields are marked."])
    sheet.append(["Listing Identity", "", "", "", "Product Details"])
    sheet.append(["SKU", "Product Type", "Item Name", "Manufacturer", "Contains Batteries?"])
    where = f"[marketplace_id={US}]"
    sheet.append(
        [
            "contribution_sku#1.value",
            "product_type#1.value",
            f"item_name{where}[language_tag=en_US]#1.value",
            f"manufacturer{where}[language_tag=en_US]#1.value",
            f"contains_batteries{where}#1.value",
        ]
    )
    sheet.append(["ABC123", "LUGGAGE", "Example item name", "Example manufacturer", "No"])
    for row in rows:
        sheet.append(row)
    book.create_sheet("Data Definitions")
    book.save(path)
    return path


def test_a_category_listing_reports_cells_are_typed_by_the_definition(config, standin, tmp_path):
    report = clr(
        tmp_path / "Category Listing Report.xlsx",
        [["VX-LUG-31", "LUGGAGE", "Voltix Cabin Backpack 40 L", "Voltix Travel Co., Ltd.", "No"]],
    )

    result = preview(config, report, *DEFINITION, "--select", "LST-023", "-o", tmp_path / "r.txt")

    assert result.exit_code == 0, result.output
    [request] = standin.previewed
    attributes = request["body"]["attributes"]
    assert attributes["contains_batteries"] == [{"marketplace_id": US, "value": False}]
    assert attributes["item_name"] == [
        {"marketplace_id": US, "language_tag": "en_US", "value": "Voltix Cabin Backpack 40 L"}
    ]


def test_what_cannot_be_previewed_is_named_and_listed_in_the_report(config, standin, tmp_path):
    out = tmp_path / "out"
    result = preview(
        config, FLAT, ALL_LISTINGS, API_ITEM, "--marketplace", "US", "--select", "LST-023",
        "--format", "json", "--format", "md", "-o", out,
    )  # fmt: skip

    # Only the Listings Items API listing, in Amazon's shape already, was sent: the flat
    # file's cells need their definition, and an All Listings report has no attributes.
    assert [s["sku"] for s in standin.previewed] == ["LS-BLOCKS-01"]
    assert result.exit_code == 0, result.output  # nothing due failed: no exit 3
    assert (
        "VX-LUG-21 US: not previewed: an inventory flat file writes every value as text, and "
        "only the definition says which Amazon reads as numbers and which items take a "
        "marketplace and a language: add Amazon's definition of LUGGAGE for US to the "
        "inputs (auditor fetch --reports product-types)"
    ) in result.stderr
    assert "not previewed: no attributes: an All Listings report carries none" in result.stderr
    report = report_of(out / "report.json")
    [document] = [i for i in report["run"]["inputs"] if i["path"] == "preview/preview-US.json"]
    reasons = [r["reason"] for r in document["rejected"]]
    assert "VX-LUG-22: not previewed: an inventory flat file writes every value" in reasons[1]
    assert reasons[1].endswith("(Flat.File.Luggage.us.txt row 5)")
    written = report_of(out / "preview" / "preview-US.json")["listings"]
    assert len(reasons) == len(written) - 1 > 3  # every listing but the one sent


def test_a_throttled_preview_is_waited_out_and_the_calls_are_paced(
    config, standin, environ, patience, fake_time, tmp_path
):
    standin.throttle("putListingsItem", times=1)
    options = api.Options.resolve(config, select=["LST-023"], no_history=True, store="acme-us")

    run = preview_store(
        list(LUGGAGE), options, "acme-us", folder=tmp_path / "p", environ=environ,
        patience=patience,
    )  # fmt: skip

    assert [o.status for o in run.preview.outcomes] == ["VALID", "INVALID", "VALID"]
    assert standin.calls["putListingsItem"] == 4  # the throttled call, tried again
    # The 429: at least the first back-off (2 s, over 1/5 s at its stated 5 a second);
    # then the calls 1/5 s apart, the rate Amazon's answers state.
    assert fake_time.slept == pytest.approx([2.0, 0.2, 0.2])
    assert run.exit_code == 1


def test_a_listing_amazon_refuses_does_not_stop_the_others(config, standin, tmp_path):
    standin.preview_errors["VX-LUG-21"] = (
        400,
        {"code": "InvalidInput", "message": "Invalid input", "details": "sku"},
    )
    out = tmp_path / "out"

    result = preview(
        config, *LUGGAGE, "--select", "LST-023", "--format", "json", "-o", out / "r.json"
    )

    assert result.exit_code == 3, result.output  # partial: 3 wins over the findings' 1
    assert [s["sku"] for s in standin.previewed] == SKUS
    assert (
        "VX-LUG-21 US: not previewed: putListingsItem answered HTTP 400: InvalidInput: "
        "Invalid input (sku)"
    ) in result.stderr
    report = report_of(out / "r.json")
    assert [f["entity"]["sku"] for f in report["findings"]] == ["VX-LUG-22"]
    manifest = report_of(out / "preview" / "fetch.json")
    assert manifest["files"][0]["error"] == "1 of 3 listings not previewed"


def test_a_refused_access_is_not_tried_for_every_listing(config, standin, tmp_path):
    standin.preview_errors["VX-LUG-21"] = (
        403,
        {"code": "Unauthorized", "message": "Access to requested resource is denied."},
    )

    result = preview(config, *LUGGAGE, "--select", "LST-023", "-o", tmp_path / "report.txt")

    assert result.exit_code == 3
    assert standin.calls["putListingsItem"] == 1
    assert "VX-LUG-22 US: not previewed: not sent: Amazon refused the access" in result.stderr


def test_limit_bounds_the_listings_sent_and_says_so(config, standin, tmp_path):
    out = tmp_path / "out"
    result = preview(config, *LUGGAGE, "--limit", "2", "--select", "LST-023", "--format", "json",
                     "-o", out / "r.json")  # fmt: skip

    assert result.exit_code == 1, result.output  # the limit is the user's: no exit 3
    assert [s["sku"] for s in standin.previewed] == SKUS[:2]
    assert "1 more listings could have been previewed: --limit 2 sent the first 2" in result.stderr
    document = report_of(out / "preview" / "preview-US.json")
    assert document["listings"][2] == {
        "sku": "VX-LUG/23 Grey",
        "source": {"file": "Flat.File.Luggage.us.txt", "row": 6},
        "notPreviewed": "not sent: over --limit 2",
    }


def test_no_secret_reaches_the_output_or_a_file(config, standin, tmp_path):
    # A server that quotes the request's token back in its error must not get it written.
    standin.preview_errors["VX-LUG-21"] = (
        400,
        {"code": "InvalidInput", "message": f"token {standin.access_token} is not valid here"},
    )
    out = tmp_path / "out"

    result = preview(config, *LUGGAGE, "--format", "json", "--format", "html", "-o", out)

    assert result.exit_code == 3, result.output
    assert "token *** is not valid here" in result.stderr
    written = [p.read_bytes() for p in out.rglob("*") if p.is_file()]
    assert len(written) == 4  # two reports, the preview document and its manifest
    for secret in standin.secrets():
        assert secret not in result.output + result.stderr
        assert not any(secret.encode() in data for data in written), secret


def test_issues_come_in_the_language_asked_for(config, standin, tmp_path):
    result = preview(
        config, *LUGGAGE, "--select", "LST-023", "--lang", "zh", "-o", tmp_path / "r.txt"
    )

    assert {s["query"]["issueLocale"][0] for s in standin.previewed} == {"zh_CN"}
    assert "预览 US：亚马逊答复 3 条（1 INVALID, 2 VALID），问题 1 个；未预览 0 条" in result.stderr


def test_a_new_preview_replaces_the_answers_of_the_last(config, standin, tmp_path):
    out = tmp_path / "out"
    first = preview(
        config, *LUGGAGE, "--select", "LST-023", "--format", "json", "-o", out / "r.json"
    )
    assert first.exit_code == 1
    standin.preview_issues.clear()  # VX-LUG-22 was fixed, so Amazon now answers VALID

    second = preview(
        config, *LUGGAGE, "--select", "LST-023", "--format", "json", "-o", out / "r.json"
    )

    assert second.exit_code == 0, second.output
    assert report_of(out / "r.json")["findings"] == []
    assert sorted(p.name for p in (out / "preview").iterdir()) == ["fetch.json", "preview-US.json"]


def test_without_output_the_answers_go_beside_a_fetch_of_the_day(
    config, standin, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)

    result = preview(config, *LUGGAGE, "--select", "LST-023")

    assert result.exit_code == 1, result.output
    [folder] = (tmp_path / "auditor-data" / "acme-us").iterdir()
    assert sorted(p.name for p in (folder / "preview").iterdir()) == [
        "fetch.json",
        "preview-US.json",
    ]
    assert "LST-023" in result.stdout  # the report itself, as `audit` prints it


def test_a_missing_variable_stops_before_anything_is_sent(config, standin, tmp_path, monkeypatch):
    monkeypatch.delenv("ACME_NA_REFRESH_TOKEN")

    result = preview(config, *LUGGAGE, "-o", tmp_path / "report.txt")

    assert result.exit_code == 2
    assert "ACME_NA_REFRESH_TOKEN (stores.acme-us.sp_api.refresh_token)" in result.stderr
    assert standin.calls == {}


def test_the_guard_refuses_every_host_but_this_one(loopback_only):
    with pytest.raises(OSError, match="the test refuses"):
        socket.create_connection(("sellingpartnerapi-na.amazon.com", 443), timeout=1)
    assert loopback_only == ["sellingpartnerapi-na.amazon.com"]
    loopback_only.clear()  # seen: the guard works, and this test passes


def test_with_nothing_to_send_amazon_is_not_called_at_all(config, standin, tmp_path):
    result = preview(config, FLAT, "--select", "LST-023", "-o", tmp_path / "report.txt")

    assert result.exit_code == 0, result.output
    assert standin.calls == {}  # not even for a token
    assert "preview US: 0 answered by Amazon (-), issues: 0; not previewed: 3" in result.stderr


def test_the_standin_fails_a_request_that_could_create_a_listing(sp_api_standin, patience):
    from auditor.fetch.sp_api import SpApi

    client = SpApi(sp_api_standin.access(), patience)
    with pytest.raises(CallFailed):  # no mode: a real submission
        client._json(
            "putListingsItem",
            lambda: client._listings.put_listings_item_with_http_info(
                "A1EXAMPLESELLER", "VX-LUG-21", [US], {"productType": "LUGGAGE", "attributes": {}},
                **client._raw(),
            ),
        )  # fmt: skip
    with pytest.raises(AssertionError, match="would create a listing"):
        sp_api_standin.server.check_assertions()
    sp_api_standin.server.clear_assertions()

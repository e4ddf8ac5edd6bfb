"""No silent pass: a pre-launch audit of the files a seller really has.

The store of `data/stores/prelaunch-us/` is a US inventory flat file with a products
and a documents register: the products most likely to be removed (a plush toy with no
CPC, a lithium power bank without its transport documents, cotton towels made in China
with no UFLPA evidence) must fail, and without the registers be `unknown`, never left out.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import AS_OF, DATA

from auditor import api
from auditor.cli import main
from auditor.model.common import Severity

STORE = DATA / "stores" / "prelaunch-us"
FLAT_FILE = STORE / "Flat.File.Home.us.txt"


def outcomes(report: dict, *rules: str) -> dict[tuple[str, str], str]:
    """(rule, sku) -> the worst outcome among the rule's findings for that SKU."""
    rank = {"unknown": 0, "warn": 1, "fail": 2}
    found: dict[tuple[str, str], str] = {}
    for f in report["findings"]:
        if f["rule_id"] in rules:
            key = (f["rule_id"], f["entity"]["sku"])
            if rank[f["outcome"]] >= rank.get(found.get(key, ""), -1):
                found[key] = f["outcome"]
    return found


def audit(*paths: Path, **options) -> dict:
    opts = api.Options(as_of=AS_OF, select=["CMP-"], **options)
    return api.audit(list(paths), opts).report


def test_the_flat_file_names_its_marketplace_for_every_row():
    report = audit(FLAT_FILE)

    (flat,) = report["run"]["inputs"]
    assert flat["marketplace"] == "US"
    not_applicable = {
        n["rule_id"]: n["reason"] for n in report["summary"]["coverage"]["not_applicable"]
    }
    assert "CMP-009" not in not_applicable  # US rules apply: the rows have a marketplace
    assert all("marketplace column" not in reason for reason in not_applicable.values())


def test_the_flat_file_and_registers_fail_the_products_most_likely_to_be_removed():
    report = audit(STORE)

    found = outcomes(report, "CMP-008", "CMP-009", "CMP-014")
    assert found[("CMP-009", "LS-PLUSH-TB")] == "fail"  # a toy with no CPC
    assert found[("CMP-014", "VX-PB-10K")] == "fail"  # no UN 38.3 summary nor SDS
    assert found[("CMP-008", "HN-TOWEL-4")] == "fail"  # `China` in the flat file is CN
    clean = [f for f in report["findings"] if f["entity"]["sku"] == "HN-BOT-750"]
    assert clean == []  # the Vietnamese Tritan bottle


def test_the_flat_file_alone_is_unknown_for_those_products_never_nothing():
    report = audit(FLAT_FILE)

    found = outcomes(report, "CMP-008", "CMP-009", "CMP-014")
    assert found[("CMP-009", "LS-PLUSH-TB")] == "unknown"
    assert found[("CMP-014", "VX-PB-10K")] == "unknown"
    assert found[("CMP-008", "HN-TOWEL-4")] == "unknown"
    cpsia = next(f for f in report["findings"] if f["rule_id"] == "CMP-009")
    assert cpsia["missing"] == ["for_children"]
    assert "products register column for_children" in cpsia["message"]
    assert report["summary"]["areas"]["compliance"]["status"] != "healthy"


def test_without_a_documents_register_the_products_in_scope_are_unknown(tmp_path):
    store = tmp_path / "store"
    store.mkdir()
    for name in ("Flat.File.Home.us.txt", "products.csv"):
        shutil.copy(STORE / name, store / name)

    report = audit(store)

    cpsia = next(f for f in report["findings"] if f["rule_id"] == "CMP-009")
    assert (cpsia["entity"]["sku"], cpsia["outcome"]) == ("LS-PLUSH-TB", "unknown")
    assert cpsia["missing"] == ["documents register"]
    assert cpsia["message"] == "Cannot decide: no documents register among the inputs."
    assert not report["summary"]["gate"]["failed"]
    gated = api.audit(
        [store], api.Options(as_of=AS_OF, select=["CMP-"], fail_on_unknown=Severity.high)
    )
    assert gated.exit_code == 1  # a pipeline that asked: what was not checked does not pass


def test_a_register_workbook_is_found_on_whichever_sheet_holds_it(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    store = tmp_path / "store"
    store.mkdir()
    shutil.copy(FLAT_FILE, store / FLAT_FILE.name)
    shutil.copy(STORE / "products.csv", store / "products.csv")
    book = openpyxl.Workbook()
    notes = book.active
    notes.title = "Notes"
    notes.append(["Documents we hold; keep expiry dates current."])
    register = book.create_sheet("Register")
    register.append(["Compliance register 2026"])  # a title line above the header
    register.append(["document_type", "identifier", "sku", "marketplace", "issued_on"])
    register.append(["cpc", "CPC-LS-2026-014", "LS-PLUSH-TB", "US", "2026-03-02"])
    book.save(store / "compliance.xlsx")

    report = audit(store)

    inputs = {Path(i["path"]).name: i for i in report["run"]["inputs"]}
    assert inputs["compliance.xlsx"]["table"] == "documents"
    assert inputs["compliance.xlsx"]["skipped"] is None
    assert ("CMP-009", "LS-PLUSH-TB") not in outcomes(report, "CMP-009")  # its CPC counted
    cpsia_rows = [f["evidence"]["source"] for f in report["findings"] if f["rule_id"] == "CMP-014"]
    assert cpsia_rows  # the power bank still fails: the register holds no UN 38.3 summary


def test_a_file_named_on_the_command_line_that_yields_nothing_is_an_error(tmp_path):
    price_list = tmp_path / "supplier-prices.csv"
    price_list.write_text("item,unit cost\nbear,3.10\n", encoding="utf-8")

    result = CliRunner().invoke(main, ["audit", str(FLAT_FILE), str(price_list)])

    assert result.exit_code == 2
    assert "supplier-prices.csv" in result.output
    assert "could not be read" in result.output
    assert "Traceback" not in result.output


def test_registers_kept_by_a_chinese_team_read_as_well_as_english_ones():
    """GBK, Chinese headers, 是/否, 中国/中国大陆/越南 and 2026年5月1日 (data/stores/prelaunch-us-zh)."""
    report = audit(DATA / "stores" / "prelaunch-us-zh")

    inputs = {Path(i["path"]).suffix: i for i in report["run"]["inputs"] if i["table"]}
    assert {i["encoding"] for i in inputs.values() if i["format"] == "csv"} == {"gb18030"}
    assert all(i["rows_rejected"] == 0 for i in inputs.values())
    english = outcomes(audit(STORE), "CMP-008", "CMP-009", "CMP-014")
    chinese = outcomes(report, "CMP-008", "CMP-009", "CMP-014")
    assert chinese == {k: v for k, v in english.items() if k[0] != "CMP-009"}  # CPC on record
    cpc = [f for f in report["findings"] if f["rule_id"] == "CMP-019"]
    assert cpc == []  # issued 2026年5月1日, valid until 2027/5/1: not expiring within 60 days


def test_inspect_and_the_audit_agree_on_the_marketplace_a_file_names():
    from auditor.api import inspect_files

    (seen,) = inspect_files([FLAT_FILE], marketplace="DE")
    report = audit(FLAT_FILE, marketplace="DE")  # the option fills only rows without one

    assert seen["marketplace"] == "US"
    assert {f["entity"]["marketplace"] for f in report["findings"]} == {"US"}


def test_a_sku_the_products_register_does_not_hold_is_named_as_such(tmp_path):
    store = tmp_path / "store"
    store.mkdir()
    shutil.copy(FLAT_FILE, store / FLAT_FILE.name)
    rows = (STORE / "products.csv").read_text(encoding="utf-8").splitlines()
    (store / "products.csv").write_text(
        "\n".join(r for r in rows if not r.startswith("LS-PLUSH-TB")) + "\n", encoding="utf-8"
    )

    report = audit(store)

    cpsia = next(f for f in report["findings"] if f["rule_id"] == "CMP-009")
    assert (cpsia["entity"]["sku"], cpsia["outcome"]) == ("LS-PLUSH-TB", "unknown")
    assert "the products register has no row for this SKU (for_children)" in cpsia["message"]

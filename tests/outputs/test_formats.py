"""The csv, xlsx and junit formats: what a spreadsheet or a CI makes of them."""

from __future__ import annotations

import copy
import csv
import io
import json
import xml.etree.ElementTree as ET
import zipfile

import openpyxl
import pytest
from conftest import AS_OF, demo_report
from jsonschema import Draft202012Validator

from auditor import audit
from auditor.api import Options
from auditor.model.common import Language
from auditor.outputs import render as render_module
from auditor.outputs.i18n import format_date, format_number, translate
from auditor.outputs.render import FORMATS, render, to_json
from auditor.outputs.rows import COLUMNS, neutralise
from auditor.packs.schema import schemas


@pytest.fixture(scope="module")
def report():
    """The demo store's report (audited once per process: see conftest)."""
    return demo_report()


def _finding(report, **changes):
    """The demo report with its first finding changed (entity fields go in `entity`)."""
    hostile = copy.deepcopy(report)
    finding = hostile["findings"][0]
    for key, value in changes.items():
        if key in ("sku", "asin", "title", "marketplace"):
            finding["entity"][key] = value
        else:
            finding[key] = value
    hostile["findings"] = [finding]
    return hostile


def _csv_rows(text: str) -> list[list[object]]:
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), quoting=csv.QUOTE_NONNUMERIC))


# --- csv ---------------------------------------------------------------------------


def test_csv_is_utf8_with_bom_and_one_row_per_finding(report):
    text = render(report, "csv", "zh")
    assert isinstance(text, str)
    assert text.encode("utf-8").startswith(b"\xef\xbb\xbf")
    rows = _csv_rows(text)
    assert rows[0][:4] == ["SKU", "ASIN", "站点", "商品名称"]
    not_checked = report["summary"]["coverage"]["not_checked"]
    assert len(rows) == len(report["findings"]) + len(not_checked) + 1
    status = rows[0].index("结果")
    assert [r[status] for r in rows[-len(not_checked) :]] == ["未检查"] * len(not_checked)
    assert "\r\n" in text  # RFC 4180 line ends, as Excel writes them
    english = _csv_rows(render(report, "csv", "en"))
    assert english[0] == [
        "sku", "asin", "marketplace", "title", "entity", "area", "rule", "rule_name",
        "severity", "outcome", "detail", "observed", "limit", "headroom", "missing", "message", "fix",
        "fingerprint",
    ]  # fmt: skip
    assert len(english[0]) == len(COLUMNS)


@pytest.mark.parametrize(
    "value",
    ['=HYPERLINK("http://evil","x")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "\tx", "\rx"],
)
def test_csv_neutralises_formulas_in_every_text_cell(report, value):
    hostile = _finding(report, title=value, sku=value, message=value, detail=value, observed=value)
    row = dict(zip(COLUMNS, _csv_rows(render(hostile, "csv", "en"))[1], strict=True))
    for column in ("title", "sku", "message", "detail", "observed"):
        assert row[column] == "'" + value


def test_csv_leaves_numbers_alone(report):
    hostile = _finding(report, observed=-0.5, limit=-3)
    row = dict(zip(COLUMNS, _csv_rows(render(hostile, "csv", "en"))[1], strict=True))
    assert row["observed"] == -0.5 and row["limit"] == -3  # unquoted: numbers
    assert neutralise("-0.5") == "-0.5" and neutralise("+1e-3") == "+1e-3"
    assert neutralise(-0.5) == -0.5
    assert neutralise("-0.5 off") == "'-0.5 off"


def test_csv_keeps_leading_zero_identifiers_as_text(report):
    hostile = _finding(report, sku="00123", asin="B000012345", observed="012345678905")
    text = render(hostile, "csv", "en")
    assert '"00123"' in text and '"012345678905"' in text
    row = dict(zip(COLUMNS, _csv_rows(text)[1], strict=True))
    assert row["sku"] == "00123" and row["observed"] == "012345678905"


def test_a_real_audit_keeps_leading_zeros_and_neutralises_a_hostile_title(tmp_path):
    (tmp_path / "listings.csv").write_text(
        "sku,asin,marketplace,title,brand,product_id,product_id_type\n"
        '00123,B0C1234567,US,"=HYPERLINK(""http://x"") Speaker",Vexon,012345678906,UPC\n',
        encoding="utf-8",
    )
    result = audit([tmp_path], Options(as_of=AS_OF, select=["LST-018"]))
    row = dict(zip(COLUMNS, _csv_rows(render(result.report, "csv", "en"))[1], strict=True))
    assert row["sku"] == "00123" and row["observed"] == "012345678906"
    assert row["title"] == '\'=HYPERLINK("http://x") Speaker'
    sheet = _workbook(render(result.report, "xlsx", "en"))["Listings"]
    assert sheet["A2"].value == "00123" and sheet["A2"].number_format == "@"
    assert sheet["L2"].value == "012345678906" and sheet["L2"].data_type == "s"
    assert sheet["D2"].value.startswith("=HYPERLINK") and sheet["D2"].data_type == "s"


# --- xlsx --------------------------------------------------------------------------


def _workbook(content):
    assert isinstance(content, bytes)
    return openpyxl.load_workbook(io.BytesIO(content))


def test_xlsx_has_a_summary_and_one_sheet_per_area(report):
    book = _workbook(render(report, "xlsx", "en"))
    areas = list(report["summary"]["areas"])
    assert book.sheetnames[0] == "Summary" and book.sheetnames[1 : 1 + len(areas)] == [
        translate(a, "en") for a in areas
    ]
    skus = report["summary"].get("skus")
    assert len(book.sheetnames) == 1 + len(areas) + (1 if skus else 0)
    if skus:  # per-listing scores, worst first, as the report lists them
        sheet = book["SKUs"]
        assert sheet.max_row == len(skus) + 1
        assert [c.value for c in sheet[2]][:2] == [skus[0]["sku"], skus[0]["asin"]]
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref and sheet.auto_filter.ref.startswith("A1:")
    summary = book["Summary"]
    assert [c.value for c in summary[1]][:3] == ["Area", "Score", "Status"]
    assert summary["B2"].value == report["summary"]["score"]
    listings = book["Listings"]
    listed = [f for f in report["findings"] if f["area"] == "listing"]
    assert listings.max_row == len(listed) + 1
    assert _workbook(render(report, "xlsx", "zh")).sheetnames[:2] == [
        "概览",
        translate(areas[0], "zh"),
    ]


def test_xlsx_keeps_identifiers_as_text_and_never_writes_a_formula(report):
    hostile = _finding(report, sku="00123", title="=1+1", observed="012345678905", limit=0.5)
    book = _workbook(render(hostile, "xlsx", "en"))
    sheet = book[
        book.sheetnames[1 + list(report["summary"]["areas"]).index(hostile["findings"][0]["area"])]
    ]
    cells = {h.value: c for h, c in zip(sheet[1], sheet[2], strict=True)}
    assert cells["sku"].value == "00123" and cells["sku"].number_format == "@"
    assert cells["sku"].data_type == "s"
    assert cells["title"].value == "=1+1" and cells["title"].data_type == "s"
    assert cells["observed"].value == "012345678905" and cells["observed"].data_type == "s"
    assert cells["limit"].value == 0.5 and cells["limit"].data_type == "n"


# --- junit -------------------------------------------------------------------------


def test_junit_has_a_case_per_finding_and_per_rule_passes(report):
    root = ET.fromstring(render(report, "junit", "en").encode("utf-8"))
    cases = root.findall(".//testcase")
    outcomes = report["summary"]["coverage"]["outcomes"]
    fails = sum(f["outcome"] == "fail" for f in report["findings"])
    unknowns = sum(f["outcome"] == "unknown" for f in report["findings"])
    passing_rules = sum(1 for r in report["summary"]["rules"] if r["outcomes"]["pass"])
    not_applicable = len(report["summary"]["coverage"]["not_applicable"])
    not_checked = len(report["summary"]["coverage"]["not_checked"])
    assert len(cases) == len(report["findings"]) + passing_rules + not_applicable + not_checked
    assert len(root.findall(".//failure")) == fails == int(root.get("failures"))
    assert len(root.findall(".//skipped")) == unknowns + not_applicable + not_checked
    assert outcomes["fail"] <= fails  # an entity failing on several details has several cases
    assert len({(c.get("classname"), c.get("name")) for c in cases}) == len(cases)
    odr = [c for c in cases if c.get("name") == "HLT-001 order-defect-rate · DE · mfn · 60d"]
    assert odr and odr[0].find("failure").get("type") == "critical/fail"


def test_junit_warns_fail_only_when_strict(report):
    strict = copy.deepcopy(report)
    strict["summary"]["gate"]["strict"] = True
    root = ET.fromstring(render(strict, "junit", "en").encode("utf-8"))
    gating = sum(f["outcome"] in ("fail", "warn") for f in report["findings"])
    assert len(root.findall(".//failure")) == gating


def test_junit_escapes_data_and_shows_what_xml_cannot_hold(report):
    hostile = _finding(report, message='<script>alert("x")</script> & \x07bell', sku="<b>")
    text = render(hostile, "junit", "zh")
    assert "<script>" not in text and "&lt;script&gt;" in text and "\x07" not in text
    root = ET.fromstring(text.encode("utf-8"))
    failure = root.find(".//failure")
    assert failure is not None and failure.text == '<script>alert("x")</script> & ␇bell'


# --- shared ------------------------------------------------------------------------


def test_every_format_renders_a_report_without_the_keys_the_contract_lets_it_lack(report):
    """The contract (auditor/model/report.py) lets a report lack its metrics and rules
    sections, and a finding its missing fields, codes, headroom and entity details: every
    format renders such a report, which the published schema accepts."""
    bare = json.loads(to_json(report))
    for key in ("schema_version", "metrics", "rules"):
        del bare[key]
    for finding in bare["findings"]:
        for key in ("missing", "undecided", "headroom"):
            finding.pop(key, None)
        finding["entity"] = {"type": finding["entity"]["type"]}
    assert list(Draft202012Validator(schemas()["report"]).iter_errors(bare)) == []

    for fmt in FORMATS:
        assert render(bare, fmt, "zh")


def test_dates_and_numbers_for_the_language():
    assert format_date("2026-11-27", "en") == "Nov 27, 2026"
    assert format_date("2026-11-27", "zh") == "2026年11月27日"
    assert format_number(1234567, "en") == format_number(1234567, "zh") == "1,234,567"
    assert format_number(56.6, "en") == "56.6" and format_number(None, "zh") == "—"


def test_chinese_report_messages_are_chinese():
    report = demo_report(Language.zh.value)
    text = render(report, "csv", "zh")
    assert "订单缺陷率" in text and "严重" in text


def test_colour_only_when_asked(report, monkeypatch):
    monkeypatch.setattr(render_module, "MAX_LISTED", 3)
    plain = render(report, "table", "en")
    coloured = render(report, "table", "en", color=True)
    assert "\x1b[" not in plain and "\x1b[1;31m" in coloured
    assert "\x1b[" not in render(report, "md", "en", color=True)


def test_the_same_audit_gives_the_same_xlsx_bytes(report):
    import time

    first = render(report, "xlsx", "en")
    time.sleep(1.1)  # the zip entries' times have a resolution of two seconds at most
    assert render(report, "xlsx", "en") == first
    assert b"2026-11-27T00:00:00Z" in zipfile.ZipFile(io.BytesIO(first)).read("docProps/core.xml")

"""The SP-API Sales and Traffic report (JSON), read as the Business Report CSV is read."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from conftest import DATA, column

from auditor import api
from auditor.ingest.read import read_file
from auditor.ingest.result import FileResult
from auditor.model.config import Config

FILES = DATA / "amazon" / "sales-traffic"
REPORT = FILES / "sales-traffic-UK.json"
BAD_ROWS = FILES / "sales-traffic-bad-rows-UK.json"
#: The Business Report CSV download holding the same ASINs and figures as REPORT.
CSV = DATA / "amazon" / "business-report" / "BusinessReport-UK-11-26-26.csv"


def read(path: Path, marketplace: str | None = None) -> FileResult:
    return read_file(path, path.name, marketplace)


def write(tmp_path: Path, report: dict[str, Any], name: str = "sales-traffic.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(report), encoding="utf-8")
    return path


def report() -> dict[str, Any]:
    """A copy of REPORT to change."""
    data: dict[str, Any] = json.loads(REPORT.read_text(encoding="utf-8"))
    return data


def test_a_report_by_sku_fills_sales_traffic_per_child_asin() -> None:
    result = read(REPORT)

    assert (result.format, result.table) == ("sp-api-sales-traffic", "sales_traffic")
    assert column(result, "asin") == ["B0C7HJ2K4M", "B0C7HJ9X2P"]
    assert column(result, "parent_asin") == ["B0C7HJ2K4M", "B0C7HJ9X2P"]
    assert column(result, "sku") == ["0001-BT", "0002-BT"]
    assert column(result, "sessions") == [1204, 408]  # browser and mobile app, not the B2B 12
    assert column(result, "page_views") == [1588, 530]
    assert column(result, "units_ordered") == [87, 21]
    assert column(result, "order_items") == [85, 21]
    assert column(result, "ordered_sales") == [1912.13, 1049.79]
    assert column(result, "currency") == ["GBP", "GBP"]
    # Amazon writes 98.90 (a percentage); stored as the CSV reader stores 98.90%.
    assert column(result, "buy_box_share") == [0.989, 0.951]
    assert column(result, "unit_session_share") == [0.0723, 0.0515]
    assert result.rejected == []


def test_the_marketplace_is_the_report_s_own_and_wins_over_the_default() -> None:
    result = read(REPORT, "DE")

    assert column(result, "marketplace") == ["UK", "UK"]


def test_without_a_marketplace_id_the_rows_take_the_default(tmp_path: Path) -> None:
    data = report()
    del data["reportSpecification"]["marketplaceIds"]

    assert column(read(write(tmp_path, data), "DE"), "marketplace") == ["DE", "DE"]


def test_an_unknown_marketplace_id_is_a_warning_and_the_default_fills_it(tmp_path: Path) -> None:
    data = report()
    data["reportSpecification"]["marketplaceIds"] = ["A0NOSUCHMARKET"]

    result = read(write(tmp_path, data), "UK")

    assert column(result, "marketplace") == ["UK", "UK"]
    assert any("marketplace the tool does not know" in w for w in result.warnings)
    assert not any("A0NOSUCHMARKET" in w for w in result.warnings)


def test_the_b2b_figures_splits_and_daily_totals_are_listed_as_unmapped() -> None:
    unmapped = read(REPORT).unmapped

    assert "trafficByAsin.sessionsB2B" in unmapped
    assert "trafficByAsin.browserSessions" in unmapped
    assert "salesByAsin.orderedProductSalesB2B" in unmapped
    assert "salesAndTrafficByDate" in unmapped
    assert "trafficByAsin.sessions" not in unmapped


# --- the same figures as the Business Report CSV ------------------------------------------

#: Columns the JSON report does not carry: the CSV names each ASIN's title, Amazon's
#: report does not; `_file` and `_row` say where a row came from.
NOT_COMPARED = ["title", "_file", "_row"]


def test_the_report_and_the_csv_download_give_the_same_canonical_rows() -> None:
    from_json = read(REPORT).frame
    from_csv = read(CSV).frame  # its 4th row (sessions n/a) is rejected; REPORT lacks it
    assert from_json is not None and from_csv is not None

    pd.testing.assert_frame_equal(
        from_json.drop(columns=NOT_COMPARED), from_csv.drop(columns=NOT_COMPARED)
    )
    assert column(read(CSV), "title")[0].startswith("Soundwave Mini")
    assert column(read(REPORT), "title") == [None, None]


def _findings(path: Path) -> list[dict[str, Any]]:
    """The audit's findings of one file, without what names the file or the row in it and
    the title only the CSV has. SAL-001's floor is raised so that both ASINs are judged
    on their Buy Box share (one warns, one fails), beside SAL-003's conversion."""
    options = api.Options.resolve()
    options.as_of = dt.date(2026, 11, 27)
    options.config = Config.model_validate(
        {"overrides": {"SAL-001": {"check": {"fail": {"lt": 0.96}, "warn": {"lt": 0.99}}}}}
    )
    findings = copy.deepcopy(api.audit([path], options).report["findings"])
    for finding in findings:
        finding["entity"].pop("title")
        finding["evidence"].pop("source")
    return findings


def test_an_audit_of_the_report_finds_what_an_audit_of_the_csv_finds() -> None:
    from_json, from_csv = _findings(REPORT), _findings(CSV)

    assert from_json == from_csv
    assert sorted((f["rule_id"], f["outcome"]) for f in from_json) == [
        ("SAL-001", "fail"),
        ("SAL-001", "warn"),
        ("SAL-003", "warn"),
        ("SAL-003", "warn"),
    ]


# --- rows and reports that are not read -----------------------------------------------------


def test_an_entry_without_its_sku_or_with_a_count_that_is_no_number_is_rejected() -> None:
    result = read(BAD_ROWS)

    assert column(result, "asin") == ["B0C7HJ2K4M"]
    assert [(r.row, r.column, r.reason) for r in result.rejected] == [
        (
            2,
            "sku",
            "salesAndTrafficByAsin #2: no sku, though the report is by SKU (asinGranularity SKU)",
        ),
        (3, "sessions", "salesAndTrafficByAsin #3: trafficByAsin.sessions 'n/a' is not a number"),
    ]
    assert (result.rows_read, result.rows_used) == (3, 1)


def test_a_report_by_child_asin_has_no_sku_and_is_read_without_one(tmp_path: Path) -> None:
    data = report()
    data["reportSpecification"]["reportOptions"]["asinGranularity"] = "CHILD"
    for entry in data["salesAndTrafficByAsin"]:
        del entry["sku"]

    result = read(write(tmp_path, data))

    assert column(result, "asin") == ["B0C7HJ2K4M", "B0C7HJ9X2P"]
    assert column(result, "sku") == [None, None]
    assert result.rejected == []


@pytest.mark.parametrize(
    ("change", "where", "reason"),
    [
        (
            lambda e: e.pop("childAsin"),
            "asin",
            "no childAsin: the entry names no child ASIN",
        ),
        (
            lambda e: e["salesByAsin"].update(unitsOrdered=1.5e400),
            "units_ordered",
            "salesByAsin.unitsOrdered inf is not a finite number",
        ),
        (
            lambda e: e["trafficByAsin"].update(buyBoxPercentage="98.9%"),
            "buy_box_share",
            "trafficByAsin.buyBoxPercentage '98.9%' is not a number",
        ),
        (
            lambda e: e["trafficByAsin"].update(pageViews=[1]),
            "page_views",
            "trafficByAsin.pageViews a list is not a number",
        ),
        (
            lambda e: e["salesByAsin"]["orderedProductSales"].update(amount="£1.00"),
            "ordered_sales",
            "salesByAsin.orderedProductSales.amount '£1.00' is not a number",
        ),
        (
            lambda e: e.update(trafficByAsin=7),
            None,
            "trafficByAsin is not an object",
        ),
        (lambda e: e.update(childAsin=12), "asin", "childAsin is not text"),
    ],
    ids=["no-child", "infinite", "percent-text", "list", "amount-text", "traffic", "asin-number"],
)
def test_an_entry_the_reader_cannot_read_is_rejected_with_its_number_and_reason(
    tmp_path: Path, change: Any, where: str | None, reason: str
) -> None:
    data = report()
    change(data["salesAndTrafficByAsin"][1])
    path = tmp_path / "sales-traffic.json"
    path.write_text(json.dumps(data).replace("Infinity", "1e400"), encoding="utf-8")

    result = read(path)

    assert column(result, "asin") == ["B0C7HJ2K4M"]
    [rejected] = result.rejected
    assert (rejected.row, rejected.column, rejected.reason) == (
        2,
        where,
        f"salesAndTrafficByAsin #2: {reason}",
    )


def test_a_count_is_a_whole_number_and_1204_0_is_one(tmp_path: Path) -> None:
    data = report()
    data["salesAndTrafficByAsin"][0]["trafficByAsin"]["sessions"] = 1204.0
    data["salesAndTrafficByAsin"][1]["trafficByAsin"]["sessions"] = 408.5

    result = read(write(tmp_path, data))

    assert column(result, "sessions") == [1204]
    [rejected] = result.rejected
    assert (rejected.row, rejected.column, rejected.reason) == (
        2,
        "sessions",
        "salesAndTrafficByAsin #2: trafficByAsin.sessions 408.5 is not a whole number",
    )


def test_an_entry_naming_a_key_twice_is_rejected_without_reading_either_value(
    tmp_path: Path,
) -> None:
    text = REPORT.read_text(encoding="utf-8")
    first = text.index('"sessions": 408')
    path = tmp_path / "sales-traffic.json"
    path.write_text(text[:first] + '"sessions": 9999, ' + text[first:], encoding="utf-8")

    result = read(path)

    [rejected] = result.rejected
    assert rejected.row == 2
    assert "the key sessions appears more than once" in rejected.reason


def test_a_report_by_parent_asin_is_skipped_saying_why(tmp_path: Path) -> None:
    """Amazon's default granularity: the figures are a parent's, no child ASIN's."""
    data = report()
    data["reportSpecification"]["reportOptions"] = {"dateGranularity": "DAY"}
    for entry in data["salesAndTrafficByAsin"]:
        del entry["childAsin"], entry["sku"]

    result = read(write(tmp_path, data))

    assert result.frame is None
    assert result.skipped is not None
    assert "by parent ASIN (asinGranularity PARENT" in result.skipped
    assert "request it with asinGranularity CHILD or SKU" in result.skipped


def test_a_report_over_two_marketplaces_is_skipped(tmp_path: Path) -> None:
    data = report()
    data["reportSpecification"]["marketplaceIds"] = ["A1F83G8C2ARO7P", "A1PA6795UKMFR9"]

    result = read(write(tmp_path, data))

    assert result.skipped == (
        "a sales and traffic report over 2 marketplaces: its figures are totals across "
        "them, not one marketplace's; fetch it for one marketplace"
    )


def test_a_report_with_no_asin_entries_fills_no_rows_and_is_no_error(tmp_path: Path) -> None:
    """A store with no sales or traffic in the window: Amazon's list is empty."""
    data = report()
    data["salesAndTrafficByAsin"] = []

    result = read(write(tmp_path, data))

    assert result.skipped is None
    assert result.format == "sp-api-sales-traffic"
    assert result.rows_used == 0


def test_a_report_cut_short_is_recognised_and_skipped_saying_where_it_breaks(
    tmp_path: Path,
) -> None:
    path = tmp_path / "sales-traffic.json"
    path.write_text(REPORT.read_text(encoding="utf-8")[:3000], encoding="utf-8")

    result = read(path)

    assert result.skipped is not None
    assert result.skipped.startswith("a sales and traffic report that is damaged or cut short")


def test_recognised_by_its_shape_without_the_report_specification(tmp_path: Path) -> None:
    data = report()
    del data["reportSpecification"]

    result = read(write(tmp_path, data), "UK")

    assert result.format == "sp-api-sales-traffic"
    assert column(result, "sku") == ["0001-BT", "0002-BT"]

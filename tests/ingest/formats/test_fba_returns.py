"""The FBA customer returns report, recognised by header: the API's TSV and the page's CSV."""

from __future__ import annotations

from pathlib import Path

from conftest import DATA, column

from auditor.ingest.read import read_file
from auditor.ingest.result import FileResult

FILES = DATA / "amazon" / "fba-returns"
API = FILES / "Returns-API-US.tsv"
PAGE = FILES / "Returns-Page-JP.csv"


def read(path: Path, marketplace: str | None = None) -> FileResult:
    return read_file(path, path.name, marketplace)


def test_the_api_report_is_read_by_header() -> None:
    result = read(API, "US")

    assert (result.format, result.table) == ("fba-returns-report", "returns")
    assert [str(d.date()) for d in column(result, "return_date")] == [
        "2026-11-20",
        "2026-11-18",
        "2026-11-03",
    ]
    assert column(result, "sku") == ["0001-BT", "0001-BT", "0002-BT"]
    assert column(result, "quantity") == [1, 1, 2]
    assert column(result, "reason") == ["DEFECTIVE", "NOT_AS_DESCRIBED", "UNWANTED_ITEM"]
    assert column(result, "disposition")[1] == "CUSTOMER_DAMAGED"
    assert column(result, "fulfillment_center") == ["PHX7", "ONT8", "PHX7"]
    assert column(result, "license_plate_number")[0] == "LPNRR8830291"
    assert column(result, "customer_comments")[0] == "Left earbud gets very hot and smells of smoke"
    assert column(result, "title")[2] == "BlueTone Charging Case"


def test_a_quantity_that_is_no_number_rejects_its_row_with_the_reason() -> None:
    [rejected] = read(API, "US").rejected
    assert (rejected.row, rejected.column) == (5, "quantity")
    assert "'one'" in rejected.reason


def test_the_report_pages_headers_and_day_month_year_dates() -> None:
    """`Returned Date` written DD-MON-YYYY, `Merchant SKU`, `Customer Return Reason`; no
    comments column (the page has none)."""
    result = read(PAGE, "JP")

    assert result.format == "fba-returns-report"
    assert [str(d.date()) for d in column(result, "return_date")] == ["2026-11-27", "2026-11-15"]
    assert column(result, "sku") == ["JP-0001", "JP-0001"]
    assert column(result, "reason") == ["DEFECTIVE", "ORDERED_WRONG_ITEM"]
    assert column(result, "title")[0] == "ワイヤレスイヤホン"
    [rejected] = result.rejected
    assert (rejected.row, rejected.column) == (4, "return_date")
    assert "'31-11-2026' is not a date" in rejected.reason

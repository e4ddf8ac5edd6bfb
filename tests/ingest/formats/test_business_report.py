"""The Business Report (Detail Page Sales and Traffic by Child Item), recognised by header."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DATA, column

from auditor.ingest.read import read_file
from auditor.ingest.result import FileResult

FILES = DATA / "amazon" / "business-report"
UK = FILES / "BusinessReport-UK-11-26-26.csv"
DE = FILES / "BusinessReport-DE-11-26-26.csv"
OLD = DATA / "ingest" / "BusinessReport-11-27-26.csv"


def read(path: Path, marketplace: str | None = None) -> FileResult:
    return read_file(path, path.name, marketplace)


def test_the_current_download_with_b2b_columns_is_read_by_name() -> None:
    result = read(UK, "UK")

    assert (result.format, result.table) == ("business-report", "sales_traffic")
    assert column(result, "asin") == ["B0C7HJ2K4M", "B0C7HJ9X2P"]
    assert column(result, "sku") == ["0001-BT", "0002-BT"]
    assert column(result, "sessions") == [1204, 408]  # "1,204", not the B2B 12
    assert column(result, "units_ordered") == [87, 21]
    assert column(result, "buy_box_share") == [0.989, 0.951]
    assert column(result, "unit_session_share") == [0.0723, 0.0515]
    assert column(result, "ordered_sales") == [1912.13, 1049.79]
    assert column(result, "currency") == ["GBP", "GBP"]
    assert column(result, "marketplace") == ["UK", "UK"]
    assert "Sessions - Total - B2B" in result.unmapped


def test_a_cell_that_is_no_number_rejects_its_row_with_the_reason() -> None:
    result = read(UK, "UK")

    [rejected] = result.rejected
    assert (rejected.row, rejected.column) == (4, "sessions")
    assert "Sessions - Total 'n/a' is not a whole number" in rejected.reason
    assert (result.rows_read, result.rows_used) == (3, 2)


def test_european_numbers_and_euros() -> None:
    result = read(DE, "DE")

    assert column(result, "sessions") == [1032]
    assert column(result, "page_views") == [1377]
    assert column(result, "buy_box_share") == [pytest.approx(0.964)]
    assert column(result, "unit_session_share") == [pytest.approx(0.0426)]
    assert column(result, "ordered_sales") == [2639.56]
    assert column(result, "currency") == ["EUR"]
    assert not result.rejected


def test_the_older_seven_column_download_is_read_too() -> None:
    result = read(OLD)

    assert result.format == "business-report"
    assert column(result, "units_ordered") == [112, 18]
    # The report does not name its store: dollars are read as USD, so the store is US.
    assert column(result, "marketplace") == ["US", "US"]


def test_euros_leave_the_marketplace_to_the_default() -> None:
    assert column(read(DE), "marketplace") == [None]


GERMAN = FILES / "GeschaeftsBericht-DE-de.csv"


@pytest.mark.parametrize("dash", ["–", "-"], ids=["en-dash", "hyphen"])
def test_a_german_store_s_localised_headers_are_recognised_and_mapped(
    tmp_path: Path, dash: str
) -> None:
    path = tmp_path / GERMAN.name
    path.write_text(GERMAN.read_text(encoding="utf-8").replace("–", dash), encoding="utf-8")

    result = read(path, "DE")

    assert (result.format, result.table) == ("business-report", "sales_traffic")
    assert column(result, "parent_asin") == ["B0C7HJ2K4M", "B0C7HJ9X2P"]
    assert column(result, "asin") == ["B0C7HJ2K4M", "B0C7HJ9X2P"]
    assert column(result, "title")[0] == "Soundwave Mini Bluetooth-Lautsprecher, 10W, Schwarz"
    assert column(result, "sessions") == [1204, 408]  # not the B2B column beside it
    assert column(result, "page_views") == [1588, 530]
    assert column(result, "units_ordered") == [87, 21]
    assert column(result, "ordered_sales") == [1912.13, 1049.79]
    assert column(result, "order_items") == [85, 21]
    assert column(result, "currency") == ["EUR", "EUR"]
    assert column(result, "marketplace") == ["DE", "DE"]
    assert f"Sitzungen {dash} Summe {dash} B2B" in result.unmapped
    assert result.rejected == []


def test_a_column_given_twice_is_named_by_the_tool_s_column_and_its_positions(
    tmp_path: Path,
) -> None:
    """A report re-saved from a sheet where a column was pasted twice; the header cells'
    own spelling (here with a currency) is never quoted."""
    lines = UK.read_text(encoding="utf-8").splitlines()
    path = tmp_path / "BusinessReport.csv"
    path.write_text(
        "\n".join([lines[0] + ",Sessions - Total ($)", *(line + ",1" for line in lines[1:])]),
        encoding="utf-8",
    )

    result = read(path)

    assert result.skipped == (
        "ambiguous header: two columns map to sessions (columns 5 and "
        f"{len(lines[0].split(',')) + 1})"
    )

"""Keepa's price history export, recognised by header: one product per file (its ASIN in
the file name) or a product list (an ASIN and a Locale column). See
tests/data/keepa/SOURCES.md."""

from __future__ import annotations

from pathlib import Path

from conftest import DATA, column

from auditor.ingest.read import read_file
from auditor.ingest.result import FileResult

FILES = DATA / "keepa"
ONE_PRODUCT = FILES / "B0CTRAVL01 Voyager Carry-On Suitcase.csv"
PRODUCT_LIST = FILES / "keepa-products-de.csv"


def read(path: Path, marketplace: str | None = None) -> FileResult:
    return read_file(path, path.name, marketplace)


def on(result: FileResult, day: str, name: str) -> list[object]:
    """A column's values on one day (one per product)."""
    dates = column(result, "date")
    return [v for d, v in zip(dates, column(result, name), strict=True) if str(d)[:10] == day]


def test_one_product_s_changes_become_one_row_per_day() -> None:
    result = read(ONE_PRODUCT)

    assert (result.format, result.table) == ("keepa", "prices")
    assert result.rows_read == 7
    # 2026-08-20 to 2026-11-25: one row per day, whatever day a price changed on.
    assert len(column(result, "date")) == 98
    assert set(column(result, "asin")) == {"B0CTRAVL01"}  # from the file name
    assert set(column(result, "marketplace")) == {"US"}  # dollars: the US store
    assert set(column(result, "currency")) == {"USD"}
    assert on(result, "2026-09-05", "buy_box_price") == [84.99]
    # A blank cell is "no change": the list price of the first row holds.
    assert on(result, "2026-11-25", "list_price") == [119.99]
    assert on(result, "2026-11-25", "buy_box_price") == [149.99]
    assert "Sales Rank" in result.unmapped
    assert not result.rejected


def test_keepa_s_dash_is_no_offer_not_a_carried_price() -> None:
    result = read(ONE_PRODUCT)

    assert set(column(result, "amazon_price")) == {None}


def test_a_product_list_in_a_german_store_reads_euros_and_dotted_dates() -> None:
    result = read(PRODUCT_LIST)

    assert set(column(result, "asin")) == {"B0DEKAFFE1", "B0DETASSE2"}
    assert set(column(result, "marketplace")) == {"DE"}  # Locale "de"
    assert on(result, "2026-09-01", "buy_box_price") == [24.99]
    assert on(result, "2026-10-20", "buy_box_price") == [22.49, 12.99]
    # Both products run to the file's last day: the cup's price did not change after 11-10.
    assert on(result, "2026-11-20", "buy_box_price") == [23.99, 13.49]
    assert on(result, "2026-11-20", "amazon_price") == [None, 13.49]


def test_a_time_keepa_does_not_write_rejects_its_row(tmp_path: Path) -> None:
    path = tmp_path / "B0CTRAVL01.csv"
    path.write_text(
        "Date,Buy Box 🚚,New\n2026-11-01 10:00,$89.99,$89.99\n11/02/2026,$91.99,$91.99\n",
        encoding="utf-8",
    )

    result = read(path)

    [rejected] = result.rejected
    assert (rejected.row, rejected.column) == (3, "date")
    assert "Date '11/02/2026' is not a time as Keepa writes it" in rejected.reason
    assert column(result, "buy_box_price") == [89.99]


def test_one_product_without_an_asin_anywhere_is_skipped_with_the_reason(tmp_path: Path) -> None:
    path = tmp_path / "price-history.csv"
    path.write_text("Date,Buy Box,Amazon,New\n2026-11-01,$9.99,$9.99,$9.99\n", encoding="utf-8")

    result = read(path)

    assert result.frame is None
    assert result.skipped is not None
    assert "names its product in the file name" in result.skipped


def test_the_canonical_price_history_is_read_by_its_columns() -> None:
    result = read(DATA / "rules" / "pricing" / "price-history.csv")

    assert (result.format, result.table) == ("csv", "prices")
    assert column(result, "buy_box_seller_is_me")[:2] == [True, True]
    assert len(column(result, "sku")) == 70


def test_a_canonical_row_naming_no_product_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "prices.csv"
    path.write_text("sku,asin,date,price\n,,2026-11-01,9.99\nA-1,,2026-11-01,9.99\n")

    result = read(path, "US")

    [rejected] = result.rejected
    assert rejected.row == 2
    assert "sku and asin are blank" in rejected.reason
    assert column(result, "sku") == ["A-1"]


def test_the_xlsx_export_reads_like_the_csv(tmp_path: Path) -> None:
    """Keepa also exports XLSX: times as date cells, prices as plain numbers."""
    import datetime as dt

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Date", "Buy Box 🚚", "Amazon", "New", "List Price"])
    sheet.append([dt.datetime(2026, 11, 1, 9, 30), 19.99, None, 19.99, 24.99])
    sheet.append([dt.datetime(2026, 11, 3, 18, 0), 21.49, None, 21.49, None])
    path = tmp_path / "B0CTRAVL01.xlsx"
    book.save(path)

    result = read(path, "US")

    assert (result.format, result.table) == ("keepa", "prices")
    assert column(result, "buy_box_price") == [19.99, 19.99, 21.49]
    assert column(result, "list_price") == [24.99, 24.99, 24.99]
    assert set(column(result, "marketplace")) == {"US"}  # no sign, no Locale: --marketplace

"""The Sponsored Products search term report: CSV and XLSX downloads, recognised by header."""

from __future__ import annotations

import re
import time
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from conftest import DATA, column

from auditor.ingest.formats.amounts import money, parse_numbers, share
from auditor.ingest.read import read_file
from auditor.ingest.result import FileResult

FILES = DATA / "amazon" / "search-term-report"
XLSX = FILES / "Sponsored Products Search term report.xlsx"
DE = FILES / "sp-search-term-report-DE.csv"
US_DAILY = FILES / "sp-search-term-report-US-daily.csv"
RULES_CSV = DATA / "rules" / "advertising" / "Sponsored Products Search term report.csv"


def read(path: Path, marketplace: str | None = None) -> FileResult:
    return read_file(path, path.name, marketplace)


def test_the_console_csv_is_read_by_header_names() -> None:
    result = read(RULES_CSV)

    assert (result.format, result.table, result.skipped) == (
        "search-term-report",
        "ad_search_terms",
        None,
    )
    assert result.rows_read == result.rows_used == 6 and not result.rejected
    assert column(result, "marketplace") == ["US"] * 6  # Country: United States
    assert column(result, "spend")[:3] == [118.72, 81.6, 46.4]
    assert column(result, "impressions")[0] == 8412  # "8,412"
    assert column(result, "acos")[:3] == [0.1828, 0.3267, None]  # no sales: no ACoS
    assert column(result, "currency") == ["USD"] * 6
    assert "7 Day Advertised SKU Sales" in result.unmapped


def test_the_workbook_download_reads_the_same() -> None:
    result = read(XLSX)

    assert (result.format, result.skipped, result.rejected) == ("search-term-report", None, [])
    assert column(result, "search_term") == [
        "soundwave mini speaker",
        "jbl charge 5",
        "waterproof bluetooth speaker",
    ]
    assert column(result, "acos")[0] == pytest.approx(0.1828)  # a fraction in the cell
    # ACoS blank in the cell: spend / sales where there are sales, blank where there are none.
    assert column(result, "acos")[1] is None
    assert column(result, "acos")[2] == pytest.approx(81.6 / 249.75)
    assert column(result, "marketplace") == ["US"] * 3


def test_a_workbook_that_lists_no_sheet_is_skipped_as_not_recognised(tmp_path) -> None:
    """A damaged download whose workbook.xml lists no sheet: no header to find, no crash."""
    with zipfile.ZipFile(XLSX) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members["xl/workbook.xml"] = re.sub(rb"<sheet [^>]*/>", b"", members["xl/workbook.xml"])
    damaged = tmp_path / XLSX.name
    with zipfile.ZipFile(damaged, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)

    result = read(damaged)

    assert result.skipped == (
        "not a recognised workbook: 0 sheets, none in a layout the readers know"
    )


def test_a_workbook_2000_columns_wide_reads_in_a_second_or_two(tmp_path) -> None:
    """2,000 columns is the widest sheet the workbook limits let through: its blank rows
    were found, and its cells made text, a column at a time, twice (recognised, then
    read): 7 s. A row at a time, and only where the first cell is blank, it is ~1 s."""
    header = ["Campaign Name", "Customer Search Term", "Impressions", "Spend", "7 Day Total Sales"]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([*header, *(f"Note {n}" for n in range(1995))])
    for n in range(20):
        sheet.append(["Speakers", f"speaker {n}", 100 + n, "$1.20", "$10.00"])
        sheet.append([""] * 1999 + [" "])  # a blank row as wide as the sheet
    path = tmp_path / "search terms.xlsx"
    book.save(path)

    started = time.perf_counter()
    result = read(path, "US")

    assert time.perf_counter() - started < 4
    assert (result.format, result.rows_read, result.rejected) == ("search-term-report", 20, [])
    assert column(result, "impressions") == list(range(100, 120))
    assert len(result.unmapped) == 1995


def test_european_numbers_keep_their_currency_and_a_bad_cell_rejects_its_row() -> None:
    result = read(DE)

    assert column(result, "marketplace") == ["DE"] * 3
    assert column(result, "spend") == [26.98, 25.42, 1248.0]
    assert column(result, "sales_7d") == [119.96, 0.0, 3598.8]
    assert column(result, "acos")[0] == pytest.approx(0.2249)
    assert column(result, "impressions")[2] == 12480  # "12.480"
    assert column(result, "currency") == ["EUR"] * 3
    [rejected] = result.rejected
    assert (rejected.row, rejected.column) == (5, "clicks")
    assert "'zwölf' is not a whole number" in rejected.reason
    assert result.rows_read == 4 and result.rows_used == 3


def test_the_daily_variant_without_country_takes_the_default_marketplace() -> None:
    assert column(read(US_DAILY), "marketplace") == [None, None]
    result = read(US_DAILY, "US")
    assert column(result, "marketplace") == ["US", "US"]
    assert column(result, "orders_7d") == [1, 2]
    assert column(result, "sales_7d") == [24.99, 49.98]


def test_a_listings_csv_is_not_taken_for_a_search_term_report(tmp_path: Path) -> None:
    path = tmp_path / "search terms.csv"
    path.write_text("sku,title,search_terms\nA-1,Mug,coffee mug ceramic\n", encoding="utf-8")
    assert read(path, "US").table == "listings"


@pytest.mark.parametrize(
    ("cell", "amount", "currency"),
    [
        ("$1,234.56", 1234.56, "USD"),
        ("1.234,56 €", 1234.56, "EUR"),
        ("£12.99", 12.99, "GBP"),
        ("￥1,980", 1980.0, "JPY"),
        ("CA$ 24.99", 24.99, "CAD"),
        ("1 234,50 €", 1234.5, "EUR"),
        ("12,99", 12.99, None),
        ("0.125", 0.125, None),
        ("-$3.00", -3.0, "USD"),
    ],
)
def test_money_as_stores_write_it(cell: str, amount: float, currency: str | None) -> None:
    value, found, bad = money(pd.Series([cell]))
    assert float(value[0]) == pytest.approx(amount)
    assert (None if pd.isna(found[0]) else found[0]) == currency
    assert not bad[0]


@pytest.mark.parametrize(
    ("cell", "fraction"), [("12.5%", 0.125), ("12,5 %", 0.125), ("0.125", 0.125), ("99.80%", 0.998)]
)
def test_percentages_become_fractions(cell: str, fraction: float) -> None:
    value, bad = share(pd.Series([cell]))
    assert float(value[0]) == pytest.approx(fraction) and not bad[0]


def test_text_that_is_no_number_is_bad_never_guessed() -> None:
    parsed = parse_numbers(pd.Series(["n/a", "12 units", "", None]))
    assert parsed["bad"].tolist() == [True, True, False, False]


@pytest.mark.parametrize("cell", ["1" + " " * 60_000 + "x", "$" + " " * 60_000 + "x"])
def test_a_cell_of_60000_spaces_is_refused_at_once(cell: str) -> None:
    """The amount pattern could split a run of spaces many ways: "1", 16,000 spaces and
    "x" took 36 s to refuse, 60,000 spaces would take minutes."""
    started = time.perf_counter()
    parsed = parse_numbers(pd.Series([cell, "$ 1,234.56"]))

    assert time.perf_counter() - started < 1
    assert parsed["bad"].tolist() == [True, False]
    assert parsed["value"][1] == 1234.56

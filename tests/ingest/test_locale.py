"""Registers and listings as Chinese, Japanese and European sellers write them: countries by
name in seven languages, 是/否 booleans, year-first dates in every common form."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from conftest import DATA, column

from auditor.ingest.countries import country_code
from auditor.ingest.read import read_file
from auditor.ingest.result import FileResult

LOCALE = DATA / "ingest" / "locale"
FLAT_FILE = DATA / "amazon" / "flat-file" / "Flat.File.Speakers.de.txt"


def read(path: Path, marketplace: str | None = None) -> FileResult:
    return read_file(path, path.name, marketplace)


def reasons(result: FileResult) -> list[tuple[int | None, str | None, str]]:
    return [(r.row, r.column, r.reason) for r in result.rejected]


# --- countries ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("China", "CN"),
        ("china", "CN"),
        ("  CHINA ", "CN"),
        ("Mainland China", "CN"),
        ("PRC", "CN"),
        ("People's Republic of China", "CN"),
        ("Volksrepublik China", "CN"),
        ("Chine", "CN"),
        ("Cina", "CN"),
        ("中国", "CN"),
        ("中华人民共和国", "CN"),
        ("中國", "CN"),
        ("中国大陆", "CN"),
        ("CHN", "CN"),
        ("cn", "CN"),
        ("ＣＮ", "CN"),  # full-width, as a Chinese input method types it
        ("Vietnam", "VN"),
        ("Viet Nam", "VN"),
        ("Viêt Nam", "VN"),
        ("越南", "VN"),
        ("ベトナム", "VN"),
        ("Deutschland", "DE"),
        ("Allemagne", "DE"),
        ("Germania", "DE"),
        ("Alemania", "DE"),
        ("ドイツ", "DE"),
        ("德国", "DE"),
        ("United States", "US"),
        ("USA", "US"),
        ("美国", "US"),
        ("Estados Unidos", "US"),
        ("UK", "GB"),
        ("United Kingdom", "GB"),
        ("Hong Kong", "HK"),
        ("Taiwan", "TW"),
        ("Taiwan, Province of China", "TW"),
        ("台湾", "TW"),
        ("Korea, Republic of", "KR"),  # Amazon's flat-file valid value
        ("South Korea", "KR"),
        ("韓国", "KR"),
        ("India", "IN"),
        ("Türkiye", "TR"),
        ("Turkey", "TR"),
    ],
)
def test_country_codes_and_names_read_as_iso_alpha2(written: str, code: str) -> None:
    assert country_code(written) == code


@pytest.mark.parametrize("written", ["Atlantis", "Korea", "Europe", "EU", "ZZ", "Made in China"])
def test_what_names_no_single_country_is_unknown(written: str) -> None:
    assert country_code(written) is None


def test_a_gbk_products_register_reads_names_as_codes_and_chinese_booleans() -> None:
    result = read(LOCALE / "products-gbk.csv")

    assert (result.table, result.encoding) == ("products", "gb18030")
    assert column(result, "sku") == [
        "0001-BT",
        "0002-BT",
        "0003-CB",
        "0004-CB",
        "LS-PLUSH-BR",
        "LS-CAR-RC",
    ]
    assert column(result, "country_of_origin") == ["CN", "CN", "CN", "CN", "VN", "VN"]
    assert column(result, "contains_batteries") == [True, False, False, False, False, True]
    assert column(result, "is_electrical") == [True, True, True, False, False, True]
    assert column(result, "for_children") == [False, False, False, False, True, True]
    assert column(result, "category")[0] == "电子产品"
    assert reasons(result) == [
        (8, "country_of_origin", "'Atlantis' is not a country (ISO 3166 code or name)"),
        (9, "contains_batteries", "'对' is not true/false, yes/no, 1/0, 是/否 or 有/无"),
    ]


def _flat_file_with_origins(tmp_path: Path, origins: list[str]) -> Path:
    """The German speakers flat file with `country_of_origin` written as `origins`, row by row."""
    text = FLAT_FILE.read_bytes().decode("cp1252")
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.split(newline)
    position = lines[2].split("\t").index("country_of_origin")
    for i, origin in enumerate(origins, start=3):
        cells = lines[i].split("\t")
        cells[position] = origin
        lines[i] = "\t".join(cells)
    path = tmp_path / "Flat.File.Speakers.de.txt"
    path.write_bytes(newline.join(lines).encode("cp1252"))
    return path


def test_a_flat_file_reads_amazons_english_country_names_as_codes(tmp_path: Path) -> None:
    path = _flat_file_with_origins(tmp_path, ["China", "Viet Nam", "Korea, Republic of"])

    result = read(path)

    assert result.format == "flat-file"
    assert column(result, "country_of_origin") == ["CN", "VN"]
    assert [(r.row, r.column) for r in result.rejected] == [(6, "price")]  # the file's '19,99'


def test_a_flat_file_country_that_is_no_country_rejects_its_row(tmp_path: Path) -> None:
    path = _flat_file_with_origins(tmp_path, ["CHN", "Atlantis", "Vietnam"])

    result = read(path)

    assert column(result, "country_of_origin") == ["CN"]
    assert reasons(result)[0] == (
        5,
        "country_of_origin",
        "'Atlantis' is not a country (ISO 3166 code or name)",
    )


def test_a_listings_csv_normalises_its_country_column_too(tmp_path: Path) -> None:
    path = tmp_path / "listings.csv"
    path.write_text("sku,marketplace,country_of_origin\nA-1,DE,中国\nA-2,DE,cn\nA-3,DE,\n")

    result = read(path)

    assert (result.table, column(result, "country_of_origin")) == ("listings", ["CN", "CN", None])


# --- dates ----------------------------------------------------------------------------------


def test_register_dates_in_the_common_year_first_forms() -> None:
    result = read(LOCALE / "documents-dates.csv")

    may_2026 = pd.Timestamp(dt.date(2026, 5, 1))
    assert column(result, "issued_on") == [may_2026] * 4
    assert column(result, "expires_on") == [pd.Timestamp(dt.date(2027, 5, 1))] * 4
    [(row, name, reason)] = reasons(result)
    assert (row, name) == (6, "issued_on")
    assert reason.startswith("'01.05.2026' is not a date as YYYY-MM-DD")
    assert "YYYY年M月D日" in reason


@pytest.mark.parametrize(
    "written", ["2026/5/1", "2026/05/01", "2026年5月1日", "2026.5.1", "2026-05-01", "2026-5-1"]
)
def test_each_date_form_is_the_first_of_may(tmp_path: Path, written: str) -> None:
    path = tmp_path / "approvals.csv"
    path.write_text(f"category,marketplace,status,decided_on\ntoys-holiday,US,approved,{written}\n")

    result = read(path)

    assert column(result, "decided_on") == [pd.Timestamp(dt.date(2026, 5, 1))]


@pytest.mark.parametrize("written", ["2026/02/30", "2026/5-1", "2026年13月1日", "26/5/1"])
def test_impossible_or_mixed_dates_are_rejected(tmp_path: Path, written: str) -> None:
    path = tmp_path / "approvals.csv"
    path.write_text(f"category,marketplace,status,decided_on\ntoys-holiday,US,approved,{written}\n")

    result = read(path)

    assert [r.column for r in result.rejected] == ["decided_on"]

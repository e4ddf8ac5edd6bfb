"""Reading one canonical file: recognised by content, decoded, typed, and every bad row explained."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from conftest import AS_OF, DATA, column

from auditor.api import Options, audit
from auditor.ingest.read import read_file
from auditor.ingest.result import FileResult, Rejected

FILES = DATA / "ingest"

CHINESE_LISTINGS = (
    "sku,asin,marketplace,title,brand,price,currency,quantity\n"
    "0001-BT,B0C7HJ2K4M,US,声浪 迷你蓝牙音箱 10W 防水 黑色,声浪,24.99,USD,150\n"
    "0002-BT,B0C7HJ9X2P,JP,声浪 大功率蓝牙音箱 30W 黑色,声浪,6980,JPY,25\n"
)


def read(path: Path, default_marketplace: str | None = None) -> FileResult:
    return read_file(path, path.name, default_marketplace)


def by_row(result: FileResult) -> dict[int, list[Rejected]]:
    rows: dict[int, list[Rejected]] = {}
    for rejected in result.rejected:
        rows.setdefault(rejected.row, []).append(rejected)
    return rows


def used_rows(result: FileResult) -> list[int]:
    return [int(r) for r in column(result, "_row")]


# --- recognition -----------------------------------------------------------------------


def test_a_listings_csv_named_export_txt_is_recognised_by_its_columns() -> None:
    result = read(FILES / "export.txt")

    assert (result.table, result.format, result.skipped) == ("listings", "csv", None)
    assert result.rows_read == 4
    assert column(result, "sku") == ["0001-BT", "0001-BT", "0002-BT", "0003-CB"]
    assert column(result, "price") == [24.99, 21.99, 59.99, 9.99]
    assert column(result, "quantity") == [150, 60, 25, 0]
    assert result.rejected == []


def test_a_products_register_is_told_apart_from_listings() -> None:
    products = read(FILES / "products.csv")
    listings = read(FILES / "export.txt")

    assert products.table == "products"
    assert listings.table == "listings"
    assert column(products, "sku") == ["0001-BT", "0002-BT", "0003-CB", "LS-BLOCKS-01"]
    assert column(products, "minimum_age") == [None, None, None, 3]


@pytest.mark.parametrize(
    ("header", "table"),
    [
        ("sku,product_type,contains_batteries", "products"),
        ("sku,marketplace,product_type", "listings"),
        ("sku,title,category", "listings"),
        ("marketplace,metric,value", "account_metrics"),
        ("document_type,identifier,expires_on", "documents"),
        ("category,marketplace,status", "approvals"),
    ],
)
def test_the_table_follows_the_header(tmp_path: Path, header: str, table: str) -> None:
    path = tmp_path / "register.csv"
    path.write_text(header + "\n", encoding="utf-8")

    assert read(path).table == table


def test_headers_are_matched_whatever_their_case_and_spacing(tmp_path: Path) -> None:
    path = tmp_path / "Listings Export.csv"
    path.write_text(
        "SKU,Marketplace,Title,Bullet Point1,main-image-url\n"
        "0001-BT,US,Soundwave Mini Speaker,LOUD SOUND: 10W stereo,https://m.media-amazon.com/images/I/1.jpg\n",
        encoding="utf-8",
    )

    result = read(path)

    assert result.table == "listings"
    assert column(result, "bullet_point1") == ["LOUD SOUND: 10W stereo"]
    assert column(result, "main_image_url") == ["https://m.media-amazon.com/images/I/1.jpg"]


def test_an_unrecognised_csv_is_skipped_with_a_reason() -> None:
    result = read(FILES / "supplier-price-list.csv")

    assert result.table is None and result.frame is None
    assert result.skipped == (
        "not a recognised format: a delimited text file with 6 columns, 2 of them known "
        "headers; the closest table, listings, also needs: sku"
    )  # no header cell is quoted: a file of secrets would be echoed into every report
    assert result.rows_used == 0


def test_a_business_report_is_read_as_sales_and_traffic() -> None:
    result = read(FILES / "BusinessReport-11-27-26.csv")

    assert (result.table, result.format, result.skipped) == (
        "sales_traffic",
        "business-report",
        None,
    )
    assert column(result, "sessions") == [1843, 622]
    assert column(result, "ordered_sales") == [2798.88, 1079.82]
    assert column(result, "currency") == ["USD", "USD"]
    assert result.rows_used == 2 and not result.rejected


def test_columns_outside_the_table_are_named_in_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "listings.csv"
    path.write_text("sku,marketplace,title,supplier,cost_price\nA-1,US,Mug,Acme,2.10\n")

    result = read(path)

    assert result.table == "listings"
    assert result.warnings == ["columns not used: supplier, cost_price"]


# --- encodings and formats --------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (CHINESE_LISTINGS.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + CHINESE_LISTINGS.encode("utf-8"), "utf-8-sig"),
        (CHINESE_LISTINGS.encode("gb18030"), "gb18030"),
    ],
    ids=["utf-8", "utf-8-bom", "gb18030"],
)
def test_chinese_text_decodes_and_the_encoding_is_reported(
    tmp_path: Path, data: bytes, encoding: str
) -> None:
    path = tmp_path / "listings.csv"
    path.write_bytes(data)

    result = read(path)

    assert result.encoding == encoding
    assert result.table == "listings"
    assert column(result, "sku") == ["0001-BT", "0002-BT"]  # the BOM is not part of 'sku'
    assert column(result, "title") == [
        "声浪 迷你蓝牙音箱 10W 防水 黑色",
        "声浪 大功率蓝牙音箱 30W 黑色",
    ]
    assert column(result, "brand") == ["声浪", "声浪"]


def test_gb18030_text_is_not_valid_utf8() -> None:
    """Why the fallback is needed: Chinese Excel's default encoding is not UTF-8."""
    with pytest.raises(UnicodeDecodeError):
        CHINESE_LISTINGS.encode("gb18030").decode("utf-8")


def test_a_tab_separated_file_is_detected() -> None:
    result = read(FILES / "listings-uk.tsv")

    assert (result.table, result.format) == ("listings", "tsv")
    assert column(result, "title") == [
        "Soundwave Soundbar 2.1, 120W, HDMI ARC, Black",
        'Soundwave 8" Wireless Subwoofer, 150W',
    ]
    assert column(result, "search_terms")[0] == "tv speaker, home cinema, bluetooth soundbar"
    assert column(result, "price") == [89.99, 129.0]


def test_a_json_list_of_records_is_read() -> None:
    result = read(FILES / "listings.json")

    assert (result.table, result.format, result.rows_read) == ("listings", "json", 2)
    assert column(result, "product_id") == ["036000291452", None]
    assert column(result, "gtin_exempt") == [False, True]
    assert column(result, "quantity") == [150, 0]
    assert used_rows(result) == [1, 2]  # JSON rows are counted from the first record


def test_a_json_object_naming_its_table_is_read() -> None:
    result = read(FILES / "catalogue.json")

    assert (result.table, result.format) == ("listings", "json")
    assert column(result, "marketplace") == ["DE", "FR"]
    assert column(result, "title")[1] == "Soundwave Max Enceinte Bluetooth, 30W, Noir"


def test_a_json_object_without_a_table_name_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_text('{"items": [{"sku": "0001-BT", "marketplace": "US"}]}')

    result = read(path)

    assert result.table is None
    assert "listings" in result.skipped and "products" in result.skipped


def test_an_xlsx_register_is_read_with_identifiers_as_text(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(
        ["sku", "marketplace", "title", "price", "product_id", "product_id_type", "gtin_exempt"]
    )
    sheet.append(
        ["0001-BT", "US", "Soundwave Mini Bluetooth Speaker", 24.99, "036000291452", "UPC", False]
    )
    sheet.append(["0003-CB", "US", "Soundwave Braided USB-C Cable 2m", 9.99, None, None, True])
    sheet.append([1004, "UK", "Soundwave Soundbar 2.1", 89.99, 5012345678900, "EAN", None])
    path = tmp_path / "listings.xlsx"
    workbook.save(path)

    result = read(path)

    assert (result.table, result.format, result.encoding) == ("listings", "xlsx", None)
    assert result.rejected == []
    assert column(result, "sku") == ["0001-BT", "0003-CB", "1004"]
    assert column(result, "product_id") == ["036000291452", None, "5012345678900"]
    assert column(result, "gtin_exempt") == [False, True, None]
    assert column(result, "price") == [24.99, 9.99, 89.99]
    assert used_rows(result) == [2, 3, 4]


def test_an_xlsx_register_with_date_cells_is_read(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["document_type", "identifier", "brand", "marketplace", "issued_on", "expires_on"])
    sheet.append(
        ["epr_de_packaging", "DE4702819365120", "Soundwave", "DE", dt.date(2023, 2, 1), None]
    )
    sheet.append(
        ["cpc", "CPC-LS-2026-01", "LittleSteps", "US", dt.date(2026, 1, 15), dt.date(2027, 1, 15)]
    )
    path = tmp_path / "documents.xlsx"
    workbook.save(path)

    result = read(path)

    assert result.rejected == []
    assert [d.date() for d in column(result, "issued_on")] == [
        dt.date(2023, 2, 1),
        dt.date(2026, 1, 15),
    ]


# --- values ----------------------------------------------------------------------------


def test_leading_zeros_of_skus_and_upcs_survive() -> None:
    result = read(FILES / "export.txt")

    assert column(result, "sku")[0] == "0001-BT"
    assert column(result, "product_id")[:3] == ["036000291452", "036000291452", "4006381333931"]
    assert column(result, "product_id")[3] is None


def test_rates_with_a_percent_sign_become_fractions() -> None:
    result = read(FILES / "account-health.csv")
    values = dict(zip(column(result, "metric"), column(result, "value"), strict=True))

    assert values["pre_fulfillment_cancel_rate"] == pytest.approx(0.021)  # "2.1 %"
    assert values["account_health_rating"] == 428  # a score, not a rate
    odr = result.frame[result.frame["metric"] == "order_defect_rate"]
    assert sorted(odr["value"]) == [pytest.approx(0.0042), pytest.approx(0.009)]  # "0.9%"


def test_a_rate_above_one_without_a_percent_sign_is_rejected() -> None:
    result = read(FILES / "account-health.csv")

    [rejected] = result.rejected
    assert (rejected.row, rejected.column) == (4, "value")
    assert "'4.2'" in rejected.reason
    assert "%" in rejected.reason
    assert 4 not in used_rows(result)
    assert used_rows(result) == [2, 3, 5, 6, 7]


def test_booleans_read_yes_no_1_0_true_false() -> None:
    result = read(FILES / "products.csv")

    assert result.rejected == []
    assert column(result, "contains_batteries") == [True, True, False, False]  # yes Yes no No
    assert column(result, "is_electrical") == [True, True, True, False]  # yes 1 TRUE 0
    assert column(result, "has_radio") == [True, True, False, False]  # yes 1 false 0
    assert column(result, "for_children") == [False, False, False, True]  # no 0 False 1


def test_a_boolean_that_is_neither_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "products.csv"
    path.write_text("sku,contains_batteries\n0001-BT,yes\n0004-SB,maybe\n")

    result = read(path)

    assert [(r.row, r.column) for r in result.rejected] == [(3, "contains_batteries")]
    assert "'maybe'" in result.rejected[0].reason
    assert column(result, "sku") == ["0001-BT"]


@pytest.mark.parametrize(
    ("file", "row", "name", "reason"),
    [
        ("documents.csv", 4, "issued_on", "'2024-02-30' is not a date as YYYY-MM-DD"),
        ("listings-with-errors.csv", 3, "price", "'12,99' is not a number"),
        ("documents.csv", 5, "document_type", "'ce_certificate' is not one of"),
        ("listings-with-errors.csv", 4, "marketplace", "'EU' is not an Amazon marketplace code"),
        ("listings-with-errors.csv", 6, "quantity", "'12.5' is not a whole number"),
    ],
)
def test_a_bad_cell_rejects_its_row_with_row_column_and_reason(
    file: str, row: int, name: str, reason: str
) -> None:
    result = read(FILES / file)

    [rejected] = by_row(result)[row]
    assert rejected.column == name
    assert reason in rejected.reason
    assert row not in used_rows(result)
    assert result.rows_used == result.rows_read - len(by_row(result))


def test_good_rows_around_bad_ones_are_kept() -> None:
    result = read(FILES / "documents.csv")

    assert used_rows(result) == [2, 3, 6]
    assert column(result, "document_type") == ["epr_de_packaging", "epr_de_weee", "un38_3_summary"]
    assert column(result, "issued_on")[0] == pd.Timestamp("2023-02-01")


def test_marketplaces_are_normalised_to_amazon_country_codes() -> None:
    result = read(FILES / "export.txt")

    # US; GB -> UK; A1PA6795UKMFR9 (amazon.de) -> DE; ATVPDKIKX0DER (amazon.com) -> US
    assert column(result, "marketplace") == ["US", "UK", "DE", "US"]


def test_a_blank_marketplace_takes_the_default() -> None:
    result = read(FILES / "listings-with-errors.csv", default_marketplace="US")

    assert 5 in used_rows(result)
    lamp = result.frame[result.frame["sku"] == "HN-LAMP-01"]
    assert list(lamp["marketplace"]) == ["US"]
    assert 5 not in by_row(result)


def test_a_blank_marketplace_without_default_rejects_the_row() -> None:
    result = read(FILES / "listings-with-errors.csv")

    [rejected] = by_row(result)[5]
    assert rejected.column == "marketplace"
    assert "--marketplace" in rejected.reason
    assert "HN-LAMP-01" not in column(result, "sku")


def test_a_document_without_marketplace_applies_everywhere() -> None:
    result = read(FILES / "documents.csv")

    un38 = result.frame[result.frame["document_type"] == "un38_3_summary"]
    assert un38["marketplace"].isna().all()
    assert 6 not in by_row(result)


# --- damaged input ---------------------------------------------------------------------


def test_a_row_with_too_many_fields_is_rejected_alone() -> None:
    result = read(FILES / "broken-row.csv")

    [rejected] = result.rejected
    assert (rejected.row, rejected.column) == (3, None)
    assert rejected.reason.startswith("unreadable row")
    assert rejected.reason == "unreadable row: 9 cells, the header has 8"
    assert column(result, "sku") == ["VX-SPK-01", "VX-CAB-03"]
    assert used_rows(result) == [2, 4]  # rows after the broken one keep their numbers
    assert result.rows_read == 3


def test_the_rest_of_a_file_with_a_broken_row_is_audited() -> None:
    report = audit([FILES / "broken-row.csv"], Options(select=["LST-003"], as_of=AS_OF)).report

    [finding] = report["findings"]
    assert finding["entity"]["sku"] == "VX-CAB-03"
    assert finding["outcome"] == "fail"
    [tally] = report["summary"]["rules"]
    assert tally["outcomes"]["pass"] + tally["outcomes"]["fail"] == 2
    [source] = report["run"]["inputs"]
    assert (source["rows_read"], source["rows_used"], source["rows_rejected"]) == (3, 2, 1)


def test_an_empty_file_is_skipped_with_a_reason() -> None:
    result = read(FILES / "empty.csv")

    assert result.skipped == "empty file"
    assert result.table is None and result.frame is None


def test_a_truncated_json_file_is_skipped_with_a_reason() -> None:
    result = read(FILES / "truncated.json")

    assert result.table is None and result.frame is None
    assert result.skipped.startswith("not valid JSON")
    assert "line 3" in result.skipped


def test_a_header_only_file_has_no_rows_and_no_rejections(tmp_path: Path) -> None:
    path = tmp_path / "listings.csv"
    path.write_text("sku,asin,marketplace,title\n")

    result = read(path)

    assert (result.table, result.rows_read, result.rows_used, result.rejected) == (
        "listings",
        0,
        0,
        [],
    )


def test_text_in_no_encoding_sellers_use_is_skipped(tmp_path: Path) -> None:
    # UTF-32: no seller's tool writes it, and no byte-order mark says how to read it.
    # (UTF-16 without its mark is recognised: see tests/ingest/test_decode.py.)
    path = tmp_path / "listings.csv"
    path.write_bytes(
        "sku,marketplace,title\r\nA-1,DE,Lautsprecher für die Dusche\r\n".encode("utf-32-le")
    )

    result = read(path)

    assert result.table is None
    assert result.skipped.startswith("cannot decode")


def test_headers_colliding_after_normalising_do_not_crash(tmp_path: Path) -> None:
    path = tmp_path / "listings.csv"
    path.write_text("sku,SKU,marketplace,title\n0001-BT,0001-BT,US,Soundwave Mini Speaker\n")

    result = read(path)

    said = " ".join([result.skipped or "", *result.warnings, *(r.reason for r in result.rejected)])
    assert "sku" in said.lower()


def test_row_numbers_count_blank_lines_as_a_spreadsheet_does(tmp_path: Path) -> None:
    path = tmp_path / "listings.csv"
    path.write_text(
        "sku,marketplace,title,price\n"
        "0001-BT,US,Soundwave Mini Speaker,24.99\n"
        "\n"
        '0003-CB,US,Soundwave USB-C Cable,"9,99"\n'
    )

    [rejected] = read(path).rejected

    assert rejected.row == 4


def test_excel_unicode_text_export_is_read(tmp_path: Path) -> None:
    """Excel's "Save as Unicode Text" writes tab-delimited UTF-16 with a byte-order mark."""
    path = tmp_path / "listings.txt"
    path.write_bytes(
        "sku\tmarketplace\ttitle\n0001-BT\tDE\tLautsprecher für Küche\n".encode("utf-16")
    )

    result = read(path)

    assert (result.table, result.format, result.encoding) == ("listings", "tsv", "utf-16")
    assert column(result, "title") == ["Lautsprecher für Küche"]


def test_an_undecodable_file_is_skipped_with_its_reason_and_the_rest_is_audited(
    tmp_path: Path,
) -> None:
    from auditor.ingest.assemble import read_inputs

    (tmp_path / "garbage.csv").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "listings.csv").write_text(
        "sku,marketplace,title\n0001-BT,US,Speaker\n", encoding="utf-8"
    )

    tables, files = read_inputs([tmp_path], None)

    skipped = {f.path.rsplit("/", 1)[-1]: f.skipped for f in files}
    assert skipped["garbage.csv"].startswith("cannot decode the text: not UTF-8 nor any of")
    assert skipped["listings.csv"] is None
    assert len(tables["listings"].frame) == 1


def test_a_register_with_chinese_headers_maps_to_the_canonical_columns(tmp_path: Path):
    """Headers are the column names or their Chinese labels (model/labels.py), trimmed,
    and one file may mix the two."""
    register = tmp_path / "文件登记表.csv"
    register.write_text(
        " 文件类型 ,证书编号/注册号,sku,站点,签发日期,到期日期,签发机构\n"
        "epr_de_packaging,DE1234567890123,,DE,2024-01-15,,Stiftung Zentrale Stelle\n"
        "sds,,0001-BT-SPK,,2025-06-01,2030-06-01,SGS\n",
        encoding="utf-8-sig",
    )
    result = read(register)
    assert result.skipped is None and result.rejected == [] and result.unmapped == []
    assert [p.table for p in result.parts] == ["documents"]
    assert result.parts[0].provided == {
        "document_type",
        "identifier",
        "sku",
        "marketplace",
        "issued_on",
        "expires_on",
        "issuer",
    }
    assert column(result, "identifier") == ["DE1234567890123", None]
    assert column(result, "expires_on") == [None, pd.Timestamp(2030, 6, 1)]

    products = tmp_path / "products.csv"
    products.write_text(
        "SKU,是否含电池,电池类型,是否儿童产品\n0001-BT,yes,lithium_ion,no\n", "utf-8"
    )
    read_back = read(products)
    assert read_back.parts[0].table == "products" and read_back.rejected == []
    assert column(read_back, "contains_batteries") == [True]


def test_a_file_of_ten_thousand_columns_is_read(tmp_path):
    # Each column rescanned the whole header for repeats: 42 s for this file; 2 s now.
    from auditor.ingest.read import read_file

    header = ["sku", *(f"extra_{i}" for i in range(10_000))]
    path = tmp_path / "wide.csv"
    path.write_text(",".join(header) + "\n" + ",".join(["VX-1"] * len(header)) + "\n")

    result = read_file(path, path.name, "US")

    assert (result.table, result.rows_read, len(result.unmapped)) == ("products", 1, 10_000)


def test_a_json_record_naming_a_column_twice_is_rejected_not_read_from_its_last_value(
    tmp_path: Path,
) -> None:
    """Records exported by a script that appended a corrected price instead of replacing it."""
    path = tmp_path / "listings.json"
    path.write_text(
        "[\n"
        '  {"sku": "0001-BT", "marketplace": "US", "title": "Soundwave Mini Speaker", '
        '"price": 24.99},\n'
        '  {"sku": "0002-BT", "marketplace": "US", "title": "Soundwave Max Speaker", '
        '"price": 49.99, "price": 4.99},\n'
        '  {"sku": "0003-CB", "marketplace": "US", "title": "Soundwave USB-C Cable", '
        '"price": 9.99, "internal_note": "a", "internal_note": "b"}\n'
        "]\n",
        encoding="utf-8",
    )

    result = read(path)

    assert [r.as_dict() for r in result.rejected] == [
        {
            "row": 2,
            "column": "price",
            "reason": "record 2: the key price appears more than once in one object, "
            "so which value is meant is unclear",
        },
        {
            "row": 3,
            "column": None,
            "reason": "record 3: a key the reader does not use appears more than once in one "
            "object, so which value is meant is unclear",
        },
    ]
    assert list(result.frame["sku"]) == ["0001-BT"]
    assert result.rows_read == 3 and "internal_note" not in str(result.rejected)


def test_a_json_object_with_two_lists_of_one_table_is_skipped_saying_so(tmp_path: Path) -> None:
    path = tmp_path / "registers.json"
    path.write_text(
        '{"documents": [{"document_type": "ce_declaration", "sku": "0001-BT"}],\n'
        ' "documents": [{"document_type": "fcc_sdoc", "sku": "0001-BT"}]}\n',
        encoding="utf-8",
    )

    assert read(path).skipped == (
        "the key documents appears more than once: which list is meant is unclear"
    )


def test_two_columns_mapping_to_one_name_the_column_and_their_positions(tmp_path: Path) -> None:
    """A register that has both the English header and its Chinese label (价格, price)."""
    path = tmp_path / "listings.csv"
    path.write_text(
        "sku,marketplace,price,title,价格\n0001-BT,US,24.99,Soundwave Mini Speaker,24.99\n",
        encoding="utf-8",
    )

    result = read(path)

    assert result.skipped == "ambiguous header: two columns map to price (columns 3 and 5)"
    assert "价格" not in result.skipped


def test_two_columns_no_table_uses_do_not_make_a_register_ambiguous(tmp_path: Path) -> None:
    path = tmp_path / "listings.csv"
    path.write_text(
        "sku,marketplace,title,note,note\n0001-BT,US,Soundwave Mini Speaker,a,b\n",
        encoding="utf-8",
    )

    result = read(path)

    assert result.skipped is None and column(result, "sku") == ["0001-BT"]
    assert result.warnings == ["columns not used: note"]


# --- blank rows between a register's rows ------------------------------------------------

#: A documents register with gaps: a blank row between the EPR and the safety documents,
#: a row of spaces before the last one, whose date is typed wrongly.
GAPPED_REGISTER = [
    ["document_type", "identifier", "sku", "brand", "marketplace", "issued_on", "expires_on"],
    ["epr_de_packaging", "DE4702819365120", "", "Soundwave", "DE", "2023-02-01", ""],
    ["epr_de_weee", "DE58213947", "", "Soundwave", "DE", "2023-03-15", ""],
    ["", "", "", "", "", "", ""],
    ["eu_declaration_of_conformity", "DoC-0002-BT", "0002-BT", "Soundwave", "DE", "2024-01-13", ""],
    ["  ", "", "", " ", "", "", ""],
    ["ul_certification", "E512345", "0001-BT", "Soundwave", "US", "2024-02-30", "2027-02-28"],
]


def _gapped_workbook(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in GAPPED_REGISTER:
        sheet.append([cell or None for cell in row])  # an empty cell, as Excel leaves it
    book.save(path)
    return path


def test_blank_rows_between_a_workbook_register_s_rows_are_skipped_as_a_csv_s_are(
    tmp_path: Path,
) -> None:
    book = read(_gapped_workbook(tmp_path / "documents.xlsx"))
    csv_path = tmp_path / "documents.csv"
    csv_path.write_text("\n".join(",".join(row) for row in GAPPED_REGISTER) + "\n")
    text = read(csv_path)

    for result in (book, text):
        assert result.table == "documents"
        assert column(result, "identifier") == ["DE4702819365120", "DE58213947", "DoC-0002-BT"]
        # Row numbers are the spreadsheet's: the bad date is on row 7, after the gaps.
        assert [(r.row, r.column) for r in result.rejected] == [(7, "issued_on")]
        assert result.warnings == ["2 blank rows skipped (rows 4 and 6)"]
        assert result.rows_read == 4  # the rows with text; the blank ones are in the warning

"""Which encoding a short non-UTF-8 file is in: the content decides where the bytes cannot."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DATA

from auditor.ingest.decode import decode, utf16_without_bom
from auditor.ingest.probe import HEADER_AGAIN
from auditor.ingest.read import read_file

#: A products register as Chinese Excel saves it ("CSV (逗号分隔)"): GBK, three rows.
SHORT_CHINESE = (
    "sku,country_of_origin,contains_batteries\n0001-BT,中国,是\n0002-BT,越南,否\n0003-CB,中国,否\n"
)


@pytest.mark.parametrize(
    "text",
    [
        SHORT_CHINESE,
        "sku,产地,含电池\nA-01,中国,是\nB-02,越南,否\n",
        "sku,title\nA-01,无线蓝牙耳机 黑色\n",
        "sku,x\nA,是\n",
    ],
    ids=["register", "chinese-headers", "title", "one-cell"],
)
def test_short_gbk_text_is_gb18030_not_euc_kr(text: str) -> None:
    assert decode(text.encode("gbk")) == (text, "gb18030")


def test_the_register_is_also_valid_euc_kr_which_is_the_trap() -> None:
    assert SHORT_CHINESE.encode("gbk").decode("euc_kr") != SHORT_CHINESE


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("sku,title\nA,무선 이어폰 블루투스 스피커\n", "euc_kr"),
        ("sku,title\nA,ワイヤレスイヤホン\n", "shift_jis"),
        ("sku,title\nA,ソニー\n", "shift_jis"),
        ("sku,title\nA,Bluetooth-Lautsprecher, Größe M\n", "cp1252"),
        ("sku,title\nA,Enceinte sans fil – café, élégant\n", "cp1252"),
    ],
    ids=["korean", "japanese", "three-kana", "german", "french"],
)
def test_short_text_in_the_other_encodings_keeps_its_encoding(text: str, encoding: str) -> None:
    assert decode(text.encode(encoding)) == (text, encoding)


# --- UTF-16 without a byte-order mark, and marks in the middle of a file -------------

ALL_LISTINGS = DATA / "amazon" / "all-listings" / "All+Listings+Report+11-27-2026.txt"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read_as_utf16(tmp_path: Path, encoding: str) -> None:
    """An All Listings report re-saved by a tool that writes UTF-16 with no mark."""
    text = ALL_LISTINGS.read_text(encoding="utf-8")
    saved = tmp_path / "All+Listings+Report.txt"
    saved.write_bytes(text.replace("Red", "Rot – Größe S").encode(encoding))

    assert decode(saved.read_bytes()) == (text.replace("Red", "Rot – Größe S"), encoding)
    result = read_file(saved, saved.name, "US")
    original = read_file(ALL_LISTINGS, saved.name, "US")
    assert (result.format, result.encoding) == ("all-listings-report", encoding)
    assert result.rows_read == original.rows_read and result.rejected == original.rejected
    assert "Voltix Mini Speaker 5W, Rot – Größe S" in set(result.frame["title"])


def test_utf16_of_chinese_text_without_a_mark_is_read_too() -> None:
    text = "sku,产地,含电池\nA-01,中国,是\nB-02,越南,否\n"
    assert decode(text.encode("utf-16-le")) == (text, "utf-16-le")


def test_bytes_with_nuls_everywhere_are_not_taken_for_utf16() -> None:
    assert utf16_without_bom(bytes(range(256)) * 4) is None
    assert utf16_without_bom(b"sku,title\nA,Speaker\n") is None  # no NUL: not UTF-16


def test_two_exports_joined_into_one_file_read_the_second_header_as_the_header_again(
    tmp_path: Path,
) -> None:
    """`cat products-1.csv products-2.csv`: each export starts with a byte-order mark."""
    header = "sku,product_type,category,country_of_origin,contains_batteries\n"
    first = header + "VX-SPK-01,SPEAKERS,Electronics,CN,yes\n"
    second = header + "HN-BOT-750,BOTTLE,Home & Kitchen,DE,no\n"
    joined = tmp_path / "products.csv"
    joined.write_bytes(first.encode("utf-8-sig") + second.encode("utf-8-sig"))

    text, _ = decode(joined.read_bytes())
    assert "\ufeff" not in text
    result = read_file(joined, joined.name, None)
    assert result.table == "products"
    assert [r.as_dict() for r in result.rejected] == [
        {"row": 3, "column": None, "reason": "the header row again (two files joined into one?)"}
    ]
    assert list(result.frame["sku"]) == ["VX-SPK-01", "HN-BOT-750"]
    assert list(result.frame["_row"]) == [2, 4]


def test_two_excel_unicode_text_exports_joined_keep_no_mark_in_a_cell(tmp_path: Path) -> None:
    header = "sku\tmarketplace\ttitle\tprice\n"
    joined = tmp_path / "listings.txt"
    joined.write_bytes(
        (header + "VX-SPK-01\tUS\tVoltix Speaker\t29.99\n").encode("utf-16")
        + (header + "VX-SPK-02\tUS\tVoltix Mini\t19.99\n").encode("utf-16")
    )

    result = read_file(joined, joined.name, None)

    assert result.encoding == "utf-16"
    assert [r.reason for r in result.rejected] == [HEADER_AGAIN]
    assert list(result.frame["sku"]) == ["VX-SPK-01", "VX-SPK-02"]


def test_the_charset_a_fetched_report_came_in_decides_where_the_bytes_allow_it() -> None:
    # Short Japanese text in Shift_JIS is also valid GB18030: the content alone might guess
    # either; the charset Amazon served the document in settles it.
    text = "seller-sku\titem-name\nJP-01\t防水スピーカー\n"
    data = text.encode("shift_jis")

    assert decode(data, "Shift_JIS") == (text, "shift_jis")
    # A declared charset the bytes do not decode in is not believed, nor one a mark contradicts.
    assert decode("sku,产地\nA,中国\n".encode("gbk"), "ascii")[1] == "gb18030"
    assert decode(b"\xef\xbb\xbfsku\nA\n", "cp1252") == ("sku\nA\n", "utf-8-sig")

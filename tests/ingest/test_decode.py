"""Which encoding a short non-UTF-8 file is in: the content decides where the bytes cannot."""

from __future__ import annotations

import pytest

from auditor.ingest.decode import decode

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

"""Bytes -> text: strict UTF-8 first, then the most likely of the encodings sellers' files use.

UTF-16 with a byte-order mark (Excel's "Unicode Text" export) is read as such, and
so is UTF-16 without one, which some exporters write: mostly-ASCII text in UTF-16 has
a NUL byte in every other position, on the odd bytes for little-endian and on the even
ones for big-endian, which no text in a single-byte encoding or UTF-8 has (`utf16_without_bom`).
UTF-8 (with or without BOM) is tried strictly next: text in another encoding is
almost never valid UTF-8. Otherwise charset-normalizer chooses among the encodings
Amazon and Excel actually write: Windows-1252 (Amazon's NA/EU text reports),
Shift_JIS (JP), GB18030 (Chinese Excel; a superset of GBK) and EUC-KR. Limiting it
to these keeps short files from being mistaken for exotic code pages.

On a few lines charset-normalizer has too little to go on, and GBK and EUC-KR share
their byte ranges: a three-row register written by Chinese Excel decodes without
error as EUC-KR into a mix of Hangul and Hanja no one writes. The content then
decides (`_by_content`): GB18030 wins over EUC-KR when its text has CJK ideographs
and the EUC-KR text mixes ideographs into Hangul or is mostly symbols; Shift_JIS wins
when it alone yields kana (GBK read as Shift_JIS yields half-width katakana); Windows-1252
wins over an East Asian guess when every non-ASCII run it yields is a letter or two
inside a Latin word (`Größe`, `café`), as European text is.

Two exports joined into one file (`cat`, or a script appending one to another) carry
the second one's byte-order mark at the start of a later line. It is removed there,
so it becomes part of no header or cell: the joined file's second header line is then
the header row again, which the delimited reader rejects as such.
"""

from __future__ import annotations

import codecs
import re

CANDIDATES = ["cp1252", "shift_jis", "gb18030", "euc_kr"]

_IDEOGRAPH = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_HANGUL = re.compile(r"[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HALFWIDTH_KANA = re.compile(r"[\uff61-\uff9f]")
#: A run of non-ASCII characters, with the characters either side of it.
_NON_ASCII_RUN = re.compile(r"(.?)([^\x00-\x7f]+)(.?)", re.DOTALL)
#: The letters Windows-1252 adds to ASCII (Western European languages).
_LATIN_LETTER = re.compile(
    r"[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e]"
)


def decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """The text and the name of the encoding that decoded it, without the byte-order
    marks that start its lines. `declared` is the encoding the file's source stated (the
    charset Amazon served a fetched report in): used when the bytes decode with it and
    carry no byte-order mark saying otherwise; else the encoding is found as for any file."""
    text, encoding = _as_declared(data, declared) or _decode(data)
    return (_LINE_BOM.sub("", text) if "\ufeff" in text else text), encoding


def _as_declared(data: bytes, declared: str | None) -> tuple[str, str] | None:
    if declared is None or data.startswith(
        (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
    ):
        return None
    try:
        return data.decode(declared), codecs.lookup(declared).name
    except (UnicodeDecodeError, LookupError):
        return None


#: A byte-order mark at the start of a line after the first (a second file joined on).
_LINE_BOM = re.compile("^\ufeff+", re.MULTILINE)

#: How much of a file `utf16_without_bom` looks at, in bytes.
UTF16_SAMPLE = 4096


def utf16_without_bom(data: bytes) -> str | None:
    """`utf-16-le` or `utf-16-be` when `data` is UTF-16 text with no byte-order mark,
    else None: judged by its NUL bytes (at least a quarter of the odd bytes and almost
    none of the even ones, or the other way round), then confirmed by a strict decode
    without a NUL character."""
    sample = data[:UTF16_SAMPLE]
    if len(data) % 2 or len(sample) < 4 or b"\x00" not in sample:
        return None
    even, odd = sample[0::2], sample[1::2]
    share_even, share_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if share_odd >= 0.25 and share_even <= 0.02:
        encoding = "utf-16-le"
    elif share_even >= 0.25 and share_odd <= 0.02:
        encoding = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    return encoding if "\x00" not in text else None


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # Excel's "Unicode Text"
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    # Before UTF-8: UTF-16 of ASCII text is valid UTF-8, NULs and all.
    utf16 = utf16_without_bom(data)
    if utf16 is not None:
        return data.decode(utf16), utf16
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    import charset_normalizer  # only text that is not UTF-8 needs it: not paid at start

    best = charset_normalizer.from_bytes(data, cp_isolation=CANDIDATES).best()
    guess = _name(best.encoding) if best is not None else None
    decoded = _strict(data)
    choice = _by_content(guess, decoded)
    if choice is None:
        raise UnicodeDecodeError(
            "auditor", data, 0, 1, f"not UTF-8 nor any of {', '.join(CANDIDATES)}"
        )
    if choice == guess and best is not None:
        return str(best), choice
    return decoded[choice], choice


def _strict(data: bytes) -> dict[str, str]:
    """Each candidate encoding that decodes all of `data` without error, with its text."""
    texts = {}
    for encoding in CANDIDATES:
        try:
            texts[encoding] = data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return texts


def _by_content(guess: str | None, decoded: dict[str, str]) -> str | None:
    """charset-normalizer's `guess`, unless the decoded texts themselves say otherwise."""
    if guess in ("euc_kr", None) and "gb18030" in decoded:
        chinese = decoded["gb18030"]
        korean = decoded.get("euc_kr")
        if _IDEOGRAPH.search(chinese) and (korean is None or not _plausible_korean(korean)):
            guess = "gb18030"
    japanese = decoded.get("shift_jis")
    if (
        guess != "shift_jis"
        and japanese is not None
        and _KANA.search(japanese)
        and not _HALFWIDTH_KANA.search(japanese)
        and not (guess in decoded and _KANA.search(decoded[guess]))
    ):
        guess = "shift_jis"
    if guess not in ("cp1252", None) and "cp1252" in decoded and _latin_words(decoded["cp1252"]):
        return "cp1252"
    return guess  # None: nothing plausible (UTF-16 without its mark, binary data)


def _plausible_korean(text: str) -> bool:
    """Korean as people write it: Hangul, with no Hanja among it, not mostly symbols."""
    hangul = len(_HANGUL.findall(text))
    if hangul == 0 or _IDEOGRAPH.search(text) or _KANA.search(text):
        return False
    non_ascii = sum(1 for c in text if ord(c) > 0x7F)
    return hangul >= 0.8 * non_ascii


def _latin_words(text: str) -> bool:
    """Every non-ASCII run is one or two Western letters touching an ASCII letter."""
    runs = _NON_ASCII_RUN.findall(text)
    if not runs:
        return False
    for before, run, after in runs:
        if len(run) > 2 or not all(_LATIN_LETTER.match(c) for c in run):
            return False
        if not (before.isascii() and before.isalpha()) and not (
            after.isascii() and after.isalpha()
        ):
            return False
    return True


def _name(encoding: str) -> str:
    return {
        "windows_1252": "cp1252",
        "shift_jis": "shift_jis",
        "gb18030": "gb18030",
        "euc_kr": "euc_kr",
    }.get(encoding, encoding)

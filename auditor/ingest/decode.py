"""Bytes -> text: strict UTF-8 first, then the most likely of the encodings sellers' files use.

UTF-16 with a byte-order mark (Excel's "Unicode Text" export) is read as such;
UTF-8 (with or without BOM) is tried strictly next: text in another encoding is
almost never valid UTF-8. Otherwise charset-normalizer chooses among the encodings
Amazon and Excel actually write: Windows-1252 (Amazon's NA/EU text reports),
Shift_JIS (JP), GB18030 (Chinese Excel; a superset of GBK) and EUC-KR. Limiting it
to these keeps short files from being mistaken for exotic code pages.
"""

from __future__ import annotations

import codecs

CANDIDATES = ["cp1252", "shift_jis", "gb18030", "euc_kr"]


def decode(data: bytes) -> tuple[str, str]:
    """The text and the name of the encoding that decoded it."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # Excel's "Unicode Text"
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    import charset_normalizer  # only text that is not UTF-8 needs it: not paid at start

    best = charset_normalizer.from_bytes(data, cp_isolation=CANDIDATES).best()
    if best is None:
        raise UnicodeDecodeError(
            "auditor", data, 0, 1, f"not UTF-8 nor any of {', '.join(CANDIDATES)}"
        )
    return str(best), _name(best.encoding)


def _name(encoding: str) -> str:
    return {
        "windows_1252": "cp1252",
        "shift_jis": "shift_jis",
        "gb18030": "gb18030",
        "euc_kr": "euc_kr",
    }.get(encoding, encoding)

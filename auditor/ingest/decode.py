"""Bytes -> text for delimited files: UTF-8 (with or without BOM), else GB18030.

GB18030 is what Chinese Excel writes by default and is a superset of GBK and
GB2312; trying strict UTF-8 first is safe because GB18030 text with Chinese
characters is almost never valid UTF-8. Amazon's own report encodings (cp1252,
Shift_JIS) come with the Amazon readers.
"""

from __future__ import annotations

ENCODINGS = ("utf-8", "gb18030")


def decode(data: bytes) -> tuple[str, str]:
    """The text and the name of the encoding that decoded it."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise UnicodeDecodeError("auditor", data, 0, 1, f"not {' or '.join(ENCODINGS)}")

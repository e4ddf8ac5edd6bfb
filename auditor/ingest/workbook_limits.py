"""How big a workbook may be, checked with the standard library before calamine sees it.

calamine allocates a sheet's whole grid, from A1 to its last cell, before it hands
over a row: a 1.6 KB file with cells at A1 and XFD1048576 asks for 16,384 × 1,048,576
cells and aborts the process, and a zip bomb of a few MB inflates to gigabytes. So a
workbook is measured first, from its zip directory and the first bytes of each
worksheet, and a file over these limits is skipped with the reason.

The limits are far above any Amazon report or template (a Category Listing Report is
a few hundred columns by tens of thousands of rows). To read larger workbooks, raise
them here; docs/security.md ("Workbook limits") lists them.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
import zlib
from pathlib import Path
from typing import IO

#: The archive's members, unzipped, in all.
MAX_UNZIPPED_BYTES = 512 * 1024 * 1024
#: How much a member may shrink when zipped (unzipped size / zipped size) ...
MAX_COMPRESSION_RATIO = 200
#: ... once it is larger than this unzipped: a small run of blank cells shrinks that much too.
RATIO_CHECKED_FROM_BYTES = 1024 * 1024
#: A sheet's grid, from A1 to its last row and column.
MAX_ROWS = 2_000_000
MAX_COLUMNS = 2_000
MAX_CELLS = 50_000_000

#: How far into a worksheet its <dimension> is looked for (it comes before the cells).
_DIMENSION_WINDOW = 64 * 1024
_CHUNK = 1024 * 1024

_DIMENSION = re.compile(rb"<(?:[\w.-]+:)?dimension\b[^>]*?\bref\s*=\s*[\"']([^\"']*)[\"']")
_SHEET_DATA = re.compile(rb"<(?:[\w.-]+:)?sheetData\b")
#: References of any length: Excel stops at XFD1048576, calamine does not. Missed by a
#: pattern of up to 3 letters and 9 digits, a cell at ZZZZ1 made a grid of 475,254
#: columns, and one at A1234567890 aborted the process.
_REF = re.compile(r"\$?([A-Za-z]+)\$?([0-9]+)$")
_CELL_COLUMN = re.compile(rb"\br\s*=\s*[\"']([A-Za-z]+)[0-9]+[\"']")
_CELL_ROW = re.compile(rb"\br\s*=\s*[\"'][A-Za-z]+([0-9]+)[\"']")
#: Where a reference longer than any sheet is counted (no 5,000-digit number is built).
_FAR = 10**12
_ROW_TAG = re.compile(rb"<(?:[\w.-]+:)?row\b")
_RELATIONSHIP = re.compile(rb"<(?:[\w.-]+:)?Relationship\b[^>]*>")
_ATTRIBUTE = re.compile(rb"\b(Type|Target)\s*=\s*[\"']([^\"']*)[\"']")


class WorkbookTooLarge(ValueError):
    """A workbook over the limits; its message is the file's skip reason."""


class WorkbookUnreadable(ValueError):
    """A workbook whose zip archive the check cannot read far enough to measure; its
    message is the file's skip reason."""


#: The verdicts of the workbooks checked, by content digest: the reading ahead, the
#: recognising and the parsing of one workbook each ask, and a sheet written without its
#: <dimension> is measured by reading it whole (seconds for a large catalogue).
_VERDICTS: dict[str, ValueError | None] = {}
_VERDICTS_KEPT = 64


def check_workbook(source: bytes | Path, digest: str | None = None) -> None:
    """Raise WorkbookTooLarge when the workbook `source` (its bytes or its path) is over
    the limits, and WorkbookUnreadable when its zip archive cannot be read far enough to
    tell. What the check cannot measure, calamine never opens: it reads some archives
    zipfile refuses (a member failing its checksum, say), and a sheet nobody measured
    may ask it for any grid (a cell at ZZ999999 in such a member took it 450 s).

    `digest` is the content's SHA-256 when the caller has it; the verdict is kept by it,
    so the same bytes are measured once."""
    digest = digest or _digest(source)
    if digest not in _VERDICTS:
        try:
            _check(source)
            verdict: ValueError | None = None
        except (WorkbookTooLarge, WorkbookUnreadable) as error:
            verdict = error
        if len(_VERDICTS) >= _VERDICTS_KEPT:
            _VERDICTS.pop(next(iter(_VERDICTS)))
        _VERDICTS[digest] = verdict
    if (found := _VERDICTS[digest]) is not None:
        raise type(found)(str(found))


def _digest(source: bytes | Path) -> str:
    if isinstance(source, bytes):
        return hashlib.sha256(source).hexdigest()
    with source.open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


def _check(source: bytes | Path) -> None:
    stream: IO[bytes] | Path = io.BytesIO(source) if isinstance(source, bytes) else source
    try:
        with zipfile.ZipFile(stream) as archive:
            _check_archive(archive)
    except WorkbookTooLarge:
        raise
    except NotImplementedError:
        raise WorkbookUnreadable(
            "cannot read the workbook: its zip archive uses a compression the tool does not read"
        ) from None
    except RuntimeError:  # zipfile's word for an encrypted member
        raise WorkbookUnreadable("cannot read the workbook: its zip archive is encrypted") from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError, ValueError):
        raise WorkbookUnreadable(
            "cannot read the workbook: its zip archive is damaged or cut short"
        ) from None


def _check_archive(archive: zipfile.ZipFile) -> None:
    members = archive.infolist()
    total = sum(member.file_size for member in members)
    if total > MAX_UNZIPPED_BYTES:
        raise WorkbookTooLarge(
            f"unzips to {_size(total)}, over the limit of {_size(MAX_UNZIPPED_BYTES)}"
        )
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_CHECKED_FROM_BYTES and ratio > MAX_COMPRESSION_RATIO:
            raise WorkbookTooLarge(
                f"{member.filename} unzips {ratio:,.0f} times its size, over the limit of "
                f"{MAX_COMPRESSION_RATIO} (a zip bomb?)"
            )
    for name in _worksheets(archive):
        rows, columns = _grid(archive, name)
        if rows > MAX_ROWS or columns > MAX_COLUMNS or rows * columns > MAX_CELLS:
            raise WorkbookTooLarge(
                f"declares a sheet of {rows:,} rows × {columns:,} columns, over the limit of "
                f"{MAX_ROWS:,} rows, {MAX_COLUMNS:,} columns and {MAX_CELLS:,} cells"
            )


def _worksheets(archive: zipfile.ZipFile) -> list[str]:
    """The worksheet members: those xl/workbook.xml's relationships name, and any
    other member under xl/worksheets/ (an .ods has neither: its size is all checked)."""
    names = set(archive.namelist())
    found = {n for n in names if n.startswith("xl/worksheets/") and n.endswith(".xml")}
    if "xl/_rels/workbook.xml.rels" in names:
        with archive.open("xl/_rels/workbook.xml.rels") as rels:
            text = rels.read(_CHUNK)
        for tag in _RELATIONSHIP.findall(text):
            attributes = {
                k.decode(): v.decode("utf-8", "replace") for k, v in _ATTRIBUTE.findall(tag)
            }
            if attributes.get("Type", "").endswith("/worksheet") and "Target" in attributes:
                target = attributes["Target"]
                target = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
                found.add(target)
    return sorted(found & names)


def _grid(archive: zipfile.ZipFile, name: str) -> tuple[int, int]:
    """(rows, columns) of a worksheet's grid from A1: its declared range, or where it
    declares none, its largest cell reference and its number of rows."""
    with archive.open(name) as sheet:
        head = sheet.read(_DIMENSION_WINDOW)
        before_cells = head[: m.start()] if (m := _SHEET_DATA.search(head)) else head
        declared = _DIMENSION.search(before_cells)
        if declared:
            end = declared[1].decode("ascii", "replace").split(":")[-1].strip()
            if ref := _REF.match(end):
                return _row_number(ref[2]), _column_number(ref[1])
        return _scan(head, sheet)


def _scan(head: bytes, sheet: IO[bytes]) -> tuple[int, int]:
    """The largest row and column any cell of the sheet names, and its number of rows
    (rows without a number follow each other): read once, a chunk at a time.

    A sheet of 20,000 rows by 165 columns names 3.3 million cells but only 165 column
    letters and 20,000 row numbers: the distinct ones are collected by the regular
    expressions (in C) and only those are turned into numbers, which took this check
    from 11 s to about 2 s on such a sheet written without its <dimension>."""
    letters: set[bytes] = set()
    numbers: set[bytes] = set()
    row_tags = 0
    chunk, tail = head, b""
    while chunk:
        text = tail + chunk
        keep = text.rfind(b"<")  # a tag cut by the chunk's end is read with the next one
        keep = keep if keep > len(text) - 256 else len(text)
        letters.update(_CELL_COLUMN.findall(text, 0, keep))
        numbers.update(_CELL_ROW.findall(text, 0, keep))
        row_tags += len(_ROW_TAG.findall(text, 0, keep))
        tail, chunk = text[keep:], sheet.read(_CHUNK)
    rows = max((_row_number(n) for n in numbers), default=0)
    columns = max((_column_number(c.decode()) for c in letters), default=0)
    return max(rows, row_tags), columns


def _row_number(digits: str | bytes) -> int:
    return int(digits) if len(digits) <= 12 else _FAR


def _column_number(letters: str) -> int:
    if len(letters) > 8:  # 26**8 is already past _FAR / 10
        return _FAR
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def _size(count: int) -> str:
    return f"{count / 1024 / 1024:,.0f} MiB" if count >= 1024 * 1024 else f"{count:,} bytes"

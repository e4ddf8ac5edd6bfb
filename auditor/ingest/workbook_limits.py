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
from collections.abc import Iterator
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
_REF = re.compile(rb"\$?([A-Za-z]+)\$?([0-9]+)$")
#: Where a reference longer than any sheet is counted (no 5,000-digit number is built).
_FAR = 10**12
_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_DIGITS = b"0123456789"
#: A row tag, <row or <x:row, and its attributes: found from "row" (one pattern
#: starting at each "<" took as long as the rest of the scan); the byte before it says
#: which, and a piece where some "row" follows ":" is counted by _ROW_TAG, exactly.
_ROW_TAGS = re.compile(rb"row(?<=([<:])row)\b([^>]*)")
_ROW_TAG = re.compile(rb"<(?:[\w.-]+:)?row\b")
_ROW_NUMBER = re.compile(rb"(?<!\w)r\s*=\s*[\"']0*([0-9]+)[\"']")
#: Every byte a cell reference (r = 'ab12') or a row tag (<x:row) can be made of: a
#: worksheet is read in pieces cut after any other byte, so none is split between two.
_UNBROKEN = _LETTERS + _LETTERS.lower() + _DIGITS + b"_.:-<=\"' \t\n\r\f\v"
#: A run of those bytes longer than this is no cell's text (Excel's hold 32,767
#: characters at most); carried from piece to piece, it would be read again each time.
_RUN_LIMIT = 1024 * 1024
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
        if _over_limits(rows, columns):
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
    declares none, its largest cell reference and its number of rows. Exact where they
    are over the limits; within them, possibly more rows than calamine would make."""
    with archive.open(name) as sheet:
        head = sheet.read(_DIMENSION_WINDOW)
        before_cells = head[: m.start()] if (m := _SHEET_DATA.search(head)) else head
        declared = _DIMENSION.search(before_cells)
        if declared:
            end = declared[1].split(b":")[-1].strip()
            if ref := _REF.match(end):
                return _row_number(ref[2]), _column_number(ref[1])
        grid = _scan(name, head, sheet, hinted=True)
    if _over_limits(*grid):  # perhaps only by the rows' own numbers: measured without them
        with archive.open(name) as sheet:
            grid = _scan(name, sheet.read(_CHUNK), sheet, hinted=False)
    return grid


def _over_limits(rows: int, columns: int) -> bool:
    return rows > MAX_ROWS or columns > MAX_COLUMNS or rows * columns > MAX_CELLS


def _scan(name: str, head: bytes, sheet: IO[bytes], hinted: bool) -> tuple[int, int]:
    """The largest row and column the sheet's cells name, and its number of rows (rows
    without a number follow each other): read once, a piece at a time.

    Only a reference past the largest row or column met so far changes the answer, so
    each piece is searched for those alone, with a pattern built from the two: a sheet
    of 20,000 rows by 165 columns names 3.3 million cells, which cost 2.7 s collected
    and a fraction of that passed over. So that the cells of each new row are not all
    past the largest row, `hinted` first raises it to the numbers the piece's row tags
    give: the rows returned may then exceed the cells' (a formatted row with no cell far
    below), never fall short of them."""
    rows = columns = row_tags = 0
    for piece in _pieces(name, head, sheet):
        tags, numbered = _row_tags(piece)
        row_tags += tags
        if hinted:
            rows = max(rows, numbered)
        for ref in set(_beyond(columns, rows).findall(piece)):
            letters = ref.rstrip(_DIGITS)
            columns = max(columns, _column_number(letters))
            rows = max(rows, _row_number(ref[len(letters) :]))
    return max(rows, row_tags), columns


def _pieces(name: str, head: bytes, sheet: IO[bytes]) -> Iterator[bytes]:
    """The worksheet, `head` then the rest of `sheet`, in pieces of about _CHUNK bytes,
    each cut after a byte that no cell reference or row tag holds (the bytes after it
    begin the next piece): a reference cut in two would be missed."""
    carried, chunk = b"", head
    while chunk:
        text = carried + chunk
        cut = len(text.rstrip(_UNBROKEN))
        if len(text) - cut > _RUN_LIMIT:
            raise WorkbookTooLarge(
                f"{name} has over {_size(_RUN_LIMIT)} of letters, digits and spaces in one "
                f"run, over the limit of {_size(_RUN_LIMIT)} (an Excel cell holds 32,767 "
                "characters at most)"
            )
        yield text[:cut]
        carried, chunk = text[cut:], sheet.read(_CHUNK)
    yield carried


def _row_tags(piece: bytes) -> tuple[int, int]:
    """How many row tags `piece` holds, and the largest number they give their rows."""
    tags = _ROW_TAGS.findall(piece)
    count = len(_ROW_TAG.findall(piece)) if any(b == b":" for b, _ in tags) else len(tags)
    numbers = _ROW_NUMBER.findall(b" ".join(attributes for _, attributes in tags))
    return count, max(map(_row_number, numbers), default=0)


def _beyond(columns: int, rows: int) -> re.Pattern[bytes]:
    """A pattern for the cell references past column `columns` or past row `rows`,
    each whole (letters, digits) as the one group: `r = 'ab12'` in any case, spaces
    around "=" and either quote, as XML allows them."""
    column = _past(_letters(columns), _LETTERS) + rb"[0-9]++"
    row = rb"[A-Za-z]++0*+" + _past(str(rows).encode() if rows else b"", _DIGITS)
    return re.compile(rb"r(?<!\wr)\s*+=\s*+[\"'](" + column + rb"|" + row + rb")[\"']")


def _past(known: bytes, symbols: bytes) -> bytes:
    """A pattern for the strings of `symbols` (letters in either case, or digits after
    the leading zeros) whose number is past that of `known`: those longer, and those
    as long whose first symbol that differs is greater."""
    digits = symbols == _DIGITS
    anyone = _one_of(symbols)
    options = [_one_of(symbols[1:] if digits else symbols) + anyone + b"{%d,}+" % len(known)]
    for at, symbol in enumerate(known):
        greater = symbols[symbols.index(symbol) + 1 :]
        if greater:
            same = b"".join(_one_of(bytes([s])) for s in known[:at])
            options.append(same + _one_of(greater) + anyone + b"{%d}" % (len(known) - at - 1))
    return b"(?:" + b"|".join(options) + b")"


def _one_of(symbols: bytes) -> bytes:
    """A character class of `symbols`, consecutive ones, letters in either case."""
    span = symbols[:1] + (b"-" + symbols[-1:] if len(symbols) > 1 else b"")
    return b"[" + span + (span.lower() if symbols[:1].isalpha() else b"") + b"]"


def _letters(column: int) -> bytes:
    """The letters of column number `column` (1 is A, 27 is AA); none for 0."""
    letters = b""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = _LETTERS[rest : rest + 1] + letters
    return letters


def _row_number(digits: bytes) -> int:
    """The row `digits` name, as calamine reads them: leading zeros are no digits."""
    digits = digits.lstrip(b"0")
    return int(digits or 0) if len(digits) <= 12 else _FAR


def _column_number(letters: bytes) -> int:
    if len(letters) > 8:  # 26**8 is already past _FAR / 10
        return _FAR
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - ord("A") + 1
    return number


def _size(count: int) -> str:
    return f"{count / 1024 / 1024:,.0f} MiB" if count >= 1024 * 1024 else f"{count:,} bytes"

"""A file as the format readers see it, parsed at most once whichever reader asks.

Formats are recognised by content: each reader looks at the probe (is it a
workbook, JSON of which shape, a delimited table with which header) and says
whether the file is its own. The parsing behind those questions is cached here.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
import sys
import warnings
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import python_calamine

from auditor.ingest import workbooks
from auditor.ingest.coerce import row_numbers
from auditor.ingest.decode import decode
from auditor.ingest.result import Rejected
from auditor.ingest.workbook_limits import check_workbook

_SKIPPED_LINE = re.compile(r"Skipping line (\d+): (.+)")


@dataclass
class Delimited:
    """A delimited text table: text cells, each row's number, and the rows that did not parse."""

    raw: pd.DataFrame
    rows: pd.Series
    rejected: list[Rejected]
    format: str  # "csv" or "tsv"
    #: Blank rows between the header and the last row with text, skipped (`blank_rows_note`).
    gaps: list[int] = field(default_factory=list)


#: Cells a row may have beyond its header and still be read: trailing tabs or commas
#: are harmless when the extra cells are blank, and a row with text there is rejected.
SPARE_CELLS = 8


def read_delimited(text: str, sep: str, header_line: int = 0, quoted: bool = True) -> Delimited:
    """Parse `text` with its header on line `header_line` (0-based), rows numbered as a spreadsheet does.

    pandas' C parser reads every cell as text; `quoted=False` is for Amazon's flat
    files, which never quote, so a title such as `8" Subwoofer` keeps its quote mark
    and a stray quote cannot swallow the cells after it. A row with more (non-blank)
    cells than the header is rejected, never shifted into the wrong columns, its
    reason giving its cells as the csv module splits them (`_cell_counts`). A row with
    fewer cells is read, its missing cells blank, as a spreadsheet shows it.

    Every line break is made `\n` first: pandas ends a line at a lone `\r` too, but
    where it skips lines (those above the header) it then drops the cell after that
    `\r`, so `sku,title\r,brand` read `brand` as the SKU.
    """
    if "\r" in text:
        text = LINE_BREAK.sub("\n", text)
    quoting = csv.QUOTE_MINIMAL if quoted else csv.QUOTE_NONE
    kind = "TSV" if sep == "\t" else "CSV"
    options: dict[str, Any] = {
        "sep": sep,
        "dtype": str,
        "keep_default_na": False,
        "na_filter": False,
        "quoting": quoting,
    }
    header = _header_cells(text, sep, header_line, quoted)  # as written: repeats not renamed
    if not any(header):
        raise ValueError(f"cannot parse as {kind}: no header on line {header_line + 1}")
    width = len(header)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            cells = pd.read_csv(
                io.StringIO(text),
                header=None,
                names=range(width + SPARE_CELLS),
                on_bad_lines="warn",
                skip_blank_lines=False,  # numbered like a spreadsheet, then dropped below
                skiprows=header_line + 1,
                **options,
            )
        except pd.errors.EmptyDataError:
            cells = pd.DataFrame(columns=range(width + SPARE_CELLS), dtype=str)
        except pd.errors.ParserError as error:
            raise ValueError(f"cannot parse as {kind}: {error}") from None
    skipped = [int(line) for w in caught for line, _ in _SKIPPED_LINE.findall(str(w.message))]
    rows = row_numbers(len(cells) + len(skipped), first=header_line + 2)
    rows = rows[~rows.isin(skipped)].reset_index(drop=True)
    spare = cells.iloc[:, width:] != ""
    too_wide = spare.any(axis=1).to_numpy()
    wide = [int(rows[i]) for i in too_wide.nonzero()[0]]
    counts = _cell_counts(text, sep, quoted, {*skipped, *wide})
    rejected = [
        Rejected(row, None, f"unreadable row: {counts[row]} cells, the header has {width}")
        if row in counts
        else Rejected(row, None, f"unreadable row: more cells than the header's {width}")
        for row in sorted({*skipped, *wide})
    ]
    blank = blank_rows(cells.iloc[:, :width])
    again = header_again(cells.iloc[:, :width], header) & ~too_wide
    for i in again.nonzero()[0]:
        rejected.append(Rejected(int(rows[i]), None, HEADER_AGAIN))
    keep = ~blank & ~too_wide & ~again
    raw = cells.loc[keep, : width - 1].set_axis(header, axis=1) if width else cells.loc[keep, []]
    rejected.sort(key=lambda r: r.row or 0)
    return Delimited(
        raw.reset_index(drop=True),
        rows[keep].reset_index(drop=True),
        rejected,
        "tsv" if sep == "\t" else "csv",
        gaps=gaps(blank, rows),
    )


def gaps(blank: np.ndarray, rows: pd.Series) -> list[int]:
    """The numbers of the blank rows that lie between rows with text (not those after
    the last one: a file's trailing blank lines are no gap)."""
    filled = (~blank).nonzero()[0]
    if not len(filled):
        return []
    return [int(rows[i]) for i in blank[: filled[-1]].nonzero()[0]]


def blank_rows_note(numbers: list[int]) -> list[str]:
    """The file's warning for blank rows skipped between its rows (none for none): a
    row left empty between two others is neither data nor a mistake to reject, but it
    is said, so no row of the file goes unaccounted for."""
    if not numbers:
        return []
    listed = [str(n) for n in numbers[:10]] + (
        [f"{len(numbers) - 10} more"] if len(numbers) > 10 else []
    )
    shown = listed[0] if len(listed) == 1 else f"{', '.join(listed[:-1])} and {listed[-1]}"
    plural = "s" if len(numbers) > 1 else ""
    return [f"{len(numbers)} blank row{plural} skipped (row{plural} {shown})"]


#: Why a row that repeats the header is not read: two exports joined into one file.
HEADER_AGAIN = "the header row again (two files joined into one?)"


def header_again(cells: pd.DataFrame, header: list[str]) -> np.ndarray:
    """Rows that repeat `header` cell for cell (spaces and byte-order marks aside): the
    header of a second export joined on. Only rows whose first cell is the header's
    first cell are compared in full."""
    wanted = [str(h).strip().lstrip("\ufeff") for h in header]
    again = np.zeros(len(cells), dtype=bool)
    if not wanted or not wanted[0] or cells.shape[1] != len(wanted):
        return again
    first = cells.iloc[:, 0].astype("string").fillna("").str.strip()
    candidate = (first == wanted[0]).to_numpy(dtype=bool)
    if candidate.any():
        rest = cells[candidate].astype("string").fillna("")
        same = rest.apply(lambda c: c.str.strip()) == pd.Series(wanted, index=rest.columns)
        again[candidate] = same.all(axis=1).to_numpy(dtype=bool)
    return again


def _cell_counts(text: str, sep: str, quoted: bool, rows: set[int]) -> dict[int, int]:
    """The number of cells of each of `rows` (numbered as a spreadsheet does, line 1
    first), as the csv module splits them: a delimiter inside quotes is no cell border,
    and trailing empty cells count. Only rows with too many cells are counted, so the
    file is split a second time only when it has one; a row the csv module cannot
    split either is left out."""
    counts: dict[int, int] = {}
    if not rows:
        return counts
    last = max(rows)
    try:
        reader = csv.reader(
            io.StringIO(text, newline=""),
            delimiter=sep,
            quoting=csv.QUOTE_MINIMAL if quoted else csv.QUOTE_NONE,
        )
        for number, record in enumerate(reader, start=1):
            if number in rows:
                counts[number] = len(record)
            if number >= last:
                break
    except csv.Error:  # a NUL byte, a cell over the csv module's size limit
        pass
    return counts


def blank_rows(cells: pd.DataFrame) -> np.ndarray:
    """Rows of text cells with no text (spaces count as none). Only the rows whose first
    cell is blank are looked at, each joined into one string: stripped a column at a
    time (`apply`), a row of 2,000 columns, as a workbook may declare, took seconds."""
    if not len(cells.columns):
        return np.ones(len(cells), dtype=bool)
    first = cells.iloc[:, 0].astype("string").fillna("")  # "" or None where empty
    candidate = ((first == "") | first.str.isspace()).to_numpy(dtype=bool)
    blank = np.zeros(len(cells), dtype=bool)
    if candidate.any():
        rows = cells[candidate].astype("string").fillna("").to_numpy(dtype=object).tolist()
        blank[candidate] = [not "".join(row).strip() for row in rows]
    return blank


#: Where a line ends, as pandas' parser sees it: `\r\n`, `\n`, or a lone `\r` (an old
#: Mac export, or a stray one in a cell). The header is found, and the first lines are
#: recognised, with the same breaks, so that line N is the same line for every reader.
LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _header_cells(text: str, sep: str, line: int, quoted: bool) -> list[str]:
    lines = LINE_BREAK.split(text, maxsplit=line + 1)
    if len(lines) <= line:
        return []
    header = lines[line]
    if not quoted:
        return header.split(sep)
    try:
        return next(csv.reader([header], delimiter=sep), [])
    except csv.Error:  # of one line without breaks, only a cell over the csv module's limit
        kind = "TSV" if sep == "\t" else "CSV"
        raise ValueError(
            f"cannot parse as {kind}: a header cell on line {line + 1} is longer than "
            f"{csv.field_size_limit():,} characters"
        ) from None


def _cell(value: Any) -> str:
    """A workbook cell as the text a seller typed: 12.0 -> "12", a date -> "2026-11-27"."""
    if type(value) is str:  # most cells: no conversion
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _text_frame(rows: list[list[Any]]) -> pd.DataFrame:
    """Sheet rows as a frame of text cells, padded to the widest row.

    A Category Listing Report is 165 columns by tens of thousands of rows, nearly all
    text already: the frame is built as is, and only the columns pandas does not see
    as all text (a price typed as a number, a date) are converted, cell by cell.
    """
    frame = pd.DataFrame(rows, dtype=object)
    for column in frame.columns:
        values = frame[column]
        if pd.api.types.infer_dtype(values, skipna=False) != "string":
            frame[column] = [v if type(v) is str else _cell(v) for v in values]
    return frame


def text_column(rows: list[list[Any]], position: int) -> list[str]:
    """Column `position` of sheet rows as text ("" where a row is shorter)."""
    try:
        values = [row[position] for row in rows]
    except IndexError:  # a short row: calamine pads a sheet's rows, but not every writer's
        values = [row[position] if position < len(row) else "" for row in rows]
    # Most cells are text already: only the others pay for a conversion call.
    return [v if type(v) is str else _cell(v) for v in values]


def guess_separator(line: str) -> str:
    return "\t" if line.count("\t") > line.count(",") else ","


class RepeatedKeys(dict[str, Any]):
    """A JSON object that names a key more than once (`{"sku": "A", "sku": "B"}`). It
    holds the last value, as `json` does, and `repeated` names the keys, so that a
    reader can refuse the record rather than pick one value unseen."""

    def __init__(self, items: dict[str, Any], repeated: list[str]) -> None:
        super().__init__(items)
        self.repeated = tuple(repeated)


def repeated_reason(keys: list[str], known: Collection[str]) -> str:
    """Why a record with `keys` repeated is not read. A key the reader knows (a field
    name of the format, not content) is named; any other is counted, never quoted."""
    named = [key for key in keys if key in known]
    others = len(keys) - len(named)
    parts = [f"the key {key}" for key in named]
    if others == 1:
        parts.append(f"{'another' if named else 'a'} key the reader does not use")
    elif others:
        parts.append(f"{others} {'other ' if named else ''}keys the reader does not use")
    what = " and ".join(parts)
    verb = "appears" if len(keys) == 1 else "appear"
    return f"{what} {verb} more than once in one object, so which value is meant is unclear"


@dataclass
class Probe:
    path: Path
    display: str
    data: bytes
    #: The encoding the file's source stated (a fetched report's charset), if any.
    declared_encoding: str | None = None
    _sheets: dict[str, pd.DataFrame] = field(default_factory=dict, repr=False)
    _cells: dict[str, list[list[Any]]] = field(default_factory=dict, repr=False)
    #: Whether `json` met an object naming a key more than once.
    _repeats: bool = field(default=False, repr=False)
    #: Sheets calamine could not parse, with its error: each is tried once, whoever asks.
    unreadable_sheets: dict[str, ValueError] = field(default_factory=dict, repr=False)

    @cached_property
    def sha256(self) -> str:
        """The file's fingerprint: in run.inputs, and to know a workbook parsed ahead is this one."""
        return hashlib.sha256(self.data).hexdigest()

    @property
    def is_workbook(self) -> bool:
        return self.data[:4] == b"PK\x03\x04"

    @cached_property
    def decoded(self) -> tuple[str, str]:
        """(text, encoding); raises ValueError for a workbook or undecodable bytes."""
        if self.is_workbook:
            raise ValueError("a workbook, not text")
        try:
            return decode(self.data, self.declared_encoding)
        except UnicodeDecodeError as error:
            raise ValueError(f"cannot decode the text: {error.reason}") from None

    @property
    def text(self) -> str:
        return self.decoded[0]

    @property
    def encoding(self) -> str:
        return self.decoded[1]

    @cached_property
    def looks_like_json(self) -> bool:
        try:
            return self.text.lstrip()[:1] in ("{", "[")
        except ValueError:
            return False

    @cached_property
    def json(self) -> Any:
        """The parsed JSON; raises ValueError saying where a damaged file breaks, or why
        valid JSON cannot be read: nested deeper than Python's recursion limit (a file
        of 100,000 `[`), or a number with more digits than Python converts (4,300). An
        object that names a key more than once is a `RepeatedKeys`: readers refuse the
        record holding it (`repeated_keys`) rather than read whichever value came last."""
        seen: list[bool] = []

        def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
            found = dict(items)
            if len(found) == len(items):
                return found
            seen.append(True)
            counts = Counter(key for key, _ in items)
            return RepeatedKeys(found, sorted(k for k, n in counts.items() if n > 1))

        try:
            data = json.loads(self.text, object_pairs_hook=pairs)
        except json.JSONDecodeError as error:
            raise ValueError(
                f"not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}"
            ) from None
        except RecursionError:
            raise ValueError("not readable JSON: arrays or objects nested too deep") from None
        except ValueError:  # the only other ValueError json.loads raises
            raise ValueError(
                f"not readable JSON: a number of more than {sys.get_int_max_str_digits():,} digits"
            ) from None
        self._repeats = bool(seen)
        return data

    def repeated_keys(self, value: Any) -> list[str]:
        """The keys named more than once in one object anywhere within `value` (a part
        of `self.json`), sorted; at once empty for a file with no such object."""
        if not self._repeats:
            return []
        found: set[str] = set()
        stack = [value]
        while stack:
            item = stack.pop()
            if isinstance(item, dict):
                found.update(getattr(item, "repeated", ()))
                stack.extend(item.values())
            elif isinstance(item, list):
                stack.extend(item)
        return sorted(found)

    @cached_property
    def first_lines(self) -> list[str]:
        try:
            lines = LINE_BREAK.split(self.text[:65536], maxsplit=8)  # a header is never longer
        except ValueError:
            return []
        if lines[-1] == "":  # the end of the text, not a line
            lines.pop()
        return lines[:8]

    @cached_property
    def delimited(self) -> Delimited:
        """The file as a delimited table with its header on the first line."""
        return read_delimited(
            self.text, guess_separator(self.first_lines[0] if self.first_lines else "")
        )

    @cached_property
    def sheet_names(self) -> list[str]:
        # before calamine opens it: WorkbookTooLarge is the skip reason
        check_workbook(self.data, self.sha256)
        try:
            workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(self.data))
        except Exception as error:  # a damaged or encrypted workbook
            raise ValueError(f"cannot read the workbook: {error}") from None
        except BaseException as error:
            if not workbooks.calamine_panicked(error):
                raise
            raise ValueError(f"cannot read the workbook: calamine failed ({error})") from None
        return list(workbook.sheet_names)

    def sheet_cells(self, name: str) -> list[list[Any]]:
        """One sheet's rows as calamine gives them (numbers, dates, text); parsed once,
        whoever asks first. A reader that needs a few of many columns takes them from
        here with `text_column`, rather than building the whole sheet as a frame. A sheet
        that cannot be parsed raises the same ValueError for every reader, parsed once."""
        if name in self.unreadable_sheets:
            raise self.unreadable_sheets[name]
        if name not in self._cells:
            try:
                self._cells[name] = workbooks.sheet_cells(self.path, self.sha256, self.data, name)
            except ValueError as error:
                self.unreadable_sheets[name] = error
                raise
        return self._cells[name]

    def sheet(self, name: str) -> pd.DataFrame:
        """One sheet as text cells, no header interpreted."""
        if name not in self._sheets:
            self._sheets[name] = _text_frame(self.sheet_cells(name))
        return self._sheets[name]

    def sheet_rows(self, name: str, count: int) -> list[list[str]]:
        """The first `count` rows of a sheet as text, to recognise it."""
        return [[_cell(v) for v in row] for row in self.sheet_cells(name)[:count]]

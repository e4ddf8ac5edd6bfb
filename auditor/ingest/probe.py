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


#: Cells a row may have beyond its header and still be read: trailing tabs or commas
#: are harmless when the extra cells are blank, and a row with text there is rejected.
SPARE_CELLS = 8


def read_delimited(text: str, sep: str, header_line: int = 0, quoted: bool = True) -> Delimited:
    """Parse `text` with its header on line `header_line` (0-based), rows numbered as a spreadsheet does.

    pandas' C parser reads every cell as text; `quoted=False` is for Amazon's flat
    files, which never quote, so a title such as `8" Subwoofer` keeps its quote mark
    and a stray quote cannot swallow the cells after it. A row with more (non-blank)
    cells than the header is rejected, never shifted into the wrong columns.

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
    rejected, skipped = [], []
    for warning in caught:
        for line, reason in _SKIPPED_LINE.findall(str(warning.message)):
            skipped.append(int(line))
            rejected.append(Rejected(int(line), None, f"unreadable row: {reason.strip()}"))
    rows = row_numbers(len(cells) + len(skipped), first=header_line + 2)
    rows = rows[~rows.isin(skipped)].reset_index(drop=True)
    spare = cells.iloc[:, width:] != ""
    too_wide = spare.any(axis=1).to_numpy()
    for i in too_wide.nonzero()[0]:
        filled = (cells.iloc[i] != "").to_numpy()
        count = int(filled.nonzero()[0].max()) + 1
        reason = f"unreadable row: {count} cells, the header has {width}"
        rejected.append(Rejected(int(rows[i]), None, reason))
    blank = blank_rows(cells.iloc[:, :width])
    keep = ~blank & ~too_wide
    raw = cells.loc[keep, : width - 1].set_axis(header, axis=1) if width else cells.loc[keep, []]
    rejected.sort(key=lambda r: r.row or 0)
    return Delimited(
        raw.reset_index(drop=True),
        rows[keep].reset_index(drop=True),
        rejected,
        "tsv" if sep == "\t" else "csv",
    )


def blank_rows(cells: pd.DataFrame) -> np.ndarray:
    """Rows of text cells with no text (spaces count as none). Only the rows whose first
    cell is blank are looked at, each joined into one string: stripped a column at a
    time (`apply`), a row of 2,000 columns, as a workbook may declare, took seconds."""
    if not len(cells.columns):
        return np.ones(len(cells), dtype=bool)
    first = cells.iloc[:, 0]
    candidate = ((first == "") | first.str.isspace()).to_numpy(dtype=bool)
    blank = np.zeros(len(cells), dtype=bool)
    if candidate.any():
        rows = cells[candidate].to_numpy(dtype=object).tolist()
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


@dataclass
class Probe:
    path: Path
    display: str
    data: bytes
    _sheets: dict[str, pd.DataFrame] = field(default_factory=dict, repr=False)
    _cells: dict[str, list[list[Any]]] = field(default_factory=dict, repr=False)

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
            return decode(self.data)
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
        of 100,000 `[`), or a number with more digits than Python converts (4,300)."""
        try:
            return json.loads(self.text)
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
        check_workbook(self.data)  # before calamine opens it: WorkbookTooLarge is the skip reason
        try:
            workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(self.data))
        except Exception as error:  # a damaged or encrypted workbook
            raise ValueError(f"cannot read the workbook: {error}") from None
        return list(workbook.sheet_names)

    def sheet_cells(self, name: str) -> list[list[Any]]:
        """One sheet's rows as calamine gives them (numbers, dates, text); parsed once,
        whoever asks first. A reader that needs a few of many columns takes them from
        here with `text_column`, rather than building the whole sheet as a frame."""
        if name not in self._cells:
            self._cells[name] = workbooks.sheet_cells(self.path, self.sha256, self.data, name)
        return self._cells[name]

    def sheet(self, name: str) -> pd.DataFrame:
        """One sheet as text cells, no header interpreted."""
        if name not in self._sheets:
            self._sheets[name] = _text_frame(self.sheet_cells(name))
        return self._sheets[name]

    def sheet_rows(self, name: str, count: int) -> list[list[str]]:
        """The first `count` rows of a sheet as text, to recognise it."""
        return [[_cell(v) for v in row] for row in self.sheet_cells(name)[:count]]

"""Workbook sheets as calamine parses them; for the CLI, the first one parsed ahead.

calamine parses a sheet in Rust and lets go of the GIL while it does. A
20,000-listing Category Listing Report takes about 1.5 s to parse, and starting the
rest of the tool (importing pandas and the engine, loading the rule packs) about
0.5 s: `read_ahead` starts parsing the first workbook of an audit on a worker thread
so that the two overlap. `sheet_cells` hands that parse over only for the same bytes
and the same sheet, and parses itself otherwise, so reading ahead changes when the
work is done, never what a reader sees.

This module imports neither pandas nor any reader, so the CLI can start it first.
"""

from __future__ import annotations

import hashlib
import io
import os
import stat
import threading
from collections.abc import Iterable, Sequence
from concurrent.futures import Future
from pathlib import Path
from typing import Any

import python_calamine

from auditor.ingest.files import input_files, read_regular
from auditor.ingest.workbook_limits import check_workbook

#: Template sheet names Amazon uses per language; any sheet is checked by content too.
TEMPLATE_SHEETS = (
    "Template",
    "Vorlage",
    "Modèle",
    "Modello",
    "Plantilla",
    "Sjabloon",
    "Mall",
    "Szablon",
    "テンプレート",
)

Cells = list[list[Any]]

#: Sheets being parsed ahead, by (file, sheet): the bytes' sha256 and the cells, or
#: None where calamine failed (the reader then parses and reports the error itself).
_ahead: dict[tuple[Path, str], Future[tuple[str, Cells] | None]] = {}


def reading_order(names: Sequence[str]) -> list[str]:
    """The order readers look at a workbook's sheets in: template sheets first."""
    return sorted(names, key=lambda name: name not in TEMPLATE_SHEETS)


def calamine_panicked(error: BaseException) -> bool:
    """Whether `error` is a panic inside calamine: pyo3's PanicException, a BaseException
    (so `except Exception` lets it through and it ended the audit with a traceback)
    that cannot be imported by name. A date-formatted cell holding
    -9223372036854775809 makes calamine panic ("TimeDelta::milliseconds out of bounds")."""
    return type(error).__name__ == "PanicException"


def parse_sheet(data: bytes, name: str) -> Cells:
    """One sheet's rows (numbers, dates, text) of the workbook in `data`, without its
    trailing blank rows; raises WorkbookTooLarge, before parsing, for a workbook over
    the limits of `workbook_limits`."""
    check_workbook(data)
    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        cells = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
    except Exception as error:  # calamine raises several types for damaged sheets
        raise ValueError(f"cannot read sheet {name!r}: {error}") from None
    except BaseException as error:
        if not calamine_panicked(error):
            raise
        raise ValueError(f"cannot read sheet {name!r}: calamine failed ({error})") from None
    return drop_trailing_blank_rows(cells)


def drop_trailing_blank_rows(cells: Cells) -> Cells:
    """`cells` without the blank rows at its end (no cell, or only spaces), as a CSV's
    are dropped: a stray formatted cell far below the data adds no rows."""
    end = len(cells)
    while end and all(_blank(value) for value in cells[end - 1]):
        end -= 1
    return cells if end == len(cells) else cells[:end]


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def sheet_cells(path: Path, sha256: str, data: bytes, name: str) -> Cells:
    """The sheet `name` of the workbook `data` (of hex digest `sha256`) read from `path`:
    the parse read ahead when it was of these very bytes, else a parse of its own."""
    future = _ahead.pop((path, name), None)
    if future is not None:
        parsed = future.result()
        if parsed is not None and parsed[0] == sha256:
            return parsed[1]
    return parse_sheet(data, name)


def read_ahead(paths: Iterable[Path], follow_links: bool = False) -> None:
    """Start parsing the sheet a reader asks for first, of the first workbook among
    `paths`, on a daemon thread (an audit that stops early does not wait for it).

    One workbook only: its parse overlaps the start-up, which happens once; the files
    after it are read one at a time, as without reading ahead. The files an audit does
    not read (links out of a folder, special files) are not read ahead either."""
    for file, _, skipped in input_files(paths, follow_links):
        if skipped:
            continue
        try:
            fd = os.open(file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
            with os.fdopen(fd, "rb") as stream:
                if not stat.S_ISREG(os.fstat(fd).st_mode) or stream.read(4) != b"PK\x03\x04":
                    continue
            check_workbook(file)  # before calamine opens it; the reader says why it is skipped
            names = python_calamine.CalamineWorkbook.from_path(str(file)).sheet_names
        except Exception:  # unreadable or damaged: the reader will say so
            continue
        except BaseException as error:
            if not calamine_panicked(error):
                raise
            continue
        if names:
            sheet = reading_order(names)[0]
            future: Future[tuple[str, Cells] | None] = Future()
            _ahead[file, sheet] = future
            threading.Thread(target=_parse, args=(file, sheet, future), daemon=True).start()
        return


def _parse(file: Path, name: str, future: Future[tuple[str, Cells] | None]) -> None:
    try:
        data = read_regular(file)
        future.set_result((hashlib.sha256(data).hexdigest(), parse_sheet(data, name)))
    except Exception:
        future.set_result(None)

"""The contract every format reader fulfils."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

import pandas as pd

from auditor.ingest.probe import Probe
from auditor.ingest.result import Rejected


@dataclass
class Extracted:
    """Rows for one canonical table, still as text cells named as the table's columns.

    The common coercion (types, vocabularies, marketplaces) runs on it afterwards, so
    every format rejects bad cells the same way.
    """

    table: str
    raw: pd.DataFrame
    rows: pd.Series  # each row's number as the user sees it (line, record or spreadsheet row)
    format: str
    rejected: list[Rejected] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: Columns of the table the format can fill, whether or not this file had values.
    provided: frozenset[str] | None = None
    #: The marketplace the file itself names; wins over --marketplace for its rows.
    marketplace: str | None = None
    #: Source columns the format does not map (shown by `auditor inspect`).
    unmapped: list[str] = field(default_factory=list)
    #: Columns of JSON data (a listing's attributes), one value per row of `raw`: kept as
    #: they are rather than turned into text and parsed again.
    objects: dict[str, list[Any]] = field(default_factory=dict)

    @classmethod
    def of(cls, table: str, raw: pd.DataFrame, rows: pd.Series, **rest: Any) -> Extracted:
        """The rows a reader kept (after dropping blank or summary lines), renumbered from
        0 with their source row numbers beside them, every cell as text."""
        return cls(
            table=table,
            raw=raw.reset_index(drop=True).astype("string"),
            rows=rows.reset_index(drop=True),
            **rest,
        )


class Ambiguous(ValueError):
    """A file a reader recognises but cannot read without guessing (two columns that
    map to one, a key given twice): it is skipped with this reason, not left to a reader
    after it nor read from either value."""


def ambiguous_header(targets: list[str | None]) -> str | None:
    """Why a header is ambiguous, or None: `targets` gives, for each column of the file
    in order, the tool's column it maps to (None: none). Two columns mapping to one
    are named by that column and their positions, never by the file's header cells
    (docs/security.md): `ambiguous header: two columns map to price (columns 4 and 9)`."""
    positions: dict[str, list[int]] = {}
    for number, target in enumerate(targets, start=1):
        if target is not None:
            positions.setdefault(target, []).append(number)
    repeats = [(target, found) for target, found in positions.items() if len(found) > 1]
    if not repeats:
        return None
    said = [
        f"{_NUMBERS.get(len(found), str(len(found)))} columns map to {target} "
        f"(columns {', '.join(map(str, found[:-1]))} and {found[-1]})"
        for target, found in sorted(repeats)
    ]
    return "ambiguous header: " + "; ".join(said)


_NUMBERS = {2: "two", 3: "three", 4: "four"}


class Format(Protocol):
    """A reader: says whether a file is its format, then extracts canonical rows."""

    name: str

    def recognise(self, probe: Probe) -> bool: ...

    def extract(self, probe: Probe) -> list[Extracted]: ...


def json_matches(probe: Probe, accepts: Callable[[Any], bool]) -> bool:
    """Whether `probe` is JSON (not a workbook) that `accepts` takes by its shape: the
    recognising step of a JSON reader, which a file that is no valid JSON fails."""
    if probe.is_workbook or not probe.looks_like_json:
        return False
    try:
        return accepts(probe.json)
    except ValueError:
        return False


def recognise_json_report(
    probe: Probe, damaged: re.Pattern[str], is_report: Callable[[dict[str, Any]], bool]
) -> bool:
    """Whether `probe` is a JSON report of Amazon's that `is_report` knows, or one cut
    short or damaged whose text still shows `damaged` (its reader then says where it
    breaks, rather than the file being skipped as unknown)."""
    if probe.is_workbook or not probe.looks_like_json:
        return False
    try:
        data = probe.json
    except ValueError:
        return probe.text.lstrip().startswith("{") and bool(damaged.search(probe.text))
    return isinstance(data, dict) and is_report(data)

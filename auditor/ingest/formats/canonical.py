"""The canonical formats: CSV/TSV, JSON and XLSX in our own column names (`auditor schema TABLE`),
or their Chinese labels (`x-label-zh` in the schema; a file may mix the two).

The table a file holds is recognised from its columns: the one whose required
columns are present and which the header matches best; ties go to the narrower
table (a products register is also a subset of the listing columns).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import pandas as pd

from auditor.ingest.coerce import cell_text, row_numbers
from auditor.ingest.formats.base import Ambiguous, Extracted, ambiguous_header
from auditor.ingest.probe import Probe, blank_rows, blank_rows_note, gaps, repeated_reason
from auditor.ingest.result import Rejected
from auditor.model.labels import ZH_LABELS
from auditor.model.tables import INPUT_TABLES, TABLES, TableSpec


def normalise_header(name: Any) -> str:
    return re.sub(r"[\s\-]+", "_", str(name).strip().lstrip("\ufeff").lower())


#: A column's Chinese header (model/labels.py), normalised as a header is, to the column.
ZH_HEADERS = {normalise_header(label): column for column, label in ZH_LABELS.items()}


def canonical_header(name: Any) -> str:
    """A header as a column name: the name itself, or the column whose Chinese label it is."""
    header = normalise_header(name)
    return ZH_HEADERS.get(header, header)


def recognise_table(columns: list[str]) -> TableSpec | None:
    headers = set(columns)
    candidates = [
        (len(headers & set(spec.columns)), -len(spec.columns), spec)
        for spec in TABLES.values()
        if spec.from_inputs and set(spec.required_columns) <= headers
    ]
    if not candidates:
        return None
    score, _, spec = max(candidates, key=lambda c: (c[0], c[1]))
    return spec if score else None


class Canonical:
    name = "canonical"

    def recognise(self, probe: Probe) -> bool:
        try:
            raw, _, _, _, _ = self._table(probe)
        except Ambiguous:  # ours, and skipped with the reason
            return True
        except ValueError:
            return False
        return recognise_table(list(raw.columns)) is not None

    def extract(self, probe: Probe) -> list[Extracted]:
        raw, rows, fmt, rejected, skipped = self._table(probe)
        spec = recognise_table(list(raw.columns))
        assert spec is not None
        unused = list(dict.fromkeys(c for c in raw.columns if c not in spec.columns))
        return [
            Extracted(
                table=spec.name,
                raw=raw[[c for c in raw.columns if c in spec.columns]],
                rows=rows,
                format=fmt,
                rejected=list(rejected),
                warnings=[
                    *([f"columns not used: {', '.join(unused)}"] if unused else []),
                    *blank_rows_note(skipped),
                ],
                provided=frozenset(c for c in raw.columns if c in spec.columns),
                unmapped=unused,
            )
        ]

    def _table(
        self, probe: Probe
    ) -> tuple[pd.DataFrame, pd.Series, str, list[Rejected], list[int]]:
        """The file as (text cells with normalised headers, row numbers, format, rows
        rejected before any cell was read, blank rows skipped between the rows).

        A blank row of a workbook is skipped as a CSV's blank line is, the rows after it
        keeping their spreadsheet numbers: sellers leave gaps between groups of rows."""
        rejected: list[Rejected] = []
        skipped: list[int] = []
        if probe.is_workbook:
            name, header = _register_sheet(probe)
            sheet = probe.sheet(name)
            raw = sheet.iloc[header + 1 :].reset_index(drop=True)
            raw.columns = list(sheet.iloc[header])
            rows = row_numbers(len(raw), first=header + 2)
            blank = blank_rows(raw)
            skipped = gaps(blank, rows)
            raw, rows, fmt = raw[~blank], rows[~blank].reset_index(drop=True), "xlsx"
            raw = raw.reset_index(drop=True)
        elif probe.looks_like_json:
            raw, rows, rejected = _json_records(probe)
            fmt = "json"
        else:
            table = probe.delimited
            raw, rows, fmt, rejected = table.raw, table.rows, table.format, table.rejected
            skipped = table.gaps
        raw = raw.copy()
        raw.columns = names = [canonical_header(c) for c in raw.columns]
        # Counted once, not a scan per column: a file of 10,000 columns took 46 s.
        counts = Counter(names)
        spec = recognise_table(names) if any(n > 1 for n in counts.values()) else None
        if spec is not None:  # two columns of the table's, or unused ones (left out)
            twice = {n for n, count in counts.items() if count > 1 and n in spec.columns}
            why = ambiguous_header([n if n in twice else None for n in names])
            if why:
                raise Ambiguous(why)
        return raw, rows, fmt, list(rejected), skipped


#: How far down a sheet its header row may sit (below a title or a note line).
HEADER_SEARCH_ROWS = 10


def _register_sheet(probe: Probe) -> tuple[str, int]:
    """The sheet holding a canonical table and its header row (0-based): found by the
    header itself on whichever sheet has it, so a "Notes" or "README" sheet in front
    of the register does not hide it."""
    for name in probe.sheet_names:
        for number, row in enumerate(probe.sheet_rows(name, HEADER_SEARCH_ROWS)):
            if recognise_table([canonical_header(c) for c in row if str(c).strip()]):
                return name, number
    if not probe.sheet_names or all(not probe.sheet_rows(n, 1) for n in probe.sheet_names):
        raise ValueError("empty workbook")
    raise ValueError(
        f"no sheet has a header row of a known table (sheets: {', '.join(probe.sheet_names[:5])})"
    )


def _json_records(probe: Probe) -> tuple[pd.DataFrame, pd.Series, list[Rejected]]:
    """The records of a canonical JSON file as text cells, numbered from 1. A record
    naming a key twice is rejected whole, naming the key when it is a column."""
    data = probe.json
    records = data
    if isinstance(data, dict):
        tables = [key for key in data if key in INPUT_TABLES]
        if len(tables) != 1:
            raise ValueError(
                "a JSON input is a list of records, or an object with one of: "
                + ", ".join(INPUT_TABLES)
            )
        if tables[0] in getattr(data, "repeated", ()):
            raise Ambiguous(
                f"the key {tables[0]} appears more than once: which list is meant is unclear"
            )
        records = data[tables[0]]
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise ValueError("expected a list of records (objects)")
    kept: list[dict[str, str]] = []
    numbers: list[int] = []
    rejected: list[Rejected] = []
    for number, record in enumerate(records, start=1):
        repeated = probe.repeated_keys(record)
        if repeated:
            named = {canonical_header(key) for key in repeated} & _COLUMNS
            reason = repeated_reason(sorted(canonical_header(k) for k in repeated), _COLUMNS)
            column = named.pop() if len(named) == 1 else None
            rejected.append(Rejected(number, column, f"record {number}: {reason}"))
            continue
        kept.append({k: cell_text(v) for k, v in record.items()})
        numbers.append(number)
    columns = list(dict.fromkeys(key for record in records for key in record))
    return (
        pd.DataFrame(kept, columns=columns, dtype="string"),
        pd.Series(numbers, dtype="int64"),
        rejected,
    )


#: Every column of a table the inputs fill: the key names a canonical file may use.
_COLUMNS = frozenset(c for spec in TABLES.values() if spec.from_inputs for c in spec.columns)

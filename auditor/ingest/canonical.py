"""Readers for the canonical formats: CSV/TSV, JSON and XLSX in our own column names.

The table a file holds is recognised from its columns, never from its name.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import warnings
from pathlib import Path
from typing import Any

import pandas as pd

from auditor.ingest.coerce import cell_text, row_numbers, to_canonical
from auditor.ingest.decode import decode
from auditor.ingest.result import FileResult, Rejected
from auditor.model.tables import TABLES, TableSpec

_SKIPPED_LINE = re.compile(r"Skipping line (\d+): (.+)")


def normalise_header(name: Any) -> str:
    return re.sub(r"[\s\-]+", "_", str(name).strip().lstrip("\ufeff").lower())


def recognise(columns: list[str]) -> TableSpec | None:
    """The table whose columns the header matches best; ties go to the narrower table."""
    headers = set(columns)
    candidates = [
        (len(headers & set(spec.columns)), -len(spec.columns), spec)
        for spec in TABLES.values()
        if set(spec.required_columns) <= headers
    ]
    if not candidates:
        return None
    score, _, spec = max(candidates, key=lambda c: (c[0], c[1]))
    return spec if score else None


def read_file(path: Path, display: str, default_marketplace: str | None) -> FileResult:
    result = FileResult(path=display)
    try:
        data = path.read_bytes()
    except OSError as error:
        result.skipped = f"cannot read: {error.strerror or error}"
        return result
    result.sha256 = hashlib.sha256(data).hexdigest()
    if not data.strip():
        result.skipped = "empty file"
        return result
    try:
        raw, rows = _parse(data, result)
    except ValueError as error:
        result.skipped = str(error)
        return result
    if raw is None:
        return result
    raw.columns = [normalise_header(c) for c in raw.columns]
    repeated = sorted({c for c in raw.columns if list(raw.columns).count(c) > 1})
    if repeated:
        result.skipped = f"ambiguous header: {', '.join(repeated)} appears more than once"
        result.rejected = []
        return result
    spec = recognise(list(raw.columns))
    if spec is None:
        result.skipped = f"not a recognised format (columns: {', '.join(list(raw.columns)[:8])})"
        result.rejected = []  # the file was not read as data, so none of its rows were rejected
        return result
    result.table = spec.name
    result.rows_read = len(raw) + len({r.row for r in result.rejected})
    frame, rejected, provided = to_canonical(
        raw.reset_index(drop=True), spec, rows, default_marketplace
    )
    unused = [c for c in raw.columns if c not in spec.columns]
    if unused:
        result.warnings.append(f"columns not used: {', '.join(unused)}")
    frame["_file"] = display
    result.frame, result.provided = frame, provided
    result.rejected = sorted(result.rejected + rejected, key=lambda r: (r.row or 0, r.column or ""))
    return result


def _parse(data: bytes, result: FileResult) -> tuple[pd.DataFrame | None, pd.Series]:
    if data[:4] == b"PK\x03\x04":
        result.format, result.encoding = "xlsx", None
        return _read_xlsx(data)
    try:
        text, result.encoding = decode(data)
    except UnicodeDecodeError as error:
        raise ValueError(f"cannot decode the text: {error.reason}") from None
    if text.lstrip()[:1] in ("{", "["):
        result.format = "json"
        return _read_json(text, result)
    return _read_delimited(text, result)


def _read_delimited(text: str, result: FileResult) -> tuple[pd.DataFrame, pd.Series]:
    header = text.split("\n", 1)[0]
    sep = "\t" if header.count("\t") > header.count(",") else ","
    result.format = "tsv" if sep == "\t" else "csv"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            raw = pd.read_csv(
                io.StringIO(text),
                sep=sep,
                dtype=str,
                keep_default_na=False,
                na_filter=False,
                on_bad_lines="warn",
                quoting=csv.QUOTE_MINIMAL,
                skip_blank_lines=False,  # numbered like a spreadsheet, then dropped below
            )
        except (pd.errors.ParserError, pd.errors.EmptyDataError) as error:
            raise ValueError(f"cannot parse as {result.format.upper()}: {error}") from None
    skipped: list[int] = []
    for warning in caught:
        for line, reason in _SKIPPED_LINE.findall(str(warning.message)):
            skipped.append(int(line))
            result.rejected.append(Rejected(int(line), None, f"unreadable row: {reason.strip()}"))
    rows = row_numbers(len(raw) + len(skipped))
    kept = rows[~rows.isin(skipped)].reset_index(drop=True)
    blank = (raw.fillna("") == "").all(axis=1).to_numpy()
    return raw[~blank].reset_index(drop=True), kept[~blank].reset_index(drop=True)


def _read_json(text: str, result: FileResult) -> tuple[pd.DataFrame | None, pd.Series]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValueError(
            f"not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}"
        ) from None
    records = data
    if isinstance(data, dict):
        tables = [key for key in data if key in TABLES]
        if len(tables) != 1:
            raise ValueError(
                "a JSON input is a list of records, or an object with one of: " + ", ".join(TABLES)
            )
        records = data[tables[0]]
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise ValueError("expected a list of records (objects)")
    raw = pd.DataFrame([{k: cell_text(v) for k, v in r.items()} for r in records], dtype="string")
    return raw, row_numbers(len(raw), first=1)


def _read_xlsx(data: bytes) -> tuple[pd.DataFrame, pd.Series]:
    try:
        raw = pd.read_excel(
            io.BytesIO(data), sheet_name=0, dtype=str, keep_default_na=False, engine="openpyxl"
        )
    except Exception as error:  # openpyxl raises many types for a damaged workbook
        raise ValueError(f"cannot read the workbook: {error}") from None
    return raw, row_numbers(len(raw))

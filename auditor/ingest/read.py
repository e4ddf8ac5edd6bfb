"""Read one file: find the format that recognises it, extract, coerce, account for every row."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from auditor.ingest.coerce import to_canonical
from auditor.ingest.files import NOT_AN_INPUT, NotReadable, read_regular
from auditor.ingest.formats import FORMATS, Extracted, Format
from auditor.ingest.formats.base import ambiguous_header
from auditor.ingest.formats.canonical import canonical_header
from auditor.ingest.images.names import image_name, is_image_file, why_not_named
from auditor.ingest.images.reader import IMAGE_FORMAT, image_rows
from auditor.ingest.probe import Probe
from auditor.ingest.result import FileResult, TablePart
from auditor.model.tables import INPUT_TABLES, TABLES

#: Files a seller keeps beside their data (notes, scans, config): listed as skipped, never
#: parsed. Image files are read when named by Amazon's convention (`SKU.MAIN.jpg`, see
#: auditor.ingest.images.names) and skipped otherwise, with the reason.
NOT_DATA = {
    ".md",
    ".pdf",
    ".doc",
    ".docx",
    ".yaml",
    ".yml",
    ".zip",
}


#: The start of the reason a file is skipped with when its reader failed in a way nobody
#: foresaw (the catch-all of `read_file`): a bug of the reader, not of the file.
READER_FAILED = "could not be read: the reader failed"


def recognise(probe: Probe) -> Format | None:
    return next((fmt for fmt in FORMATS if fmt.recognise(probe)), None)


def read_file(
    path: Path, display: str, default_marketplace: str | None, encoding: str | None = None
) -> FileResult:
    """One file as read, or skipped with the reason. A reader that fails on a file in a
    way nobody foresaw skips that file, naming the kind of failure but never the file's
    content, and the audit goes on with the others. Such a failure is a bug of the
    reader, which tests/ingest/test_fuzz.py looks for (READER_FAILED)."""
    try:
        return _read_file(path, display, default_marketplace, encoding)
    except (MemoryError, KeyboardInterrupt):
        raise
    except Exception as error:  # the one place a reader's unforeseen failure stops
        result = FileResult(path=display)
        kind = type(error)
        module = kind.__module__.lstrip("_")
        name = kind.__name__ if module == "builtins" else f"{module}.{kind.__name__}"
        result.skipped = f"{READER_FAILED} ({name})"
        return result


def _read_file(
    path: Path, display: str, default_marketplace: str | None, encoding: str | None
) -> FileResult:
    result = FileResult(path=display)
    try:
        data = read_regular(path)
    except NotReadable as error:
        result.skipped = str(error)
        return result
    probe = Probe(path, display, data, encoding)
    result.sha256 = probe.sha256
    if not data.strip():
        result.skipped = "empty file"
        return result
    if data.removeprefix(b"\xef\xbb\xbf").startswith(NOT_AN_INPUT.encode()):
        result.skipped = "not an input (notes the tool wrote for people)"
        return result
    if is_image_file(path.name):
        return _read_image(path, data, result)
    if path.suffix.lower() in NOT_DATA:
        result.skipped = f"not a data file ({path.suffix.lower()})"
        return result
    if not probe.is_workbook:
        try:
            result.encoding = probe.encoding
        except ValueError as error:
            result.skipped = str(error)
            return result
    fmt = recognise(probe)
    if fmt is None:
        result.skipped = _why_not(probe)
        return result
    try:
        extracted = fmt.extract(probe)
    except ValueError as error:
        result.skipped = str(error)
        return result
    result.format = extracted[0].format if extracted else fmt.name
    return _take(result, extracted, default_marketplace)


def _read_image(path: Path, data: bytes, result: FileResult) -> FileResult:
    """An image file named by the convention, measured into one row of the images
    table; any other image file, or one that cannot be decoded, skipped with the reason."""
    name = image_name(path.name)
    if name is None:
        result.skipped = why_not_named(path.name)
        return result
    try:
        extracted = image_rows(name, data)
    except ValueError as error:
        result.skipped = str(error)
        return result
    result.format = IMAGE_FORMAT
    return _take(result, [extracted], None)


def _take(
    result: FileResult, extracted: list[Extracted], default_marketplace: str | None
) -> FileResult:
    """`result` with the canonical rows of what a reader extracted, and their rejections."""
    seen_rows: set[int] = set()
    for part in extracted:
        marketplace = part.marketplace or default_marketplace
        result.marketplace = result.marketplace or part.marketplace
        frame, rejected, provided = to_canonical(
            part.raw.reset_index(drop=True), TABLES[part.table], part.rows, marketplace
        )
        for column, values in part.objects.items():
            frame[column] = pd.Series(values, dtype=object).reindex(frame.index).to_numpy()
        frame["_file"] = result.path
        provided = part.provided if part.provided is not None else provided
        provided |= {c for c in part.objects if c in TABLES[part.table].columns}
        if "marketplace" in frame and frame["marketplace"].notna().any():
            # The file named its marketplace (or --marketplace filled it): every row has one.
            provided |= {"marketplace"}
        result.parts.append(TablePart(part.table, frame, provided, part.format))
        result.rejected.extend(part.rejected + rejected)
        result.warnings.extend(part.warnings)
        result.unmapped.extend(c for c in part.unmapped if c not in result.unmapped)
        seen_rows.update(int(r) for r in part.rows)
        seen_rows.update(r.row for r in part.rejected if r.row is not None)
    result.rows_read = len(seen_rows)
    result.rejected.sort(key=lambda r: (r.row or 0, r.column or ""))
    return result


def _why_not(probe: Probe) -> str:
    """Why no format took the file: the format it resembled and its first problem, in
    counts and shapes only. No cell, key or sheet name is quoted: a file of secrets (a
    link to the environment, a password file) must not reach the report through here."""
    try:
        if probe.is_workbook:
            sheets = len(probe.sheet_names)
            if probe.unreadable_sheets:  # damaged XML or cells: why it is not recognised
                damaged = len(probe.unreadable_sheets)
                which = "its only sheet" if sheets == 1 else f"{damaged} of its {sheets} sheets"
                return (
                    f"cannot read the workbook: {which} could not be parsed (damaged XML or cells)"
                )
            return (
                f"not a recognised workbook: {_count(sheets, 'sheet')}, "
                "none in a layout the readers know"
            )
        if probe.looks_like_json:
            data = probe.json
            if isinstance(data, dict):
                known = sum(1 for key in data if key in INPUT_TABLES)
                shape = (
                    f"an object with {_count(len(data), 'key')}, {_known(known, 'a table name')}"
                )
            elif isinstance(data, list):
                shape = f"a list of {_count(len(data), 'item')}"
            else:
                shape = f"a single {type(data).__name__} value"
            return (
                f"not a recognised JSON shape: {shape}; canonical JSON is a list of records "
                f"or an object keyed by one of: {', '.join(INPUT_TABLES)}"
            )
        columns = [canonical_header(c) for c in probe.delimited.raw.columns]
        kind = "a tab-delimited" if probe.delimited.format == "tsv" else "a delimited"
        return f"not a recognised format: {kind} text file {_header_problem(columns)}"
    except ValueError as error:
        return str(error)


#: Every column name of a table the inputs fill (the headers of the canonical formats).
_KNOWN_HEADERS = {column for spec in TABLES.values() if spec.from_inputs for column in spec.columns}


def _header_problem(columns: list[str]) -> str:
    """What is wrong with a header that no format took, naming only the tool's own
    column names (never a header cell the tool does not know)."""
    known = [c for c in columns if c in _KNOWN_HEADERS]
    said = f"with {_count(len(columns), 'column')}, {_known(len(set(known)), 'a known header')}"
    repeated = {c for c in known if known.count(c) > 1}
    if repeated:
        return f"{said}; {ambiguous_header([c if c in repeated else None for c in columns])}"
    if not known:
        return said
    specs = [spec for spec in TABLES.values() if spec.from_inputs]
    closest = max(specs, key=lambda spec: len(set(known) & set(spec.columns)))
    missing = [c for c in closest.required_columns if c not in known]
    return f"{said}; the closest table, {closest.name}, also needs: {', '.join(missing)}"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _known(n: int, what: str) -> str:
    if n <= 1:
        return f"{'none' if n == 0 else 'one'} of them {what}"
    return f"{n} of them {what.removeprefix('a ')}s"

"""Read one file: find the format that recognises it, extract, coerce, account for every row."""

from __future__ import annotations

from pathlib import Path

from auditor.ingest.coerce import to_canonical
from auditor.ingest.files import NOT_AN_INPUT
from auditor.ingest.formats import FORMATS, Format
from auditor.ingest.formats.canonical import normalise_header
from auditor.ingest.probe import Probe
from auditor.ingest.result import FileResult, TablePart
from auditor.model.tables import INPUT_TABLES, TABLES

#: Files a seller keeps beside their data (notes, scans, config): listed as skipped, never parsed.
NOT_DATA = {
    ".md",
    ".pdf",
    ".png",
    ".jpg",
    ".jpeg",
    ".gif",
    ".doc",
    ".docx",
    ".yaml",
    ".yml",
    ".zip",
}


def recognise(probe: Probe) -> Format | None:
    return next((fmt for fmt in FORMATS if fmt.recognise(probe)), None)


def read_file(path: Path, display: str, default_marketplace: str | None) -> FileResult:
    """One file as read, or skipped with the reason. A reader that fails on a file in a
    way nobody foresaw (JSON nested 100,000 deep, a header no CSV parser takes) skips
    that file, naming the kind of failure but never the file's content, and the audit
    goes on with the others."""
    try:
        return _read_file(path, display, default_marketplace)
    except (MemoryError, KeyboardInterrupt):
        raise
    except Exception as error:  # the one place a reader's unforeseen failure stops
        result = FileResult(path=display)
        kind = type(error)
        module = kind.__module__.lstrip("_")
        name = kind.__name__ if module == "builtins" else f"{module}.{kind.__name__}"
        result.skipped = f"could not be read: the reader failed ({name})"
        return result


def _read_file(path: Path, display: str, default_marketplace: str | None) -> FileResult:
    result = FileResult(path=display)
    try:
        data = path.read_bytes()
    except OSError as error:
        result.skipped = f"cannot read: {error.strerror or error}"
        return result
    probe = Probe(path, display, data)
    result.sha256 = probe.sha256
    if not data.strip():
        result.skipped = "empty file"
        return result
    if data.removeprefix(b"\xef\xbb\xbf").startswith(NOT_AN_INPUT.encode()):
        result.skipped = "not an input (notes the tool wrote for people)"
        return result
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
    seen_rows: set[int] = set()
    for part in extracted:
        marketplace = part.marketplace or default_marketplace
        result.marketplace = result.marketplace or part.marketplace
        frame, rejected, provided = to_canonical(
            part.raw.reset_index(drop=True), TABLES[part.table], part.rows, marketplace
        )
        frame["_file"] = display
        provided = part.provided if part.provided is not None else provided
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
    """Why no format took the file, as precisely as the content allows."""
    try:
        if probe.is_workbook:
            return f"not a recognised workbook (sheets: {', '.join(probe.sheet_names[:5])})"
        if probe.looks_like_json:
            data = probe.json
            keys = list(data)[:6] if isinstance(data, dict) else ["a list"]
            return (
                f"not a recognised JSON shape (top level: {', '.join(map(str, keys))}); canonical JSON "
                f"is a list of records or an object keyed by one of: {', '.join(INPUT_TABLES)}"
            )
        columns = [normalise_header(c) for c in probe.delimited.raw.columns]
        return f"not a recognised format (columns: {', '.join(columns[:8])})"
    except ValueError as error:
        return str(error)

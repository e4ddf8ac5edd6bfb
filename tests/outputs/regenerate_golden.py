"""Build the golden reports of the demo store: every format, in English and Chinese.

    python3 -m tests.outputs.regenerate_golden      # from the repository root

rewrites `tests/outputs/golden/`; `tests/outputs/test_golden.py` renders the same
reports and compares them with these files. Regenerate after a deliberate change
to a renderer, a template, the rules or the demo store, and review the diff.

The audit runs from the repository root on `examples/demo-store` (its inputs are
named `demo-store/...` however the folder is given), and the tool version is replaced by `GOLDEN` (it differs between a checkout and an install). Text
formats are stored as rendered; the xlsx workbook is stored as the values of its
cells, sheet by sheet (`report.<lang>.xlsx.json`), since its bytes carry timestamps.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parent / "golden"
AS_OF = dt.date(2026, 11, 27)
LANGUAGES = ("en", "zh")
#: Every format `--format` offers.
FORMATS = ("json", "table", "md", "csv", "xlsx", "junit", "html")


@contextlib.contextmanager
def _in_repo() -> Iterator[None]:
    previous = Path.cwd()
    os.chdir(REPO)
    try:
        yield
    finally:
        os.chdir(previous)


def demo_report(language: str) -> dict[str, Any]:
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    from auditor.api import Options, audit
    from auditor.model.common import Language

    with _in_repo():
        report = audit(["examples/demo-store"], Options(as_of=AS_OF, language=Language(language)))
    return as_golden(report.report)


def as_golden(report: dict[str, Any]) -> dict[str, Any]:
    """The demo store's report as the golden files hold it: without the tool's version."""
    report["run"]["tool_version"] = "GOLDEN"
    return report


def xlsx_cells(content: bytes) -> dict[str, list[list[Any]]]:
    """Every sheet's cell values, row by row, trailing blanks dropped."""
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(content))
    sheets = {}
    for sheet in workbook.worksheets:
        rows = []
        for row in sheet.iter_rows(values_only=True):
            values = list(row)
            while values and values[-1] is None:
                values.pop()
            rows.append(values)
        sheets[sheet.title] = rows
    return sheets


def golden_name(fmt: str, language: str) -> str:
    from auditor.outputs.render import FORMATS as EXTENSIONS

    ext = EXTENSIONS[fmt]
    return f"report.{language}.{ext}.json" if fmt == "xlsx" else f"report.{language}.{ext}"


def rendered(report: dict[str, Any], fmt: str, language: str) -> str:
    """The golden text of one format: as rendered, or the workbook's cells as JSON."""
    from auditor.outputs.render import BINARY, render

    content = render(report, fmt, language)
    if fmt in BINARY:
        return json.dumps(xlsx_cells(content), ensure_ascii=False, indent=1, default=str) + "\n"
    # The JSON format is written as UTF-8 bytes (render.json_bytes); the others as text.
    return content.decode("utf-8") if isinstance(content, bytes) else content


def main() -> None:
    GOLDEN.mkdir(exist_ok=True)
    for language in LANGUAGES:
        report = demo_report(language)
        for fmt in FORMATS:
            path = GOLDEN / golden_name(fmt, language)
            path.write_bytes(rendered(report, fmt, language).encode("utf-8"))
            print(f"wrote {path.relative_to(REPO)}")


if __name__ == "__main__":
    main()

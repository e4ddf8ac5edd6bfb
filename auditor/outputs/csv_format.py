"""The csv format: one row per finding, for a spreadsheet or a script.

UTF-8 with a byte order mark, so Excel opens Chinese text as Chinese rather than
mojibake; quoting by Python's csv module. Text cells are quoted and numbers are
not (`QUOTE_NONNUMERIC`), so a reader that honours quoting keeps identifiers such
as SKU `00123` as text. Text that a spreadsheet would run as a formula is
neutralised (see `rows.neutralise`).
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from auditor.outputs.rows import finding_rows, headings, neutralise, not_checked_rows

if TYPE_CHECKING:
    from auditor.model.report import Report

BOM = "\ufeff"


def to_csv(report: Report, language: str) -> str:
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\r\n")
    writer.writerow(headings(language))
    for row in finding_rows(report["findings"], language, report):
        writer.writerow([neutralise(cell) for cell in row])
    for row in not_checked_rows(report, language):
        writer.writerow([neutralise(cell) for cell in row])
    return buffer.getvalue()

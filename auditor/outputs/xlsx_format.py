"""The xlsx format: a summary sheet, one sheet of findings per area, one of SKU scores.

Written with openpyxl in write-only mode, which streams rows to the file instead of
holding every cell object, so a catalogue of 100,000 listings fits in memory.
Identifiers, and every text value, are text cells formatted `@` (a SKU `00123` or
a UPC `012345678905` keeps its leading zero, also when edited); text is never a
formula, whatever it starts with; counts and rates are numbers. Every sheet has a
frozen header row and an auto-filter over its columns.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
import zipfile
from collections import defaultdict
from typing import TYPE_CHECKING, Any

# openpyxl ships no type stubs; everything it gives is reached through the one import.
import openpyxl  # type: ignore[import-untyped]

from auditor.outputs.controls import CELL, visible
from auditor.outputs.i18n import format_date, translate
from auditor.outputs.rows import COLUMNS, finding_rows, headings

if TYPE_CHECKING:
    from auditor.model.report import Finding, Report, SkuScore

#: Characters a sheet name may not hold, and its length limit (Excel's rules).
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_SHEET_MAX = 31
#: Column widths in characters, by column key (others get the default).
_WIDTHS = {"title": 40, "message": 60, "fix": 40, "entity": 18, "rule_name": 24}
_DEFAULT_WIDTH = 14


def sheet_name(name: str, taken: set[str]) -> str:
    base = _SHEET_FORBIDDEN.sub(" ", name)[:_SHEET_MAX].strip() or "Sheet"
    candidate, n = base, 2
    while candidate.lower() in taken:
        suffix = f" ({n})"
        candidate, n = base[: _SHEET_MAX - len(suffix)] + suffix, n + 1
    taken.add(candidate.lower())
    return candidate


def text_cell(sheet: Any, value: Any, text: bool = False, bold: bool = False) -> Any:
    """One cell: text stays text (type `s`, never a formula); identifiers formatted `@`."""
    if isinstance(value, str):
        value = visible(value, CELL)
    cell = openpyxl.cell.WriteOnlyCell(sheet, value=value if value != "" else None)
    if isinstance(value, str):
        cell.data_type = "s"
    if text:
        cell.number_format = "@"
    if bold:
        cell.font = openpyxl.styles.Font(bold=True)
    return cell


class TextCells:
    """Text cells formatted `@` for a findings sheet, made fast enough for 100,000 rows.

    Setting `number_format` on each cell looks the format up in the workbook every
    time; the style of one such cell is worked out once and copied to the others.
    Blanks and numbers go to openpyxl as plain values (it writes them without a cell
    object of ours); only a string can be taken for a formula, so only strings get one.
    """

    def __init__(self, sheet: Any) -> None:
        self.sheet = sheet
        self.style = text_cell(sheet, "", text=True)._style

    def row(self, values: list[Any]) -> list[Any]:
        cells: list[Any] = []
        for value in values:
            if value is None or value == "":
                cells.append(None)
            elif isinstance(value, str):
                cell = openpyxl.cell.WriteOnlyCell(self.sheet, value=visible(value, CELL))
                cell.data_type = "s"
                cell._style = copy.copy(self.style)
                cells.append(cell)
            else:
                cells.append(value)
        return cells


def header_row(sheet: Any, titles: list[str], widths: list[int]) -> None:
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[openpyxl.utils.get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.append([text_cell(sheet, t, bold=True) for t in titles])


def auto_filter(sheet: Any, columns: int, rows: int) -> None:
    sheet.auto_filter.ref = f"A1:{openpyxl.utils.get_column_letter(columns)}{max(rows, 1) + 1}"


def _summary_rows(report: Report, language: str) -> tuple[list[list[Any]], int]:
    """The summary sheet's rows and how many of them form its filterable score table."""
    t = lambda key: translate(key, language)  # noqa: E731
    run, summary = report["run"], report["summary"]
    coverage, gate = summary["coverage"], summary["gate"]
    deductions: dict[str, float] = defaultdict(float)
    for rule in summary["rules"]:
        deductions[rule["area"]] += rule["deduction"]
    rows: list[list[Any]] = [
        [t("area"), t("score"), t("status"), t("h_decided"), t("h_evaluations"), t("deduction")],
        [
            t("overall"),
            summary["score"],
            t(summary["status"]),
            coverage["decided"],
            coverage["evaluations"],
            None,
        ],
    ]
    for name, area in summary["areas"].items():
        rows.append(
            [
                t(name),
                area["score"],
                t(area["status"]),
                area["decided"],
                area["evaluations"],
                round(deductions[name], 3) if name in deductions else None,
            ]
        )
    table = len(rows)
    rows += [
        [],
        [t("title"), t("as_of"), format_date(run["as_of"], language)],
        [t("title"), t("run"), run["id"]],
        [t("title"), t("tool_version"), run["tool_version"]],
    ]
    rows += [[t("coverage"), t(k), v] for k, v in coverage["outcomes"].items()]
    for item in coverage["not_applicable"]:
        rows.append([t("not_applicable"), item["rule_id"], item["reason"]])
    verdict = t("gate_failed") if gate["failed"] else t("gate_passed")
    rows += [
        [t("gate"), t("status"), verdict],
        [t("gate"), t("fail_on"), t(gate["fail_on"])],
        [t("gate"), t("strict"), "true" if gate["strict"] else "false"],
        [t("gate"), t("findings"), gate["findings"]],
    ]
    return rows, table


#: Columns of the per-SKU sheet (`summary.skus`, worst first as the report lists them).
SKU_COLUMNS = (
    "sku", "asin", "marketplace", "title", "score", "status", "deduction",
    "fail", "warn", "unknown", "rules",
)  # fmt: skip


def _sku_sheet(sheet: Any, skus: list[SkuScore], language: str) -> None:
    """One row per listing with its own score, so a seller can sort the catalogue worst-first."""
    titles = [translate(f"col_{key}", language) for key in SKU_COLUMNS]
    header_row(sheet, titles, [_WIDTHS.get(k, _DEFAULT_WIDTH) for k in SKU_COLUMNS])
    auto_filter(sheet, len(SKU_COLUMNS), len(skus))
    cells = TextCells(sheet)
    for item in skus:
        outcomes = item["outcomes"]  # the outcomes it has: fail, warn, unknown
        values = {
            "sku": item["sku"] or "",
            "asin": item["asin"] or "",
            "marketplace": item["marketplace"] or "",
            "title": item["title"] or "",
            "score": item["score"],
            "status": translate(item["status"], language),
            "deduction": item["deduction"],
            **{k: outcomes.get(k) for k in ("fail", "warn", "unknown")},
            "rules": ", ".join(r["rule_id"] for r in item["rules"]),
        }
        sheet.append(cells.row([values[k] for k in SKU_COLUMNS]))


def to_xlsx(report: Report, language: str) -> bytes:
    workbook = openpyxl.Workbook(write_only=True)
    taken: set[str] = set()

    summary_sheet = workbook.create_sheet(sheet_name(translate("summary", language), taken))
    rows, table = _summary_rows(report, language)
    header_row(summary_sheet, rows[0], [20, 18, 40, 12, 12, 12])
    auto_filter(summary_sheet, len(rows[0]), table - 1)
    for row in rows[1:]:
        summary_sheet.append([text_cell(summary_sheet, v, text=isinstance(v, str)) for v in row])

    by_area: dict[str, list[Finding]] = {name: [] for name in report["summary"]["areas"]}
    for finding in report["findings"]:
        by_area.setdefault(finding["area"], []).append(finding)
    titles = headings(language)
    widths = [_WIDTHS.get(key, _DEFAULT_WIDTH) for key in COLUMNS]
    for area, findings in by_area.items():
        sheet = workbook.create_sheet(sheet_name(translate(area, language), taken))
        header_row(sheet, titles, widths)
        auto_filter(sheet, len(COLUMNS), len(findings))
        cells = TextCells(sheet)
        for row in finding_rows(findings, language, report):
            sheet.append(cells.row(row))

    skus = report["summary"]["skus"]
    if skus:
        _sku_sheet(
            workbook.create_sheet(sheet_name(translate("skus", language), taken)), skus, language
        )

    buffer = io.BytesIO()
    workbook.save(buffer)
    return fixed_times(buffer.getvalue(), report["run"]["as_of"])


_STAMP = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def fixed_times(data: bytes, as_of: str) -> bytes:
    """The workbook with the audit date as its every timestamp (the zip entries' and the
    document's created and modified), so the same audit gives the same bytes."""
    try:
        day = dt.date.fromisoformat(as_of[:10])
    except ValueError:
        day = dt.date(1980, 1, 1)
    stamp = f"{day.isoformat()}T00:00:00Z".encode()
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "docProps/core.xml":
                content = _STAMP.sub(rb"\g<1>" + stamp + rb"\g<2>", content)
            entry = zipfile.ZipInfo(
                info.filename, date_time=(max(day.year, 1980), day.month, day.day, 0, 0, 0)
            )
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, content)
    return out.getvalue()

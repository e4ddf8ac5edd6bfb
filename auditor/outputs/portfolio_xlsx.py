"""The portfolio as a workbook: a sheet of stores (one row each, worst first), one of
their top findings, and one of the alerts when any were sent.

Written as the store report's workbook is (auditor/outputs/xlsx_format.py, whose cells
this reuses): text is a text cell, never a formula, whatever it starts with; scores and
counts are numbers a sheet sums and sorts; every sheet has a frozen header row and an
auto-filter; the workbook's timestamps are the run's date, so the same portfolio gives
the same bytes. A store's name stays text; its report is a hyperlink relative to the
workbook, which sits beside the stores' folders.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

import openpyxl  # type: ignore[import-untyped]

from auditor.outputs.i18n import translate
from auditor.outputs.portfolio import SEVERITIES, areas_of, report_link, worst_first
from auditor.outputs.rows import entity_rest
from auditor.outputs.xlsx_format import (
    TextCells,
    auto_filter,
    fixed_times,
    header_row,
    sheet_name,
    text_cell,
)

if TYPE_CHECKING:
    from auditor.model.portfolio import Portfolio, PortfolioStore

#: Columns of the top findings sheet (headings: the catalogue's `col_<key>`).
FINDING_COLUMNS = (
    "store", "severity", "area", "rule_id", "rule_name", "sku", "asin", "marketplace",
    "title", "entity", "detail", "message", "fix",
)  # fmt: skip
#: Columns of the alerts sheet.
ALERT_COLUMNS = ("store", "alert_target", "alert_status", "alert_findings", "alert_documents",
                 "error")  # fmt: skip
_WIDTHS = {"store": 18, "title": 40, "message": 60, "fix": 50, "error": 50, "report": 32,
           "rule_name": 24, "alert_target": 40}  # fmt: skip
_DEFAULT_WIDTH = 12
#: Hyperlinks look like links, as Excel's own Hyperlink style draws them.
_LINK_FONT = openpyxl.styles.Font(color="0563C1", underline="single")


def _stores_sheet(sheet: Any, portfolio: Portfolio, language: str) -> None:
    t = lambda key: translate(key, language)  # noqa: E731
    areas = areas_of(portfolio)
    keys = ["store", "store_status", "score", "score_status", "gated", "marketplace", "listings"]
    titles = [t(f"col_{k}") for k in keys]
    for area in areas:
        titles += [f"{t(area)} · {t('col_score')}", f"{t(area)} · {t('col_status')}"]
        keys += [f"{area}.score", f"{area}.status"]
    titles += [f"{t('col_fail')} · {t(s)}" for s in SEVERITIES]
    keys += [f"fail.{s}" for s in SEVERITIES]
    titles += [t("col_unknown"), t("col_error"), t("col_report")]
    keys += ["unknown", "error", "report"]
    header_row(sheet, titles, [_WIDTHS.get(k, _DEFAULT_WIDTH) for k in keys])
    stores = worst_first(portfolio["stores"])
    auto_filter(sheet, len(keys), len(stores))
    cells = TextCells(sheet)
    for store in stores:
        row = cells.row(_store_values(store, areas, language))
        row.append(_report_cell(sheet, store))
        sheet.append(row)


def _store_values(store: PortfolioStore, areas: list[str], language: str) -> list[Any]:
    """A store's cells but its report's: text translated, scores and counts as numbers."""
    t = lambda key: translate(key, language)  # noqa: E731
    values: list[Any] = [
        store["name"],
        t("store_" + store["status"]),
        store["score"],
        t(store["score_status"]) if store["score_status"] else "",
        t("value_yes" if store["gated"] else "value_no"),
        store.get("marketplace") or "",
        store["listings"],
    ]
    for area in areas:
        found = store["areas"].get(area)
        values += [found["score"], t(found["status"])] if found else [None, ""]
    if store["status"] == "failed":  # no counts: blank, never a reassuring 0
        values += [None] * (len(SEVERITIES) + 1)
    else:
        values += [store["fails"].get(s, 0) for s in SEVERITIES]
        values.append(store["unknown"])
    values.append(store["error"] or "")
    return values


def _report_cell(sheet: Any, store: PortfolioStore) -> Any:
    """The store's HTML report as a link, its path shown; empty when it has none."""
    href = report_link(store)
    if href is None:
        return None
    cell = text_cell(sheet, store["reports"]["html"], text=True)
    cell.hyperlink = href
    cell.font = _LINK_FONT
    return cell


def _findings_sheet(sheet: Any, portfolio: Portfolio, language: str) -> None:
    t = lambda key: translate(key, language)  # noqa: E731
    header_row(
        sheet,
        [t(f"col_{k}") for k in FINDING_COLUMNS],
        [_WIDTHS.get(k, _DEFAULT_WIDTH) for k in FINDING_COLUMNS],
    )
    stores = worst_first(portfolio["stores"])
    auto_filter(sheet, len(FINDING_COLUMNS), sum(len(s["top_findings"]) for s in stores))
    cells = TextCells(sheet)
    for store in stores:
        for f in store["top_findings"]:
            entity = f["entity"]
            values = {
                "store": store["name"],
                "severity": t(f["severity"]),
                "area": t(f["area"]),
                "rule_id": f["rule_id"],
                "rule_name": f["rule_name"],
                "sku": entity.get("sku") or "",
                "asin": entity.get("asin") or "",
                "marketplace": entity.get("marketplace") or "",
                "title": entity.get("title") or "",
                "entity": entity_rest(entity),
                "detail": f["detail"] or "",
                "message": f["message"],
                "fix": f["fix"],
            }
            sheet.append(cells.row([values[k] for k in FINDING_COLUMNS]))


def _alerts_sheet(sheet: Any, stores: list[PortfolioStore], language: str) -> None:
    t = lambda key: translate(key, language)  # noqa: E731
    header_row(
        sheet,
        [t(f"col_{k}") for k in ALERT_COLUMNS],
        [_WIDTHS.get(k, _DEFAULT_WIDTH) for k in ALERT_COLUMNS],
    )
    alerts = [(s["name"], a) for s in stores for a in s.get("alerts") or []]
    auto_filter(sheet, len(ALERT_COLUMNS), len(alerts))
    cells = TextCells(sheet)
    for name, a in alerts:
        sheet.append(
            cells.row(
                [
                    name,
                    a["target"],
                    t("alert_status_" + a["status"]),
                    a["findings"],
                    a["documents"],
                    a.get("error") or "",
                ]
            )
        )


def to_xlsx(portfolio: Portfolio, language: str) -> bytes:
    workbook = openpyxl.Workbook(write_only=True)
    taken: set[str] = set()

    def sheet(key: str) -> Any:
        return workbook.create_sheet(sheet_name(translate(key, language), taken))

    _stores_sheet(sheet("stores"), portfolio, language)
    _findings_sheet(sheet("top_findings"), portfolio, language)
    stores = worst_first(portfolio["stores"])
    if any(s.get("alerts") for s in stores):
        _alerts_sheet(sheet("alerts"), stores, language)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return fixed_times(buffer.getvalue(), portfolio["run"]["as_of"])

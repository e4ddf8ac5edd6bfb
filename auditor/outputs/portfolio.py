"""The portfolio of a fleet as people read it: an HTML page, Markdown, a workbook, and
its JSON.

It renders portfolio.json (the `Portfolio` of auditor/model/portfolio.py) and nothing
else: no audit, no cluster, no store's own report is read, so a saved portfolio.json
renders again in any format and language. The store report's pieces are reused: its
catalogue (i18n), its number and date formatting, its CSS and Content-Security-Policy,
its Markdown escaping and its workbook cells (never a formula); this module only shapes
the portfolio into plain values for the templates `portfolio.html.j2` and
`portfolio.md.j2`, worst store first.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from auditor.errors import AuditorError
from auditor.model.common import SEVERITY_RANK, Severity
from auditor.outputs.html import format_score
from auditor.outputs.i18n import format_date, format_number, translate, translate_with
from auditor.outputs.render import environment, json_bytes, markdown_cell
from auditor.outputs.rows import entity_label

if TYPE_CHECKING:
    from auditor.model.portfolio import Portfolio, PortfolioStore

#: The portfolio's formats and their file extensions (DIR/portfolio.<ext>).
FORMATS = {"json": "json", "html": "html", "md": "md", "xlsx": "xlsx"}
#: Formats that are not text.
BINARY = frozenset({"xlsx"})
TEMPLATES = {"html": "portfolio.html.j2", "md": "portfolio.md.j2"}
#: Severities most severe first, as the columns of failures read.
SEVERITIES = tuple(sorted(Severity, key=SEVERITY_RANK.__getitem__, reverse=True))


def render_portfolio(portfolio: Portfolio, fmt: str, language: str) -> str | bytes:
    """`portfolio` in format `fmt` (a key of FORMATS) with labels in `language` (en or
    zh); bytes for xlsx, and for JSON (its deterministic UTF-8 text, as every JSON
    report is written). Texts from the stores' reports (messages, fixes) stay in the
    language the fleet ran in."""
    if fmt == "json":
        return json_bytes(portfolio)
    if fmt == "xlsx":
        # Imported when asked for: openpyxl costs ~0.1 s of startup.
        from auditor.outputs.portfolio_xlsx import to_xlsx

        return to_xlsx(portfolio, language)
    if fmt not in TEMPLATES:
        raise AuditorError(
            f"no portfolio format {fmt!r}: choose one of {', '.join(sorted(FORMATS))}"
        )
    return environment().get_template(TEMPLATES[fmt]).render(**context(portfolio, language))


def worst_first(stores: Iterable[PortfolioStore]) -> list[PortfolioStore]:
    """The stores an agency should look at first, first: those that failed (no report at
    all), then by score, lowest first, then by name. A store audited without a score
    (nothing could be assessed) comes before the scored ones: nothing decided is no
    sign of health."""

    def rank(store: PortfolioStore) -> tuple[Any, ...]:
        score = store["score"]
        return (store["status"] != "failed", score is not None, score or 0.0, store["name"])

    return sorted(stores, key=rank)


def report_link(store: PortfolioStore, fmt: str = "html") -> str | None:
    """The link to the store's own report in `fmt`, relative to the portfolio's folder
    (URL-encoded); None when the store failed or has no such report."""
    path = store["reports"].get(fmt)
    if store["status"] == "failed" or not path:
        return None
    posix = PurePosixPath(path)
    if posix.is_absolute() or ":" in path or "\\" in path or ".." in posix.parts:
        raise AuditorError(
            f"portfolio: store {store['name']!r}: its {fmt} report {path!r} is not a path "
            "inside the portfolio's folder (reports are given relative to it)"
        )
    return quote(posix.as_posix())


def areas_of(portfolio: Portfolio) -> list[str]:
    """The grid's columns: the portfolio's areas in pack order, then any area a store has
    that the list lacks (a store audited with a pack of its own)."""
    areas = [str(a) for a in portfolio["areas"]]
    for store in portfolio["stores"]:
        areas += [a for a in store["areas"] if a not in areas]
    return areas


def _scheduler(portfolio: Portfolio, language: str) -> str:
    scheduler = portfolio["run"]["scheduler"]
    return translate("scheduler_local", language) if scheduler == "local" else scheduler


def _store_row(store: PortfolioStore, areas: list[str], language: str) -> dict[str, Any]:
    """One line of the grid: plain strings, in the page's language."""
    t = lambda key: translate(key, language)  # noqa: E731
    cells = []
    for area in areas:
        found = store["areas"].get(area)
        cells.append(
            {
                "area": area,
                "status": found["status"] if found else "",
                "label": t(found["status"]) if found else "",
                "score": format_score(found["score"], language) if found else "",
            }
        )
    fails = store["fails"]
    return {
        "name": store["name"],
        "anchor": "store-" + store["name"],
        "href": report_link(store),
        "status": store["status"],
        "status_label": t("store_" + store["status"]),
        "gated": store["gated"],
        "score": format_score(store["score"], language),
        "score_status": store["score_status"] or "",
        "score_label": t(store["score_status"]) if store["score_status"] else "",
        "cells": cells,
        "fails": [
            {"severity": str(s), "label": t(s), "count": format_number(fails.get(s, 0), language)}
            for s in SEVERITIES
            if fails.get(s)
        ],
        # A store that failed has no counts: blank, never a reassuring 0.
        "counted": store["status"] != "failed",
        "unknown": store["unknown"],
        "listings": store["listings"],
        "marketplace": store.get("marketplace") or "",
        "error": store["error"] or "",
        "top": [
            {
                "severity": f["severity"],
                "label": t(f["severity"]),
                "rule": f["rule_id"],
                "name": f["rule_name"],
                "area": t(f["area"]),
                "entity": entity_label(f["entity"]) or str(f["entity"]["type"]),
                "title": f["entity"].get("title") or "",
                "detail": f["detail"] or "",
                "message": f["message"],
                "fix": f["fix"],
            }
            for f in store["top_findings"]
        ],
        "alerts": [
            {
                "target": a["target"],
                "status": a["status"],
                "label": t("alert_status_" + a["status"]),
                "counts": translate_with(
                    "alert_counts",
                    language,
                    findings=format_number(a["findings"], language),
                    documents=format_number(a["documents"], language),
                ),
                "error": a.get("error") or "",
            }
            for a in store.get("alerts") or []
        ],
    }


def context(portfolio: Portfolio, language: str) -> dict[str, Any]:
    """What the portfolio's templates see: its run and summary as text, its stores as
    rows worst first, and the catalogue's helpers."""
    run, summary = portfolio["run"], portfolio["summary"]
    areas = areas_of(portfolio)
    rows = [_store_row(s, areas, language) for s in worst_first(portfolio["stores"])]
    num = lambda value: format_number(value, language)  # noqa: E731
    return {
        "lang": language,
        "html_lang": "zh-CN" if language == "zh" else "en",
        "t": lambda key: translate(key, language),
        "tf": lambda key, **values: translate_with(key, language, **values),
        "num": num,
        "run": run,
        "as_of": format_date(run["as_of"], language),
        "counts": translate_with(
            "portfolio_counts",
            language,
            **{k: num(summary[k]) for k in ("stores", "audited", "partial", "failed", "gated")},
        ),
        "scheduler": _scheduler(portfolio, language),
        "workers": translate_with("workers_n", language, n=num(run["workers"])),
        "fails": [
            {"severity": str(s), "label": translate(s, language), "count": num(n)}
            for s in SEVERITIES
            if (n := summary["fails"].get(s))
        ],
        "areas": [{"area": a, "label": translate(a, language)} for a in areas],
        "stores": rows,
        "errors": [r for r in rows if r["error"]],
        "alerts": [r for r in rows if r["alerts"]],
        "md_link": markdown_link,
    }


def markdown_link(text: str, href: str | None) -> str:
    """`text` as a Markdown link to `href` (already URL-encoded), or as plain text
    without one; the text escaped as a table cell's, its brackets too."""
    shown = markdown_cell(text).replace("[", "\\[").replace("]", "\\]")
    return f"[{shown}]({href})" if href else shown

"""The HTML report: one self-contained page over the JSON report contract.

The page loads nothing: its CSS and script are inline, its data sits in a
`<script type="application/json">` block written by Jinja2's `tojson` (which
escapes `<`, `>`, `&` and `'`), and a Content-Security-Policy forbids every
load and every inline script but its own (by hash). All markup is in
`reports/templates/report.html.j2`, rendered with autoescape on, so a listing
titled `<script>` shows as text; the script builds rows with `textContent`.

This module only shapes the report into plain values for the template: labels in
the report's language, numbers and dates formatted for it, findings worst first.
A large catalogue stays usable: the first `MAX_ROWS` findings are in the page
itself (for readers without script and for print), the script pages the rest
from the embedded data.
"""

from __future__ import annotations

import base64
import hashlib
from collections import defaultdict
from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING, Any

import jinja2

from auditor.model.common import OUTCOME_RANK, SEVERITY_RANK_OF, Severity
from auditor.model.vocab import METRICS, MetricKind
from auditor.outputs.controls import finalize
from auditor.outputs.coverage import not_checked, skipped_inputs, unknown_summary
from auditor.outputs.i18n import (
    format_date,
    format_number,
    format_percent,
    format_value,
    translate,
    translate_with,
)
from auditor.outputs.rows import (
    entity_label,
    headroom_text,
    rules_with_findings,
    severity_order,
)
from auditor.outputs.values import worded
from auditor.resources import templates_dir

if TYPE_CHECKING:
    from auditor.model.report import (
        Finding,
        MetricHeadroom,
        Report,
        StatusReason,
        Summary,
    )

TEMPLATE = "report.html.j2"
SCRIPT = "report.html.js"
#: Findings written into the page as rows; the script pages the rest (same page size).
MAX_ROWS = 500
#: SKUs shown in the SKU x rule matrix, worst first.
MAX_MATRIX_SKUS = 200
#: Rejected rows listed per input file.
MAX_REJECTED = 200

#: What a finding weighs when ranking SKUs without per-SKU scores in the report.
#: A warning counts half a failure, as in docs/scoring.md (only ranks SKUs the scorer left unscored).
_OUTCOME_WEIGHT = {"fail": 1.0, "warn": 0.5, "unknown": 0.0, "pass": 0.0}
#: Keys of one finding row in the embedded data, in order (the script reads them by name).
ROW_KEYS = (
    "sev",
    "out",
    "area",
    "rule",
    "name",
    "entity",
    "title",
    "detail",
    "msg",
    "obs",
    "lim",
    "head",
    "miss",
)


def format_score(value: Any, language: str) -> str:
    return "—" if value is None else f"{float(value):.1f}"


def format_points(value: Any, language: str) -> str:
    """Points taken off a score: at most two decimals, no trailing zeros."""
    if not isinstance(value, int | float):
        return str(value)
    return f"{float(value):.2f}".rstrip("0").rstrip(".")


def _finding_row(f: Finding, language: str) -> list[Any]:
    """One finding as the page shows it: plain strings in ROW_KEYS order."""
    entity = f["entity"]
    return [
        f["severity"],
        f["outcome"],
        f["area"],
        f["rule_id"],
        f["rule_name"],
        entity_label(entity),
        entity.get("title") or "",
        f["detail"] or "",
        f["message"],
        worded(f, "observed", language),
        worded(f, "limit", language),
        headroom_text(f.get("headroom")),
        ", ".join(f.get("missing", [])),
    ]


def _row_order(row: list[Any]) -> tuple[Any, ...]:
    """Worst first: severity, then outcome (fail, warn, unknown), then rule, entity, detail."""
    return (
        -SEVERITY_RANK_OF.get(row[0], 0),
        -OUTCOME_RANK.get(row[1], 0),
        row[3],
        row[5],
        row[7],
    )


def _metric_key(item: Finding | MetricHeadroom) -> tuple[str, ...]:
    entity = item["entity"]
    return (
        item["rule_id"],
        entity.get("marketplace") or "",
        entity.get("channel") or "",
        str(entity.get("category") or ""),  # EU valid tracking is judged per category
        item["detail"] or "",
    )


def _metrics(report: Report, language: str) -> list[dict[str, Any]]:
    """Account metrics with their limits and headroom: every rate metric the scorer lists
    in `summary.headroom` (passing ones included), and every finding about a metric."""
    # A metric's headroom entry, or its finding with that entry's values over it: the two
    # shapes share rule, entity, detail, outcome, values and headroom; a finding alone has
    # evidence, an entry alone names its metric.
    items: dict[tuple[str, ...], Mapping[str, Any]] = {}
    for item in report["summary"]["headroom"]:
        items[_metric_key(item)] = item
    for f in report["findings"]:
        if f["evidence"].get("metric") and f["entity"]["type"] == "account":
            key = _metric_key(f)
            items[key] = {**f, **{k: v for k, v in items.get(key, {}).items() if v is not None}}
    rows = []
    for m in items.values():
        evidence = m.get("evidence", {})
        entity = m["entity"]
        metric = str(m.get("metric") or evidence.get("metric") or "")
        rate = METRICS.get(metric) is MetricKind.rate
        fmt = format_percent if rate else format_value
        detail = m["detail"] or ""
        window = evidence.get("window_days")
        if window is None and detail[:-1].isdigit() and detail.endswith("d"):
            window = int(detail[:-1])
        numerator, denominator = evidence.get("numerator"), evidence.get("denominator")
        counts = ""
        if numerator is not None and denominator is not None:
            counts = translate_with(
                "rate_count",
                language,
                num=format_number(numerator, language),
                den=format_number(denominator, language),
            )
        channel = translate(str(entity["channel"]), language) if entity.get("channel") else ""
        if entity.get("category"):
            channel = " · ".join(c for c in (channel, str(entity["category"])) if c)
        rows.append(
            {
                "metric": translate(metric, language),
                "rule": m["rule_id"],
                "marketplace": entity.get("marketplace") or "",
                "channel": channel,
                "window": translate_with("days", language, n=window) if window else detail,
                "value": fmt(m["observed"], language),
                "counts": counts,
                "limit": fmt(m["limit"], language),
                "outcome": m["outcome"],
                "severity": m["severity"],
                "head": headroom_text(m.get("headroom")),
            }
        )
    rows.sort(
        key=lambda r: (
            -OUTCOME_RANK[r["outcome"]],
            -SEVERITY_RANK_OF[r["severity"]],
            r["marketplace"],
            r["metric"],
            r["channel"],
        )
    )
    return rows


def _sku_scores(summary: Summary) -> dict[tuple[str, str], float]:
    """The scorer's per-listing scores (`summary.skus`), by (marketplace, sku), the ASIN
    standing for the SKU where there is none (a Keepa history names the ASIN only), as
    the scorer keys its listings."""
    scores: dict[tuple[str, str], float] = {}
    for item in summary["skus"]:
        key = item["sku"] or item["asin"]
        if key:
            scores[(item["marketplace"] or "", key)] = item["score"]
    return scores


def _matrix(report: Report, language: str) -> dict[str, Any]:
    """SKU x rule: the worst outcome of each rule for each listing with findings."""
    cells: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    weight: defaultdict[tuple[str, str], float] = defaultdict(float)
    titles: dict[tuple[str, str], str] = {}
    rules: dict[str, str] = {}
    summary = report["summary"]
    severity_weight = summary["weights"]
    for f in report["findings"]:
        entity = f["entity"]
        sku = entity.get("sku") or entity.get("asin")  # as the scorer keys a listing
        if entity["type"] != "listing" or not sku:
            continue
        key = (entity.get("marketplace") or "", sku)
        rule, outcome = f["rule_id"], f["outcome"]
        rules.setdefault(rule, f["rule_name"])
        if OUTCOME_RANK[outcome] > OUTCOME_RANK[cells[key].get(rule, "pass")]:
            cells[key][rule] = outcome
        weight[key] += severity_weight[f["severity"]] * _OUTCOME_WEIGHT[outcome]
        titles.setdefault(key, entity.get("title") or "")
    scores = _sku_scores(summary)

    def rank(key: tuple[str, str]) -> tuple[Any, ...]:
        fails = sum(1 for o in cells[key].values() if o == "fail")
        return (scores.get(key, 101.0), -weight[key], -fails, key)

    ordered = sorted(cells, key=rank)
    shown = ordered[:MAX_MATRIX_SKUS]
    columns = sorted(rules)
    return {
        "rules": [{"id": r, "name": rules[r]} for r in columns],
        "rows": [
            {
                "marketplace": key[0],
                "sku": key[1],
                "title": titles.get(key, ""),
                "score": format_score(scores[key], language) if key in scores else "",
                "cells": [cells[key].get(r, "") for r in columns],
            }
            for key in shown
        ],
        "more": len(ordered) - len(shown),
        "has_scores": bool(scores),
    }


def _deductions(summary: Summary, names: dict[str, str]) -> dict[str, list[dict[str, Any]]]:
    by_area: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in summary["rules"]:
        # What the rule took off its area (scaled where an area's deductions pass 100).
        points = r["area_deduction"]
        if not points:
            continue
        by_area[r["area"]].append(
            {
                "rule": r["rule_id"],
                "name": names.get(r["rule_id"], ""),
                "severity": r["severity"],
                "weight": r["weight"],
                "outcomes": r["outcomes"],
                "deduction": points,
            }
        )
    for rows in by_area.values():
        rows.sort(key=lambda r: (-r["deduction"], r["rule"]))
    return dict(by_area)


def _missing_fields(report: Report) -> list[tuple[str, int]]:
    """Fields whose absence left findings unknown, most frequent first."""
    return [(g["field"], g["findings"]) for g in report["summary"]["coverage"]["missing_fields"]]


def status_reasons(reasons: list[StatusReason], language: str) -> list[str]:
    """`status_reasons` of the summary or an area, one sentence each (the parts a reason's
    code does not use are absent or null)."""
    return [
        translate_with(
            "reason_" + reason["code"],
            language,
            rules=", ".join(reason.get("rules") or []),
            limit=format_number(reason.get("limit"), language),
            area=translate(reason.get("area") or "", language),
            status=translate(reason.get("status") or "", language),
        )
        for reason in reasons
    ]


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir()),
        autoescape=True,
        # A key the contract lets a report lack (a finding's headroom, a report's
        # since_last) renders as nothing in the template rather than failing the page.
        undefined=jinja2.ChainableUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=finalize,
    )
    return env


@cache
def _script() -> tuple[str, str]:
    """The page's script and its CSP hash (the page allows that script and no other)."""
    env = _environment()
    assert env.loader is not None
    source, _, _ = env.loader.get_source(env, SCRIPT)
    digest = base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii")
    return source, f"sha256-{digest}"


def render_html(report: Report, language: str) -> str:
    """The report as one self-contained HTML page in `language` (en or zh)."""
    summary, run, findings = report["summary"], report["run"], report["findings"]
    rows = sorted((_finding_row(f, language) for f in findings), key=_row_order)
    names = {str(row[3]): str(row[4]) for row in rows}
    areas = summary["areas"]
    script, script_hash = _script()
    labels_for_script = {
        key: translate(key, language)
        for key in (
            *(s.value for s in Severity),
            "fail",
            "warn",
            "unknown",
            "pass",
            *areas.keys(),
            "shown",
            "page",
            "no_match",
            "missing",
        )
    }
    data = {
        "keys": ROW_KEYS,
        "rows": rows,
        "page_size": MAX_ROWS,
        "labels": labels_for_script,
        "severity_rank": SEVERITY_RANK_OF,
        "outcome_rank": OUTCOME_RANK,
    }
    from auditor.outputs.history import report_helpers

    template = _environment().get_template(TEMPLATE)
    return template.render(
        report_helpers(report, language),  # this page's own helpers below go over them
        lang=language,
        html_lang="zh-CN" if language == "zh" else "en",
        t=lambda key: translate(key, language),
        num=lambda v: format_number(v, language),
        score=lambda v: format_score(v, language),
        points=lambda v: format_points(v, language),
        date=lambda v: format_date(v, language),
        report=report,
        summary=summary,
        run=run,
        areas=areas,
        coverage=summary["coverage"],
        gate=summary["gate"],
        deductions=_deductions(summary, names),
        metrics=_metrics(report, language),
        rows=[dict(zip(ROW_KEYS, row, strict=True)) for row in rows[:MAX_ROWS]],
        total=len(rows),
        matrix=_matrix(report, language),
        rules_found=rules_with_findings(report, sorted(findings, key=severity_order)),
        missing_fields=_missing_fields(report),
        reasons=lambda r: status_reasons(r, language),
        sku_totals=summary["sku_totals"],
        inputs=run["inputs"],
        max_rejected=MAX_REJECTED,
        data=data,
        script=script,
        script_hash=script_hash,
        severities=[s.value for s in Severity],
        outcomes=["fail", "warn", "unknown"],
        tf=lambda key, **values: translate_with(key, language, **values),
        open_unknown=unknown_summary(sorted(findings, key=severity_order)),
        open_not_checked=not_checked(report, language),
        open_skipped=skipped_inputs(report),
    )

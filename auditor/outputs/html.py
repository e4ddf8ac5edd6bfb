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
from auditor.outputs.rows import entity_label, rules_with_findings, severity_order
from auditor.outputs.values import worded
from auditor.resources import templates_dir

if TYPE_CHECKING:
    from auditor.model.report import (
        Finding,
        Headroom,
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

#: Labels of the HTML page beyond the shared catalogue (auditor/outputs/i18n.py).
LABELS: dict[str, dict[str, str]] = {
    "html_title": {"en": "Amazon seller audit report", "zh": "亚马逊卖家合规审计报告"},
    "overview": {"en": "Overview", "zh": "概览"},
    "areas": {"en": "Scores by area", "zh": "各领域得分"},
    "deductions": {"en": "What each rule took off", "zh": "各规则扣分明细"},
    "outcomes": {"en": "Outcomes", "zh": "判定结果"},
    "channel": {"en": "Channel", "zh": "配送渠道"},
    "window": {"en": "Window", "zh": "统计周期"},
    "value": {"en": "Value", "zh": "当前值"},
    "limit_col": {"en": "Limit", "zh": "限值"},
    "observed_col": {"en": "Observed", "zh": "实际值"},
    "title_col": {"en": "Title", "zh": "商品名称"},
    "detail": {"en": "Detail", "zh": "细项"},
    "all": {"en": "All", "zh": "全部"},
    "search": {"en": "Search", "zh": "搜索"},
    "search_hint": {
        "en": "rule, SKU, ASIN, title, message…",
        "zh": "规则、SKU、ASIN、商品名称、说明……",
    },
    "shown": {"en": "{shown} of {total} findings", "zh": "共 {total} 条问题，显示 {shown} 条"},
    "page": {"en": "Page {page} of {pages}", "zh": "第 {page} / {pages} 页"},
    "previous": {"en": "Previous", "zh": "上一页"},
    "next": {"en": "Next", "zh": "下一页"},
    "sort_hint": {"en": "Click a column heading to sort.", "zh": "点击列标题可排序。"},
    "no_match": {"en": "No finding matches the filters.", "zh": "没有符合筛选条件的问题。"},
    "first_rows": {
        "en": "The {n} most severe findings are listed; turn on script to page through all {total}.",
        "zh": "此处列出最严重的 {n} 条问题；启用脚本后可翻页查看全部 {total} 条。",
    },
    "matrix": {"en": "SKUs by rule", "zh": "SKU × 规则矩阵"},
    "matrix_hint": {
        "en": "Listings with findings, worst first; each cell is the worst outcome of the rule for that SKU.",
        "zh": "仅列出有问题的商品，问题最严重的排在最前；每格为该规则对该 SKU 的最差判定结果。",
    },
    "sku_score": {"en": "SKU score", "zh": "SKU 得分"},
    "matrix_more": {
        "en": "and {n} more SKUs with findings (see the findings table)",
        "zh": "另有 {n} 个有问题的 SKU（见问题清单）",
    },
    "format": {"en": "Format", "zh": "格式"},
    "encoding": {"en": "Encoding", "zh": "编码"},
    "rows_read": {"en": "Rows read", "zh": "读取行数"},
    "rows_used": {"en": "Used", "zh": "使用"},
    "rows_rejected": {"en": "Rejected", "zh": "拒绝"},
    "column": {"en": "Column", "zh": "列"},
    "rejected_more": {"en": "and {n} more rejected rows", "zh": "另有 {n} 行被拒绝"},
    "missing_fields": {
        "en": "Fields whose absence left checks undecided",
        "zh": "缺失导致无法判定的字段",
    },
    "missing": {"en": "missing", "zh": "缺失"},
    "tool_version": {"en": "auditor version", "zh": "auditor 版本"},
    "rule_packs": {"en": "Rule packs", "zh": "规则包"},
    "generated": {
        "en": "Self-contained report: it loads nothing from the network.",
        "zh": "本报告为独立文件，不从网络加载任何内容。",
    },
    "days": {"en": "{n} days", "zh": "{n} 天"},
    "headroom_more": {
        "en": "{count} more {unit} reach the limit",
        "zh": "再有 {count} 个{unit}即达到限值",
    },
    "headroom_fewer": {
        "en": "{count} fewer {unit} to get back within the limit",
        "zh": "需减少 {count} 个{unit}才能回到限值以内",
    },
    "rate_count": {"en": "{num} of {den}", "zh": "{num} / {den}"},
    "reason_critical_health_rule_failed": {
        "en": "A critical account health rule failed ({rules}): Amazon acts on it whatever the score.",
        "zh": "账户状况中有严重级别规则未通过（{rules}）：无论得分多少，亚马逊都会据此采取措施。",
    },
    "reason_critical_rule_failed": {
        "en": "Critical rule failed: {rules}",
        "zh": "严重级别规则未通过：{rules}",
    },
    "reason_high_rule_failed": {
        "en": "High rule failed: {rules}",
        "zh": "高级别规则未通过：{rules}",
    },
    "reason_serious_rule_warned": {
        "en": "Critical or high rule warns: {rules}",
        "zh": "严重或高级别规则出现预警：{rules}",
    },
    "reason_serious_rule_unknown": {
        "en": "Critical or high rule undecided: {rules}",
        "zh": "严重或高级别规则无法判定：{rules}",
    },
    "reason_serious_rule_not_checked": {
        "en": "Critical or high rule not checked (the input lacks its field): {rules}",
        "zh": "严重或高级别规则未检查（输入文件缺少所需字段）：{rules}",
    },
    "reason_score_below": {"en": "Score under {limit}", "zh": "得分低于 {limit}"},
    "reason_area_status": {"en": "{area}: {status}", "zh": "{area}：{status}"},
    "reason_nothing_decided": {"en": "Nothing could be decided", "zh": "没有可判定的评估"},
    "sku_totals": {
        "en": "{listed} of {listings} listings have findings; {clean} are clean.",
        "zh": "{listings} 个商品中有 {listed} 个存在问题，{clean} 个没有问题。",
    },
    "weight": {"en": "Weight", "zh": "权重"},
    "weights": {"en": "Severity weights", "zh": "严重程度权重"},
    # Headroom units (the scoring helper names what one more defect is).
    "unit_defective_orders": {"en": "defective orders", "zh": "缺陷订单"},
    "unit_orders": {"en": "orders", "zh": "订单"},
    "unit_late_shipments": {"en": "late shipments", "zh": "迟发订单"},
    "unit_cancellations": {"en": "cancellations", "zh": "取消订单"},
    "unit_untracked_shipments": {"en": "untracked shipments", "zh": "无有效追踪的货件"},
    "unit_shipments": {"en": "shipments", "zh": "货件"},
    "unit_late_deliveries": {"en": "late deliveries", "zh": "未准时送达的订单"},
    "unit_claims": {"en": "claims", "zh": "索赔"},
    "unit_chargebacks": {"en": "chargebacks", "zh": "拒付"},
    "unit_negative_feedback": {"en": "negative feedback", "zh": "负面反馈"},
    "unit_invoices": {"en": "invoices", "zh": "发票"},
    "unit_units": {"en": "units", "zh": "件"},
}


def label(key: str, language: str) -> str:
    """This page's label, else the shared catalogue's, else the key itself."""
    entry = LABELS.get(key)
    if entry is None:
        return translate(key, language)
    return entry.get(language) or entry["en"]


def format_score(value: Any, language: str) -> str:
    return "—" if value is None else f"{float(value):.1f}"


def format_points(value: Any, language: str) -> str:
    """Points taken off a score: at most two decimals, no trailing zeros."""
    if not isinstance(value, int | float):
        return str(value)
    return f"{float(value):.2f}".rstrip("0").rstrip(".")


def headroom_text(
    headroom: Headroom | None, language: str, report_language: str | None = None
) -> str:
    """A finding's `headroom` as a sentence: the scorer's own `text` where it is in this
    language, else one built from its count, unit and direction; blank without one."""
    if headroom is None:
        return ""
    if language == (report_language or language):
        return headroom["text"]
    unit = headroom["unit"]
    unit_key = "unit_" + unit.replace(" ", "_").replace("-", "_").lower()
    more = headroom["direction"] == "more_allowed"
    return (
        label("headroom_more" if more else "headroom_fewer", language)
        .replace("{count}", format_number(headroom["count"], language))
        .replace("{unit}", label(unit_key, language) if unit_key in LABELS else unit)
    )


def _finding_row(f: Finding, language: str, report_language: str) -> list[Any]:
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
        headroom_text(f.get("headroom"), language, report_language),
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
    report_language = report["run"]["language"]
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
            counts = (
                label("rate_count", language)
                .replace("{num}", format_number(numerator, language))
                .replace("{den}", format_number(denominator, language))
            )
        channel = label(str(entity["channel"]), language) if entity.get("channel") else ""
        if entity.get("category"):
            channel = " · ".join(c for c in (channel, str(entity["category"])) if c)
        rows.append(
            {
                "metric": translate(metric, language),
                "rule": m["rule_id"],
                "marketplace": entity.get("marketplace") or "",
                "channel": channel,
                "window": label("days", language).replace("{n}", str(window)) if window else detail,
                "value": fmt(m["observed"], language),
                "counts": counts,
                "limit": fmt(m["limit"], language),
                "outcome": m["outcome"],
                "severity": m["severity"],
                "head": headroom_text(m.get("headroom"), language, report_language),
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
    """The scorer's per-listing scores (`summary.skus`), by (marketplace, sku)."""
    return {
        (item["marketplace"] or "", item["sku"]): item["score"]
        for item in summary["skus"]
        if item["sku"] is not None
    }


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
        sku = entity.get("sku")
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
        label("reason_" + reason["code"], language)
        .replace("{rules}", ", ".join(reason.get("rules") or []))
        .replace("{limit}", format_number(reason.get("limit"), language))
        .replace("{area}", label(reason.get("area") or "", language))
        .replace("{status}", label(reason.get("status") or "", language))
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
    report_language = run["language"]
    rows = sorted((_finding_row(f, language, report_language) for f in findings), key=_row_order)
    names = {str(row[3]): str(row[4]) for row in rows}
    areas = summary["areas"]
    script, script_hash = _script()
    labels_for_script = {
        key: label(key, language)
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
    # Imported here: auditor.outputs.history imports this module's `label`.
    from auditor.outputs.history import report_helpers

    template = _environment().get_template(TEMPLATE)
    return template.render(
        report_helpers(report, language),  # this page's own helpers below go over them
        lang=language,
        html_lang="zh-CN" if language == "zh" else "en",
        t=lambda key: label(key, language),
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

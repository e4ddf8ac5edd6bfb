"""One renderer for every format: JSON is serialised, the human formats are templates.

Formats and their file extensions are registered in FORMATS; a format whose
renderer is not a function below is the template `TEMPLATES[name]`, or
`report.<ext>.j2` by default. Templates whose name ends in `.html.j2` or
`.xml.j2` are autoescaped.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping
from functools import cache
from typing import TYPE_CHECKING, Any

import jinja2
import orjson

from auditor.outputs.controls import Formatted, finalize, visible
from auditor.outputs.coverage import not_checked, skipped_inputs, unknown_summary
from auditor.outputs.csv_format import to_csv
from auditor.outputs.digest import LISTED_SEVERITIES, table_context
from auditor.outputs.html import render_html
from auditor.outputs.i18n import format_date, format_number, translate, translate_with
from auditor.outputs.junit import junit_suites
from auditor.outputs.rows import entity_label, rules_with_findings, severity_order
from auditor.resources import templates_dir

if TYPE_CHECKING:
    from auditor.model.report import Finding, Report, RuleResult, Summary

#: Every output format and the extension of its file (`-o FOLDER` writes report.<ext>).
FORMATS = {
    "table": "txt",
    "json": "json",
    "md": "md",
    "csv": "csv",
    "xlsx": "xlsx",
    "junit": "xml",
    # ---- html: the html format registers its extension here: "html": "html", ----
    "html": "html",
}
#: Formats rendered by a function `(report, language) -> str | bytes` rather than by
#: the template `TEMPLATES[name]` (default `report.<ext>.j2`).
RENDERERS: dict[str, Callable[[Report, str], str | bytes]] = {
    "json": lambda report, _language: json_bytes(report),
    "csv": to_csv,
    "xlsx": lambda report, language: _xlsx(report, language),
    # ---- html: the html format registers its renderer here if it has one ----
    "html": render_html,
}


def _xlsx(report: Report, language: str) -> bytes:
    """The workbook writer, imported when asked for: openpyxl alone costs ~0.1 s of startup."""
    from auditor.outputs.xlsx_format import to_xlsx

    return to_xlsx(report, language)


#: Formats that are not text (never written to a terminal). A text format's renderer may
#: return its UTF-8 bytes too (JSON does: a large report is never built as a str).
BINARY = frozenset({"xlsx"})
#: Templates not named report.<ext>.j2.
TEMPLATES = {"table": "table.txt.j2", "junit": "junit.xml.j2"}
#: Findings listed one by one in a human format before the rest are summarised.
MAX_LISTED = 200
SEVERITIES = ("critical", "high", "medium", "low", "info")

#: Terminal colours (SGR codes) of severities, outcomes and statuses.
_SGR = {
    "critical": "1;31",
    "high": "31",
    "medium": "33",
    "low": "36",
    "info": "2",
    "fail": "31",
    "warn": "33",
    "unknown": "35",
    "pass": "32",
    "healthy": "32",
    "at_risk": "33",
    "not_assessed": "2",
    "bold": "1",
    "dim": "2",
}


def to_json(report: Report) -> str:
    """`json_bytes` as text."""
    return json_bytes(report).decode("utf-8")


def json_bytes(report: Mapping[str, Any]) -> bytes:
    """A report (or any document the tool writes as JSON: a portfolio) as deterministic
    JSON in UTF-8: key order as built (findings last), objects
    indented, and every list of objects (findings, listing scores, metrics, inputs...)
    one item per line.

    Items are written compactly by orjson: a large catalogue's report is tens of MB
    (a finding per line, and a listing score per listing), which orjson encodes about
    five times faster than the standard library's C encoder, and a line per item still
    diffs and greps well. The report is joined as bytes, never as text: one emoji in a
    title makes a Python string four bytes a character, and each join of 150 MB of
    findings would copy 600 MB.
    """
    # The findings last: a reader (or `head`) meets the run and the summary first.
    ordered = {k: v for k, v in report.items() if k != "findings"}
    if "findings" in report:
        ordered["findings"] = report["findings"]
    return _json_value(ordered, 0) + b"\n"


_INDENT = b"  "


def _item(value: Any) -> bytes:
    return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS)


def _json_value(value: Any, level: int) -> bytes:
    """Objects over several lines; a list of objects one per line; anything else compact."""
    inner = _INDENT * (level + 1)
    if isinstance(value, dict) and value:
        members = (
            inner + _item(str(k)) + b": " + _json_value(v, level + 1) for k, v in value.items()
        )
        return b"{\n" + b",\n".join(members) + b"\n" + _INDENT * level + b"}"
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        return b"[\n" + inner + _lines(value, inner) + b"\n" + _INDENT * level + b"]"
    return _item(value)


def _lines(items: list[dict[str, Any]], indent: bytes) -> bytes:
    """The objects `items` compact, one per line after `indent`.

    Encoded as one list by orjson (a fifth of the time of an encoding per item), then
    broken into lines at the boundaries between items: a `},{` between two objects. When a
    string holds `},{` too, it counts more than the boundaries, and each item is encoded
    on its own instead."""
    whole = _item(items)[1:-1]
    if whole.count(b"},{") == len(items) - 1:
        return whole.replace(b"},{", b"},\n" + indent + b"{")
    return (b",\n" + indent).join(map(_item, items))


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir()),
        autoescape=jinja2.select_autoescape(["html", "xml", "html.j2", "xml.j2"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.do"],
        finalize=finalize,
    )
    env.filters["value"] = display_value
    env.filters["md"] = markdown_cell
    env.filters["md_text"] = markdown_text
    env.filters["pad"] = pad
    env.filters["rpad"] = lambda text, width: pad(text, width, right=True)
    return env


def markdown_cell(text: Any) -> str:
    """Text from data as Markdown that stays text: one line, pipes escaped (a table
    cell), and no raw HTML for a wiki to run."""
    text = str(text).replace("&", "&amp;").replace("<", "&lt;").replace("|", "\\|")
    return text.replace("\r", " ").replace("\n", " ")


def markdown_text(text: Any) -> str:
    """Text from outside the tool (a notice's words) in Markdown prose: `&`, `<` and `>`
    as character references, so no tag in it becomes live HTML where the Markdown is
    shown; a viewer shows the characters themselves."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def display_value(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.4g}"
    if isinstance(value, dict):
        return ", ".join(f"{k}={display_value(v)}" for k, v in value.items())
    return str(value)


def display_width(text: str) -> int:
    """Columns a terminal gives `text`: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: Any, width: int, right: bool = False) -> str:
    """`text` padded to `width` terminal columns (str.ljust counts a 中 as one), its
    control characters shown as they will be (see controls.visible)."""
    text = visible(str(text))
    fill = " " * max(0, width - display_width(text))
    return fill + text if right else text + fill


def _painter(color: bool) -> Callable[[Any, str], str]:
    def paint(text: Any, style: str) -> str:
        code = _SGR.get(style)
        shown = visible(str(text))
        return Formatted(f"\x1b[{code}m{shown}\x1b[0m") if color and code else shown

    return paint


def _groups(findings: list[Finding], counts: dict[str, int]) -> list[dict[str, Any]]:
    """Listed findings by severity, each group with the number it has in the whole report."""
    groups = []
    for severity in SEVERITIES:
        members = [f for f in findings if f["severity"] == severity]
        if members or counts[severity]:
            groups.append({"severity": severity, "findings": members, "total": counts[severity]})
    return groups


def _rule_deductions(summary: Summary) -> list[RuleResult]:
    """Rules that took points off, largest first."""
    rules = [r for r in summary["rules"] if r["deduction"] > 0]
    return sorted(rules, key=lambda r: (-r["deduction"], r["rule_id"]))


def template_context(report: Report, language: str, color: bool = False) -> dict[str, Any]:
    """What every report template sees: the report, its findings in order, and helpers."""
    every = report["findings"]
    # Unknowns are summarised by rule and missing field (coverage.unknown_summary), not
    # listed one by one: a catalogue without a products register is one line per rule.
    ordered = sorted((f for f in every if f["outcome"] != "unknown"), key=severity_order)
    counts = {s: 0 for s in SEVERITIES}
    for finding in ordered:
        counts[finding["severity"]] += 1
    listed = ordered[:MAX_LISTED]
    summary = report["summary"]
    # Imported here: auditor.outputs.history imports this module's `environment`.
    from auditor.outputs.history import report_helpers

    return report_helpers(report, language) | {
        "report": report,
        "summary": summary,
        "run": report["run"],
        "findings": listed,
        "groups": _groups(listed, counts),
        "unlisted": max(0, len(ordered) - MAX_LISTED),
        "deductions": _rule_deductions(summary),
        "skus": summary["skus"],
        "metric_headroom": summary["headroom"],
        "t": lambda key: translate(key, language),
        "tf": lambda key, **values: translate_with(key, language, **values),
        "date": lambda value: format_date(value, language),
        "number": lambda value: format_number(value, language),
        "paint": _painter(color),
        "entity_label": entity_label,
        "lang": language,
        "rules_found": rules_with_findings(report, listed),
        "open_unknown": unknown_summary(sorted(every, key=severity_order)),
        "open_not_checked": not_checked(report, language),
        "open_skipped": skipped_inputs(report),
    }


def render(
    report: Report, fmt: str, language: str, *, color: bool = False, verbose: bool = False
) -> str | bytes:
    """`report` in format `fmt` (a key of FORMATS); bytes for the formats in BINARY, and
    for JSON (its UTF-8 text).

    `verbose` (the table only) lists every finding, metric, listing and rejected row;
    without it the table caps them and summarises low and info findings by rule.
    """
    if fmt in RENDERERS:
        return RENDERERS[fmt](report, language)
    context = template_context(report, language, color)
    if fmt == "junit":
        context["suites"] = junit_suites(report, language)
    if fmt == "table":
        context |= _table(report, verbose)
    name = TEMPLATES.get(fmt, f"report.{FORMATS[fmt]}.j2")
    return environment().get_template(name).render(**context)


def _table(report: Report, verbose: bool) -> dict[str, Any]:
    """The table's own context: its opening sections, and its findings grouped by severity."""
    every = report["findings"]
    # As in every human format, unknowns are summarised apart (`open_unknown`).
    ordered = sorted((f for f in every if f["outcome"] != "unknown"), key=severity_order)
    extra = table_context(report, ordered, MAX_LISTED, verbose)
    counts = {s: 0 for s in SEVERITIES}
    for finding in ordered:
        severity = finding["severity"]
        if verbose or severity in LISTED_SEVERITIES:
            counts[severity] += 1
    extra["table_groups"] = _groups(extra["table_findings"], counts)
    return extra


def render_inspection(item: dict[str, Any]) -> str:
    """`auditor inspect`: one file as the tool sees it."""
    return (
        environment()
        .get_template("inspect.txt.j2")
        .render(f=item, parts=item["parts"], default_marketplace=item["default_marketplace"])
    )


def render_rule_page(
    rules: list[dict[str, Any]], language: str, template: str = "rule.md.j2"
) -> str:
    """Markdown for `auditor rules show` and the catalogue page of `auditor rules docs`."""
    return (
        environment()
        .get_template(template)
        .render(rules=rules, t=lambda key: translate(key, language), lang=language)
    )

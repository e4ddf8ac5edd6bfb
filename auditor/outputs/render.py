"""One renderer for every format: JSON is serialised, the human formats are templates."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import jinja2

from auditor.model.common import SEVERITY_RANK, Severity
from auditor.model.report import ENTITY_LABEL_FIELDS
from auditor.outputs.i18n import translate
from auditor.resources import templates_dir

FORMATS = {"json": "json", "table": "txt", "md": "md"}
TEMPLATES = {"table": "table.txt.j2", "md": "report.md.j2"}
#: Findings listed one by one in a human format before the rest are summarised.
MAX_LISTED = 200


def to_json(report: dict[str, Any]) -> str:
    """Deterministic JSON: key order as built, UTF-8 text, one finding per line.

    Findings are written compactly, one per line, through the C encoder: indenting
    them goes through Python's pure-Python encoder, ten times slower on a large
    catalogue, and a line per finding still diffs and greps well.
    """
    head = {k: v for k, v in report.items() if k != "findings"}
    text = json.dumps(head, ensure_ascii=False, indent=2)
    if "findings" not in report:
        return text + "\n"
    lines = ",\n    ".join(
        json.dumps(f, ensure_ascii=False, separators=(", ", ": ")) for f in report["findings"]
    )
    findings = f'"findings": [\n    {lines}\n  ]' if lines else '"findings": []'
    return text[:-2] + ",\n  " + findings + "\n}\n"


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir()),
        autoescape=jinja2.select_autoescape(["html", "xml"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["value"] = display_value
    return env


def display_value(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.4g}"
    if isinstance(value, dict):
        return ", ".join(f"{k}={display_value(v)}" for k, v in value.items())
    return str(value)


def entity_label(entity: dict[str, Any]) -> str:
    parts = [entity.get(k) for k in ENTITY_LABEL_FIELDS]
    return " · ".join(str(p) for p in parts if p)


def render(report: dict[str, Any], fmt: str, language: str) -> str:
    if fmt == "json":
        return to_json(report)
    findings = sorted(
        report["findings"],
        key=lambda f: (
            -SEVERITY_RANK[Severity(f["severity"])],
            f["outcome"] != "fail",
            f["rule_id"],
        ),
    )
    template = environment().get_template(TEMPLATES[fmt])
    return template.render(
        report=report,
        summary=report["summary"],
        run=report["run"],
        findings=findings[:MAX_LISTED],
        unlisted=max(0, len(findings) - MAX_LISTED),
        t=lambda key: translate(key, language),
        entity_label=entity_label,
        lang=language,
    )


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

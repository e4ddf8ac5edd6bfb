"""Renderers of what history tells: a diff, a metric's trend, the weekly review, and
the charts the HTML report and the review embed.

They read the plain data `auditor.history` builds (the same data the JSON formats
write), so a chart in the report, a `trend --format svg` file and the review's chart
of the same metric are one drawing.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from auditor.outputs.i18n import (
    format_date,
    format_number,
    format_percent,
    translate,
    translate_with,
)
from auditor.outputs.render import environment
from auditor.outputs.rows import entity_label
from auditor.outputs.svg import line_chart

if TYPE_CHECKING:
    from auditor.model.report import MetricChange, Report, SinceLast, Trend


def metric_name(metric: str, language: str) -> str:
    """A metric as Seller Central names it; `score` and `<area>_score` as the report does."""
    if metric == "score":
        return translate("score", language)
    if metric.endswith("_score") and metric != "score":
        area = metric.removesuffix("_score")
        return f"{translate('area_' + area, language)} · {translate('score', language)}"
    return translate(metric, language)


def metric_value(value: Any, unit: str, language: str) -> str:
    """A rate as a percentage, anything else as a number."""
    if value is None:
        return "—"
    return format_percent(value, language) if unit == "rate" else format_number(value, language)


def series_title(item: Trend | MetricChange, language: str) -> str:
    """A metric's series (or change) as a title: metric · marketplace · channel · window."""
    parts = [metric_name(item["metric"], language)]
    parts += [
        translate(p, language) if p in ("mfn", "afn") else p
        for p in (item["marketplace"], item["channel"], item["subject"])
        if p
    ]
    if item["window_days"]:
        parts.append(translate_with("window_days", language, days=item["window_days"]))
    return " · ".join(parts)


def chart(item: Trend, language: str) -> str:
    """One series as an SVG chart: its limit dashed, and its projection dotted when it is
    heading over the limit."""
    unit, limit, projection = item["unit"], item["limit"], item["projection"]
    towards = None
    if limit and projection and projection["status"] == "crossing" and projection["crosses_on"]:
        towards = (dt.date.fromisoformat(projection["crosses_on"]), limit["value"])
    return line_chart(
        [(dt.date.fromisoformat(p["as_of"]), p["value"]) for p in item["points"]],
        title=series_title(item, language),
        format_value=lambda v: metric_value(v, unit, language),
        limit=limit["value"] if limit else None,
        limit_label=(
            translate_with("limit_at", language, value=metric_value(limit["value"], unit, language))
            if limit
            else None
        ),
        projection=towards,
        format_date=lambda d: format_date(d, language),
        no_data_label=translate("no_data", language),
    )


def projection_text(item: Trend, language: str) -> str:
    """The projection as a sentence: crossed, crossing on a date, or not heading there."""
    projection, limit = item["projection"], item["limit"]
    if not projection or not limit:
        return ""
    return translate_with(
        f"projection_{projection['status']}",
        language,
        limit=metric_value(limit["value"], item["unit"], language),
        date=format_date(projection["crosses_on"], language),
        points=projection["points_used"],
    )


def template_helpers(language: str) -> dict[str, Any]:
    """The helpers every history template gets, the report templates too: a report with
    `since_last` or `trends` renders them with these macros (`history/_change.*.j2`).
    Callers keep their own `t`, `date`... over these (merge these first)."""
    return {
        "t": lambda key: translate(key, language),
        "area_names": lambda areas: ", ".join(translate(a, language) for a in areas),
        "tf": lambda key, **values: translate_with(key, language, **values),
        "date": lambda value: format_date(value, language),
        "number": lambda value: format_number(value, language),
        "metric_name": lambda metric: metric_name(metric, language),
        "metric_value": lambda value, unit: metric_value(value, unit, language),
        "series_title": lambda item: series_title(item, language),
        "projection_text": lambda item: projection_text(item, language),
        "chart": lambda item: chart(item, language),
        "entity_label": entity_label,
        "lang": language,
    }


def report_helpers(report: Report, language: str) -> dict[str, Any]:
    """For a report with history (`since_last`, `trends`): the helpers its history macros
    (`history/_change.*.j2`) need; nothing for a report without, so its templates see
    exactly what they saw before. A caller's own helpers (`t`, `date`...) go over these."""
    if not (report.get("since_last") or report.get("trends")):  # only with history
        return {}
    return template_helpers(language)


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render_diff(change: SinceLast, fmt: str, language: str) -> str:
    if fmt == "json":
        return _json(change)
    return (
        environment()
        .get_template("history/diff.md.j2")
        .render(change=change, **template_helpers(language))
    )


def render_trend(found: list[Trend], fmt: str, language: str) -> str:
    if fmt == "json":
        return _json(found)
    if fmt == "svg":
        return "\n".join(chart(item, language) for item in found)
    return (
        environment()
        .get_template("history/trend.txt.j2")
        .render(series=found, **template_helpers(language))
    )


def svg_files(found: list[Trend], output: Path, language: str) -> Iterator[tuple[Path, str]]:
    """One chart per series: OUTPUT itself for one, OUTPUT's stem plus the series for more."""
    for item in found:
        if len(found) == 1:
            yield output, chart(item, language)
            continue
        parts = [item["marketplace"], item["channel"], item["subject"]]
        suffix = "-".join(str(p) for p in parts if p) or "all"
        # A series named after a warning type may hold "/" or "..": part of a file name,
        # never a path of its own.
        suffix = re.sub(r"[^\w-]+", "_", suffix).strip("_-") or "series"
        yield (
            output.with_name(f"{output.stem}-{suffix}{output.suffix or '.svg'}"),
            chart(item, language),
        )


def render_review(found: dict[str, Any], fmt: str, language: str) -> str:
    if fmt == "json":
        return _json(found)
    name = "history/review.html.j2" if fmt == "html" else "history/review.md.j2"
    return environment().get_template(name).render(review=found, **template_helpers(language))

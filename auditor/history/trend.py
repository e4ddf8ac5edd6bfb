"""A metric's values over a store's runs, its limit, and when it will cross it.

One series per (marketplace, channel, subject, window): the ODR of seller-fulfilled
orders and of FBA orders are two lines, never averaged. A date with several runs
keeps the last one recorded (the day's latest audit). `score` is the overall
score and `<area>_score` an area's, both from the runs themselves.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Literal

from auditor.history.limits import MetricLimit
from auditor.history.projection import project
from auditor.history.store import History
from auditor.model.vocab import METRICS, MetricKind

if TYPE_CHECKING:
    from auditor.model.report import Trend

#: The metrics the report's trends section and the weekly review chart, in this order.
KEY_METRICS = (
    "score",
    "order_defect_rate",
    "late_shipment_rate",
    "pre_fulfillment_cancel_rate",
    "valid_tracking_rate",
    "account_health_rating",
    "inventory_performance_index",
    "acos",
)
#: Points a chart in a report shows: half a year of weekly audits.
REPORT_POINTS = 26


def unit(metric: str) -> Literal["rate", "number"]:
    """rate (shown as a percentage), or number (a score, an index)."""
    if metric == "acos" or METRICS.get(metric) is MetricKind.rate:
        return "rate"
    return "number"


def known_metric(metric: str) -> bool:
    return metric in KEY_METRICS or metric in METRICS or metric.endswith("_score")


def series(
    history: History,
    store: str,
    metric: str,
    limits: dict[str, MetricLimit],
    *,
    marketplace: str | None = None,
    until: dt.date | None = None,
    last: int | None = None,
) -> list[Trend]:
    """Every series of `metric` in `store` (oldest point first), each with its projection."""
    groups: dict[tuple[Any, ...], dict[dt.date, float]] = {}
    if metric == "score" or metric.endswith("_score"):
        area = None if metric == "score" else metric.removesuffix("_score")
        for info in history.runs(store):
            if area is None and info.source == "import":
                continue  # an imported report scores account health alone, not the account
            value = info.score if area is None else history.area_score(info, area)
            if value is not None:
                groups.setdefault((None, None, None, None), {})[info.as_of] = value
    else:
        for row in history.metric_values(store, metric, marketplace):
            key = (row["marketplace"], row["channel"], row["subject"], row["window_days"])
            if row["value"] is not None:
                groups.setdefault(key, {})[dt.date.fromisoformat(row["as_of"])] = row["value"]
    result = []
    for (market, channel, subject, window), by_date in sorted(groups.items(), key=_group_order):
        points = sorted((d, v) for d, v in by_date.items() if until is None or d <= until)
        if last:
            points = points[-last:]
        if not points:
            continue
        limit = limits.get(metric)
        entry: Trend = {
            "metric": metric,
            "marketplace": market,
            "channel": channel or None,
            "subject": subject or None,
            "window_days": window or None,
            "unit": unit(metric),
            "points": [{"as_of": d.isoformat(), "value": v} for d, v in points],
            "limit": None,
            "projection": None,
        }
        if limit is not None:
            entry["limit"] = {
                "rule_id": limit.rule_id,
                "op": limit.op,
                "value": limit.at(market),
                "warn": limit.warn_at(market),
            }
            entry["projection"] = project(points, limit.at(market), limit.op).as_dict()
        result.append(entry)
    return result


def key_trends(
    history: History,
    store: str,
    limits: dict[str, MetricLimit],
    until: dt.date | None = None,
    last: int = REPORT_POINTS,
) -> list[Trend]:
    """The key metrics' series, as the report's trends section and the review chart them."""
    return [
        s
        for metric in KEY_METRICS
        for s in series(history, store, metric, limits, until=until, last=last)
    ]


def _group_order(item: tuple[tuple[Any, ...], Any]) -> tuple[str, ...]:
    return tuple("" if part is None else str(part) for part in item[0])

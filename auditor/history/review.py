"""The seller's weekly (or monthly) business review, from history alone.

An operations team's Monday meeting asks five things: what got worse, what got
better, what is still open and serious, which documents lapse before the next
meeting, and which listings are the worst. The review answers them by comparing the
period's last run with the last run before the period began (or, for a young
history, with the first run in it), and adds the key metrics' trends with the date
each is heading over its limit.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from auditor.history.diff import compare
from auditor.history.limits import MetricLimit
from auditor.history.store import History
from auditor.history.trend import key_trends
from auditor.model.common import OUTCOME_RANK, SEVERITY_RANK_OF

if TYPE_CHECKING:
    from auditor.model.report import FindingRef

#: Listings the review names as the worst.
WORST_LISTINGS = 10
#: Severities whose failures are "open critical items" (a high failure is Amazon's
#: "at risk"; a medium one waits for the findings list).
CRITICAL_SEVERITIES = ("critical", "high")


def review(
    history: History,
    store: str,
    period_days: int,
    limits: dict[str, MetricLimit],
    as_of: dt.date | None = None,
) -> dict[str, Any]:
    runs = history.runs(store)
    latest = history.latest_on_or_before(store, as_of) if as_of else runs[-1]
    if latest is None:
        raise LookupError(f"no run of {store!r} on or before {as_of}")
    start = latest.as_of - dt.timedelta(days=period_days)
    earlier = [r for r in runs if r.as_of <= start]
    in_period = [r for r in runs if start < r.as_of <= latest.as_of]
    baseline = earlier[-1] if earlier else (in_period[0] if in_period[0] != latest else None)
    now = history.load(latest)
    change = compare(
        history.load(baseline) if baseline else None,
        now,
        limits,
        next_audit=latest.as_of + dt.timedelta(days=period_days),
    )
    findings = change["findings"]
    worse_outcome = [f for f in findings["changed"] if _got_worse(f) > 0]
    better_outcome = [f for f in findings["changed"] if _got_worse(f) < 0]
    serious = [
        k
        for k, f in now.findings.items()
        if not f["suppressed"] and f["outcome"] == "fail" and f["severity"] in CRITICAL_SEVERITIES
    ]
    described = now.describe(serious)
    open_items = sorted(
        described.values(),
        key=lambda f: (-SEVERITY_RANK_OF[f["severity"]], f["rule_id"], f["fingerprint"]),
    )
    return {
        "store": store,
        "period_days": period_days,
        "from": (baseline.as_of if baseline else latest.as_of).isoformat(),
        "to": latest.as_of.isoformat(),
        "runs": len(in_period),
        "change": change,
        "worse": {
            "metrics": [m for m in change["metrics"] if m["change"] == "worse"],
            "findings": findings["new"],
            "outcomes": worse_outcome,
        },
        "improved": {
            "metrics": [m for m in change["metrics"] if m["change"] == "better"],
            "findings": findings["resolved"],
            "outcomes": better_outcome,
        },
        "open_critical": open_items,
        "documents": change["documents"],
        "worst_listings": now.listings[:WORST_LISTINGS],
        "trends": key_trends(history, store, limits, until=latest.as_of),
    }


def _got_worse(changed: FindingRef) -> int:
    """How far a changed finding's outcome moved: worse above zero, better below."""
    before = changed.get("outcome_before")
    assert before is not None, "a changed finding keeps its earlier outcome"
    return OUTCOME_RANK[changed["outcome"]] - OUTCOME_RANK[before]

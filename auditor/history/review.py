"""The seller's weekly (or monthly) business review, from history alone.

An operations team's Monday meeting asks five things: what got worse, what got
better, what is still open and serious, which documents lapse before the next
meeting, and which listings are the worst. The review answers them by comparing the
period's last run with the last run before the period began (or, for a young
history, with the first run in it), and adds the key metrics' trends with the date
each is heading over its limit, and beside them what buyers and prices signal: each
feedback, returns and pricing rule with its open findings now and at the start.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from auditor.history.diff import compare
from auditor.history.limits import MetricLimit
from auditor.history.store import History, StoredRun
from auditor.history.trend import key_trends
from auditor.model.common import OUTCOME_RANK, SEVERITY_RANK_OF

if TYPE_CHECKING:
    from auditor.model.report import FindingRef

#: Listings the review names as the worst.
WORST_LISTINGS = 10
#: Areas whose open findings the review counts beside the account metrics: what buyers
#: say and send back, and what prices do (signals before they become metrics).
SIGNAL_AREAS = ("customer", "pricing")

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
        "signals": signals(history.load(baseline) if baseline else None, now),
        "signals_audited": [
            a for a in SIGNAL_AREAS if (now.areas.get(a) or {}).get("score") is not None
        ],
        "worst_listings": now.listings[:WORST_LISTINGS],
        "trends": key_trends(history, store, limits, until=latest.as_of),
    }


def signals(before: StoredRun | None, now: StoredRun) -> list[dict[str, Any]]:
    """Per rule of the signal areas, its open findings (failing or warning, not accepted)
    in the latest run and in the run compared with (None without one): a rising count of
    negative feedback or of returns for one reason shows before the ODR or a block does."""
    counts: dict[str, dict[str, Any]] = {}
    for when, run in (("now", now), ("before", before)):
        for state in run.findings.values() if run else ():
            if state["area"] not in SIGNAL_AREAS or state["suppressed"]:
                continue
            if state["outcome"] not in ("fail", "warn"):
                continue
            entry = counts.setdefault(
                state["rule_id"],
                {"rule_id": state["rule_id"], "area": state["area"], "severity": state["severity"],
                 "now": 0, "before": 0 if before else None},
            )  # fmt: skip
            entry[when] += 1
    return sorted(counts.values(), key=lambda e: (SIGNAL_AREAS.index(e["area"]), e["rule_id"]))


def _got_worse(changed: FindingRef) -> int:
    """How far a changed finding's outcome moved: worse above zero, better below."""
    before = changed.get("outcome_before")
    assert before is not None, "a changed finding keeps its earlier outcome"
    return OUTCOME_RANK[changed["outcome"]] - OUTCOME_RANK[before]

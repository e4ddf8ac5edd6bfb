"""What changed between two runs of one store: findings, scores, metrics, documents.

Findings are matched by fingerprint (rule, entity key and detail, never message
text), so a reworded message or a moved row is the same finding. Suppressed
findings are left out on both sides: a waiver is not a fix, nor a new problem.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Literal, NotRequired

from auditor.history.limits import MetricLimit
from auditor.history.store import StoredFinding, StoredRun
from auditor.history.trend import unit
from auditor.model.common import ENTITY_LABEL_FIELDS, SEVERITY_RANK_OF, Outcome

if TYPE_CHECKING:
    from auditor.model.report import (
        Delta,
        DocumentChanges,
        FindingChanges,
        FindingRef,
        MetricChange,
        SinceLast,
    )

    class AreaDelta(Delta):
        """An area's score change, with the area's status in the later run."""

        status: str

    class StoredRef(FindingRef):
        """A finding as a diff lists it before `auditor.translate.retell` puts it in the
        reader's language, which takes `language` off again."""

        language: NotRequired[str | None]


#: Days between audits when history has only one run to go by.
DEFAULT_CADENCE_DAYS = 7

MetricKey = tuple[str, str, str, str, int]
#: How a metric moved: against its rule's limit, or up or down where no rule limits it.
Change = Literal["worse", "better", "same", "up", "down"]


def compare(
    before: StoredRun | None,
    after: StoredRun,
    limits: dict[str, MetricLimit],
    next_audit: dt.date | None = None,
) -> SinceLast:
    """The change from `before` (None: this is the store's first run) to `after`.

    `next_audit` bounds "expiring": documents whose expiry falls before it. It
    defaults to `after` plus the gap since `before` (the store's cadence), else a week.
    """
    if next_audit is None:
        gap = (after.info.as_of - before.info.as_of).days if before else 0
        next_audit = after.info.as_of + dt.timedelta(days=gap or DEFAULT_CADENCE_DAYS)
    return {
        "store": after.info.store,
        "before": before.info.as_dict() if before else None,
        "after": after.info.as_dict(),
        "score": _delta(before.info.score if before else None, after.info.score),
        "areas": {area: _area_delta(before, after, area) for area in after.areas},
        "compared_areas": compared_areas(before, after),
        "findings": _findings(before, after),
        "metrics": _metrics(before, after, limits) if before else [],
        "documents": _documents(before, after, next_audit),
    }


def _delta(before: float | None, after: float | None) -> Delta:
    delta = None if before is None or after is None else round(after - before, 1)
    return {"before": before, "after": after, "delta": delta}


def _area_delta(before: StoredRun | None, after: StoredRun, area: str) -> AreaDelta:
    """An area's score change; an area the earlier run did not assess changes from None."""
    earlier = before.areas.get(area) if before else None
    change = _delta(earlier["score"] if earlier else None, after.areas[area]["score"])
    return {**change, "status": after.areas[area]["status"]}


def _order(finding: StoredFinding) -> tuple[Any, ...]:
    entity = finding["entity"]
    return (
        -SEVERITY_RANK_OF[finding["severity"]],
        finding["rule_id"],
        *(str(entity.get(k) or "") for k in ENTITY_LABEL_FIELDS),
        finding["detail"] or "",
    )


def _ref(finding: StoredFinding, outcome_before: Outcome | None = None) -> StoredRef:
    """A finding as a diff lists it, with the codes its sentence is rendered from (taken off
    again once it is in the reader's language: auditor.translate.retell), and for a
    changed one, its outcome in the earlier run."""
    ref: StoredRef = {
        "fingerprint": finding["fingerprint"],
        "rule_id": finding["rule_id"],
        "severity": finding["severity"],
        "outcome": finding["outcome"],
        "area": finding["area"],
        "entity": finding["entity"],
        "detail": finding["detail"],
        "message": finding["message"],
        "codes": finding["codes"],
        "language": finding["language"],
    }
    if outcome_before is not None:
        ref["outcome_before"] = outcome_before
    return ref


def compared_areas(before: StoredRun | None, after: StoredRun) -> list[str]:
    """Areas both runs assessed: an imported seller performance report looked at account
    health only, so the listings an audit checks the week after are not "new". A run
    from a history's first schema version kept no area scores: it limits nothing."""

    def assessed(run: StoredRun) -> set[str] | None:
        if not run.areas:
            return None
        return {a for a, v in run.areas.items() if v["status"] != "not_assessed"}

    seen = {f["area"] for run in (before, after) if run for f in run.findings.values()}
    mine = assessed(after)
    theirs = assessed(before) if before else mine
    known = [a for a in (mine, theirs) if a is not None]
    areas = set.intersection(*known) if known else seen
    return sorted(areas)


def _findings(before: StoredRun | None, after: StoredRun) -> FindingChanges:
    """New, resolved, persisting and changed findings; a first run compares with nothing
    (its findings are the report's own list, not repeated as new)."""
    if before is None:
        return {"new": [], "resolved": [], "persisting": 0, "changed": []}
    areas = set(compared_areas(before, after))

    def active(run: StoredRun) -> dict[str, Outcome]:
        return {
            k: f["outcome"]
            for k, f in run.findings.items()
            if not f["suppressed"] and f["area"] in areas
        }

    old, new = active(before), active(after)
    added = [k for k in new if k not in old]
    gone = [k for k in old if k not in new]
    moved = [k for k in new if k in old and old[k] != new[k]]
    now = after.describe([*added, *moved])
    then = before.describe(gone)
    return {
        "new": [_ref(now[k]) for k in sorted(added, key=lambda k: _order(now[k]))],
        "resolved": [_ref(then[k]) for k in sorted(gone, key=lambda k: _order(then[k]))],
        "persisting": sum(1 for k in new if k in old),
        "changed": [
            _ref(now[k], outcome_before=old[k]) for k in sorted(moved, key=lambda k: _order(now[k]))
        ],
    }


def metric_key(row: dict[str, Any]) -> MetricKey:
    return (
        row["marketplace"],
        row["metric"],
        row.get("channel") or "",
        row.get("subject") or "",
        row.get("window_days") or 0,
    )


def _metrics(
    before: StoredRun, after: StoredRun, limits: dict[str, MetricLimit]
) -> list[MetricChange]:
    old = {metric_key(m): m for m in before.metrics if m["value"] is not None}
    result: list[MetricChange] = []
    for row in after.metrics:
        key = metric_key(row)
        if row["value"] is None or key not in old:
            continue
        was, now = old[key]["value"], row["value"]
        limit = limits.get(row["metric"])
        change: Change
        if limit:
            change = limit.change(was, now)
        else:
            change = "same" if now == was else ("up" if now > was else "down")
        result.append(
            {
                "marketplace": key[0],
                "metric": key[1],
                "channel": key[2] or None,
                "subject": key[3] or None,
                "window_days": key[4] or None,
                "unit": unit(key[1]),
                "before": was,
                "after": now,
                "delta": now - was,
                "change": change,
                "limit": limit.at(key[0]) if limit else None,
                "failing": limit.fails(now, key[0]) if limit else None,
            }
        )
    return result


def _documents(before: StoredRun | None, after: StoredRun, next_audit: dt.date) -> DocumentChanges:
    """Expired since the last run (or by now, on a first run), and expiring before the next."""
    since = before.info.as_of if before else dt.date.min
    today = after.info.as_of
    expired, expiring = [], []
    for document in after.documents:
        if not document.get("expires_on"):
            continue
        expires = dt.date.fromisoformat(document["expires_on"])
        entry = {k: v for k, v in document.items() if v is not None}
        if since <= expires < today:
            expired.append(entry)
        elif today <= expires < next_audit:
            expiring.append(entry | {"days_left": (expires - today).days})
    return {"next_audit": next_audit.isoformat(), "expired": expired, "expiring": expiring}

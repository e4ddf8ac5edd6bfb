"""Take accepted findings out of the scoring, and say which suppressions no longer hold.

A suppressed finding leaves its rule run as if that rule x entity evaluation had not
been made: it is moved out of `run.findings`, and the entity's count (one per entity,
at its worst detail) becomes the worst of the findings it has left, or disappears when
none is left (neither a pass nor a fail). Waived findings stay visible: the caller lists
them in the report's `suppressions` section (as Prowler keeps muted findings).

A suppression past its `expires` date (expires < as_of) suppresses nothing: its findings
count again and it is reported as expired. One that matches no finding at all, expired
or not, is stale (as ruff reports unused `noqa`): deleting it is the fix, not renewing it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from auditor.engine.evaluate import RuleRun
from auditor.model.common import OUTCOME_RANK, normalise_marketplace
from auditor.model.suppressions import LocatedSuppression, Suppression


@dataclass
class SuppressionResult:
    """What the report's `suppressions` section lists (plain data, in file order)."""

    #: Findings taken out of the scoring, each with `suppression: {reason, by, expires, line}`.
    suppressed: list[dict[str, Any]] = field(default_factory=list)
    #: Expired suppressions that match findings, with the fingerprints that count again.
    expired: list[dict[str, Any]] = field(default_factory=list)
    #: Suppressions that match no finding.
    stale: list[dict[str, Any]] = field(default_factory=list)


def apply_suppressions(
    runs: list[RuleRun], suppressions: Sequence[LocatedSuppression], as_of: dt.date
) -> SuppressionResult:
    """Move the findings of active suppressions out of `runs` (in place) and recount.

    A finding is suppressed by the first active entry that matches it. Runs must come
    from `evaluate` (their `rows` say which findings are one entity's details); a run
    without them counts each finding as an entity of its own.
    """
    by_rule: dict[str, list[int]] = defaultdict(list)
    for index, located in enumerate(suppressions):
        by_rule[located.entry.rule].append(index)
    active = [located.entry.expires >= as_of for located in suppressions]
    matched = [False] * len(suppressions)
    counting_again: list[list[str]] = [[] for _ in suppressions]
    result = SuppressionResult()
    for run in runs:
        candidates = by_rule.get(run.packed.rule.id)
        if not candidates or not run.findings:
            continue
        rows = run.rows if len(run.rows) == len(run.findings) else list(range(len(run.findings)))
        removed: list[bool] = []
        for finding in run.findings:
            hits = [i for i in candidates if matches(suppressions[i].entry, finding)]
            for i in hits:
                matched[i] = True
            holding = next((i for i in hits if active[i]), None)
            removed.append(holding is not None)
            if holding is None:
                for i in hits:
                    counting_again[i].append(finding["fingerprint"])
                continue
            result.suppressed.append(finding | {"suppression": _cause(suppressions[holding])})
        if any(removed):
            _recount(run, rows, removed)
    for i, located in enumerate(suppressions):
        if not matched[i]:
            result.stale.append(_describe(located))
        elif not active[i]:
            result.expired.append(_describe(located) | {"findings": sorted(set(counting_again[i]))})
    return result


def matches(entry: Suppression, finding: dict[str, Any]) -> bool:
    """Same rule, every entity field the entry names equal (as text; marketplace by its
    country code, whatever the case), and the same detail when the entry names one."""
    if finding.get("rule_id") != entry.rule:
        return False
    detail = finding.get("detail")
    if entry.detail is not None and (detail is None or str(detail) != entry.detail):
        return False
    entity = finding.get("entity") or {}
    for key, value in entry.entity.items():
        have, wanted = entity.get(key), str(value)
        if have is None:
            return False
        if key == "marketplace":
            if _market(str(have)) != _market(wanted):
                return False
        elif str(have) != wanted:
            return False
    return True


def _market(value: str) -> str:
    return normalise_marketplace(value) or value.strip().upper()


def _recount(run: RuleRun, rows: list[Any], removed: list[bool]) -> None:
    """Each entity that lost findings: its old worst outcome out, the worst it keeps in."""
    before: dict[Any, int] = {}
    after: dict[Any, int] = {}
    touched: set[Any] = set()
    for row, finding, gone in zip(rows, run.findings, removed, strict=True):
        rank = OUTCOME_RANK[finding["outcome"]]
        before[row] = max(before.get(row, -1), rank)
        if gone:
            touched.add(row)
        else:
            after[row] = max(after.get(row, -1), rank)
    outcome_of = {rank: outcome for outcome, rank in OUTCOME_RANK.items()}
    for row in touched:
        run.counts[outcome_of[before[row]]] -= 1
        if row in after:
            run.counts[outcome_of[after[row]]] += 1
    run.findings = [f for f, gone in zip(run.findings, removed, strict=True) if not gone]
    run.rows = [r for r, gone in zip(rows, removed, strict=True) if not gone]


def _cause(located: LocatedSuppression) -> dict[str, Any]:
    entry = located.entry
    return {
        "reason": entry.reason,
        "by": entry.by,
        "expires": entry.expires.isoformat(),
        "line": located.line,
    }


def _describe(located: LocatedSuppression) -> dict[str, Any]:
    entry = located.entry
    return {
        "rule": entry.rule,
        "entity": dict(entry.entity),
        "detail": entry.detail,
        "reason": entry.reason,
        "by": entry.by,
        "expires": entry.expires.isoformat(),
        "line": located.line,
    }

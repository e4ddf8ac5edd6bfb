"""The scoring model (documented in docs/scoring.md): deterministic and monotone.

Per rule: deduction = weight(severity) x (1 - 1/2 ** (fails + warns / 2)). The first
failing entity costs half the rule's weight, each further one half of what is left,
so a rule never costs more than its weight and a new or worse finding never raises a
score. Only decided outcomes count: an unknown neither lowers nor raises it (the
report shows coverage beside the score).
Per area: score = max(0, 100 - sum of its rules' deductions); overall: the mean of
the assessed areas. Status: critical when a critical rule fails or the score is
under 50; at risk when a high rule fails, a critical or high rule is unknown, or the
score is under 80; otherwise healthy; not assessed when nothing was decided.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from auditor.model.common import SEVERITY_RANK, Severity

WEIGHTS: dict[Severity, float] = {
    Severity.critical: 20.0,
    Severity.high: 10.0,
    Severity.medium: 5.0,
    Severity.low: 2.0,
    Severity.info: 0.0,
}
CRITICAL_BELOW, AT_RISK_BELOW = 50.0, 80.0
STATUS_ORDER = ("not_assessed", "healthy", "at_risk", "critical")
OUTCOMES = ("pass", "fail", "warn", "unknown")


@dataclass(frozen=True)
class Tally:
    """How one rule's evaluations came out (one per entity, at its worst detail)."""

    rule_id: str
    area: str
    severity: Severity
    counts: dict[str, int]

    @property
    def decided(self) -> int:
        return self.counts["pass"] + self.counts["fail"] + self.counts["warn"]

    @property
    def deduction(self) -> float:
        defects = self.counts["fail"] + self.counts["warn"] / 2
        return WEIGHTS[self.severity] * (1 - 0.5**defects)


def _status(score: float | None, tallies: list[Tally]) -> str:
    if score is None:
        return "not_assessed"
    failed = {t.severity for t in tallies if t.counts["fail"]}
    unknown = {t.severity for t in tallies if t.counts["unknown"]}
    if Severity.critical in failed or score < CRITICAL_BELOW:
        return "critical"
    if (
        Severity.high in failed
        or unknown & {Severity.critical, Severity.high}
        or score < AT_RISK_BELOW
    ):
        return "at_risk"
    return "healthy"


def _counts(items: Iterable[dict[str, int]]) -> dict[str, int]:
    total = dict.fromkeys(OUTCOMES, 0)
    for item in items:
        for key in OUTCOMES:
            total[key] += item[key]
    return total


def summarise(
    tallies: list[Tally],
    not_applicable: list[dict[str, str]],
    findings: list[dict[str, Any]],
    areas: list[str],
    fail_on: Severity,
    strict: bool,
) -> dict[str, Any]:
    """The report's `summary`: scores, statuses, coverage, counts and the gate."""
    area_summaries: dict[str, dict[str, Any]] = {}
    for area in areas:
        mine = [t for t in tallies if t.area == area]
        decided = sum(t.decided for t in mine)
        score = round(max(0.0, 100.0 - sum(t.deduction for t in mine)), 1) if decided else None
        area_summaries[area] = {
            "score": score,
            "status": _status(score, mine),
            "evaluations": sum(sum(t.counts.values()) for t in mine),
            "decided": decided,
        }
    scored = [a["score"] for a in area_summaries.values() if a["score"] is not None]
    overall = round(sum(scored) / len(scored), 1) if scored else None
    status = max(
        (a["status"] for a in area_summaries.values()),
        key=STATUS_ORDER.index,
        default="not_assessed",
    )
    outcomes = _counts(t.counts for t in tallies)
    by_severity = {
        s.value: _counts(t.counts for t in tallies if t.severity == s)
        for s in sorted(Severity, key=lambda s: -SEVERITY_RANK[s])
    }
    gating = {"fail", "warn"} if strict else {"fail"}
    gate_findings = sum(
        1
        for f in findings
        if f["outcome"] in gating
        and SEVERITY_RANK[Severity(f["severity"])] >= SEVERITY_RANK[fail_on]
    )
    return {
        "score": overall,
        "status": status,
        "areas": area_summaries,
        "coverage": {
            "evaluations": sum(outcomes.values()),
            "decided": outcomes["pass"] + outcomes["fail"] + outcomes["warn"],
            "outcomes": outcomes,
            "not_applicable": not_applicable,
        },
        "by_severity": by_severity,
        "by_outcome": outcomes,
        "rules": [
            {
                "rule_id": t.rule_id,
                "area": t.area,
                "severity": t.severity.value,
                "outcomes": t.counts,
                "deduction": round(t.deduction, 3),
            }
            for t in tallies
        ],
        "gate": {
            "fail_on": fail_on.value,
            "strict": strict,
            "failed": gate_findings > 0,
            "findings": gate_findings,
        },
    }

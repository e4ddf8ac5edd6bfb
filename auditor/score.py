"""The scoring model (documented in docs/scoring.md): deterministic and monotone.

A rule's weight is the weight of its severity (auditor.yaml `severity_weights`) times
the factor of its consequence, what failing it can cost the seller: account
(deactivation) 4, legal (removal and legal exposure) 3, listing (suppression) 1,
advice (best practice) 1/2. So a children's product without its certificate weighs
more than a long title of the same severity.
Per rule: deduction = weight x (1 - 1/2 ** d), d = fails + warns / 2, plus, for a
critical or high rule whose consequence is account or legal, unknowns / 4 (at most 1/2
in all: "could not check" is never clean, and always costs less than one failure). The first
failing entity costs half the rule's weight, each further one half of what is left,
so a rule never costs more than its weight and a new or worse finding never raises a
score. An expiring document warns and an expired one fails, so the audit in which a
certificate lapses loses points.
Per area: score = max(0, 100 - sum of its rules' deductions), or none when nothing was
decided and nothing cost points; overall: the mean of the scored areas. Status:
critical when a critical rule fails or the score is under 50; at risk when a high rule
fails, a critical or high rule warns or is unknown, or the score is under 80;
otherwise healthy; not assessed when nothing was decided. A failed critical health
rule makes the overall status critical whatever the arithmetic says.
Per listing (sku, marketplace): the same formula over that listing's own findings.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

import numpy as np

from auditor.model.common import CONSEQUENCE_RANK, SEVERITY_RANK, Consequence, Severity
from auditor.model.config import DEFAULT_SEVERITY_WEIGHTS
from auditor.model.rules import area_consequence

if TYPE_CHECKING:
    from auditor.model.report import Summary

#: The default weights; auditor.yaml `severity_weights` changes them (validated there).
WEIGHTS: dict[Severity, float] = dict(DEFAULT_SEVERITY_WEIGHTS)
CRITICAL_BELOW, AT_RISK_BELOW = 50.0, 80.0
STATUS_ORDER = ("not_assessed", "healthy", "at_risk", "critical")
OUTCOMES = ("pass", "fail", "warn", "unknown")
#: No evaluation at all, to start a count from.
NONE = dict.fromkeys(OUTCOMES, 0)
#: The area whose failed critical rules make the account critical, as Amazon would act on them.
HEALTH_AREA = "health"
#: Outcome of one evaluation -> its defects in the formula (a warn is half a fail).
DEFECTS = {"fail": 1.0, "warn": 0.5}
#: What a rule's consequence multiplies its severity's weight by.
CONSEQUENCE_FACTORS: dict[Consequence, float] = {
    Consequence.account: 5.0,
    Consequence.legal: 4.0,
    Consequence.listing: 1.0,
    Consequence.advice: 0.5,
}
#: An unknown of a serious rule with a costly consequence: a quarter of a failure...
UNKNOWN_DEFECT = 0.25
#: ... and a rule's unknowns together never count more than half a failure, so that
#: what could not be checked always costs less than one entity known to fail.
UNKNOWN_CAP = 0.5
_SERIOUS = frozenset({Severity.critical, Severity.high})
_COSTLY = frozenset({Consequence.account, Consequence.legal})


def deduction(weight: float, defects: float) -> float:
    """What `defects` (fails + warns / 2) cost a rule of `weight`: weight x (1 - 1/2^defects)."""
    return weight * (1 - 0.5**defects)


def unknown_costs(severity: Severity | str, consequence: Consequence | str) -> bool:
    """Whether an unknown of such a rule costs points: critical or high, account or legal."""
    return Severity(severity) in _SERIOUS and Consequence(consequence) in _COSTLY


def defects_of(
    fails: float,
    warns: float,
    unknowns: float,
    severity: Severity | str,
    consequence: Consequence | str,
) -> float:
    """d in the formula: fails + warns / 2, plus unknowns / 4 (at most 1) where they cost."""
    d = fails + warns * DEFECTS["warn"]
    if unknowns and unknown_costs(severity, consequence):
        d += min(UNKNOWN_CAP, unknowns * UNKNOWN_DEFECT)
    return d


def rule_weight(
    weights: Mapping[Severity, float], severity: Severity | str, consequence: Consequence | str
) -> float:
    """The most a rule can take off a score: its severity's weight x its consequence's factor."""
    return weights[Severity(severity)] * CONSEQUENCE_FACTORS[Consequence(consequence)]


@dataclass(frozen=True)
class Tally:
    """How one rule's evaluations came out (one per entity, at its worst detail)."""

    rule_id: str
    area: str
    severity: Severity
    counts: dict[str, int]
    #: As the rule declares it; None: its area's default (see `impact`).
    consequence: Consequence | None = None
    #: Entities in scope it could not check: their input has no column the check reads.
    not_checked: int = 0

    @property
    def impact(self) -> Consequence:
        """The consequence in effect: the declared one, or the area's default."""
        return self.consequence or area_consequence(self.area)

    @property
    def decided(self) -> int:
        return self.counts["pass"] + self.counts["fail"] + self.counts["warn"]

    @property
    def defects(self) -> float:
        c = self.counts
        return defects_of(c["fail"], c["warn"], c["unknown"], self.severity, self.impact)

    @property
    def deduction(self) -> float:
        """With the default weights; `deduct(weights)` with configured ones."""
        return self.deduct(WEIGHTS)

    def weight(self, weights: Mapping[Severity, float]) -> float:
        return rule_weight(weights, self.severity, self.impact)

    def deduct(self, weights: Mapping[Severity, float]) -> float:
        return deduction(self.weight(weights), self.defects)


def _status_and_reasons(
    score: float | None, tallies: Iterable[Tally]
) -> tuple[str, list[dict[str, Any]]]:
    """The status and why: each reason names its code and the rules or limit behind it."""
    tallies = list(tallies)
    serious = [t for t in tallies if t.severity in (Severity.critical, Severity.high)]
    unknown_serious = [t.rule_id for t in serious if t.counts["unknown"]]
    # A serious rule that could not be checked for entities in scope is never a pass.
    unchecked_serious = [t.rule_id for t in serious if t.not_checked]
    open_serious: list[dict[str, Any]] = []
    if unknown_serious:
        open_serious.append({"code": "serious_rule_unknown", "rules": unknown_serious})
    if unchecked_serious:
        open_serious.append({"code": "serious_rule_not_checked", "rules": unchecked_serious})
    if score is None:
        if open_serious:  # nothing decided, but something serious is open: never "healthy"
            return "at_risk", open_serious
        return "not_assessed", [{"code": "nothing_decided"}]
    failed_critical = [
        t.rule_id for t in serious if t.counts["fail"] and t.severity == Severity.critical
    ]
    failed_high = [t.rule_id for t in serious if t.counts["fail"] and t.severity == Severity.high]
    # A warning is nearer a failure than an unknown is, so it weighs at least as much.
    warned_serious = [t.rule_id for t in serious if t.counts["warn"]]
    critical: list[dict[str, Any]] = []
    if failed_critical:
        critical.append({"code": "critical_rule_failed", "rules": failed_critical})
    # Under 50 is critical where something is known to fail; points lost only to what
    # could not be checked make an area at risk (below), never critical.
    if score < CRITICAL_BELOW and any(t.counts["fail"] or t.counts["warn"] for t in tallies):
        critical.append({"code": "score_below", "limit": CRITICAL_BELOW})
    if critical:
        return "critical", critical
    at_risk: list[dict[str, Any]] = []
    if failed_high:
        at_risk.append({"code": "high_rule_failed", "rules": failed_high})
    if warned_serious:
        at_risk.append({"code": "serious_rule_warned", "rules": warned_serious})
    at_risk.extend(open_serious)
    if score < AT_RISK_BELOW:
        at_risk.append({"code": "score_below", "limit": AT_RISK_BELOW})
    if at_risk:
        return "at_risk", at_risk
    return "healthy", []


def _status(score: float | None, tallies: list[Tally]) -> str:
    return _status_and_reasons(score, tallies)[0]


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
    *,
    fail_on_unknown: Severity | None = None,
    weights: Mapping[Severity, float] | None = None,
    listings: int | None = None,
    headroom: list[dict[str, Any]] | None = None,
    not_checked: list[dict[str, Any]] | None = None,
) -> Summary:
    """The report's `summary`: scores, statuses, deductions, coverage, SKUs, headroom and the gate.

    `listings` is how many listing entities the inputs hold (for the count of clean
    ones); `headroom` lists every rate metric with its headroom, passing ones included.
    """
    weights = dict(weights or WEIGHTS)
    raw = {t.rule_id: t.deduct(weights) for t in tallies}
    area_summaries: dict[str, dict[str, Any]] = {}
    scale: dict[str, float] = {}
    for area in areas:
        mine = [t for t in tallies if t.area == area]
        decided = sum(t.decided for t in mine)
        total = sum(raw[t.rule_id] for t in mine)
        # Scored when something was decided, or when unknowns of serious rules cost points.
        score = round(max(0.0, 100.0 - total), 1) if decided or total > 0 else None
        # Past 100 points the area is at 0: each rule's share is scaled so they add up to 100.
        scale[area] = min(1.0, 100.0 / total) if total > 0 else 1.0
        status, reasons = _status_and_reasons(score, mine)
        taken = sorted(
            (t for t in mine if raw[t.rule_id] > 0), key=lambda t: (-raw[t.rule_id], t.rule_id)
        )
        area_summaries[area] = {
            "score": score,
            "status": status,
            "evaluations": sum(sum(t.counts.values()) for t in mine),
            "decided": decided,
            "outcomes": _counts(t.counts for t in mine),
            "deduction": round(min(100.0, total), 3),
            "deductions": [
                {
                    "rule_id": t.rule_id,
                    "severity": t.severity.value,
                    "consequence": t.impact.value,
                    "points": round(raw[t.rule_id] * scale[area], 3),
                }
                for t in taken
            ],
            "status_reasons": reasons,
        }
    scored = [a["score"] for a in area_summaries.values() if a["score"] is not None]
    overall = round(sum(scored) / len(scored), 1) if scored else None
    status = max(
        (a["status"] for a in area_summaries.values()),
        key=STATUS_ORDER.index,
        default="not_assessed",
    )
    status_reasons = [
        {"code": "area_status", "area": name, "status": a["status"]}
        for name, a in area_summaries.items()
        if a["status"] == status and status != "not_assessed"
    ]
    health_critical = [
        t.rule_id
        for t in tallies
        if t.area == HEALTH_AREA and t.severity == Severity.critical and t.counts["fail"]
    ]
    if health_critical:  # whatever the arithmetic says, as Amazon would
        status = "critical"
        status_reasons.insert(0, {"code": "critical_health_rule_failed", "rules": health_critical})
    outcomes = _counts(t.counts for t in tallies)
    by_severity = {
        s.value: _counts(t.counts for t in tallies if t.severity == s)
        for s in sorted(Severity, key=lambda s: -SEVERITY_RANK[s])
    }
    gating = {"fail", "warn"} if strict else {"fail"}

    def gates(finding: dict[str, Any]) -> bool:
        rank = SEVERITY_RANK[Severity(finding["severity"])]
        if finding["outcome"] == "unknown":
            return fail_on_unknown is not None and rank >= SEVERITY_RANK[fail_on_unknown]
        return finding["outcome"] in gating and rank >= SEVERITY_RANK[fail_on]

    gate_findings = sum(1 for f in findings if gates(f))
    n_scored = len(scored)

    def off_overall(t: Tally) -> float:
        assessed = area_summaries.get(t.area, {}).get("score") is not None
        share = raw[t.rule_id] * scale.get(t.area, 1.0)
        return round(share / n_scored, 3) if assessed and n_scored else 0.0

    consequences = {t.rule_id: t.impact for t in tallies}
    skus, sku_totals = sku_scores(findings, weights, listings, consequences)
    # The contract's summary; its parts are built as plain dicts above.
    summary = {
        "score": overall,
        "status": status,
        "status_reasons": status_reasons,
        "weights": {s.value: weights[s] for s in sorted(Severity, key=lambda s: -SEVERITY_RANK[s])},
        "consequences": {
            c.value: CONSEQUENCE_FACTORS[c]
            for c in sorted(Consequence, key=lambda c: -CONSEQUENCE_RANK[c])
        },
        "areas": area_summaries,
        "coverage": {
            "evaluations": sum(outcomes.values()),
            "decided": outcomes["pass"] + outcomes["fail"] + outcomes["warn"],
            "outcomes": outcomes,
            "not_applicable": not_applicable,
            "missing_fields": missing_fields(findings),
            "not_checked": not_checked or [],
        },
        "by_severity": by_severity,
        "by_outcome": outcomes,
        "rules": [
            {
                "rule_id": t.rule_id,
                "area": t.area,
                "severity": t.severity.value,
                "consequence": t.impact.value,
                "outcomes": t.counts,
                "deduction": round(raw[t.rule_id], 3),
                "weight": t.weight(weights),
                "area_deduction": round(raw[t.rule_id] * scale.get(t.area, 1.0), 3),
                "overall_deduction": off_overall(t),
            }
            for t in tallies
        ],
        "skus": skus,
        "sku_totals": sku_totals,
        "headroom": sorted(headroom or [], key=_headroom_order),
        "gate": {
            "fail_on": fail_on.value,
            "strict": strict,
            "fail_on_unknown": fail_on_unknown.value if fail_on_unknown else None,
            "failed": gate_findings > 0,
            "findings": gate_findings,
        },
    }
    return cast("Summary", summary)


def missing_fields(findings: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each field whose absence left findings `unknown`: how many findings name it, and which rules."""
    count: Counter[str] = Counter()
    rules: dict[str, set[str]] = {}
    for f in findings:
        if f["outcome"] != "unknown":
            continue
        for name in f.get("missing") or []:
            count[name] += 1
            rules.setdefault(name, set()).add(f["rule_id"])
    return [
        {"field": name, "findings": n, "rules": sorted(rules[name])}
        for name, n in sorted(count.items(), key=lambda item: (-item[1], item[0]))
    ]


def _listing_key(entity: Mapping[str, Any]) -> tuple[str, str, str] | None:
    if entity.get("type") != "listing":
        return None
    sku, asin = entity.get("sku"), entity.get("asin")
    if not sku and not asin:
        return None
    return (str(sku or ""), "" if sku else str(asin), str(entity.get("marketplace") or ""))


def sku_scores(
    findings: Iterable[dict[str, Any]],
    weights: Mapping[Severity, float],
    listings: int | None = None,
    consequences: Mapping[str, Consequence] | None = None,
) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """Per listing (sku, marketplace; asin where there is no sku): its score from its own findings.

    Each rule counts once per listing at the listing's worst outcome for it (as in the
    rule tallies), so a listing's score is 100 minus the sum over its rules of
    weight x (1 - 1/2^d), d = 1 for a fail, 1/2 for a warn and 1/4 for an unknown of
    a serious account or legal rule; the weight is the severity's times the
    consequence's factor (`consequences` by rule id; a rule not in it takes its area's
    default). Listings without any finding score 100 and are counted in the totals,
    not listed; the list is worst first.

    Computed column-wise: a catalogue's findings are of a few hundred kinds (rule,
    severity, outcome), whose points are worked out once; the rest is arrays. A
    listing's points are still added one rule at a time, in the order its rules were
    first met, so that its sum is the same to the last bit.
    """
    found = _ListingFindings.of(findings)
    kinds = _Kinds.of(found, weights, consequences or {})
    listing, kind, count = found.listing, found.kind, len(found.keys)
    totals = _sums_in_order(listing, kinds.points[kind], count)
    scores = _rounded(np.maximum(0.0, 100.0 - totals), 1)
    deductions = _rounded(np.minimum(100.0, totals), 3)
    outcomes = np.bincount(listing * 3 + kinds.rank[kind], minlength=count * 3)
    bounds = np.searchsorted(listing, np.arange(count + 1)).tolist()
    statuses = _statuses(scores, found, bounds, kinds)
    # Each listing's rules worst first: no two of one listing are of one rule, so the
    # order of all the kinds orders each listing's.
    worst_first = kind[np.lexsort((kinds.place[kind], listing))].tolist()
    shown = [dict(kinds.shown[k]) for k in worst_first]
    entries = [
        {
            "sku": sku or None,
            "asin": found.asins[i] or (asin or None),
            "marketplace": marketplace or None,
            "title": found.titles[i],
            "score": scores[i],
            "status": statuses[i],
            "deduction": deductions[i],
            "outcomes": {"fail": fails, "warn": warns, "unknown": unknowns},
            "rules": shown[bounds[i] : bounds[i + 1]],
        }
        for i, ((sku, asin, marketplace), (unknowns, warns, fails)) in enumerate(
            zip(found.keys, outcomes.reshape(count, 3).tolist(), strict=True)
        )
    ]
    entries.sort(
        key=lambda e: (
            e["score"],
            -STATUS_ORDER.index(e["status"]),
            -e["outcomes"]["fail"],
            -e["outcomes"]["warn"],
            -e["outcomes"]["unknown"],
            e["sku"] or "",
            e["asin"] or "",
            e["marketplace"] or "",
        )
    )
    counted = max(listings or 0, len(entries))
    return entries, {"listings": counted, "listed": len(entries), "clean": counted - len(entries)}


#: The outcomes that cost a listing points, from the least to the worst.
_RANK = {"unknown": 0, "warn": 1, "fail": 2}


def _numbers(values: Iterable[Any], numbered: dict[Any, int]) -> np.ndarray:
    """Each value's number in `numbered`, where a value not yet in it takes the next."""
    return np.array([numbered.setdefault(v, len(numbered)) for v in values], dtype=np.int64)


@dataclass(frozen=True)
class _ListingFindings:
    """Each listing's worst finding per rule, as columns: its listing (a number into
    `keys`, listings as first met) and its kind (a number into `kinds`), listing after
    listing, each listing's rules in the order first met."""

    listing: np.ndarray
    kind: np.ndarray
    keys: list[tuple[str, str, str]]  # (sku, asin where there is no sku, marketplace)
    kinds: list[tuple[str, str, str]]  # (rule id, severity, outcome)
    #: By rule id: the area of its first finding about a listing.
    areas: dict[str, str]
    #: By listing: the first asin and the first title its findings give.
    asins: list[Any]
    titles: list[Any]

    @classmethod
    def of(cls, findings: Iterable[dict[str, Any]]) -> _ListingFindings:
        findings = list(findings)
        numbered_kinds: dict[tuple[str, str, str], int] = {}
        kind = _numbers(
            ((f["rule_id"], f["severity"], f["outcome"]) for f in findings), numbered_kinds
        )
        kinds = list(numbered_kinds)
        spelling, spellings, key_of, keys = _entities(findings)
        costly = np.array([outcome in _RANK for _, _, outcome in kinds], dtype=bool)
        kept = np.flatnonzero((key_of[spelling] >= 0) & costly[kind])
        # Listings are numbered as first met among the findings that cost them points.
        listing, key = _as_first_met(key_of[spelling[kept]])
        kind, spelling = kind[kept], spelling[kept]
        rule = _numbers((rule_id for rule_id, _, _ in kinds), {})[kind]
        rank = np.array([_RANK.get(outcome, -1) for _, _, outcome in kinds], dtype=np.int64)
        chosen = _worst_per_rule(listing, rule, rank[kind])
        _, first = np.unique(rule, return_index=True)
        asins, titles = (
            _first_given(listing, [s[at] for s in spellings], spelling, len(key))
            for at in (_SPELT.index("asin"), _SPELT.index("title"))
        )
        return cls(
            listing=listing[chosen],
            kind=kind[chosen],
            keys=[keys[k] for k in key.tolist()],
            kinds=kinds,
            areas={kinds[kind[i]][0]: findings[kept[i]]["area"] for i in first.tolist()},
            asins=asins,
            titles=titles,
        )


#: What names a listing in a finding's entity, and the title shown beside it.
_SPELT = ("type", "sku", "asin", "marketplace", "title")


def _entities(
    findings: list[dict[str, Any]],
) -> tuple[np.ndarray, list[tuple[Any, ...]], np.ndarray, list[tuple[str, str, str]]]:
    """Each finding's entity as a number into the distinct spellings of the fields of
    _SPELT, those, each spelling's listing as a number into the listing keys (-1: no
    listing), and those. A listing's findings mostly spell its entity alike, so its key
    is made once per spelling, not per finding."""
    numbered_spellings: dict[tuple[Any, ...], int] = {}
    spelling = _numbers(map(_spelling, findings), numbered_spellings)
    spellings = list(numbered_spellings)
    numbered_keys: dict[tuple[str, str, str], int] = {}
    key_of = np.array(
        [
            -1 if key is None else numbered_keys.setdefault(key, len(numbered_keys))
            for key in (_listing_key(dict(zip(_SPELT, s, strict=True))) for s in spellings)
        ],
        dtype=np.int64,
    )
    return spelling, spellings, key_of, list(numbered_keys)


def _spelling(finding: dict[str, Any]) -> tuple[Any, ...]:
    """The fields of _SPELT of the finding's entity."""
    entity = finding.get("entity") or {}
    return (
        entity.get("type"),
        entity.get("sku"),
        entity.get("asin"),
        entity.get("marketplace"),
        entity.get("title"),
    )


def _as_first_met(numbers: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """`numbers` numbered again 0, 1, ... in the order first met, and the number each
    new one stands for."""
    distinct, first, which = np.unique(numbers, return_index=True, return_inverse=True)
    order = np.argsort(first)
    renumbered = np.empty(len(distinct), dtype=np.int64)
    renumbered[order] = np.arange(len(distinct))
    return renumbered[which.ravel()], distinct[order]


def _worst_per_rule(listing: np.ndarray, rule: np.ndarray, rank: np.ndarray) -> np.ndarray:
    """Where each listing's worst finding per rule is (the first at the rule's worst
    outcome for that listing), listing after listing, its rules in the order first met."""
    pair = listing * (int(rule.max(initial=0)) + 1) + rule
    order = np.lexsort((np.arange(len(pair)), -rank, pair))
    starts = np.flatnonzero(np.diff(pair[order], prepend=-1))
    if not len(starts):
        return starts
    worst, first_met = order[starts], np.minimum.reduceat(order, starts)
    return worst[np.lexsort((first_met, listing[worst]))]


def _first_given(
    listing: np.ndarray, values: list[Any], spelling: np.ndarray, count: int
) -> list[Any]:
    """By listing, the first of `values` (by spelling) that is not None among its findings."""
    given = np.array([v is not None for v in values], dtype=bool)[spelling]
    at = np.flatnonzero(given)
    listed, first = np.unique(listing[at], return_index=True)
    found: list[Any] = [None] * count
    for number, i in zip(listed.tolist(), at[first].tolist(), strict=True):
        found[number] = values[spelling[i]]
    return found


@dataclass(frozen=True)
class _Kinds:
    """By kind of finding (rule, severity, outcome), for the kinds of listings' worst
    findings: what it costs a listing, its outcome's rank, its place among a listing's
    rules (most points first) and its line there, and for the listing's status, its
    tally and its level (a number per severity and outcome)."""

    points: np.ndarray
    rank: np.ndarray
    place: np.ndarray
    level: np.ndarray
    shown: dict[int, dict[str, Any]]
    tallies: dict[int, Tally]

    @classmethod
    def of(
        cls,
        found: _ListingFindings,
        weights: Mapping[Severity, float],
        consequences: Mapping[str, Consequence],
    ) -> _Kinds:
        known = dict(consequences)
        for rule_id, area in found.areas.items():
            known.setdefault(rule_id, area_consequence(area))
        points = np.zeros(len(found.kinds))
        rank, place, level = (np.zeros(len(found.kinds), dtype=np.int64) for _ in range(3))
        shown: dict[int, dict[str, Any]] = {}
        tallies: dict[int, Tally] = {}
        levels: dict[tuple[str, str], int] = {}
        for k in np.unique(found.kind).tolist():
            rule_id, severity, outcome = found.kinds[k]
            consequence = known[rule_id]
            d = defects_of(
                outcome == "fail", outcome == "warn", outcome == "unknown", severity, consequence
            )
            points[k] = cost = deduction(rule_weight(weights, severity, consequence), d)
            rank[k] = _RANK[outcome]
            level[k] = levels.setdefault((severity, outcome), len(levels))
            shown[k] = {
                "rule_id": rule_id,
                "severity": severity,
                "consequence": consequence.value,
                "outcome": outcome,
                "points": round(cost, 3),
            }
            tallies[k] = Tally(
                rule_id, found.areas[rule_id], Severity(severity), {**NONE, outcome: 1}, consequence
            )
        worst_first = sorted(
            shown, key=lambda k: (-shown[k]["points"], -rank[k], found.kinds[k][0])
        )
        place[worst_first] = np.arange(len(worst_first))
        return cls(points, rank, place, level, shown, tallies)


def _sums_in_order(group: np.ndarray, values: np.ndarray, count: int) -> np.ndarray:
    """Each group's values added one after the other, in their order, as a loop adds
    them: numpy's sums add pairwise, which can change the last bits, and so a rounding.
    `group` is ascending (the values of one group together)."""
    nth = np.arange(len(group)) - np.searchsorted(group, group)
    order = np.argsort(nth, kind="stable")
    ends = np.cumsum(np.bincount(nth)).tolist()
    totals = np.zeros(count)
    for start, end in zip([0, *ends], ends, strict=False):
        at = order[start:end]
        totals[group[at]] += values[at]
    return totals


def _rounded(values: np.ndarray, digits: int) -> list[float]:
    """Python's round of each value (correctly rounded, which numpy's is not), worked
    out once per distinct value."""
    distinct, which = np.unique(values, return_inverse=True)
    rounded = [round(value, digits) for value in distinct.tolist()]
    return [rounded[w] for w in which.ravel().tolist()]


def _statuses(
    scores: list[float], found: _ListingFindings, bounds: list[int], kinds: _Kinds
) -> list[str]:
    """Each listing's status. It depends on the listing's score and on how many of its
    rules are at each severity and outcome, a pattern most listings share with many
    others: each pattern's status is worked out once, from its first listing's tallies."""
    count, width = len(scores), int(kinds.level.max(initial=0)) + 1
    if not count:
        return []
    levels = np.bincount(found.listing * width + kinds.level[found.kind], minlength=count * width)
    patterns = np.column_stack([np.array(scores), levels.reshape(count, width)])
    _, first, which = np.unique(patterns, axis=0, return_index=True, return_inverse=True)
    statuses = [
        _status(
            scores[i], [kinds.tallies[k] for k in found.kind[bounds[i] : bounds[i + 1]].tolist()]
        )
        for i in first.tolist()
    ]
    return [statuses[w] for w in which.ravel().tolist()]


def _headroom_order(item: dict[str, Any]) -> tuple[Any, ...]:
    """Failing metrics first (most events to remove first), then the least room left."""
    head = item["headroom"]
    entity = item.get("entity") or {}
    return (
        0 if head["direction"] == "fewer_needed" else 1,
        -head["count"] if head["direction"] == "fewer_needed" else head["count"],
        item["rule_id"],
        str(entity.get("marketplace") or ""),
        str(entity.get("channel") or ""),
        str(item.get("metric") or ""),
        str(item.get("detail") or ""),
    )

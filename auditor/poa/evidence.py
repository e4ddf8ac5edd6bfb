"""The facts of an audit report that a plan of action may state, picked per violation.

A draft states only what is here: the violation's own findings (the metric, its window,
its counts), the counts that split it into its sources (largest first), and the other
findings that point at a root cause, grouped per listing for listing violations. The
report is the JSON contract, so a saved report drafts the same letter as a fresh audit.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from auditor.poa.attachments import AsinEvidence
from auditor.poa.violations import ViolationType

#: Outcomes that make a finding part of a plan of action (unknown says nothing about a cause).
STATED_OUTCOMES = ("fail", "warn")


@dataclass(frozen=True)
class Component:
    """One source of a rate's bad events, e.g. the A-to-z claims of an order defect rate."""

    metric: str
    count: int
    rate: float | None


@dataclass(frozen=True)
class Breach:
    """The violation's own finding: one metric in one store, channel and window."""

    marketplace: str | None
    channel: str | None
    metric: str | None
    outcome: str
    value: Any
    limit: Any
    window_days: int | None
    numerator: int | None
    denominator: int | None
    period_start: str | None
    period_end: str | None
    components: tuple[Component, ...] = ()


@dataclass(frozen=True)
class Related:
    """Another finding that points at a root cause."""

    rule_id: str
    rule_name: str
    outcome: str
    message: str
    marketplace: str | None
    channel: str | None
    asin: str | None
    sku: str | None
    value: Any
    limit: Any
    evidence: dict[str, Any]
    statement: str | None = None


@dataclass(frozen=True)
class ListingCauses:
    """A listing's failing rules: which rules failed on which ASIN."""

    asin: str | None
    sku: str | None
    marketplace: str | None
    title: str | None
    findings: tuple[Related, ...]


@dataclass(frozen=True)
class Mismatch:
    """Where the audit's data and the notice disagree. Told to the seller in the draft's
    notes, never in the letter: the letter follows the notice."""

    #: What disagrees: rate, defects, orders, channel, window or marketplace.
    what: str
    #: As the notice states it, shown ("1.25%", "seller-fulfilled", "60 days").
    notice: str
    #: As the audit's data shows it ("0.81%", "FBA"); "none" when the data has nothing.
    data: str


@dataclass
class Evidence:
    violation: ViolationType
    as_of: str
    marketplaces: list[str]
    breaches: list[Breach] = field(default_factory=list)
    account_causes: list[Related] = field(default_factory=list)
    listing_causes: list[ListingCauses] = field(default_factory=list)
    #: What the report could not give, said in the draft's notes.
    gaps: list[str] = field(default_factory=list)
    #: Where the data disagrees with the notice (empty without a notice).
    mismatches: list[Mismatch] = field(default_factory=list)
    #: Per ASIN of the notice, the requested documents the register holds (empty when the
    #: notice asks for none).
    attachments: list[AsinEvidence] = field(default_factory=list)
    #: Whether the documents register was read (a saved JSON report does not carry it).
    register_read: bool = False

    @property
    def asins(self) -> list[str]:
        return [c.asin for c in self.listing_causes if c.asin]


def gather(
    report: dict[str, Any],
    violation: ViolationType,
    marketplaces: list[str] | None = None,
    asins: list[str] | None = None,
) -> Evidence:
    """Pick the report's evidence for `violation` in `marketplaces` (default: where it failed).

    `asins` (the notice's) limit the listing causes to those listings when any of them
    has findings; the notice names what Amazon wants answered.
    """
    findings = [f for f in report["findings"] if f["outcome"] in STATED_OUTCOMES]
    own = [f for f in findings if f["rule_id"] == violation.rule_id]
    if not marketplaces:
        failing = [f for f in own if f["outcome"] == "fail"] or own
        marketplaces = sorted({str(f["entity"].get("marketplace")) for f in failing} - {"None"})
    evidence = Evidence(violation, report["run"]["as_of"], list(marketplaces))

    def in_scope(finding: dict[str, Any]) -> bool:
        market = finding["entity"].get("marketplace")
        return not marketplaces or market is None or market in marketplaces

    metrics = [
        m for m in report.get("metrics", []) if not marketplaces or m["marketplace"] in marketplaces
    ]
    own = sorted(
        (f for f in own if in_scope(f)),
        key=lambda f: (
            f["outcome"] != "fail",
            f["entity"].get("marketplace") or "",
            f["detail"] or "",
        ),
    )
    evidence.breaches = [_breach(f, violation, metrics) for f in own]
    if violation.rule_id and not own:
        where = ", ".join(marketplaces) if marketplaces else "any marketplace"
        evidence.gaps.append(
            f"the audit has no {violation.name} finding in {where}: its data may predate the notice"
        )
    related = [
        f
        for f in findings
        if f["rule_id"] != violation.rule_id
        and in_scope(f)
        and (f["rule_id"] in violation.related_rules or f["area"] in violation.related_areas)
    ]
    on_listings = [f for f in related if f["entity"].get("asin") or f["entity"].get("sku")]
    evidence.account_causes = [_related(f) for f in related if f not in on_listings]
    # A listing's warnings (a title short of ideal) are not violations: only failures are causes.
    failing = [f for f in on_listings if f["outcome"] == "fail"]
    evidence.listing_causes = _by_listing(failing, asins or [])
    return evidence


def _breach(
    finding: dict[str, Any], violation: ViolationType, metrics: list[dict[str, Any]]
) -> Breach:
    entity, ev = finding["entity"], finding["evidence"]
    same = [
        m
        for m in metrics
        if m["marketplace"] == entity.get("marketplace")
        and m.get("channel") == entity.get("channel")
        and m.get("window_days") == ev.get("window_days")
    ]
    components = [
        Component(m["metric"], int(m["numerator"]), m.get("value"))
        for name in violation.components
        for m in same
        if m["metric"] == name and m.get("numerator")
    ]
    components.sort(key=lambda c: (-c.count, violation.components.index(c.metric)))
    return Breach(
        marketplace=entity.get("marketplace"),
        channel=entity.get("channel"),
        metric=ev.get("metric"),
        outcome=finding["outcome"],
        value=finding["observed"],
        limit=finding["limit"],
        window_days=ev.get("window_days"),
        numerator=_int(ev.get("numerator")),
        denominator=_int(ev.get("denominator")),
        period_start=ev.get("period_start"),
        period_end=ev.get("period_end"),
        components=tuple(components),
    )


def _int(value: Any) -> int | None:
    return None if value is None else int(value)


def _related(finding: dict[str, Any]) -> Related:
    entity = finding["entity"]
    return Related(
        rule_id=finding["rule_id"],
        rule_name=finding["rule_name"],
        outcome=finding["outcome"],
        message=finding["message"],
        marketplace=entity.get("marketplace"),
        channel=entity.get("channel"),
        asin=entity.get("asin"),
        sku=entity.get("sku"),
        value=finding["observed"],
        limit=finding["limit"],
        evidence=finding["evidence"],
    )


def _by_listing(findings: list[dict[str, Any]], asins: list[str]) -> list[ListingCauses]:
    """Failing rules per listing, the notice's ASINs first, then listings with most failures."""
    groups: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for f in findings:
        e = f["entity"]
        groups[(e.get("asin") or "", e.get("sku") or "", e.get("marketplace") or "")].append(f)
    named = {k: v for k, v in groups.items() if k[0] in asins}
    chosen = named or groups
    listings = [
        ListingCauses(
            asin=asin or None,
            sku=sku or None,
            marketplace=market or None,
            title=next((f["entity"].get("title") for f in group if f["entity"].get("title")), None),
            findings=tuple(
                _related(f)
                for f in sorted(group, key=lambda f: (f["outcome"] != "fail", f["rule_id"]))
            ),
        )
        for (asin, sku, market), group in chosen.items()
    ]
    order = {a: i for i, a in enumerate(asins)}
    listings.sort(
        key=lambda c: (
            order.get(c.asin or "", len(order)),
            -sum(f.outcome == "fail" for f in c.findings),
            c.asin or "",
            c.sku or "",
        )
    )
    return listings

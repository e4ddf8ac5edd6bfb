"""The facts of an audit report that a plan of action may state, picked per violation.

A draft states only what is here: the violation's own findings (the metric, its window,
its counts), the counts that split it into its sources (largest first), and the other
findings that point at a root cause, grouped per listing for listing violations. The
report is the JSON contract, so a saved report drafts the same letter as a fresh audit.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from auditor.model.common import Language
from auditor.outputs.wording import finding_text
from auditor.poa.attachments import AsinEvidence
from auditor.poa.figures import CHANNEL_NAMES, percent
from auditor.poa.violations import ViolationType

if TYPE_CHECKING:
    from auditor.model.report import Finding, Metric, Report
    from auditor.poa.notice import Notice

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
    #: The rule's plan-of-action statement for this finding, in the report's language
    #: (None: the rule has none, or a value it needs is blank).
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
    #: Listings with failing related rules that the notice does not name (not in the letter).
    other_listings: int = 0

    @property
    def asins(self) -> list[str]:
        return [c.asin for c in self.listing_causes if c.asin]


def gather(
    report: Report,
    violation: ViolationType,
    marketplaces: list[str] | None = None,
    asins: list[str] | None = None,
    notice: Notice | None = None,
) -> Evidence:
    """Pick the report's evidence for `violation` in `marketplaces` (default: where it failed).

    The notice leads: its ASINs limit the listing causes to those listings (the others are
    counted, never pasted into the letter); its channel and window choose the breach; and
    where the data says otherwise (another rate, counts, channel or window) the difference
    is kept in `mismatches` for the draft's notes.
    """
    asins = list(asins or (notice.asins if notice else ()))
    language = Language(report["run"]["language"])
    statements = {r["rule_id"]: r.get("statement") for r in report.get("rules", [])}
    findings = [f for f in report["findings"] if f["outcome"] in STATED_OUTCOMES]
    own = [f for f in findings if _is_violation(f, violation)]
    if not marketplaces:
        failing = [f for f in own if f["outcome"] == "fail"] or own
        marketplaces = sorted({str(f["entity"].get("marketplace")) for f in failing} - {"None"})
    evidence = Evidence(violation, report["run"]["as_of"], list(marketplaces))

    def in_scope(finding: Finding) -> bool:
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
    breaches = [_breach(f, violation, metrics) for f in own]
    evidence.breaches = _as_notice_says(breaches, notice, evidence, _measured(violation, metrics))
    if violation.rule_id and not evidence.breaches:
        where = ", ".join(marketplaces) if marketplaces else "any marketplace"
        channel = (
            f" for {CHANNEL_NAMES[notice.channel]} orders" if notice and notice.channel else ""
        )
        evidence.gaps.append(
            f"the audit has no {violation.name} finding{channel} in {where}: its data may "
            "predate the notice"
        )
    related = [
        f
        for f in findings
        if not _is_violation(f, violation)
        and in_scope(f)
        and (f["rule_id"] in violation.related_rules or f["area"] in violation.related_areas)
        and _is_warning_of(f, violation)
    ]
    if notice and notice.channel:  # FBA returns say nothing about a seller-fulfilled notice
        related = [f for f in related if f["entity"].get("channel") in (None, notice.channel)]
    on_listings = [f for f in related if f["entity"].get("asin") or f["entity"].get("sku")]
    evidence.account_causes = [
        _related(f, statements, language) for f in related if f not in on_listings
    ]
    # A listing's warnings (a title short of ideal) are not violations: only failures are causes.
    failing = [f for f in on_listings if f["outcome"] == "fail"]
    named = [f for f in failing if f["entity"].get("asin") in asins] if asins else failing
    evidence.listing_causes = _by_listing(named, asins, statements, language)
    evidence.other_listings = len(
        {(f["entity"].get("asin"), f["entity"].get("sku")) for f in failing if f not in named}
    )
    return evidence


def _is_violation(finding: Finding, violation: ViolationType) -> bool:
    """Whether a finding is the violation itself: its rule, and its metric where the rule
    watches several (HLT-012 watches product and food safety)."""
    if finding["rule_id"] != violation.rule_id:
        return False
    return violation.metric is None or finding["evidence"].get("metric") == violation.metric


def _is_warning_of(finding: Finding, violation: ViolationType) -> bool:
    """An account warning state counts only for the violation it names."""
    subject = finding["entity"].get("subject")
    if not violation.warning_states or finding["evidence"].get("metric") != "warning_state":
        return True
    return subject in violation.warning_states


def _measured(violation: ViolationType, metrics: list[Metric]) -> list[Metric]:
    """The account metrics of the violation's own rate, whatever their outcome (a report
    lists only findings that did not pass; its metrics section has every value)."""
    name = violation.metric or violation.name.replace("-", "_")
    return [m for m in metrics if m["metric"] == name and m.get("value") is not None]


def _as_notice_says(
    breaches: list[Breach],
    notice: Notice | None,
    evidence: Evidence,
    measured: list[Metric],
) -> list[Breach]:
    """The breaches of the notice's channel and window; what differs becomes a mismatch.

    A draft that answers a seller-fulfilled notice with FBA figures argues against its own
    appeal, so data of another channel is never used in its place: the breach list is then
    empty and the letter states the notice's figures or asks for them. Where the data has
    the notice's channel within the limit, that is the mismatch to tell (1.25% in the notice,
    0.42% in the data), not the other channel's breach.
    """
    if notice is None:
        return breaches
    chosen = breaches
    if notice.channel:
        same = [b for b in chosen if b.channel == notice.channel]
        if not same:
            within = [m for m in measured if m.get("channel") == notice.channel]
            within.sort(key=lambda m: m.get("window_days") != notice.window_days)
            if within and notice.rate is not None:
                # `_measured` keeps the metrics that have a value
                shown = percent(float(within[0]["value"] or 0.0))
                if within[0].get("window_days"):
                    shown += f" over {within[0]['window_days']} days, within Amazon's target"
                evidence.mismatches.append(Mismatch("rate", percent(notice.rate), shown))
            elif chosen or measured:
                found = {b.channel for b in chosen} | {m.get("channel") for m in measured}
                shown = ", ".join(sorted(CHANNEL_NAMES.get(c or "", "—") for c in found))
                evidence.mismatches.append(
                    Mismatch("channel", CHANNEL_NAMES.get(notice.channel, notice.channel), shown)
                )
        chosen = same
    if notice.period_end:
        # The notice's own period: data of another period (an audit run weeks later) is not
        # its figures, whatever its window's length.
        same = [b for b in chosen if _covers(b, notice)]
        if not same and chosen:
            shown = ", ".join(
                sorted({f"{b.period_start} to {b.period_end}" for b in chosen if b.period_end})
            )
            evidence.mismatches.append(
                Mismatch("window", f"{notice.period_start} to {notice.period_end}", shown or "none")
            )
            return []
        chosen = same
    if notice.window_days:
        same = [b for b in chosen if b.window_days == notice.window_days]
        if not same and chosen:
            shown = ", ".join(sorted({f"{b.window_days} days" for b in chosen if b.window_days}))
            evidence.mismatches.append(
                Mismatch("window", f"{notice.window_days} days", shown or "none")
            )
        chosen = same or chosen
    if chosen:
        _compare(chosen[0], notice, evidence)
    return chosen


#: Days a report's period may differ from a notice's and still be its period (Amazon's
#: report and its notice are dated a day or two apart).
_PERIOD_SLACK_DAYS = 3


def _covers(breach: Breach, notice: Notice) -> bool:
    """Whether the breach's period is the notice's (within a few days)."""
    if not breach.period_end or notice.period_end is None:
        return True  # nothing to compare: the window's length decides
    end = dt.date.fromisoformat(str(breach.period_end)[:10])
    return abs((end - notice.period_end).days) <= _PERIOD_SLACK_DAYS


def _compare(breach: Breach, notice: Notice, evidence: Evidence) -> None:
    """The notice's rate and counts against the breach the draft states."""
    value = breach.value
    # a difference beyond rounding to 0.01% (1.25% against 0.0125)
    if (
        notice.rate is not None
        and isinstance(value, int | float)
        and abs(float(value) - notice.rate) > 0.00005
    ):
        evidence.mismatches.append(Mismatch("rate", percent(notice.rate), percent(float(value))))
    for what, stated, data in (
        ("defects", notice.defects, breach.numerator),
        ("orders", notice.orders, breach.denominator),
    ):
        if stated is not None and data is not None and stated != data:
            evidence.mismatches.append(Mismatch(what, str(stated), str(data)))


def _breach(finding: Finding, violation: ViolationType, metrics: list[Metric]) -> Breach:
    entity, ev = finding["entity"], finding["evidence"]
    same = [
        m
        for m in metrics
        if m["marketplace"] == entity.get("marketplace")
        and m.get("channel") == entity.get("channel")
        and m.get("window_days") == ev.get("window_days")
    ]
    components = [
        Component(m["metric"], int(count), m.get("value"))
        for name in violation.components
        for m in same
        if m["metric"] == name and (count := m.get("numerator"))
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


def _related(finding: Finding, statements: dict[str, str | None], language: Language) -> Related:
    entity = finding["entity"]
    template = statements.get(finding["rule_id"])
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
        statement=finding_text(template, finding, language) if template else None,
    )


def _distinct_statements(found: Iterable[Related]) -> tuple[Related, ...]:
    """One finding per sentence the letter says: a rule needing several documents states
    each missing one alike, and the letter says it once."""
    seen: set[str] = set()
    kept = []
    for related in found:
        if related.statement is not None:
            if related.statement in seen:
                continue
            seen.add(related.statement)
        kept.append(related)
    return tuple(kept)


def _by_listing(
    findings: list[Finding],
    asins: list[str],
    statements: dict[str, str | None],
    language: Language,
) -> list[ListingCauses]:
    """Failing rules per listing, the notice's ASINs first, then listings with most failures."""
    groups: dict[tuple[str, str, str], list[Finding]] = defaultdict(list)
    for f in findings:
        e = f["entity"]
        groups[(e.get("asin") or "", e.get("sku") or "", e.get("marketplace") or "")].append(f)
    listings = [
        ListingCauses(
            asin=asin or None,
            sku=sku or None,
            marketplace=market or None,
            title=next((f["entity"].get("title") for f in group if f["entity"].get("title")), None),
            findings=_distinct_statements(
                _related(f, statements, language)
                for f in sorted(group, key=lambda f: (f["outcome"] != "fail", f["rule_id"]))
            ),
        )
        for (asin, sku, market), group in groups.items()
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

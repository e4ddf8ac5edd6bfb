"""The JSON report contract (schema_version 1): what machines read.

Later versions extend it and never break it. The report is built as plain data by
`auditor.api` and rendered by `auditor.outputs`; these models exist to publish its
JSON Schema (`auditor schema report`) and to check every report in the tests.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

# Defined in model.common, so that code which writes or reads reports need not build
# these models (about 30 ms at every start); re-exported here, where they belong.
from auditor.model.common import SCHEMA_VERSION, Consequence, Outcome, Severity
from auditor.model.rules import Area


class Open(BaseModel):
    """Report parts are open for extension: a newer report validates against an older schema."""

    model_config = ConfigDict(extra="allow")


class Entity(Open):
    type: str = Field(description="listing, account, document or approval.")
    sku: str | None = None
    asin: str | None = None
    marketplace: str | None = None
    title: str | None = None
    channel: str | None = None


class Headroom(Open):
    """How many more bad events a rate metric's window absorbs, or how many fewer it needs.

    Exact integer arithmetic on the metric's numerator and denominator, the denominator
    kept as it is (docs/scoring.md, Headroom)."""

    count: int = Field(ge=0, description="Bad events more allowed, or fewer needed.")
    unit: str = Field(
        description="The bad event, plural English noun: defective orders, late shipments, "
        "cancellations, untracked shipments, late deliveries, ..."
    )
    direction: Literal["more_allowed", "fewer_needed"] = Field(
        description="more_allowed: within the limit, `count` more bad events keep it so "
        "(count + 1 more fail it); fewer_needed: failing, `count` fewer bring it back."
    )
    bad: int = Field(ge=0, description="Bad events in the window now.")
    allowed: int = Field(
        ge=0, description="The most bad events the window can hold without failing."
    )
    denominator: int = Field(gt=0, description="Orders, shipments or units in the window.")
    text: str = Field(description="The headroom as a sentence, in the report's language.")
    op: Literal["lt", "le", "gt", "ge"] = Field(
        description="The comparison of the rule's limit the rate is held to (its text's code)."
    )


class Undecided(Open):
    """What an unknown finding's message names besides its `missing` fields."""

    absent: list[str] = Field(
        default_factory=list, description="Fields no input carries (not a blank cell)."
    )
    unlisted: list[str] = Field(
        default_factory=list, description="Product facts of a SKU the products register lacks."
    )
    unsearched: list[list[Any]] = Field(
        default_factory=list,
        description="[field, reason code, length, longest searched] of a value a pattern "
        "could not search whole (too long, or over its time budget).",
    )


class Finding(Open):
    fingerprint: str = Field(
        description="Stable id from rule id, entity key and detail; never from text."
    )
    rule_id: str
    rule_name: str
    severity: Severity
    outcome: Outcome
    area: Area
    entity: Entity
    detail: str | None = Field(
        description="Which part of the entity failed: a field, channel or window."
    )
    observed: Any = Field(description="The value seen.")
    limit: Any = Field(description="The limit it was held against.")
    evidence: dict[str, Any] = Field(
        description="The data behind the value: counts, windows, source row."
    )
    missing: list[str] = Field(
        default_factory=list, description="Fields whose absence made the outcome unknown."
    )
    message: str = Field(
        description="The finding as a sentence, in the run's language. Rendered from the rule's "
        "message and the finding's values and codes, so `auditor render --lang` renders it "
        "in another language."
    )
    undecided: Undecided | None = Field(
        None, description="An unknown finding: the codes its message names beside `missing`."
    )
    headroom: Headroom | None = Field(
        None, description="Rate metrics with counts only (account_metrics): see Headroom."
    )


class RejectedRow(Open):
    row: int | None = Field(description="Row number as a spreadsheet shows it (header = 1).")
    column: str | None
    reason: str


class InputFile(Open):
    path: str = Field(
        description="The file as reports and history name it: below the name of the folder "
        "named on the command line (`store/listings/all.txt`), or, for a file named there, "
        "its own name; the same however the path was written (relative, absolute, `./`, a "
        "linked parent). Two inputs of the same name keep the parent folders that tell "
        "them apart."
    )
    format: str | None = Field(description="Detected format, or null when the file was skipped.")
    table: str | None = Field(description="The (first) canonical table the file filled.")
    tables: list[str] = Field(
        default_factory=list, description="Every canonical table the file filled."
    )
    encoding: str | None
    marketplace: str | None = Field(None, description="The marketplace the file itself names.")
    rows_read: int = Field(description="Source rows (lines, records, spreadsheet rows) read.")
    rows_used: int = Field(description="Source rows that gave at least one audited record.")
    rows_rejected: int = Field(
        description="Source rows with at least one rejected value; see `rejected`."
    )
    records: int | None = Field(
        None, description="Canonical records the file gave (one row can give several)."
    )
    skipped: str | None = Field(None, description="Why the file was not read at all.")
    warnings: list[str] = Field(default_factory=list)
    rejected: list[RejectedRow] = Field(default_factory=list)


class RulePackRef(Open):
    name: str
    version: str
    area: Area
    path: str
    sha256: str
    rules: int


class Run(Open):
    id: str = Field(description="Hash of the inputs, rules, options and as-of date.")
    as_of: dt.date
    tool_version: str
    language: str
    options: dict[str, Any]
    config: str | None = Field(
        None, description="The auditor.yaml applied (--config or the current directory's)."
    )
    suppressions_file: str | None = Field(
        None, description="The suppressions file applied, if any."
    )
    rule_packs: list[RulePackRef]
    inputs: list[InputFile]


class OutcomeCounts(Open):
    pass_: int = Field(alias="pass")
    fail: int
    warn: int
    unknown: int


class NotApplicable(Open):
    rule_id: str
    reason: str


class MissingField(Open):
    field: str = Field(description="A field whose absence left findings unknown.")
    findings: int = Field(description="Unknown findings that name it.")
    rules: list[str] = Field(description="The rules of those findings.")


class NotChecked(Open):
    """A rule's check could not run for entities of one input: the input has no such field."""

    rule_id: str
    area: Area
    severity: Severity
    input: str = Field(description="The input file the entities came from.")
    fields: list[str] = Field(description="The fields the check reads that the input lacks.")
    entities: int = Field(description="Entities in scope left unchecked.")


class Coverage(Open):
    evaluations: int = Field(description="Rule x entity evaluations made.")
    decided: int = Field(description="Evaluations that passed, failed or warned.")
    outcomes: OutcomeCounts
    not_applicable: list[NotApplicable] = Field(
        description="Rules with nothing to evaluate, each with why (once per rule)."
    )
    missing_fields: list[MissingField] = Field(
        description="The fields unknown findings name, most often named first."
    )
    not_checked: list[NotChecked] = Field(
        description="What was not checked and why: per rule and input, the fields the "
        "input's format does not carry and how many entities in scope that left unchecked."
    )


class RuleResult(Open):
    rule_id: str
    area: Area
    severity: Severity
    consequence: Consequence = Field(
        description="What failing it can cost the seller (declared, or its area's default)."
    )
    outcomes: OutcomeCounts
    deduction: float = Field(description="Points this rule took off its area's score.")
    weight: float = Field(
        description="Its severity's weight times its consequence's factor: the most it can "
        "take off."
    )
    area_deduction: float = Field(
        description="Its share of what its area lost: `deduction`, scaled down when the "
        "area's deductions add up to more than 100."
    )
    overall_deduction: float = Field(
        description="Points it took off the overall score (area_deduction / assessed areas)."
    )


class StatusReason(Open):
    code: Literal[
        "nothing_decided",
        "critical_rule_failed",
        "critical_health_rule_failed",
        "high_rule_failed",
        "serious_rule_warned",
        "serious_rule_unknown",
        "serious_rule_not_checked",
        "score_below",
        "area_status",
    ]
    rules: list[str] | None = Field(None, description="The rules behind the reason.")
    limit: float | None = Field(None, description="score_below: the score band's limit.")
    area: str | None = Field(None, description="area_status: the area with this status.")
    status: str | None = Field(None, description="area_status: that area's status.")


class AreaDeduction(Open):
    rule_id: str
    severity: Severity
    consequence: Consequence
    points: float = Field(description="Points the rule took off the area (area_deduction).")


class AreaSummary(Open):
    score: float | None = Field(
        description="0-100 over decided evaluations; null when none were decided and no unknown cost points."
    )
    status: str
    evaluations: int
    decided: int
    outcomes: OutcomeCounts
    deduction: float = Field(description="Points the area lost in all (at most 100).")
    deductions: list[AreaDeduction] = Field(
        description="The rules that took points off, most first."
    )
    status_reasons: list[StatusReason] = Field(
        description="Why the status is what it is (empty when healthy)."
    )


class SkuRule(Open):
    rule_id: str
    severity: Severity
    consequence: Consequence
    outcome: Outcome = Field(description="The listing's worst outcome for the rule.")
    points: float = Field(description="Points the rule took off the listing's score.")


class SkuScore(Open):
    sku: str | None
    asin: str | None
    marketplace: str | None
    title: str | None
    score: float = Field(description="100 minus its rules' deductions, as for an area.")
    status: str
    deduction: float
    outcomes: dict[str, int] = Field(description="Its rules by worst outcome: fail, warn, unknown.")
    rules: list[SkuRule] = Field(description="Its rules with findings, most points first.")


class SkuTotals(Open):
    listings: int = Field(description="Listings (sku or asin, per marketplace) in the inputs.")
    listed: int = Field(description="Listings with at least one finding: the entries of `skus`.")
    clean: int = Field(description="Listings without any finding (score 100), not listed.")


class MetricHeadroom(Open):
    rule_id: str
    area: Area
    severity: Severity
    metric: str | None
    entity: Entity
    detail: str | None = Field(description="The metric's window, e.g. 30d.")
    outcome: Outcome
    observed: Any
    limit: Any
    headroom: Headroom


class Gate(Open):
    fail_on: Severity
    strict: bool
    fail_on_unknown: Severity | None = Field(
        None, description="Lowest severity whose unknown findings gate too (None: they never do)."
    )
    failed: bool
    findings: int = Field(description="Findings at or above fail_on that gate the exit code.")


class Summary(Open):
    score: float | None
    status: str = Field(description="healthy, at_risk, critical, or not_assessed.")
    status_reasons: list[StatusReason] = Field(
        description="Why: the areas with the worst status, and any failed critical health "
        "rule (which makes the status critical whatever the scores)."
    )
    weights: dict[str, float] = Field(description="Severity weights in effect (auditor.yaml).")
    consequences: dict[str, float] = Field(
        description="The factor each consequence multiplies its rules' severity weight by."
    )
    areas: dict[str, AreaSummary]
    coverage: Coverage
    by_severity: dict[str, OutcomeCounts]
    by_outcome: OutcomeCounts
    rules: list[RuleResult]
    skus: list[SkuScore] = Field(
        description="Listings with findings, worst first: each scored from its own findings."
    )
    sku_totals: SkuTotals
    headroom: list[MetricHeadroom] = Field(
        description="Every rate metric with counts, passing ones too: failing first, then "
        "the least room left."
    )
    gate: Gate


class RuleInfo(Open):
    """What a finding's rule says, once per rule rather than on every finding."""

    rule_id: str
    name: str
    area: str
    severity: str = Field(description="Its severity where no marketplace says otherwise.")
    severity_by_marketplace: dict[str, str] | None = Field(
        None,
        description="Only for a rule whose severity varies by marketplace: `default` and each "
        "marketplace's; each finding carries the severity of its own marketplace.",
    )
    applies_to: str
    why: str = Field(description="Why the rule matters, in the report's language.")
    fix: str = Field(description="How to fix a finding, in the report's language.")
    statement: str | None = Field(
        None,
        description="What a seller states about a failing finding in a plan of action, as a "
        "template with the message's placeholders, in the report's language (rules that "
        "have one).",
    )
    source_url: str
    confidence: str


class RowSource(Open):
    file: str | None
    row: int | None


class Metric(Open):
    """One account metric as read (account_metrics), whether a rule flagged it or not."""

    marketplace: str
    metric: str
    channel: str | None = None
    subject: str | None = None
    category: str | None = Field(
        None, description="The product category the rate is measured in (valid tracking)."
    )
    window_days: int | None = None
    value: float | None = None
    value_text: str | None = None
    numerator: float | None = Field(None, description="Count behind a rate (defective orders).")
    denominator: float | None = Field(None, description="Orders or shipments in the window.")
    target_value: float | None = None
    target_condition: str | None = None
    amazon_status: str | None = None
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    source: RowSource


class SuppressionCause(Open):
    """Why a finding is suppressed: its entry in the suppressions file."""

    reason: str
    by: str = Field(description="Who accepted the finding.")
    expires: dt.date = Field(description="Last day the suppression holds.")
    line: int | None = Field(description="Line of the entry in the suppressions file.")


class SuppressedFinding(Finding):
    """A finding taken out of the scores and the exit code, kept visible."""

    suppression: SuppressionCause


class SuppressionEntry(Open):
    """A suppression as written in the file, with its line."""

    rule: str
    entity: dict[str, str] = Field(description="Entity fields it matches, as text.")
    detail: str | None
    reason: str
    by: str
    expires: dt.date
    line: int | None


class ExpiredSuppression(SuppressionEntry):
    findings: list[str] = Field(
        description="Fingerprints of the findings it matches, which count again."
    )


class Suppressions(Open):
    """Present only when a suppressions file was in use (.auditor-suppressions.yaml)."""

    file: str = Field(description="The suppressions file, as named (relative when given so).")
    suppressed: list[SuppressedFinding] = Field(
        description="Findings out of the scores and the exit code, in the order of `findings`."
    )
    expired: list[ExpiredSuppression] = Field(
        description="Suppressions past their expiry (expires < as_of): their findings count "
        "again. In file order."
    )
    stale: list[SuppressionEntry] = Field(
        description="Suppressions that match no finding: delete them. In file order."
    )


# --- history (present only when the run was recorded: --history or `history:`) ---------


class RunRef(Open):
    store: str
    run_id: str
    as_of: dt.date
    score: float | None
    status: str
    source: str = Field(description="audit, or import (auditor history import).")


class Delta(Open):
    before: float | None
    after: float | None
    delta: float | None = Field(description="after - before, rounded to 0.1; null when either is.")


class FindingRef(Open):
    fingerprint: str
    rule_id: str
    severity: Severity
    outcome: Outcome
    area: Area
    entity: dict[str, Any]
    detail: str | None
    message: str
    outcome_before: Outcome | None = Field(None, description="changed: the earlier outcome.")
    codes: dict[str, Any] | None = Field(
        None,
        description="What its message is rendered from (outcome, observed, limit, evidence, "
        "missing, undecided, headroom) as its run had them, so the message renders in any "
        "language; absent for a finding recorded before runs kept them.",
    )
    as_recorded: bool | None = Field(
        None,
        description="true: recorded before runs kept their findings' codes; the message is "
        "the one recorded, in whatever language it was.",
    )


class FindingChanges(Open):
    new: list[FindingRef] = Field(description="In this run, not in the earlier one.")
    resolved: list[FindingRef] = Field(description="In the earlier run, gone from this one.")
    persisting: int = Field(description="Findings in both runs (matched by fingerprint).")
    changed: list[FindingRef] = Field(description="Persisting findings whose outcome changed.")


class MetricChange(Open):
    marketplace: str
    metric: str
    channel: str | None
    subject: str | None
    window_days: int | None
    unit: Literal["rate", "number"] = Field(description="rate: a fraction, shown as a percentage.")
    before: float
    after: float
    delta: float
    change: Literal["worse", "better", "same", "up", "down"] = Field(
        description="worse/better against the metric's rule; up/down for a metric no rule limits."
    )
    limit: float | None
    failing: bool | None = Field(description="Whether `after` fails the rule's limit.")


class DocumentChanges(Open):
    next_audit: dt.date = Field(description="This run's date plus the store's audit cadence.")
    expired: list[dict[str, Any]] = Field(
        description="Documents that expired since the earlier run."
    )
    expiring: list[dict[str, Any]] = Field(
        description="Documents expiring before the next audit, with `days_left`."
    )


class SinceLast(Open):
    """What changed since the store's previous run (auditor diff gives the same data)."""

    store: str
    before: RunRef | None = Field(description="The previous run; null on a store's first run.")
    after: RunRef
    score: Delta
    areas: dict[str, Delta]
    compared_areas: list[str] = Field(
        description="Areas both runs assessed: findings are compared only there."
    )
    findings: FindingChanges
    metrics: list[MetricChange]
    documents: DocumentChanges


class TrendPoint(Open):
    as_of: dt.date
    value: float


class TrendLimit(Open):
    rule_id: str = Field(description="The rule holding the limit (`score` for the score's band).")
    op: Literal["gt", "ge", "lt", "le"] = Field(description="How a value fails it.")
    value: float
    warn: float | None


class Projection(Open):
    status: Literal["crossed", "crossing", "away", "too_few"]
    crosses_on: dt.date | None = Field(description="crossing: the first day the line fails.")
    slope_per_day: float | None
    points_used: int


class Trend(Open):
    metric: str = Field(description="An account metric, acos, score or <area>_score.")
    marketplace: str | None
    channel: str | None
    subject: str | None
    window_days: int | None
    unit: Literal["rate", "number"]
    points: list[TrendPoint] = Field(description="One value per run date, oldest first.")
    limit: TrendLimit | None
    projection: Projection | None = Field(
        description="Where the recent rate (least squares over the last runs) takes it."
    )


class Report(Open):
    schema_version: str = SCHEMA_VERSION
    run: Run
    summary: Summary
    findings: list[Finding]
    metrics: list[Metric] = Field(
        default_factory=list,
        description="Every account metric read, flagged or not (sorted by marketplace, metric, channel).",
    )
    rules: list[RuleInfo] = Field(
        default_factory=list, description="Every rule evaluated, with its why and fix."
    )
    suppressions: Suppressions | None = Field(
        None,
        description="Suppressed findings and expired or stale suppressions; only when a "
        "suppressions file was in use.",
    )
    since_last: SinceLast | None = Field(
        None, description="What changed since the store's previous run; only with history."
    )
    trends: list[Trend] | None = Field(
        None, description="The key metrics over the store's runs; only with history."
    )

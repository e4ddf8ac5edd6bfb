"""The JSON report contract (schema_version 1): what machines read.

Later versions extend it and never break it. The report is built as plain data by
`auditor.api` and rendered by `auditor.outputs`; these models exist to publish its
JSON Schema (`auditor schema report`) and to check every report in the tests.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from auditor.model.common import Outcome, Severity
from auditor.model.rules import Area

SCHEMA_VERSION = "1.0"

#: Entity fields that name an entity to a person, in the order reports show and sort them.
ENTITY_LABEL_FIELDS = (
    "marketplace",
    "sku",
    "asin",
    "channel",
    "document_type",
    "identifier",
    "category",
)


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
    message: str
    headroom: Headroom | None = Field(
        None, description="Rate metrics with counts only (account_metrics): see Headroom."
    )


class RejectedRow(Open):
    row: int | None = Field(description="Row number as a spreadsheet shows it (header = 1).")
    column: str | None
    reason: str


class InputFile(Open):
    path: str
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


class RuleResult(Open):
    rule_id: str
    area: Area
    severity: Severity
    outcomes: OutcomeCounts
    deduction: float = Field(description="Points this rule took off its area's score.")
    weight: float = Field(description="The weight of its severity: the most it can take off.")
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
    points: float = Field(description="Points the rule took off the area (area_deduction).")


class AreaSummary(Open):
    score: float | None = Field(
        description="0-100 over decided evaluations; null when none were decided."
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
    severity: str
    applies_to: str
    why: str = Field(description="Why the rule matters, in the report's language.")
    fix: str = Field(description="How to fix a finding, in the report's language.")
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

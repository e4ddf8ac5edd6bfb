"""The JSON report contract (schema_version 1): what machines read.

Later versions extend it and never break it. The report is built as plain data by
`auditor.api` and `auditor.score`, and read by the renderers (`auditor.outputs`),
history and plans of action; these TypedDicts are its one definition. They type that
code (mypy) and cost nothing at run time: readers import them under TYPE_CHECKING, and
only `report_schema` turns them into the published JSON Schema (`auditor schema report`),
through pydantic, which also checks every report in the tests.

What the types say is what the JSON holds, also for a report read back from a file:
a date is ISO text (`IsoDate`), a severity, outcome, area or consequence is its name
(a plain string, which the StrEnum types compare and format as), and a key a report
may lack is `NotRequired`. Every part is open (extra keys allowed): a newer report
validates against an older schema.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, NotRequired

from pydantic import ConfigDict, Field, with_config

# pydantic reads typing_extensions' TypedDict only, before Python 3.12.
from typing_extensions import TypedDict

# Defined in model.common, so that code which writes or reads reports need not build
# pydantic models (about 30 ms at every start); re-exported here, where they belong.
from auditor.model.common import SCHEMA_VERSION, Consequence, Outcome, Severity
from auditor.model.rules import Area

#: Report parts are open for extension: a newer report validates against an older schema.
extensible = with_config(ConfigDict(extra="allow"))

#: A calendar day as the JSON holds it: ISO text, 2026-11-27.
IsoDate = Annotated[str, Field(json_schema_extra={"format": "date"})]


@extensible
class Entity(TypedDict):
    type: Annotated[str, Field(description="listing, account, document or approval.")]
    sku: NotRequired[Annotated[str | None, Field(None)]]
    asin: NotRequired[Annotated[str | None, Field(None)]]
    marketplace: NotRequired[Annotated[str | None, Field(None)]]
    title: NotRequired[Annotated[str | None, Field(None)]]
    channel: NotRequired[Annotated[str | None, Field(None)]]


@extensible
class Headroom(TypedDict):
    """How many more bad events a rate metric's window absorbs, or how many fewer it needs.

    Exact integer arithmetic on the metric's numerator and denominator, the denominator
    kept as it is (docs/scoring.md, Headroom)."""

    count: Annotated[int, Field(ge=0, description="Bad events more allowed, or fewer needed.")]
    unit: Annotated[
        str,
        Field(
            description="The bad event, plural English noun: defective orders, late shipments, "
            "cancellations, untracked shipments, late deliveries, ..."
        ),
    ]
    direction: Annotated[
        Literal["more_allowed", "fewer_needed"],
        Field(
            description="more_allowed: within the limit, `count` more bad events keep it so "
            "(count + 1 more fail it); fewer_needed: failing, `count` fewer bring it back."
        ),
    ]
    bad: Annotated[int, Field(ge=0, description="Bad events in the window now.")]
    allowed: Annotated[
        int, Field(ge=0, description="The most bad events the window can hold without failing.")
    ]
    denominator: Annotated[
        int, Field(gt=0, description="Orders, shipments or units in the window.")
    ]
    text: Annotated[str, Field(description="The headroom as a sentence, in the report's language.")]
    op: Annotated[
        Literal["lt", "le", "gt", "ge"],
        Field(
            description="The comparison of the rule's limit the rate is held to (its text's code)."
        ),
    ]


@extensible
class Undecided(TypedDict):
    """What an unknown finding's message names besides its `missing` fields."""

    absent: NotRequired[
        Annotated[list[str], Field(description="Fields no input carries (not a blank cell).")]
    ]
    unlisted: NotRequired[
        Annotated[
            list[str],
            Field(description="Product facts of a SKU the products register lacks."),
        ]
    ]
    unsearched: NotRequired[
        Annotated[
            list[list[Any]],
            Field(
                description="[field, reason code, length, longest searched] of a value a "
                "pattern could not search whole (too long, or over its time budget)."
            ),
        ]
    ]


@extensible
class Finding(TypedDict):
    fingerprint: Annotated[
        str, Field(description="Stable id from rule id, entity key and detail; never from text.")
    ]
    rule_id: str
    rule_name: str
    severity: Severity
    outcome: Outcome
    area: Area
    entity: Entity
    detail: Annotated[
        str | None,
        Field(description="Which part of the entity failed: a field, channel or window."),
    ]
    observed: Annotated[Any, Field(description="The value seen.")]
    limit: Annotated[Any, Field(description="The limit it was held against.")]
    evidence: Annotated[
        dict[str, Any],
        Field(description="The data behind the value: counts, windows, source row."),
    ]
    missing: NotRequired[
        Annotated[list[str], Field(description="Fields whose absence made the outcome unknown.")]
    ]
    message: Annotated[
        str,
        Field(
            description="The finding as a sentence, in the run's language. Rendered from the "
            "rule's message and the finding's values and codes, so `auditor render --lang` "
            "renders it in another language."
        ),
    ]
    undecided: NotRequired[
        Annotated[
            Undecided | None,
            Field(
                None,
                description="An unknown finding: the codes its message names beside `missing`.",
            ),
        ]
    ]
    headroom: NotRequired[
        Annotated[
            Headroom | None,
            Field(
                None,
                description="Rate metrics with counts only (account_metrics): see Headroom.",
            ),
        ]
    ]


@extensible
class RejectedRow(TypedDict):
    row: Annotated[
        int | None, Field(description="Row number as a spreadsheet shows it (header = 1).")
    ]
    column: str | None
    reason: str


@extensible
class InputFile(TypedDict):
    path: Annotated[
        str,
        Field(
            description="The file as reports and history name it: below the name of the "
            "folder named on the command line (`store/listings/all.txt`), or, for a file "
            "named there, its own name; the same however the path was written (relative, "
            "absolute, `./`, a linked parent). Two inputs of the same name keep the parent "
            "folders that tell them apart."
        ),
    ]
    format: Annotated[
        str | None, Field(description="Detected format, or null when the file was skipped.")
    ]
    table: Annotated[str | None, Field(description="The (first) canonical table the file filled.")]
    tables: NotRequired[
        Annotated[list[str], Field(description="Every canonical table the file filled.")]
    ]
    encoding: str | None
    marketplace: NotRequired[
        Annotated[str | None, Field(None, description="The marketplace the file itself names.")]
    ]
    rows_read: Annotated[
        int, Field(description="Source rows (lines, records, spreadsheet rows) read.")
    ]
    rows_used: Annotated[
        int, Field(description="Source rows that gave at least one audited record.")
    ]
    rows_rejected: Annotated[
        int,
        Field(description="Source rows with at least one rejected value; see `rejected`."),
    ]
    records: NotRequired[
        Annotated[
            int | None,
            Field(
                None,
                description="Canonical records the file gave (one row can give several).",
            ),
        ]
    ]
    skipped: NotRequired[
        Annotated[str | None, Field(None, description="Why the file was not read at all.")]
    ]
    warnings: NotRequired[list[str]]
    rejected: NotRequired[list[RejectedRow]]


@extensible
class RulePackRef(TypedDict):
    name: str
    version: str
    area: Area
    path: str
    sha256: str
    rules: int


@extensible
class Run(TypedDict):
    id: Annotated[str, Field(description="Hash of the inputs, rules, options and as-of date.")]
    as_of: IsoDate
    tool_version: str
    language: str
    options: dict[str, Any]
    config: NotRequired[
        Annotated[
            str | None,
            Field(
                None,
                description="The auditor.yaml applied (--config or the current directory's).",
            ),
        ]
    ]
    suppressions_file: NotRequired[
        Annotated[str | None, Field(None, description="The suppressions file applied, if any.")]
    ]
    rule_packs: list[RulePackRef]
    inputs: list[InputFile]


#: Evaluations (or findings) by outcome; `pass` is a Python keyword, hence the call form.
OutcomeCounts = TypedDict("OutcomeCounts", {"pass": int, "fail": int, "warn": int, "unknown": int})
extensible(OutcomeCounts)


@extensible
class NotApplicable(TypedDict):
    rule_id: str
    reason: Annotated[str, Field(description="Why, in the run's language (worded from `code`).")]
    code: NotRequired[
        Annotated[
            Literal["not_in_effect", "no_table", "no_matching_rows"],
            Field(
                description="Why, as a code: the rule is not in effect on the audit date "
                "(`effective_from`, `effective_until`), the inputs have no `table`, or no "
                "row of `table` matches the rule's condition."
            ),
        ]
    ]
    table: NotRequired[
        Annotated[str, Field(description="The rule's table (no_table, no_matching_rows).")]
    ]
    effective_from: NotRequired[IsoDate]
    effective_until: NotRequired[IsoDate]


@extensible
class MissingField(TypedDict):
    field: Annotated[str, Field(description="A field whose absence left findings unknown.")]
    findings: Annotated[int, Field(description="Unknown findings that name it.")]
    rules: Annotated[list[str], Field(description="The rules of those findings.")]


@extensible
class NotChecked(TypedDict):
    """A rule's check could not run for entities of one input: the input has no such field."""

    rule_id: str
    area: Area
    severity: Severity
    input: Annotated[str, Field(description="The input file the entities came from.")]
    fields: Annotated[
        list[str], Field(description="The fields the check reads that the input lacks.")
    ]
    entities: Annotated[int, Field(description="Entities in scope left unchecked.")]


@extensible
class Coverage(TypedDict):
    evaluations: Annotated[int, Field(description="Rule x entity evaluations made.")]
    decided: Annotated[int, Field(description="Evaluations that passed, failed or warned.")]
    outcomes: OutcomeCounts
    not_applicable: Annotated[
        list[NotApplicable],
        Field(description="Rules with nothing to evaluate, each with why (once per rule)."),
    ]
    missing_fields: Annotated[
        list[MissingField],
        Field(description="The fields unknown findings name, most often named first."),
    ]
    not_checked: Annotated[
        list[NotChecked],
        Field(
            description="What was not checked and why: per rule and input, the fields the "
            "input's format does not carry and how many entities in scope that left unchecked."
        ),
    ]


@extensible
class RuleResult(TypedDict):
    rule_id: str
    area: Area
    severity: Severity
    consequence: Annotated[
        Consequence,
        Field(description="What failing it can cost the seller (declared, or its area's default)."),
    ]
    outcomes: OutcomeCounts
    deduction: Annotated[float, Field(description="Points this rule took off its area's score.")]
    weight: Annotated[
        float,
        Field(
            description="Its severity's weight times its consequence's factor: the most it "
            "can take off."
        ),
    ]
    area_deduction: Annotated[
        float,
        Field(
            description="Its share of what its area lost: `deduction`, scaled down when the "
            "area's deductions add up to more than 100."
        ),
    ]
    overall_deduction: Annotated[
        float,
        Field(
            description="Points it took off the overall score (area_deduction / assessed areas)."
        ),
    ]


@extensible
class StatusReason(TypedDict):
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
    rules: NotRequired[
        Annotated[list[str] | None, Field(None, description="The rules behind the reason.")]
    ]
    limit: NotRequired[
        Annotated[float | None, Field(None, description="score_below: the score band's limit.")]
    ]
    area: NotRequired[
        Annotated[str | None, Field(None, description="area_status: the area with this status.")]
    ]
    status: NotRequired[
        Annotated[str | None, Field(None, description="area_status: that area's status.")]
    ]


@extensible
class AreaDeduction(TypedDict):
    rule_id: str
    severity: Severity
    consequence: Consequence
    points: Annotated[
        float, Field(description="Points the rule took off the area (area_deduction).")
    ]


@extensible
class AreaSummary(TypedDict):
    score: Annotated[
        float | None,
        Field(
            description="0-100 over decided evaluations; null when none were decided and no "
            "unknown cost points."
        ),
    ]
    status: str
    evaluations: int
    decided: int
    outcomes: OutcomeCounts
    deduction: Annotated[float, Field(description="Points the area lost in all (at most 100).")]
    deductions: Annotated[
        list[AreaDeduction], Field(description="The rules that took points off, most first.")
    ]
    status_reasons: Annotated[
        list[StatusReason],
        Field(description="Why the status is what it is (empty when healthy)."),
    ]


@extensible
class SkuRule(TypedDict):
    rule_id: str
    severity: Severity
    consequence: Consequence
    outcome: Annotated[Outcome, Field(description="The listing's worst outcome for the rule.")]
    points: Annotated[float, Field(description="Points the rule took off the listing's score.")]


@extensible
class SkuScore(TypedDict):
    sku: str | None
    asin: str | None
    marketplace: str | None
    title: str | None
    score: Annotated[float, Field(description="100 minus its rules' deductions, as for an area.")]
    status: str
    deduction: float
    outcomes: Annotated[
        dict[str, int], Field(description="Its rules by worst outcome: fail, warn, unknown.")
    ]
    rules: Annotated[
        list[SkuRule], Field(description="Its rules with findings, most points first.")
    ]


@extensible
class SkuTotals(TypedDict):
    listings: Annotated[
        int, Field(description="Listings (sku or asin, per marketplace) in the inputs.")
    ]
    listed: Annotated[
        int, Field(description="Listings with at least one finding: the entries of `skus`.")
    ]
    clean: Annotated[
        int, Field(description="Listings without any finding (score 100), not listed.")
    ]


@extensible
class MetricHeadroom(TypedDict):
    rule_id: str
    area: Area
    severity: Severity
    metric: str | None
    entity: Entity
    detail: Annotated[str | None, Field(description="The metric's window, e.g. 30d.")]
    outcome: Outcome
    observed: Any
    limit: Any
    headroom: Headroom


@extensible
class Gate(TypedDict):
    fail_on: Severity
    strict: bool
    fail_on_unknown: NotRequired[
        Annotated[
            Severity | None,
            Field(
                None,
                description="Lowest severity whose unknown findings gate too (None: they "
                "never do).",
            ),
        ]
    ]
    failed: bool
    findings: Annotated[
        int, Field(description="Findings at or above fail_on that gate the exit code.")
    ]


@extensible
class Summary(TypedDict):
    score: float | None
    status: Annotated[str, Field(description="healthy, at_risk, critical, or not_assessed.")]
    status_reasons: Annotated[
        list[StatusReason],
        Field(
            description="Why: the areas with the worst status, and any failed critical health "
            "rule (which makes the status critical whatever the scores)."
        ),
    ]
    weights: Annotated[
        dict[str, float], Field(description="Severity weights in effect (auditor.yaml).")
    ]
    consequences: Annotated[
        dict[str, float],
        Field(description="The factor each consequence multiplies its rules' severity weight by."),
    ]
    areas: dict[str, AreaSummary]
    coverage: Coverage
    by_severity: dict[str, OutcomeCounts]
    by_outcome: OutcomeCounts
    rules: list[RuleResult]
    skus: Annotated[
        list[SkuScore],
        Field(
            description="Listings with findings, worst first: each scored from its own findings."
        ),
    ]
    sku_totals: SkuTotals
    headroom: Annotated[
        list[MetricHeadroom],
        Field(
            description="Every rate metric with counts, passing ones too: failing first, then "
            "the least room left."
        ),
    ]
    gate: Gate


@extensible
class RuleInfo(TypedDict):
    """What a finding's rule says, once per rule rather than on every finding."""

    rule_id: str
    name: str
    area: str
    severity: Annotated[str, Field(description="Its severity where no marketplace says otherwise.")]
    severity_by_marketplace: NotRequired[
        Annotated[
            dict[str, str] | None,
            Field(
                None,
                description="Only for a rule whose severity varies by marketplace: `default` "
                "and each marketplace's; each finding carries the severity of its own "
                "marketplace.",
            ),
        ]
    ]
    applies_to: str
    why: Annotated[str, Field(description="Why the rule matters, in the report's language.")]
    fix: Annotated[str, Field(description="How to fix a finding, in the report's language.")]
    statement: NotRequired[
        Annotated[
            str | None,
            Field(
                None,
                description="What a seller states about a failing finding in a plan of "
                "action, as a template with the message's placeholders, in the report's "
                "language (rules that have one).",
            ),
        ]
    ]
    source_url: str
    confidence: str


@extensible
class RowSource(TypedDict):
    file: str | None
    row: int | None


@extensible
class Metric(TypedDict):
    """One account metric as read (account_metrics), whether a rule flagged it or not."""

    marketplace: str
    metric: str
    channel: NotRequired[Annotated[str | None, Field(None)]]
    subject: NotRequired[Annotated[str | None, Field(None)]]
    category: NotRequired[
        Annotated[
            str | None,
            Field(
                None,
                description="The product category the rate is measured in (valid tracking).",
            ),
        ]
    ]
    window_days: NotRequired[Annotated[int | None, Field(None)]]
    value: NotRequired[Annotated[float | None, Field(None)]]
    value_text: NotRequired[Annotated[str | None, Field(None)]]
    numerator: NotRequired[
        Annotated[float | None, Field(None, description="Count behind a rate (defective orders).")]
    ]
    denominator: NotRequired[
        Annotated[float | None, Field(None, description="Orders or shipments in the window.")]
    ]
    target_value: NotRequired[Annotated[float | None, Field(None)]]
    target_condition: NotRequired[Annotated[str | None, Field(None)]]
    amazon_status: NotRequired[Annotated[str | None, Field(None)]]
    period_start: NotRequired[Annotated[IsoDate | None, Field(None)]]
    period_end: NotRequired[Annotated[IsoDate | None, Field(None)]]
    source: RowSource


@extensible
class SuppressionCause(TypedDict):
    """Why a finding is suppressed: its entry in the suppressions file."""

    reason: str
    by: Annotated[str, Field(description="Who accepted the finding.")]
    expires: Annotated[IsoDate, Field(description="Last day the suppression holds.")]
    line: Annotated[int | None, Field(description="Line of the entry in the suppressions file.")]


@extensible
class SuppressedFinding(Finding):
    """A finding taken out of the scores and the exit code, kept visible."""

    suppression: SuppressionCause


@extensible
class SuppressionEntry(TypedDict):
    """A suppression as written in the file, with its line."""

    rule: str
    entity: Annotated[dict[str, str], Field(description="Entity fields it matches, as text.")]
    detail: str | None
    reason: str
    by: str
    expires: IsoDate
    line: int | None


@extensible
class ExpiredSuppression(SuppressionEntry):
    findings: Annotated[
        list[str],
        Field(description="Fingerprints of the findings it matches, which count again."),
    ]


@extensible
class Suppressions(TypedDict):
    """Present only when a suppressions file was in use (.auditor-suppressions.yaml)."""

    file: Annotated[
        str,
        Field(description="The suppressions file, as named (relative when given so)."),
    ]
    suppressed: Annotated[
        list[SuppressedFinding],
        Field(
            description="Findings out of the scores and the exit code, in the order of `findings`."
        ),
    ]
    expired: Annotated[
        list[ExpiredSuppression],
        Field(
            description="Suppressions past their expiry (expires < as_of): their findings "
            "count again. In file order."
        ),
    ]
    stale: Annotated[
        list[SuppressionEntry],
        Field(description="Suppressions that match no finding: delete them. In file order."),
    ]


# --- history (present only when the run was recorded: --history or `history:`) ---------


@extensible
class RunRef(TypedDict):
    store: str
    run_id: str
    as_of: IsoDate
    score: float | None
    status: str
    source: Annotated[str, Field(description="audit, or import (auditor history import).")]


@extensible
class Delta(TypedDict):
    before: float | None
    after: float | None
    delta: Annotated[
        float | None,
        Field(description="after - before, rounded to 0.1; null when either is."),
    ]


@extensible
class FindingRef(TypedDict):
    fingerprint: str
    rule_id: str
    severity: Severity
    outcome: Outcome
    area: Area
    entity: dict[str, Any]
    detail: str | None
    message: str
    outcome_before: NotRequired[
        Annotated[Outcome | None, Field(None, description="changed: the earlier outcome.")]
    ]
    codes: NotRequired[
        Annotated[
            dict[str, Any] | None,
            Field(
                None,
                description="What its message is rendered from (outcome, observed, limit, "
                "evidence, missing, undecided, headroom) as its run had them, so the message "
                "renders in any language; absent for a finding recorded before runs kept them.",
            ),
        ]
    ]
    as_recorded: NotRequired[
        Annotated[
            bool | None,
            Field(
                None,
                description="true: recorded before runs kept their findings' codes; the "
                "message is the one recorded, in whatever language it was.",
            ),
        ]
    ]


@extensible
class FindingChanges(TypedDict):
    new: Annotated[list[FindingRef], Field(description="In this run, not in the earlier one.")]
    resolved: Annotated[
        list[FindingRef], Field(description="In the earlier run, gone from this one.")
    ]
    persisting: Annotated[int, Field(description="Findings in both runs (matched by fingerprint).")]
    changed: Annotated[
        list[FindingRef], Field(description="Persisting findings whose outcome changed.")
    ]


@extensible
class MetricChange(TypedDict):
    marketplace: str
    metric: str
    channel: str | None
    subject: str | None
    window_days: int | None
    unit: Annotated[
        Literal["rate", "number"], Field(description="rate: a fraction, shown as a percentage.")
    ]
    before: float
    after: float
    delta: float
    change: Annotated[
        Literal["worse", "better", "same", "up", "down"],
        Field(
            description="worse/better against the metric's rule; up/down for a metric no "
            "rule limits."
        ),
    ]
    limit: float | None
    failing: Annotated[bool | None, Field(description="Whether `after` fails the rule's limit.")]


@extensible
class DocumentChanges(TypedDict):
    next_audit: Annotated[
        IsoDate, Field(description="This run's date plus the store's audit cadence.")
    ]
    expired: Annotated[
        list[dict[str, Any]], Field(description="Documents that expired since the earlier run.")
    ]
    expiring: Annotated[
        list[dict[str, Any]],
        Field(description="Documents expiring before the next audit, with `days_left`."),
    ]


@extensible
class SinceLast(TypedDict):
    """What changed since the store's previous run (auditor diff gives the same data)."""

    store: str
    before: Annotated[
        RunRef | None, Field(description="The previous run; null on a store's first run.")
    ]
    after: RunRef
    score: Delta
    areas: dict[str, Delta]
    compared_areas: Annotated[
        list[str],
        Field(description="Areas both runs assessed: findings are compared only there."),
    ]
    findings: FindingChanges
    metrics: list[MetricChange]
    documents: DocumentChanges


@extensible
class TrendPoint(TypedDict):
    as_of: IsoDate
    value: float


@extensible
class TrendLimit(TypedDict):
    rule_id: Annotated[
        str, Field(description="The rule holding the limit (`score` for the score's band).")
    ]
    op: Annotated[Literal["gt", "ge", "lt", "le"], Field(description="How a value fails it.")]
    value: float
    warn: float | None


@extensible
class Projection(TypedDict):
    status: Literal["crossed", "crossing", "away", "too_few"]
    crosses_on: Annotated[
        IsoDate | None, Field(description="crossing: the first day the line fails.")
    ]
    slope_per_day: float | None
    points_used: int


@extensible
class Trend(TypedDict):
    metric: Annotated[str, Field(description="An account metric, acos, score or <area>_score.")]
    marketplace: str | None
    channel: str | None
    subject: str | None
    window_days: int | None
    unit: Literal["rate", "number"]
    points: Annotated[list[TrendPoint], Field(description="One value per run date, oldest first.")]
    limit: TrendLimit | None
    projection: Annotated[
        Projection | None,
        Field(description="Where the recent rate (least squares over the last runs) takes it."),
    ]


@extensible
class Report(TypedDict):
    schema_version: NotRequired[Annotated[str, Field(SCHEMA_VERSION)]]
    run: Run
    summary: Summary
    findings: list[Finding]
    metrics: NotRequired[
        Annotated[
            list[Metric],
            Field(
                description="Every account metric read, flagged or not (sorted by "
                "marketplace, metric, channel)."
            ),
        ]
    ]
    rules: NotRequired[
        Annotated[list[RuleInfo], Field(description="Every rule evaluated, with its why and fix.")]
    ]
    suppressions: NotRequired[
        Annotated[
            Suppressions | None,
            Field(
                None,
                description="Suppressed findings and expired or stale suppressions; only "
                "when a suppressions file was in use.",
            ),
        ]
    ]
    since_last: NotRequired[
        Annotated[
            SinceLast | None,
            Field(
                None, description="What changed since the store's previous run; only with history."
            ),
        ]
    ]
    trends: NotRequired[
        Annotated[
            list[Trend] | None,
            Field(None, description="The key metrics over the store's runs; only with history."),
        ]
    ]


def report_schema() -> dict[str, Any]:
    """The JSON Schema of `Report`, as `auditor schema report` prints it (pydantic builds
    it from the TypedDicts above: only here, never when a report is written or read)."""
    from pydantic import TypeAdapter

    return TypeAdapter(Report).json_schema(by_alias=True, ref_template="#/$defs/{model}")

"""Rule packs as data: the declarations a YAML pack is validated into.

A rule's `check` is a `CheckParams` subclass registered by the engine (one per check
kind); this module knows only the base class, so the declarations stay apart from
the pandas code that executes them.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from itertools import pairwise
from typing import Annotated, Any, ClassVar, Literal

import regex
from pydantic import (
    BeforeValidator,
    Discriminator,
    Field,
    Tag,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from auditor.model.common import (
    MARKETPLACES,
    SEVERITY_RANK,
    Consequence,
    Severity,
    Strict,
    Text,
)

#: Tables a rule can apply to (tables.AUDITED_TABLES; a test keeps the two equal).
AuditedTable = Literal[
    "listings",
    "listing_issues",
    "account_metrics",
    "documents",
    "approvals",
    "inventory",
    "fba_fees",
    "ad_search_terms",
    "sales_traffic",
    "feedback",
    "returns",
    "prices",
    "images",
    "account",
    "vat_registrations",
    "poa_letters",
    "poa_paragraphs",
    "poa_parts",
    "poa_asins",
]

RULE_ID_PATTERN = r"^[A-Z]{3}-\d{3}$"


def pattern_error(source: str) -> str | None:
    """Why `source` is not a pattern the engine can run, or None. Packs' patterns are run by
    the `regex` module (engine.patterns), so they are validated by it when a pack loads."""
    try:
        regex.compile(source, regex.V0)
    except regex.error as error:
        return str(error)
    return None


RULE_NAME_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"


class Area(StrEnum):
    health = "health"
    listing = "listing"
    compliance = "compliance"
    inventory = "inventory"
    advertising = "advertising"
    sales = "sales"
    #: What buyers say and send back: feedback and returns (rules/customer.yaml).
    customer = "customer"
    #: Prices over time: fair pricing, reference prices, the Buy Box (rules/pricing.yaml).
    pricing = "pricing"
    #: The account's own facts: verification, registrations, related accounts (rules/account.yaml).
    account = "account"
    #: Plans of action: checked by `auditor poa lint`, never by `audit`.
    poa = "poa"


#: A rule's consequence when its pack does not declare one: the area's usual one.
AREA_CONSEQUENCE: dict[str, Consequence] = {
    Area.health: Consequence.account,
    Area.compliance: Consequence.legal,
    Area.listing: Consequence.listing,
    Area.inventory: Consequence.advice,
    Area.advertising: Consequence.advice,
    Area.sales: Consequence.advice,
    # Negative feedback feeds the Order Defect Rate, "not as described" returns lead to
    # Voice of the Customer blocks of the listing: a listing's consequence by default.
    Area.customer: Consequence.listing,
    # Amazon's fair pricing policy removes the offer or the Buy Box of one listing.
    Area.pricing: Consequence.listing,
    # A lapsed verification or an undisclosed related account deactivates the account.
    Area.account: Consequence.account,
    Area.poa: Consequence.advice,
}


def area_consequence(area: str) -> Consequence:
    """The default consequence of a rule of `area` (`listing` for an area not known here)."""
    return AREA_CONSEQUENCE.get(area, Consequence.listing)


class Confidence(StrEnum):
    amazon = "amazon"  # an Amazon-owned page or schema
    official = "official"  # a regulator or standards body
    third_party = "third-party"
    unconfirmed = "unconfirmed"
    best_practice = "best-practice"  # no source gives a number: our default, configurable


Scalar = str | int | float | bool


# --- thresholds ------------------------------------------------------------------------


def _check_marketplace_keys(value: Any) -> Any:
    if isinstance(value, dict):
        unknown = sorted(k for k in value if k != "default" and k not in MARKETPLACES)
        if unknown:
            raise ValueError(
                f"unknown marketplace code(s) {unknown}; use 'default' or {list(MARKETPLACES)}"
            )
        if "default" not in value:
            raise ValueError("a per-marketplace threshold needs a 'default' value")
    return value


#: A number, or a default plus per-marketplace values: `{default: 0.025, IN: 0.02}`.
Limit = Annotated[
    float | dict[str, float],
    Field(json_schema_extra={"examples": [0.01, {"default": 0.025, "IN": 0.02}]}),
]


class Band(Strict):
    """One side of a threshold: exactly one comparison, e.g. `{gt: 0.01}`."""

    gt: Limit | None = None
    ge: Limit | None = None
    lt: Limit | None = None
    le: Limit | None = None

    model_config = Strict.model_config | {
        "json_schema_extra": {"minProperties": 1, "maxProperties": 1}
    }

    _marketplaces = field_validator("gt", "ge", "lt", "le", mode="before")(_check_marketplace_keys)

    @model_validator(mode="after")
    def _one_comparison(self) -> Band:
        if len(self.model_fields_set) != 1:
            raise ValueError("a band has exactly one of gt, ge, lt, le")
        return self

    @property
    def op(self) -> str:
        return next(iter(self.model_fields_set))

    @property
    def limit(self) -> float | dict[str, float]:
        value = getattr(self, self.op)
        assert value is not None
        return value


# --- conditions --------------------------------------------------------------------------

COMPARISON_OPERATORS = (
    "eq",
    "ne",
    "in",
    "not_in",
    "gt",
    "ge",
    "lt",
    "le",
    "regex",
    "exists",
    "contains_any",
)


class Compare(Strict):
    """`{field: marketplace, in: [DE, FR]}`: one field, exactly one operator."""

    field: str
    eq: Scalar | None = None
    ne: Scalar | None = None
    in_: list[Scalar] | None = Field(None, alias="in")
    not_in: list[Scalar] | None = None
    gt: float | dt.date | None = None
    ge: float | dt.date | None = None
    lt: float | dt.date | None = None
    le: float | dt.date | None = None
    regex: str | None = None
    exists: bool | None = None
    contains_any: list[str] | None = None
    if_absent: bool | None = Field(
        None,
        description="The comparison's result for a row whose inputs have no such column at "
        "all; unset: unknown (the rule author's explicit decision, e.g. GPSR covers every "
        "product not known to be food: `not: {field: gated_category, in: [grocery], "
        "if_absent: false}`).",
    )

    model_config = Strict.model_config | {
        "populate_by_name": True,
        # One operator beside `field`, and `if_absent` only as a third key.
        "json_schema_extra": {
            "minProperties": 2,
            "maxProperties": 3,
            "if": {"not": {"required": ["if_absent"]}},
            "then": {"maxProperties": 2},
        },
    }

    @model_validator(mode="after")
    def _one_operator(self) -> Compare:
        ops = self.model_fields_set - {"field", "if_absent"}
        if len(ops) != 1:
            raise ValueError(
                f"a comparison has exactly one operator of {list(COMPARISON_OPERATORS)}"
            )
        if self.regex is not None and (error := pattern_error(self.regex)):
            raise ValueError(f"invalid regex {self.regex!r}: {error}")
        return self

    @property
    def operator(self) -> str:
        op = next(iter(self.model_fields_set - {"field", "if_absent"}))
        return "in" if op == "in_" else op

    @property
    def operand(self) -> Any:
        return getattr(self, "in_" if self.operator == "in" else self.operator)


class All(Strict):
    all: list[Condition] = Field(min_length=1)


class Any_(Strict):
    any: list[Condition] = Field(min_length=1)


class Not(Strict):
    not_: Condition = Field(alias="not")

    model_config = Strict.model_config | {"populate_by_name": True}


Condition = All | Any_ | Not | Compare
All.model_rebuild()
Any_.model_rebuild()
Not.model_rebuild()


def condition_fields(condition: Condition | None) -> list[str]:
    """Every field a condition reads, in order of first use."""
    if condition is None:
        return []
    if isinstance(condition, Compare):
        return [condition.field]
    children = (
        condition.all
        if isinstance(condition, All)
        else condition.any
        if isinstance(condition, Any_)
        else [condition.not_]
    )
    return list(dict.fromkeys(f for child in children for f in condition_fields(child)))


# --- checks ------------------------------------------------------------------------------


def _as_list(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


#: One column name or a list of them; a check over several fields reports each field apart.
FieldNames = Annotated[
    list[str],
    BeforeValidator(_as_list),
    Field(min_length=1),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string"},
                {"type": "array", "items": {"type": "string"}, "minItems": 1},
            ],
            "description": "One field or several (one finding per field).",
        }
    ),
]


class CheckParams(Strict):
    """Base of every check kind's parameters; the engine registers the subclasses.

    Subclasses mark which parameters name columns (`field_params`) so that the
    loader can reject a rule naming a column its table does not have.
    """

    kind: str
    #: Names of parameters whose value is a column name or a list of them.
    field_params: ClassVar[tuple[str, ...]] = ()
    #: Column parameters the check can do without (a blank column means "no").
    optional_field_params: ClassVar[tuple[str, ...]] = ()
    #: Names this kind adds to message placeholders, beside the common ones.
    placeholders: ClassVar[tuple[str, ...]] = ()
    #: Tables this kind reads besides the rule's own (e.g. the documents register).
    lookup_tables: ClassVar[tuple[str, ...]] = ()

    def message_placeholders(self) -> tuple[str, ...]:
        """Names this check adds to its rule's message placeholders (a composite: its parts')."""
        return self.placeholders

    def blank_outcome(self) -> str:
        """What a blank cell gives: `unknown` unless the kind lets the rule say `pass`."""
        return str(getattr(self, "blank", "unknown"))

    def implied_condition(self) -> Condition | None:
        """Rows this kind is about, whatever the rule's `when` says (e.g. one metric)."""
        return None

    def columns(self, include_optional: bool = False) -> list[str]:
        """The columns this check needs (and, if asked, those it can do without)."""
        params = self.field_params + (self.optional_field_params if include_optional else ())
        names: list[str] = []
        for param in params:
            value = getattr(self, param)
            if isinstance(value, str):
                names.append(value)
            elif isinstance(value, list | tuple):
                names.extend(value)
        return list(dict.fromkeys(names))


# --- rules and packs ---------------------------------------------------------------------


class Source(Strict):
    """Where a rule's number comes from, so a seller can check it."""

    url: str = Field(min_length=1)
    checked: dt.date = Field(description="When the source was last read.")
    confidence: Confidence
    note: str | None = Field(None, description="Which part of the source, or why it is a default.")
    quote: str | None = Field(
        None,
        min_length=20,
        description="Amazon's own wording, quoted from the page the source names: what lets "
        "a rule whose source is third-party be more severe than medium.",
    )


#: The most severe a rule may be, by how sure its source is: a rule that tells a seller
#: they risk their account must rest on more than a summary nobody could confirm.
#: Third-party sources may go higher when the rule quotes Amazon's wording (`source.quote`).
SEVERITY_CAP = {Confidence.unconfirmed: Severity.low, Confidence.third_party: Severity.medium}


def _severity_map(value: Any) -> Any:
    """`severity: {default: medium, US: high}`: marketplace codes as the store lists them."""
    if isinstance(value, dict):
        return {str(k) if str(k) == "default" else str(k).upper(): v for k, v in value.items()}
    return value


SeverityByMarketplace = Annotated[dict[str, Severity], BeforeValidator(_severity_map)]
#: One severity, or one per marketplace; a mapping is read as the latter only, so that a
#: mistyped severity gets one error ("Input should be 'critical', …"), not one per form.
SeverityChoice = Annotated[
    Annotated[Severity, Tag("one")] | Annotated[SeverityByMarketplace, Tag("map")],
    Discriminator(lambda value: "map" if isinstance(value, dict) else "one"),
]


#: One example: a record, or several records judged together (a rule over a group of rows,
#: such as the share of negative feedback among all feedback, needs the group).
Example = dict[str, Any] | list[dict[str, Any]]


class Examples(Strict):
    """Records that must get each outcome; `auditor rules test` runs them all."""

    pass_: list[Example] = Field(default_factory=list, alias="pass")
    fail: list[Example] = Field(default_factory=list)
    warn: list[Example] = Field(default_factory=list)
    unknown: list[Example] = Field(default_factory=list)
    #: The audit date the examples are written for (needed where a rule compares dates).
    as_of: dt.date | None = None
    #: Rows of lookup tables (documents, approvals) the examples are evaluated against.
    context: dict[
        Literal["documents", "approvals", "product_type_definitions", "sales_traffic"],
        list[dict[str, Any]],
    ] = Field(default_factory=dict)

    model_config = Strict.model_config | {"populate_by_name": True}

    @model_validator(mode="after")
    def _has_both_sides(self) -> Examples:
        if not self.pass_ or not (self.fail or self.warn):
            raise ValueError(
                "a rule needs at least one 'pass' example and one 'fail' or 'warn' example"
            )
        return self

    def by_outcome(self) -> dict[str, list[Example]]:
        return {"pass": self.pass_, "fail": self.fail, "warn": self.warn, "unknown": self.unknown}


def example_rows(example: Example) -> list[dict[str, Any]]:
    """The rows of one example: one record, or the records of a group judged together."""
    return example if isinstance(example, list) else [example]


class ScheduleEntry(Strict):
    """One dated version of a published schedule a rule holds rows against.

    Amazon changes fee schedules on announced dates (the aged inventory surcharge gained
    tiers from 181 days on 2023-04-15). Each version is data in the pack: the date it took
    effect, the check parameters that follow from it (merged into the rule's check as an
    override is) and the schedule itself as a table, so a new notice is a new entry, not
    a rewrite of prose, and an audit is judged by the version in force on its date.
    """

    effective_from: dt.date = Field(description="The day this version took effect.")
    check: dict[str, Any] = Field(
        default_factory=dict,
        description="Check parameters in force from this date, merged into the rule's "
        "check (later entries over earlier ones, a seller's override over both).",
    )
    table: list[dict[str, Any]] = Field(
        default_factory=list,
        description="The schedule as published, one mapping per row (tier, rate, unit...).",
    )
    url: str | None = Field(None, description="Where this version is published.")
    note: str | None = Field(None, description="What the version changed and how it was read.")


class Rule(Strict):
    id: str = Field(
        pattern=RULE_ID_PATTERN, description="Stable id, e.g. LST-001; a public contract."
    )
    name: str = Field(
        pattern=RULE_NAME_PATTERN, description="Kebab-case name, e.g. title-max-length."
    )
    severity: SeverityChoice = Field(
        description="How serious a failure is; per marketplace as thresholds are, e.g. "
        "{default: medium, US: high}. Capped by the source's confidence (SEVERITY_CAP)."
    )
    consequence: Consequence | None = Field(
        None,
        description="What failing it can cost the seller: account (deactivation), legal "
        "(removal and legal exposure), listing (suppression) or advice (best practice). "
        "Default: the pack's area's (health: account, compliance: legal, listing: listing, "
        "inventory, advertising and sales: advice). The scores weigh findings by it.",
    )
    applies_to: AuditedTable = Field(description="The canonical table whose rows are the entities.")
    when: Condition | None = Field(None, description="Only rows where this holds are checked.")
    check: CheckParams
    message: Text = Field(description="Template; placeholders such as {value} and {limit}.")
    statement: Text | None = Field(
        None,
        description="What the seller states about a failing finding in a plan of action: the "
        "fact in the first person, without advice, with the message's placeholders (\"The "
        "title of this listing was {value} characters long, over Amazon's limit of {limit}.\"). "
        "Without one, a draft asks the seller to state the problem in their own words.",
    )
    why: Text
    fix: Text
    source: Source
    effective_from: dt.date | None = None
    effective_until: dt.date | None = None
    schedule: list[ScheduleEntry] = Field(
        default_factory=list,
        description="Dated versions of the schedule the rule applies (oldest first); the "
        "latest one in force on the audit date sets the check's parameters.",
    )
    examples: Examples

    @field_validator("severity")
    @classmethod
    def _severity_has_default(
        cls, value: Severity | dict[str, Severity]
    ) -> Severity | dict[str, Severity]:
        if isinstance(value, dict):
            if "default" not in value:
                raise ValueError("a severity per marketplace needs a `default`")
            unknown = sorted(k for k in value if k != "default" and k not in MARKETPLACES)
            if unknown:
                raise ValueError(f"unknown marketplace {unknown[0]!r} in severity")
        return value

    @field_validator("schedule")
    @classmethod
    def _schedule_in_order(cls, entries: list[ScheduleEntry]) -> list[ScheduleEntry]:
        dates = [e.effective_from for e in entries]
        if any(b <= a for a, b in pairwise(dates)):
            raise ValueError("schedule entries must be in order of effective_from, one per date")
        return entries

    def schedule_in_force(self, as_of: dt.date) -> list[ScheduleEntry]:
        """The schedule entries that have taken effect by `as_of`, oldest first."""
        return [e for e in self.schedule if e.effective_from <= as_of]

    @model_validator(mode="after")
    def _severity_within_confidence(self) -> Rule:
        cap = SEVERITY_CAP.get(self.source.confidence)
        if cap is None or (self.source.quote and cap == Severity.medium):
            return self
        worst = max(self.severities(), key=SEVERITY_RANK.__getitem__)
        if SEVERITY_RANK[worst] > SEVERITY_RANK[cap]:
            quote = (
                " (or quote Amazon's own wording in source.quote)" if cap == Severity.medium else ""
            )
            raise ValueError(
                f"severity {worst.value} is above {cap.value}, the most a rule whose source is "
                f"{self.source.confidence.value} may have{quote}"
            )
        return self

    @property
    def base_severity(self) -> Severity:
        """The severity where no marketplace says otherwise."""
        return self.severity["default"] if isinstance(self.severity, dict) else self.severity

    def severity_for(self, marketplace: str | None) -> Severity:
        if isinstance(self.severity, dict) and marketplace in self.severity:
            return self.severity[marketplace]
        return self.base_severity

    def severities(self) -> list[Severity]:
        """Every severity the rule can give, the default first."""
        if not isinstance(self.severity, dict):
            return [self.severity]
        return list(dict.fromkeys([self.base_severity, *self.severity.values()]))

    def severity_label(self) -> str:
        """As a person reads it: 'medium', or 'medium (US: high)'."""
        if not isinstance(self.severity, dict):
            return self.severity.value
        others = ", ".join(f"{k}: {v.value}" for k, v in self.severity.items() if k != "default")
        return f"{self.base_severity.value} ({others})"

    def in_effect(self, as_of: dt.date) -> bool:
        if self.effective_from and as_of < self.effective_from:
            return False
        return not (self.effective_until and as_of > self.effective_until)


class Pack(Strict):
    name: str = Field(pattern=RULE_NAME_PATTERN)
    version: str = Field(pattern=r"^\d+\.\d+(\.\d+)?$")
    area: Area
    description: Text | None = None
    rules: list[Rule]


class PackedRule(Strict):
    """A rule with the area and pack it was loaded from (the engine's unit of work)."""

    rule: Rule
    area: Area
    pack: str

    @property
    def consequence(self) -> Consequence:
        """The rule's declared consequence, or its area's default."""
        return self.rule.consequence or area_consequence(self.area)


class LoadedPack(Strict):
    """A validated pack and where it came from (for the report's `run.rule_packs`)."""

    pack: Pack
    path: str
    sha256: str
    #: Line of each rule in its file, for problems found after loading (duplicate ids).
    rule_lines: dict[str, int] = Field(default_factory=dict)

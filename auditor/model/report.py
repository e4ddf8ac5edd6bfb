"""The JSON report contract (schema_version 1): what machines read.

Later versions extend it and never break it. The report is built as plain data by
`auditor.api` and rendered by `auditor.outputs`; these models exist to publish its
JSON Schema (`auditor schema report`) and to check every report in the tests.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

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


class Coverage(Open):
    evaluations: int = Field(description="Rule x entity evaluations made.")
    decided: int = Field(description="Evaluations that passed, failed or warned.")
    outcomes: OutcomeCounts
    not_applicable: list[NotApplicable]


class RuleResult(Open):
    rule_id: str
    area: Area
    severity: Severity
    outcomes: OutcomeCounts
    deduction: float = Field(description="Points this rule took off its area's score.")


class AreaSummary(Open):
    score: float | None = Field(
        description="0-100 over decided evaluations; null when none were decided."
    )
    status: str
    evaluations: int
    decided: int


class Gate(Open):
    fail_on: Severity
    strict: bool
    failed: bool
    findings: int = Field(description="Findings at or above fail_on that gate the exit code.")


class Summary(Open):
    score: float | None
    status: str = Field(description="healthy, at_risk, critical, or not_assessed.")
    areas: dict[str, AreaSummary]
    coverage: Coverage
    by_severity: dict[str, OutcomeCounts]
    by_outcome: OutcomeCounts
    rules: list[RuleResult]
    gate: Gate


class Report(Open):
    schema_version: str = SCHEMA_VERSION
    run: Run
    summary: Summary
    findings: list[Finding]

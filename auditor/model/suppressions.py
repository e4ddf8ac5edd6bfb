"""`.auditor-suppressions.yaml`: findings a seller has accepted, each with a reason and an expiry.

A suppression waives one rule for one entity (and optionally one detail) until a date.
It never deletes the finding: the report lists it apart, it only stops counting in the
scores and the exit code. Every entry must say why, who accepted it and until when, so
that waivers are reviewed rather than forgotten (Prowler's mutelist, ruff's `noqa`
reporting of unused suppressions). The models publish the file's JSON Schema
(`auditor schema suppressions`); loading with located errors is in auditor.packs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated

from pydantic import Field, StrictInt, StrictStr, StringConstraints, field_validator

from auditor.model.common import Strict
from auditor.model.rules import RULE_ID_PATTERN

#: A reason or a name: surrounding blanks dropped, never empty.
NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class Suppression(Strict):
    """One accepted finding: rule x entity (x detail), why, who, until when."""

    rule: str = Field(pattern=RULE_ID_PATTERN, description="The rule id, e.g. LST-001.")
    entity: dict[str, StrictStr | StrictInt] = Field(
        min_length=1,
        description="Entity fields that must all equal the finding's (sku, asin, marketplace, "
        "channel, document_type, identifier, category, campaign, ...); compared as text, "
        "marketplace case-insensitively. Quote SKUs with leading zeros ('00123').",
    )
    detail: StrictStr | None = Field(
        None,
        description="Only the finding with this detail (a field, channel or window, e.g. "
        "bullet_point1 or 30d); every detail when absent.",
    )
    store: StrictStr | None = Field(
        None,
        description="Only in audits of this store (--store or `store:`); every store when "
        "absent. One file can serve an agency's stores without one store's waiver hiding "
        "another's finding.",
    )
    reason: NonEmpty = Field(description="Why the finding is accepted (mandatory).")
    by: NonEmpty = Field(description="Who accepted it (mandatory).")
    expires: dt.date = Field(
        description="Last day the suppression holds (YYYY-MM-DD); from the next day its "
        "finding counts again and the report lists the suppression as expired."
    )

    @field_validator("entity")
    @classmethod
    def _as_text(cls, value: dict[str, str | int]) -> dict[str, str | int]:
        """Values are compared as text: keep them as text from the start."""
        return {key: str(item) for key, item in value.items()}


class SuppressionFile(Strict):
    """The whole file: a top-level `suppressions:` list."""

    suppressions: list[Suppression] = Field(
        default_factory=list, description="Accepted findings, each with a reason and an expiry."
    )


@dataclass(frozen=True)
class LocatedSuppression:
    """An entry with the line it starts on, so a report can say `file:line`."""

    entry: Suppression
    line: int | None


@dataclass(frozen=True)
class LoadedSuppressions:
    """A suppressions file as read: its path as the user named it, and its entries."""

    path: str
    entries: list[LocatedSuppression]

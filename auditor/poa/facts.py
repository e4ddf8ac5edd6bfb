"""What only the seller knows, for a plan of action: `FACTS.yaml`.

The audit knows the numbers (orders, defects, ASINs, dates of the windows); it cannot
know what the seller did about them, from whom they buy, or who checks what. Those
facts come from this file. A draft never invents one: each fact missing here becomes
a marked placeholder in the letter and a line of its "complete before sending" list.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, field_validator

from auditor.model.common import Strict
from auditor.packs.schema import model_schema
from auditor.packs.yaml_source import load_model
from auditor.poa.violations import VIOLATIONS


class Action(Strict):
    """A corrective action already taken."""

    what: str = Field(min_length=1, description="What was done, in one factual sentence.")
    date: dt.date | None = Field(None, description="When it was done (YYYY-MM-DD).")
    evidence: str | None = Field(
        None, description="The attachment that proves it (a file name, a case id)."
    )


class Measure(Strict):
    """A preventive measure: an ongoing process, who runs it and how often."""

    what: str = Field(min_length=1, description="The process, in one factual sentence.")
    owner: str | None = Field(None, description="Who is responsible (a role or a name).")
    frequency: str | None = Field(None, description="How often: daily, per shipment, weekly.")
    since: dt.date | None = Field(None, description="When it started.")


class Invoice(Strict):
    number: str = Field(min_length=1)
    date: dt.date
    units: int | None = Field(None, ge=0, description="Units the invoice covers.")
    asins: list[str] = Field(default_factory=list, description="ASINs the invoice covers.")


class Supplier(Strict):
    """A supplier whose invoices back the units sold (authenticity, IP, restricted)."""

    name: str = Field(min_length=1)
    address: str | None = None
    website: str | None = None
    phone: str | None = None
    email: str | None = None
    authorized_by_brand: bool | None = Field(
        None, description="Whether the brand lists the supplier as an authorised distributor."
    )
    invoices: list[Invoice] = Field(default_factory=list)


class Person(Strict):
    role: str = Field(min_length=1, description="The role, e.g. listing compliance officer.")
    name: str | None = None
    responsibility: str | None = Field(None, description="What the person checks or approves.")


class ListingAction(Strict):
    """What happened to one listing named in the notice or found by the audit."""

    asin: str = Field(pattern=r"^[A-Z0-9]{10}$")
    sku: str | None = None
    action: Literal["deleted", "closed", "edited", "removal_order", "kept"] = Field(
        description="deleted or closed (restricted products need deleted), edited, "
        "removal_order, or kept (with proof that it complies)."
    )
    date: dt.date | None = None
    note: str | None = None


class RightsOwner(Strict):
    """The complainant of an IP complaint."""

    name: str = Field(min_length=1)
    complaint_ids: list[str] = Field(default_factory=list)
    contacted_on: dt.date | None = None
    retraction_received_on: dt.date | None = Field(
        None, description="When the rights owner's retraction arrived (the fastest route)."
    )
    authorization: str | None = Field(
        None, description="A letter of authorisation or licence held, if any."
    )


class LinkedAccount(Strict):
    """The other account in a related-accounts deactivation."""

    name: str = Field(min_length=1, description="The other account's store or legal name.")
    owned: bool = Field(description="Whether the seller owns or controls it.")
    status: str | None = Field(None, description="Its status: active, deactivated, closed.")
    reactivated_on: dt.date | None = Field(
        None, description="When it was reactivated (Amazon asks for that first)."
    )
    business_reason: str | None = Field(
        None, description="Why a second account is needed, if Amazon approved one."
    )


class Facts(Strict):
    """Everything the seller adds to the audit's evidence; every field is optional."""

    violation: str | None = Field(
        None,
        description="The violation the facts are for.",
        json_schema_extra={"enum": list(VIOLATIONS)},
    )
    root_causes: list[str] = Field(
        default_factory=list,
        description="Causes the data cannot show (a carrier's depot, a mislabelled batch).",
    )
    corrective_actions: list[Action] = Field(default_factory=list)
    preventive_measures: list[Measure] = Field(default_factory=list)
    listings: list[ListingAction] = Field(default_factory=list)
    suppliers: list[Supplier] = Field(default_factory=list)
    people: list[Person] = Field(default_factory=list)
    rights_owner: RightsOwner | None = None
    linked_account: LinkedAccount | None = None

    @field_validator("violation")
    @classmethod
    def _known_violation(cls, value: str | None) -> str | None:
        if value is not None and value not in VIOLATIONS:
            raise ValueError(f"unknown violation {value!r}; one of: {', '.join(VIOLATIONS)}")
        return value


def load_facts(path: Path | None) -> Facts:
    return Facts() if path is None else load_model(path, Facts, "facts file")


def facts_schema() -> dict[str, Any]:
    return model_schema(Facts, "auditor plan-of-action facts file")

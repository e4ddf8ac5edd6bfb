"""FLEET.yaml: the stores an agency audits in one `auditor fleet` run.

Each store is audited as `auditor audit` would audit it alone: its inputs (paths
relative to FLEET.yaml), or the documents a store profile of auditor.yaml fetches
first (`fetch:`), or both (a fetched store plus the seller's own registers), with its
own auditor.yaml when it names one. Its name is its name in the history and the folder
its reports go to, so it is a plain file name.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from pydantic import Field, model_validator

from auditor.model.common import Strict
from auditor.model.config import STORE_NAME_PATTERN
from auditor.model.notify import NotifyEntry


class FleetStore(Strict):
    """One store of the fleet."""

    name: str = Field(
        pattern=STORE_NAME_PATTERN,
        description="The store's name (letters, digits, '.', '_', '-'): its name in the "
        "history and its folder under stores/.",
    )
    inputs: list[str] = Field(
        default_factory=list,
        description="Files and folders as `auditor audit` takes them, relative to FLEET.yaml.",
    )
    fetch: str | None = Field(
        None,
        pattern=STORE_NAME_PATTERN,
        description="A store profile (`stores:` of the store's auditor.yaml) whose documents "
        "are fetched through Amazon's APIs first, then audited with `inputs`.",
    )
    marketplace: str | None = Field(
        None, description="Marketplace for inputs that do not name one (US, UK, DE, ...)."
    )
    config: str | None = Field(
        None,
        description="The store's auditor.yaml, relative to FLEET.yaml (default: --config, "
        "else none).",
    )
    notify: list[NotifyEntry] = Field(
        default_factory=list,
        description="Alert targets of this store, beside those of its auditor.yaml.",
    )

    @model_validator(mode="after")
    def _something_to_audit(self) -> FleetStore:
        if not self.inputs and self.fetch is None:
            raise ValueError(f"store {self.name!r} has neither `inputs:` nor `fetch:`")
        return self


class Fleet(Strict):
    """FLEET.yaml."""

    stores: list[FleetStore] = Field(min_length=1, description="The stores, audited in parallel.")

    @model_validator(mode="after")
    def _unique_names(self) -> Fleet:
        names = Counter(s.name for s in self.stores)
        twice = [name for name, n in names.items() if n > 1]
        if twice:
            raise ValueError(f"store names must be unique: {', '.join(twice)}")
        return self


def fleet_schema() -> dict[str, Any]:
    return Fleet.model_json_schema(by_alias=True, ref_template="#/$defs/{model}")

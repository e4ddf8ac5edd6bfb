"""`auditor.yaml`: the one configuration file, and its published JSON Schema."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from auditor.model.common import Language, Severity, Strict


class RuleOverride(Strict):
    """Change a rule without copying it: its severity, or any of its check's parameters."""

    severity: Severity | None = None
    check: dict[str, Any] | None = Field(
        None, description="Merged into the rule's check, e.g. {fail: {gt: 0.008}}; re-validated."
    )


class Config(Strict):
    rule_dirs: list[str] = Field(
        default_factory=list, description="Extra folders of rule packs (*.yaml)."
    )
    bundled_rules: bool = Field(True, description="Load the packs that ship with auditor.")
    overrides: dict[str, RuleOverride] = Field(
        default_factory=dict, description="Keyed by rule id."
    )
    disable: list[str] = Field(default_factory=list, description="Rule ids never evaluated.")
    select: list[str] = Field(
        default_factory=list,
        description="When set, only these rule ids (or id prefixes like LST-) run.",
    )
    default_marketplace: str | None = Field(
        None, description="For inputs that do not name their marketplace (Amazon country code)."
    )
    marketplaces: list[str] = Field(
        default_factory=list, description="Audit only these marketplaces."
    )
    language: Language = Language.en
    fail_on: Severity = Field(
        Severity.high, description="Lowest severity whose failures give exit code 1."
    )
    strict: bool = Field(False, description="warn findings gate the exit code too.")

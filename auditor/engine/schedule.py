"""A rule's check as it stands on the audit date, after the dated schedule entries in force.

A published schedule (a fee table, its exemptions) changes on announced dates; the
pack keeps each version as data (`Rule.schedule`) and the engine judges an audit by
the versions in force on its date, so an audit of last year's reports applies last
year's schedule. Check parameters merge as a seller's `overrides` do.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from auditor.engine.registry import check_kinds
from auditor.model.rules import CheckParams, Rule


def merge_params(base: dict[str, Any], change: dict[str, Any]) -> dict[str, Any]:
    """Merge `change` into `base`; a band given in full replaces the old band."""
    result = dict(base)
    for key, value in change.items():
        is_band = isinstance(value, dict) and set(value) <= {"gt", "ge", "lt", "le"}
        if isinstance(value, dict) and isinstance(result.get(key), dict) and not is_band:
            result[key] = merge_params(result[key], value)
        else:
            result[key] = value
    return result


def validate_check(rule: Rule, merged: dict[str, Any]) -> CheckParams:
    """A check's parameters validated again after a change merged into them."""
    return check_kinds()[merged.get("kind", rule.check.kind)].params.model_validate(merged)


def check_on(rule: Rule, as_of: dt.date) -> CheckParams:
    """The rule's check with every schedule entry in force on `as_of` merged, oldest first."""
    entries = rule.schedule_in_force(as_of)
    if not any(e.check for e in entries):
        return rule.check
    params = rule.check.model_dump(by_alias=True, exclude_none=True)
    for entry in entries:
        params = merge_params(params, entry.check)
    return validate_check(rule, params)


def rule_on(rule: Rule, as_of: dt.date) -> Rule:
    """The rule as the engine evaluates it on `as_of` (itself when it has no schedule)."""
    if not rule.schedule:
        return rule
    return rule.model_copy(update={"check": check_on(rule, as_of)})

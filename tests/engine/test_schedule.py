"""Dated schedules: a rule judges an audit by the schedule version in force on its date."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from conftest import make_rule, outcomes, run, table
from pydantic import ValidationError

from auditor.engine.schedule import check_on, merge_params
from auditor.model.config import RuleOverride
from auditor.packs.selection import apply_override

AGED = {"kind": "threshold_by", "field": "oldest_age_days", "by": "product_group", "op": "gt"}
SCHEDULE: list[dict[str, Any]] = [
    {
        "effective_from": "2023-04-15",
        "check": {"warn": {"apparel": 270, "default": 180}},
        "table": [{"from_day": 181, "to_day": 210, "usd_per_cubic_foot": 0.5}],
    }
]


def _rule(**fields: Any) -> Any:
    fields.setdefault("schedule", SCHEDULE)
    return make_rule({**AGED, "fail": {"default": 365}}, "inventory", **fields)


def _rows() -> Any:
    return table(
        "inventory",
        {"sku": "TEE", "available": 5, "product_group": "Apparel", "oldest_age_days": 181},
        {"sku": "TOWEL", "available": 5, "product_group": "Home", "oldest_age_days": 181},
        {"sku": "OLD", "available": 5, "product_group": "Apparel", "oldest_age_days": 366},
    )


def test_the_entry_in_force_on_the_audit_date_sets_the_parameters() -> None:
    result = run(_rule(), _rows(), as_of=dt.date(2026, 12, 7))
    assert {sku: o for sku, _, o in outcomes(result)} == {"TOWEL": "warn", "OLD": "fail"}


def test_before_the_entry_took_effect_the_base_check_applies() -> None:
    result = run(_rule(), _rows(), as_of=dt.date(2023, 4, 14))
    assert {sku: o for sku, _, o in outcomes(result)} == {"OLD": "fail"}


def test_a_sellers_override_wins_over_every_schedule_entry() -> None:
    rule = apply_override(
        _rule().rule, RuleOverride(check={"warn": {"apparel": 300, "default": 200}})
    )
    checked = check_on(rule, dt.date(2026, 12, 7))
    assert checked.warn == {"apparel": 300, "default": 200}


def test_entries_must_be_in_date_order() -> None:
    later = {**SCHEDULE[0], "effective_from": "2024-01-01"}
    with pytest.raises(ValidationError, match="in order of effective_from"):
        _rule(schedule=[later, SCHEDULE[0]])


def test_a_band_given_in_full_replaces_the_old_one() -> None:
    assert merge_params({"fail": {"gt": 1}, "x": {"a": 1}}, {"fail": {"lt": 2}, "x": {"b": 2}}) == {
        "fail": {"lt": 2},
        "x": {"a": 1, "b": 2},
    }

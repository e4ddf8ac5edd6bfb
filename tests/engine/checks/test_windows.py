"""window_share: a share of a group's rows (or units) over windows before the audit date."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import make_rule, run, table
from pydantic import ValidationError

from auditor.engine.registry import check_kinds

# The audit date of these tests is 2026-11-27: the last 30 days are 2026-10-29 to 2026-11-27.
NEGATIVE = make_rule(
    {
        "kind": "window_share",
        "date_field": "date",
        "windows": [30, 90],
        "part": {"field": "rating", "le": 2},
        "group_by": ["marketplace"],
        "fail": {"gt": 0.2},
        "warn": {"gt": 0.1},
    },
    applies_to="feedback",
)


def feedback(date: str, rating: int, order: str) -> dict:
    return {"date": date, "rating": rating, "order_id": order}


def test_one_verdict_per_group_and_window_on_its_latest_row() -> None:
    rows = [feedback(f"2026-11-{d:02d}", 5, f"p{d}") for d in range(1, 9)]
    rows += [feedback("2026-11-20", 1, "n1"), feedback("2026-09-10", 1, "n2")]
    result = run(NEGATIVE, table("feedback", *rows))

    by_window = {f["detail"]: f for f in result.findings}
    # 30 days: 1 of 9 (11%) warns; 90 days: 2 of 10 (20%) is not over 20%, so warns too.
    assert {d: f["outcome"] for d, f in by_window.items()} == {"30d": "warn", "90d": "warn"}
    assert {f["entity"]["order_id"] for f in result.findings} == {"n1"}  # the latest row
    assert by_window["90d"]["evidence"]["part"] == 2
    assert by_window["90d"]["evidence"]["total"] == 10
    assert result.counts["pass"] == 9  # the other rows were counted, and pass


def test_groups_are_judged_apart() -> None:
    us = [feedback("2026-11-20", 1, "us1"), feedback("2026-11-21", 5, "us2")]
    de = [feedback("2026-11-20", 5, "de1")]
    tables = table("feedback", *us), table("feedback", *de, marketplace="DE")
    merged = tables[0].with_frame(pd.concat([t.frame for t in tables], ignore_index=True))
    result = run(NEGATIVE, merged)

    assert {(f["entity"]["marketplace"], f["outcome"]) for f in result.findings} == {("US", "fail")}


def test_rows_after_the_audit_date_are_outside_every_window() -> None:
    result = run(NEGATIVE, table("feedback", feedback("2026-11-28", 1, "later")))
    assert result.findings == []


def test_an_undecided_part_that_could_change_the_verdict_is_unknown() -> None:
    rule = make_rule(
        {
            "kind": "window_share",
            "date_field": "return_date",
            "part": {"field": "reason", "in": ["DEFECTIVE"]},
            "weight": "quantity",
            "fail": {"ge": 0.5},
        },
        applies_to="returns",
    )
    rows = [
        {"return_date": "2026-11-20", "sku": "A", "quantity": 1, "reason": "UNWANTED_ITEM"},
        {"return_date": "2026-11-21", "sku": "A", "quantity": 1},
    ]
    [found] = run(rule, table("returns", *rows)).findings
    assert found["outcome"] == "unknown"
    assert found["missing"] == ["reason"]


SOLD = make_rule(
    {
        "kind": "window_share",
        "date_field": "return_date",
        "weight": "quantity",
        "group_by": ["sku"],
        "of": {"table": "sales_traffic", "field": "units_ordered", "key": ["sku"]},
        "fail": {"gt": 0.10},
        "by": "category",
        "fail_by": {"clothing": 0.25, "default": 0.10},
    },
    applies_to="returns",
)


def test_the_denominator_comes_from_another_table_by_key() -> None:
    returns = table(
        "returns",
        {"return_date": "2026-11-20", "sku": "TEE", "quantity": 3, "category": "Clothing"},
        {"return_date": "2026-11-20", "sku": "CABLE", "quantity": 3, "category": "Electronics"},
        {"return_date": "2026-11-20", "sku": "NEW", "quantity": 1},
    )
    sales = table(
        "sales_traffic",
        {"asin": "B01", "sku": "TEE", "sessions": 100, "units_ordered": 20},
        {"asin": "B02", "sku": "CABLE", "sessions": 100, "units_ordered": 20},
    )
    found = {f["entity"]["sku"]: f for f in run(SOLD, returns, sales).findings}

    assert set(found) == {"CABLE", "NEW"}  # TEE: 15% under clothing's 25%
    assert found["CABLE"]["outcome"] == "fail"
    assert found["CABLE"]["evidence"]["limit_key"] == "default"
    assert found["NEW"]["outcome"] == "unknown"
    assert found["NEW"]["missing"] == ["sales_traffic.units_ordered"]


def test_a_total_from_an_unknown_table_is_refused() -> None:
    params = check_kinds()["window_share"].params
    with pytest.raises(ValidationError, match="no column 'units'"):
        params.model_validate(
            {
                "kind": "window_share",
                "date_field": "return_date",
                "of": {"table": "sales_traffic", "field": "units", "key": ["sku"]},
                "fail": {"gt": 0.1},
            }
        )


def test_the_total_is_looked_up_by_grouping_columns_only() -> None:
    params = check_kinds()["window_share"].params
    with pytest.raises(ValidationError, match="must be among group_by"):
        params.model_validate(
            {
                "kind": "window_share",
                "date_field": "return_date",
                "group_by": ["asin"],
                "of": {"table": "sales_traffic", "field": "units_ordered", "key": ["sku"]},
                "fail": {"gt": 0.1},
            }
        )


def test_returns_against_no_units_sold_are_unknown_not_a_pass() -> None:
    returns = table("returns", {"return_date": "2026-11-20", "sku": "TEE", "quantity": 2})
    sales = table("sales_traffic", {"asin": "B01", "sku": "TEE", "sessions": 9, "units_ordered": 0})
    [found] = run(SOLD, returns, sales).findings
    assert found["outcome"] == "unknown"
    assert found["missing"] == ["sales_traffic.units_ordered"]

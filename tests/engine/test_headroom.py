"""Headroom of rate metrics: exact at the boundaries, for upper and lower limits, in the report."""

from __future__ import annotations

from fractions import Fraction

import pandas as pd
import pytest
from conftest import make_rule, run, table
from hypothesis import given
from hypothesis import strategies as st

from auditor.engine.headroom import (
    FEWER_NEEDED,
    MORE_ALLOWED,
    allowed_bad,
    headroom_columns,
)
from auditor.outputs.wording import percent


def fails(op: str, good_or_bad: int, denominator: int, limit: Fraction) -> bool:
    rate = Fraction(good_or_bad, denominator)
    return {
        "ge": rate >= limit,
        "gt": rate > limit,
        "lt": rate < limit,
        "le": rate <= limit,
    }[op]


@pytest.mark.parametrize(
    ("op", "limit", "denominator", "allowed"),
    [
        ("ge", 0.01, 400, 3),  # ODR 1% of 400 orders: 4 defects reach 1%, so 3 is the most
        ("gt", 0.01, 400, 4),  # over 1%: 4 defects are exactly 1%, still within
        ("ge", 0.01, 5062, 50),  # 50.62: 51 defects are over 1%
        ("ge", 0.025, 111, 2),  # pre-fulfilment cancel rate 2.5%: 2.775
        ("ge", 0.07, 100, 6),  # 0.07 x 100 is 7.000000000000001 in floats; exactly 7
        ("lt", 0.95, 100, 5),  # valid tracking at least 95%: 95 tracked of 100 passes
        ("le", 0.95, 100, 4),  # at most 95% fails: 95 tracked fails, 96 passes
        ("lt", 0.9, 10, 1),  # 1 - 0.9 is 0.09999999999999998 in floats; exactly 1 late of 10
        ("lt", 0.9, 336, 33),  # on-time delivery 90% of 336: 303 on time passes, 302 fails
    ],
)
def test_allowed_bad_events_at_the_boundary(op, limit, denominator, allowed):
    assert allowed_bad(op, limit, denominator) == allowed
    exact = Fraction(str(limit))
    lower = op in ("lt", "le")

    def counted(bad: int) -> int:
        return denominator - bad if lower else bad

    assert not fails(op, counted(allowed), denominator, exact)
    assert fails(op, counted(allowed + 1), denominator, exact)


@given(
    op=st.sampled_from(["ge", "gt", "lt", "le"]),
    basis_points=st.integers(1, 9999),
    denominator=st.integers(1, 100_000),
)
def test_allowed_is_the_most_bad_events_that_do_not_fail(op, basis_points, denominator):
    limit = Fraction(basis_points, 10_000)
    allowed = allowed_bad(op, basis_points / 10_000, denominator)
    lower = op in ("lt", "le")

    def counted(bad: int) -> int:
        return denominator - bad if lower else bad

    if allowed >= 0:
        assert not fails(op, counted(allowed), denominator, limit)
    if allowed + 1 <= denominator:
        assert fails(op, counted(allowed + 1), denominator, limit)


def columns(op, limit, numerator, denominator, outcome):
    return headroom_columns(
        op,
        pd.Series(limit, dtype="Float64"),
        pd.Series(numerator, dtype="Float64"),
        pd.Series(denominator, dtype="Float64"),
        pd.Series(outcome, dtype=object),
    )


def test_odr_of_400_orders_around_its_1_percent_limit():
    result = columns("ge", [0.01] * 4, [2, 3, 4, 6], [400] * 4, ["warn", "warn", "fail", "fail"])
    assert result["direction"].tolist() == [MORE_ALLOWED, MORE_ALLOWED, FEWER_NEEDED, FEWER_NEEDED]
    # 3 defects: none more allowed (the 4th reaches 1%); 4: one fewer needed; 6: three fewer.
    assert result["count"].tolist() == [1, 0, 1, 3]
    assert result["allowed"].tolist() == [3, 3, 3, 3]


def test_at_least_metrics_count_the_bad_events():
    # valid tracking 95% of 200 shipments: 190 tracked (10 untracked) passes, 189 fails.
    result = columns("lt", [0.95] * 3, [192, 190, 185], [200] * 3, ["warn", "warn", "fail"])
    assert result["bad"].tolist() == [8, 10, 15]
    assert result["direction"].tolist() == [MORE_ALLOWED, MORE_ALLOWED, FEWER_NEEDED]
    assert result["count"].tolist() == [2, 0, 5]


def test_no_headroom_without_whole_consistent_counts_or_against_the_outcome():
    result = columns(
        "ge",
        [0.01] * 6,
        [None, 2.5, 5, 1, 3, 9],
        [400, 400, 4, 0, 400, 400],
        ["warn", "warn", "fail", "pass", "fail", "pass"],
    )
    # blank, fractional, numerator above denominator, no orders, and two rows whose counts
    # disagree with the reported rate's outcome (failing but within, passing but over).
    assert result["count"].isna().all()


def test_percent_writes_the_limit_as_the_rule_does():
    assert [percent(x) for x in (0.01, 0.025, 0.0075, 0.9, 0.1)] == [
        "1%",
        "2.5%",
        "0.75%",
        "90%",
        "10%",
    ]


def odr_rule():
    return make_rule(
        {
            "kind": "threshold",
            "metric": "order_defect_rate",
            "fail": {"ge": 0.01},
            "warn": {"ge": 0.0075},
        },
        applies_to="account_metrics",
    )


def metrics_table():
    return table(
        "account_metrics",
        {"metric": "order_defect_rate", "marketplace": "US", "channel": "mfn", "window_days": 60,
         "value": 0.0075, "numerator": 3, "denominator": 400},
        {"metric": "order_defect_rate", "marketplace": "DE", "channel": "mfn", "window_days": 60,
         "value": 0.0125, "numerator": 5, "denominator": 400},
        {"metric": "order_defect_rate", "marketplace": "UK", "channel": "mfn", "window_days": 60,
         "value": 0.002, "numerator": 1, "denominator": 500},
        {"metric": "order_defect_rate", "marketplace": "JP", "channel": "mfn", "window_days": 60,
         "value": 0.002},
    )  # fmt: skip


def test_each_rate_finding_carries_its_headroom_and_passing_metrics_are_listed():
    result = run(odr_rule(), metrics_table())
    by_market = {f["entity"]["marketplace"]: f for f in result.findings}
    assert set(by_market) == {"US", "DE"}
    us, de = by_market["US"]["headroom"], by_market["DE"]["headroom"]
    assert {k: us[k] for k in ("count", "unit", "direction")} == {
        "count": 0,
        "unit": "defective orders",
        "direction": "more_allowed",
    }
    assert us["text"] == (
        "No more defective orders allowed in this window; 1 more would put US ODR at 1% or over."
    )
    assert {k: de[k] for k in ("count", "direction", "bad", "allowed", "denominator")} == {
        "count": 2,
        "direction": "fewer_needed",
        "bad": 5,
        "allowed": 3,
        "denominator": 400,
    }
    assert de["text"] == "2 fewer defective orders needed to bring DE ODR back under 1%."
    listed = {h["entity"]["marketplace"]: h for h in result.headroom}
    assert set(listed) == {"US", "DE", "UK"}  # JP has no counts, so no headroom
    assert listed["UK"]["outcome"] == "pass"
    assert listed["UK"]["headroom"]["count"] == 3  # 4 defects of 500 stay under 1%
    assert listed["UK"]["detail"] == "60d"


def test_headroom_text_in_chinese():
    result = run(odr_rule(), metrics_table(), language="zh")
    de = next(f for f in result.findings if f["entity"]["marketplace"] == "DE")
    assert de["headroom"]["unit"] == "defective orders"  # the key stays English
    assert de["headroom"]["text"] == "需减少 2 个缺陷订单，DE 站点订单缺陷率才能降到 1% 以下。"


def test_non_rate_metrics_and_other_thresholds_have_no_headroom():
    ahr = make_rule(
        {"kind": "threshold", "metric": "account_health_rating", "fail": {"lt": 200}},
        applies_to="account_metrics",
    )
    rows = table(
        "account_metrics",
        {"metric": "account_health_rating", "marketplace": "US", "value": 150,
         "numerator": 1, "denominator": 2},
    )  # fmt: skip
    result = run(ahr, rows)
    assert result.findings and "headroom" not in result.findings[0]
    assert result.headroom == []

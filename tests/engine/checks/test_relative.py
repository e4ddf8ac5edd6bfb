"""Checks whose limit or value comes from other columns or rows: threshold_by,
relative_threshold and ratio."""

from __future__ import annotations

import pytest
from conftest import make_rule, run, table
from pydantic import ValidationError

from auditor.engine.registry import check_kinds


def term(search_term: str, acos: float | None, category: str | None = None) -> dict:
    return {
        "campaign": "SP - Test",
        "search_term": search_term,
        "acos": acos,
        "category": category,
        "sales_7d": 100,
    }


def by_term(result) -> dict:  # type: ignore[no-untyped-def]
    return {f["entity"]["search_term"]: f for f in result.findings}


# --- threshold_by ------------------------------------------------------------------------

ACOS = make_rule(
    {
        "kind": "threshold_by",
        "field": "acos",
        "by": "category",
        "op": "gt",
        "fail": {"electronics": 0.25, "home": 0.30, "default": 0.35},
        "warn": {"electronics": 0.20, "home": 0.25, "default": 0.30},
    },
    applies_to="ad_search_terms",
)


def test_the_limit_is_chosen_by_key_words_of_the_category() -> None:
    result = run(
        ACOS,
        table(
            "ad_search_terms",
            term("a", 0.27, "Consumer Electronics"),  # electronics: fail above 25%
            term("b", 0.27, "Home & Kitchen"),  # home: warn above 25%
            term("c", 0.27, "Toys & Games"),  # default: pass up to 30%
            term("d", 0.27, None),  # no category: the default
            term("e", None, "Electronics"),  # no value: unknown
            term("f", 0.27, "Homeopathy"),  # a whole word only: not home
        ),
    )
    found = by_term(result)
    assert {k: f["outcome"] for k, f in found.items()} == {
        "a": "fail",
        "b": "warn",
        "e": "unknown",
    }
    assert found["a"]["limit"] == 0.25 and found["a"]["evidence"]["limit_key"] == "electronics"
    assert found["b"]["evidence"]["warn_limit"] == 0.25
    assert result.counts["pass"] == 3


def test_the_first_matching_key_wins() -> None:
    rule = make_rule(
        {
            "kind": "threshold_by",
            "field": "acos",
            "by": "category",
            "op": "gt",
            "fail": {"home": 0.30, "electronics": 0.20, "default": 0.5},
        },
        applies_to="ad_search_terms",
    )
    result = run(rule, table("ad_search_terms", term("a", 0.25, "Home Electronics")))
    assert result.counts["pass"] == 1


def test_keyed_limits_need_a_default() -> None:
    params = check_kinds()["threshold_by"].params
    with pytest.raises(ValidationError, match="default"):
        params.model_validate(
            {
                "kind": "threshold_by",
                "field": "acos",
                "by": "category",
                "op": "gt",
                "fail": {"x": 1},
            }
        )


def test_a_rows_own_limit_replaces_the_keyed_one_where_it_has_one() -> None:
    rule = make_rule(
        {**ACOS.rule.check.model_dump(), "limit_field": "break_even_acos"},
        applies_to="ad_search_terms",
    )
    rows = [
        {**term("thin", 0.22, "Home"), "break_even_acos": 0.15},  # over its break-even
        {**term("rich", 0.22, "Home"), "break_even_acos": 0.40},  # under both: pass
        term("none", 0.22, "Home"),  # no break-even: the home target, pass
    ]
    found = by_term(run(rule, table("ad_search_terms", *rows)))
    assert {k: f["outcome"] for k, f in found.items()} == {"thin": "fail"}
    assert found["thin"]["limit"] == 0.15
    assert found["thin"]["evidence"]["limit_key"] == "break_even_acos"


def test_rows_short_of_the_minimum_counts_are_not_judged() -> None:
    rule = make_rule(
        {**ACOS.rule.check.model_dump(), "minimum": {"clicks": 10, "orders_7d": 2}},
        applies_to="ad_search_terms",
    )
    rows = [
        {**term("few", 0.60, "Home"), "clicks": 3, "orders_7d": 1},
        {**term("many", 0.60, "Home"), "clicks": 30, "orders_7d": 4},
    ]
    result = run(rule, table("ad_search_terms", *rows))
    assert list(by_term(result)) == ["many"]


# --- relative_threshold ------------------------------------------------------------------


def child(asin: str, share: float | None, marketplace: str = "US", **fields: object) -> dict:
    return {
        "asin": asin,
        "sessions": 500,
        "unit_session_share": share,
        "marketplace": marketplace,
        **fields,
    }


CONVERSION = make_rule(
    {
        "kind": "relative_threshold",
        "field": "unit_session_share",
        "group_by": ["marketplace"],
        "min_group": 3,
        "fail": {"lt": 0.5},
        "warn": {"lt": 0.75},
    },
    applies_to="sales_traffic",
)


def by_asin(result) -> dict:  # type: ignore[no-untyped-def]
    return {f["entity"]["asin"]: f for f in result.findings}


def test_each_row_is_held_against_the_median_of_its_group() -> None:
    rows = [
        child("B0000000U1", 0.10),
        child("B0000000U2", 0.12),
        child("B0000000U3", 0.08),
        child("B0000000U4", 0.03),  # US median 0.08: below half (0.04)
        child("B0000000U5", 0.05),  # below three quarters (0.06)
        child("B0000000D1", 0.02, "DE"),  # DE median 0.02: the group is its own yardstick
        child("B0000000D2", 0.02, "DE"),
        child("B0000000D3", 0.03, "DE"),
        child("B0000000D4", None, "DE"),
    ]
    found = by_asin(run(CONVERSION, table("sales_traffic", *rows)))
    assert {k: f["outcome"] for k, f in found.items()} == {
        "B0000000U4": "fail",
        "B0000000U5": "warn",
        "B0000000D4": "unknown",
    }
    assert found["B0000000U4"]["evidence"]["reference"] == pytest.approx(0.08)
    assert found["B0000000U4"]["evidence"]["group_size"] == 5
    assert found["B0000000U4"]["limit"] == pytest.approx(0.04)
    assert found["B0000000U5"]["evidence"]["warn_limit"] == pytest.approx(0.06)


def test_a_small_group_uses_the_fallback_or_passes() -> None:
    rows = [child("B0000000J1", 0.02, "JP"), child("B0000000J2", 0.12, "JP")]
    assert run(CONVERSION, table("sales_traffic", *rows)).counts["pass"] == 2
    fallback = make_rule(
        {
            "kind": "relative_threshold",
            "field": "unit_session_share",
            "group_by": ["marketplace"],
            "fallback": 0.10,
            "fail": {"lt": 0.5},
        },
        applies_to="sales_traffic",
    )
    found = by_asin(run(fallback, table("sales_traffic", *rows)))
    assert list(found) == ["B0000000J1"] and found["B0000000J1"]["limit"] == pytest.approx(0.05)


def test_without_group_by_every_row_is_one_group() -> None:
    rule = make_rule(
        {"kind": "relative_threshold", "field": "unit_session_share", "fail": {"lt": 0.5}},
        applies_to="sales_traffic",
    )
    rows = [
        child("B0000000U1", 0.10),
        child("B0000000D1", 0.10, "DE"),
        child("B0000000J1", 0.02, "JP"),
    ]
    assert list(by_asin(run(rule, table("sales_traffic", *rows)))) == ["B0000000J1"]


# --- ratio -------------------------------------------------------------------------------

COSTS = make_rule(
    {
        "kind": "ratio",
        "numerator": ["referral_fee", "fulfillment_fee"],
        "denominator": "price",
        "add": ["advertising_cost_share"],
        "fail": {"gt": 0.5},
        "warn": {"gt": 0.4},
    },
    applies_to="fba_fees",
)


def fee(sku: str, price: float | None, share: float | None) -> dict:
    return {
        "sku": sku,
        "price": price,
        "referral_fee": 1.5,
        "fulfillment_fee": 3.0,
        "advertising_cost_share": share,
    }


def test_fees_and_advertising_as_a_share_of_the_price() -> None:
    rows = [
        fee("CHEAP", 9.99, 0.10),  # 4.5/9.99 + 0.10 = 55%: fail
        fee("MID", 11.99, 0.05),  # 37.5% + 5% = 42.5%: warn
        fee("DEAR", 29.99, 0.05),  # 15% + 5%: pass
        fee("NO-ADS", 29.99, None),  # a blank part: unknown
        fee("NO-PRICE", 0, 0.05),  # no price to divide by: unknown
    ]
    result = run(COSTS, table("fba_fees", *rows))
    found = {f["entity"]["sku"]: f for f in result.findings}
    assert {k: f["outcome"] for k, f in found.items()} == {
        "CHEAP": "fail",
        "MID": "warn",
        "NO-ADS": "unknown",
        "NO-PRICE": "unknown",
    }
    assert found["CHEAP"]["observed"] == pytest.approx(4.5 / 9.99 + 0.10)
    assert found["CHEAP"]["evidence"]["amount"] == pytest.approx(5.50, abs=0.01)
    assert "advertising_cost_share" in found["NO-ADS"]["missing"]


def test_optional_amounts_count_where_present_and_never_make_a_row_unknown() -> None:
    rule = make_rule(
        {**COSTS.rule.check.model_dump(exclude_none=True), "optional": ["other_fees"]},
        applies_to="fba_fees",
    )
    rows = [
        {**fee("BOOK", 19.99, 0.05), "other_fees": 1.80},  # (4.5 + 1.8) / 19.99 + 5% = 36.5%
        fee("MUG", 19.99, 0.05),  # 4.5 / 19.99 + 5% = 27.5%: pass
    ]
    result = run(rule, table("fba_fees", *rows))
    assert result.counts["pass"] == 2
    strict = make_rule(
        {
            **COSTS.rule.check.model_dump(exclude_none=True),
            "optional": ["other_fees"],
            "warn": {"gt": 0.3},
        },
        applies_to="fba_fees",
    )
    found = {f["entity"]["sku"]: f for f in run(strict, table("fba_fees", *rows)).findings}
    assert list(found) == ["BOOK"]
    assert found["BOOK"]["observed"] == pytest.approx(6.3 / 19.99 + 0.05)

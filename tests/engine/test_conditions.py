"""`when` conditions as three-valued masks: true (checked), false (skipped), unknown."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest
from conftest import make_rule, outcomes, run, table

from auditor.engine.conditions import condition_mask

NA = None  # how an undecidable row reads in the expected masks

# Four listings; VX-BLANK-01 has nothing but its SKU, so every comparison on it is undecidable.
CATALOGUE = table(
    "listings",
    {
        "sku": "VX-SPK-01",
        "asin": "B0CXV1SPK1",
        "marketplace": "DE",
        "title": "Voltix Bluetooth Speaker, IPX7 Waterproof, 24H Playtime",
        "brand": "Voltix",
        "price": 39.99,
        "quantity": 120,
        "for_children": False,
        "is_electrical": True,
    },
    {
        "sku": "VX-TOY-01",
        "asin": "B0CXV1TOY1",
        "marketplace": "US",
        "title": "Voltix Kids Karaoke Microphone Toy with Lights",
        "brand": "voltix",
        "price": 19.99,
        "quantity": 0,
        "for_children": True,
        "minimum_age": 3,
        "is_electrical": True,
    },
    {
        "sku": "KB-BAG-01",
        "asin": "B0KBBAG001",
        "marketplace": "JP",
        "title": "Kobaru Wholesale Tote Bag 10-Pack",
        "brand": "Kobaru",
        "price": 5,
        "quantity": 40,
        "for_children": False,
        "is_electrical": False,
    },
    {"sku": "VX-BLANK-01", "marketplace": "UK"},
)


def tri(result: pd.Series) -> list[bool | None]:
    return [None if pd.isna(v) else bool(v) for v in result]


def mask(when: dict[str, Any], tab=CATALOGUE) -> list[bool | None]:
    """The condition as a pack would write it, evaluated over the listings in `tab`."""
    condition = make_rule({"kind": "required", "fields": "sku"}, when=when).rule.when
    return tri(condition_mask(condition, tab.frame))


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        ({"field": "marketplace", "eq": "DE"}, [True, False, False, False]),
        ({"field": "marketplace", "ne": "DE"}, [False, True, True, True]),
        ({"field": "marketplace", "in": ["DE", "UK", "JP"]}, [True, False, True, True]),
        ({"field": "marketplace", "not_in": ["DE", "UK"]}, [False, True, True, False]),
        ({"field": "brand", "eq": "Voltix"}, [True, False, False, NA]),  # eq is exact
        ({"field": "brand", "ne": "Voltix"}, [False, True, True, NA]),
        ({"field": "brand", "in": ["Voltix", "voltix"]}, [True, True, False, NA]),
        ({"field": "brand", "not_in": ["Kobaru"]}, [True, True, False, NA]),
    ],
)
def test_equality_and_membership(when, expected):
    assert mask(when) == expected


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        ({"field": "price", "gt": 19.99}, [True, False, False, NA]),
        ({"field": "price", "ge": 19.99}, [True, True, False, NA]),
        ({"field": "price", "lt": 19.99}, [False, False, True, NA]),
        ({"field": "price", "le": 19.99}, [False, True, True, NA]),
        ({"field": "price", "eq": 5}, [False, False, True, NA]),
        ({"field": "price", "eq": "5"}, [False, False, True, NA]),  # a number written as text
        ({"field": "quantity", "eq": 0}, [False, True, False, NA]),
        ({"field": "quantity", "in": [0, 40]}, [False, True, True, NA]),
        ({"field": "quantity", "gt": 0}, [True, False, True, NA]),
        ({"field": "minimum_age", "lt": 14}, [NA, True, NA, NA]),
    ],
)
def test_numeric_comparisons(when, expected):
    assert mask(when) == expected


DOCUMENTS = table(
    "documents",
    {"document_type": "cpc", "identifier": "CPC-1", "expires_on": "2026-12-31"},
    {"document_type": "cpc", "identifier": "CPC-2", "expires_on": "2027-06-30"},
    {"document_type": "epr_de_packaging", "identifier": "DE4711234567890"},
)


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        ({"field": "expires_on", "gt": "2026-12-31"}, [False, True, NA]),
        ({"field": "expires_on", "ge": "2026-12-31"}, [True, True, NA]),
        ({"field": "expires_on", "lt": "2027-01-01"}, [True, False, NA]),
        ({"field": "expires_on", "le": "2026-12-30"}, [False, False, NA]),
    ],
)
def test_date_comparisons(when, expected):
    condition = make_rule({"kind": "expiry"}, applies_to="documents", when=when).rule.when

    assert tri(condition_mask(condition, DOCUMENTS.frame)) == expected


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        ({"field": "title", "regex": r"^Voltix .*Speaker"}, [True, False, False, NA]),
        (
            {"field": "title", "regex": r"^voltix"},
            [False, False, False, NA],
        ),  # regex is case-sensitive
        ({"field": "title", "regex": r"\d+-Pack"}, [False, False, True, NA]),
        ({"field": "title", "contains_any": ["bluetooth", "karaoke"]}, [True, True, False, NA]),
        ({"field": "title", "contains_any": ["TOY"]}, [False, True, False, NA]),  # any case
        (
            {"field": "title", "contains_any": ["sale"]},
            [False, False, False, NA],
        ),  # not in 'Wholesale'
        (
            {"field": "title", "contains_any": ["speak"]},
            [False, False, False, NA],
        ),  # whole words only
        ({"field": "title", "contains_any": ["10-pack"]}, [False, False, True, NA]),
    ],
)
def test_text_matching(when, expected):
    assert mask(when) == expected


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        ({"field": "title", "exists": True}, [True, True, True, False]),
        ({"field": "title", "exists": False}, [False, False, False, True]),
        ({"field": "minimum_age", "exists": True}, [False, True, False, False]),
        ({"field": "for_children", "exists": True}, [True, True, True, False]),  # False is a value
    ],
)
def test_exists_is_always_decided(when, expected):
    assert mask(when) == expected


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        ({"field": "for_children", "eq": True}, [False, True, False, NA]),
        ({"field": "for_children", "eq": False}, [True, False, True, NA]),
        ({"field": "for_children", "eq": "yes"}, [False, True, False, NA]),
        ({"field": "for_children", "ne": True}, [True, False, True, NA]),
        ({"field": "is_electrical", "in": [True]}, [True, True, False, NA]),
    ],
)
def test_booleans(when, expected):
    assert mask(when) == expected


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        # all: false wins over unknown; any: true wins over unknown; not: unknown stays unknown
        (
            {"all": [{"field": "marketplace", "eq": "US"}, {"field": "for_children", "eq": True}]},
            [False, True, False, False],
        ),
        (
            {"all": [{"field": "marketplace", "eq": "UK"}, {"field": "for_children", "eq": True}]},
            [False, False, False, NA],
        ),
        (
            {"any": [{"field": "marketplace", "eq": "UK"}, {"field": "for_children", "eq": True}]},
            [False, True, False, True],
        ),
        (
            {"any": [{"field": "marketplace", "eq": "DE"}, {"field": "price", "lt": 10}]},
            [True, False, True, NA],
        ),
        ({"not": {"field": "for_children", "eq": True}}, [True, False, True, NA]),
        ({"not": {"field": "title", "exists": True}}, [False, False, False, True]),
        (
            {
                "all": [
                    {"field": "is_electrical", "eq": True},
                    {"not": {"field": "marketplace", "in": ["US", "JP"]}},
                    {"any": [{"field": "price", "gt": 30}, {"field": "brand", "eq": "Kobaru"}]},
                ]
            },
            [True, False, False, NA],
        ),
    ],
)
def test_all_any_not_follow_kleene_logic(when, expected):
    assert mask(when) == expected


def test_no_condition_checks_every_row():
    assert tri(condition_mask(None, CATALOGUE.frame)) == [True] * 4


# --- through a rule ----------------------------------------------------------------------

CPC_WHEN = {"all": [{"field": "marketplace", "eq": "US"}, {"field": "for_children", "eq": True}]}


def test_a_blank_condition_field_makes_the_rule_unknown_naming_the_field():
    rule = make_rule(
        {"kind": "required", "fields": "brand"}, when={"field": "for_children", "eq": True}
    )
    listings = table(
        "listings",
        {"sku": "VX-TOY-01", "for_children": True},  # in scope, no brand: fail
        {"sku": "VX-SPK-01", "for_children": False},  # out of scope
        {"sku": "VX-MIC-01", "brand": "Voltix"},  # for_children blank: cannot decide
    )

    result = run(rule, listings)

    assert outcomes(result) == [("VX-TOY-01", None, "fail"), ("VX-MIC-01", None, "unknown")]
    unknown = result.findings[1]
    assert unknown["missing"] == ["for_children"]
    assert unknown["message"] == (
        "Cannot decide: for_children is missing."
        " Fill the for_children column for this SKU in the products register."
    )
    assert result.counts == {"pass": 0, "fail": 1, "warn": 0, "unknown": 1}


def test_undecided_message_in_chinese():
    rule = make_rule({"kind": "required", "fields": "brand"}, when={"field": "price", "gt": 100})
    result = run(rule, table("listings", {"sku": "VX-SPK-01", "brand": "Voltix"}), language="zh")

    assert result.findings[0]["message"] == "缺少判定所需的字段：price，无法判断是否合规。"


def test_only_the_blank_fields_are_named():
    rule = make_rule({"kind": "required", "fields": "brand"}, when=CPC_WHEN)
    listings = table("listings", {"sku": "VX-MIC-01", "marketplace": "US"})

    [finding] = run(rule, listings).findings

    assert (finding["outcome"], finding["missing"]) == ("unknown", ["for_children"])


def test_exists_on_a_blank_field_decides_the_rule():
    rule = make_rule(
        {"kind": "required", "fields": "title"}, when={"field": "brand", "exists": False}
    )
    listings = table("listings", {"sku": "VX-SPK-01"}, {"sku": "VX-SPK-02", "brand": "Voltix"})

    result = run(rule, listings)

    assert outcomes(result) == [("VX-SPK-01", None, "fail")]
    assert result.counts["unknown"] == 0


def test_a_field_decided_by_exists_is_not_named_missing():
    rule = make_rule(
        {"kind": "required", "fields": "title"},
        when={"all": [{"field": "brand", "exists": False}, {"field": "price", "gt": 10}]},
    )

    [finding] = run(rule, table("listings", {"sku": "VX-SPK-01"})).findings

    assert (finding["outcome"], finding["missing"]) == ("unknown", ["price"])


def test_contains_any_finds_a_chinese_term_in_chinese_text():
    listings = table("listings", {"sku": "VX-SPK-01", "title": "便携式蓝牙音箱防水"})

    assert mask({"field": "title", "contains_any": ["蓝牙"]}, listings) == [True]


# --- columns no input carries, and blanks that mean "none" --------------------------------


def rows_without(tab, *columns: str, blank_means_none=frozenset()):
    """The catalogue as if no input carried `columns` at all (say, no products register)."""
    from auditor.engine.conditions import Rows

    return Rows(
        tab.frame,
        lambda c: np.full(len(tab.frame), c not in columns, dtype=bool),
        frozenset(blank_means_none),
    )


def scope(when: dict[str, Any], rows) -> list[bool | None]:
    condition = make_rule({"kind": "required", "fields": "sku"}, when=when).rule.when
    return tri(condition_mask(condition, rows))


def test_every_comparison_on_a_column_no_input_carries_is_unknown_exists_included():
    rows = rows_without(CATALOGUE, "gated_category")

    assert scope({"field": "gated_category", "exists": False}, rows) == [NA] * 4
    assert scope({"field": "gated_category", "in": ["grocery"]}, rows) == [NA] * 4


def test_if_absent_is_the_rule_authors_decision_for_a_column_no_input_carries():
    # GPSR covers every consumer product unless it is known to be food.
    gpsr = {"not": {"field": "gated_category", "in": ["grocery", "wine"], "if_absent": False}}

    assert scope(gpsr, rows_without(CATALOGUE, "gated_category")) == [True] * 4


def test_all_is_false_when_any_part_is_false_even_beside_an_unknown():
    when = {
        "all": [{"field": "marketplace", "eq": "DE"}, {"field": "gated_category", "exists": True}]
    }

    assert scope(when, rows_without(CATALOGUE, "gated_category")) == [NA, False, False, False]


def test_a_blank_that_means_none_is_a_decided_absence():
    rows = rows_without(CATALOGUE, blank_means_none={"gated_category"})

    assert scope({"field": "gated_category", "exists": False}, rows) == [True] * 4
    assert scope({"field": "gated_category", "in": ["grocery"]}, rows) == [False] * 4
    assert scope({"field": "gated_category", "not_in": ["grocery"]}, rows) == [True] * 4


def test_a_blank_fact_stays_unknown_where_its_column_is_carried():
    # The products register has a for_children column, but says nothing for VX-BLANK-01.
    assert scope({"field": "for_children", "eq": True}, rows_without(CATALOGUE)) == [
        False,
        True,
        False,
        NA,
    ]


def test_all_and_any_give_kleenes_masks_while_they_stop_looking_at_settled_rows():
    # The pattern runs only where the earlier parts leave the row open, yet each mask is
    # what Kleene's and/or of the parts evaluated on every row gives.
    claims = {"field": "title", "regex": "(?i)karaoke|tote"}
    undecided = {"field": "minimum_age", "ge": 3}  # blank for three of the four listings
    for parts in (
        [{"field": "marketplace", "eq": "US"}, claims],
        [{"field": "marketplace", "ne": "JP"}, undecided, claims],
        [undecided, {"field": "brand", "exists": False}, claims],
    ):
        evaluated = [
            condition_mask(
                make_rule({"kind": "required", "fields": "sku"}, when=p).rule.when, CATALOGUE.frame
            )
            for p in parts
        ]
        kleene_all, kleene_any = evaluated[0], evaluated[0]
        for m in evaluated[1:]:
            kleene_all, kleene_any = kleene_all & m, kleene_any | m
        assert mask({"all": parts}) == tri(kleene_all)
        assert mask({"any": parts}) == tri(kleene_any)
        assert mask({"not": {"any": parts}}) == tri(~kleene_any)

"""Evaluation of rules over canonical tables: outcomes, applicability, counts, findings."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd
import pytest
from conftest import AS_OF, make_rule, outcomes, run, table

from auditor.api import word_runs
from auditor.engine.evaluate import evaluate, fingerprint, native
from auditor.engine.registry import check_kinds
from auditor.model.common import Language
from auditor.model.tables import CanonicalTable
from auditor.outputs.wording import not_applicable_text


def listing(sku: str = "VX-SPK-01", **fields: object) -> dict:
    return {"sku": sku, "asin": "B0CXV1SPK1", "brand": "Voltix", "marketplace": "US", **fields}


def metric(name: str, marketplace: str = "US", channel: str = "mfn", **fields: object) -> dict:
    return {"metric": name, "marketplace": marketplace, "channel": channel, **fields}


BULLETS = [f"bullet_point{i}" for i in range(1, 6)]
FIVE_BULLETS = dict(
    zip(
        BULLETS,
        [
            "LOUD SOUND: 20W",
            "IPX7 WATERPROOF",
            "24H PLAYTIME",
            "PAIR TWO SPEAKERS",
            "IN THE BOX: cable, strap",
        ],
        strict=True,
    )
)

# --- every check kind: pass, fail (or warn) and unknown where the kind has one -----------

# kind -> (check, applies_to, records, register tables, expected counts)
KINDS: dict[str, tuple[dict[str, Any], str, list[dict], dict[str, list[dict]], dict[str, int]]] = {
    "threshold_by": (
        {
            "kind": "threshold_by",
            "field": "acos",
            "by": "category",
            "op": "gt",
            "fail": {"electronics": 0.25, "default": 0.30},
            "warn": {"electronics": 0.20, "default": 0.25},
        },
        "ad_search_terms",
        [
            {"campaign": "A", "acos": 0.18, "category": "Electronics"},
            {"campaign": "B", "acos": 0.27, "category": "Electronics"},
            {"campaign": "C", "acos": 0.27, "category": "Toys"},
            {"campaign": "D", "category": "Toys"},
        ],
        {},
        {"pass": 1, "fail": 1, "warn": 1, "unknown": 1},
    ),
    "relative_threshold": (
        {
            "kind": "relative_threshold",
            "field": "unit_session_share",
            "group_by": ["marketplace"],
            "fail": {"lt": 0.5},
            "warn": {"lt": 0.75},
        },
        "sales_traffic",
        [
            {"asin": "B0000000A1", "sessions": 500, "unit_session_share": 0.10},
            {"asin": "B0000000A2", "sessions": 500, "unit_session_share": 0.10},
            {"asin": "B0000000A3", "sessions": 500, "unit_session_share": 0.02},
            {"asin": "B0000000A4", "sessions": 500, "unit_session_share": 0.05},
            {"asin": "B0000000A5", "sessions": 500},
        ],
        {},
        {"pass": 2, "fail": 1, "warn": 1, "unknown": 1},
    ),
    # One entity per product: its latest row, judged against its earlier rows.
    "series_reference": (
        {"kind": "series_reference", "field": "price", "fail": {"gt": 1.5}, "warn": {"gt": 1.3}},
        "prices",
        [
            *(
                {"sku": sku, "date": date, "price": 10.0}
                for sku in ("A", "B", "C")
                for date in ("2026-10-01", "2026-10-15", "2026-11-01")
            ),
            {"sku": "A", "date": "2026-11-26", "price": 10.5},
            {"sku": "B", "date": "2026-11-26", "price": 13.5},
            {"sku": "C", "date": "2026-11-26", "price": 20.0},
            {"sku": "D", "date": "2026-11-26", "price": 20.0},  # nothing earlier
            {"sku": "A", "date": "2026-12-01", "price": 99.0},  # after the audit date
        ],
        {},
        {"pass": 1, "fail": 1, "warn": 1, "unknown": 1},
    ),
    "ratio": (
        {
            "kind": "ratio",
            "numerator": ["referral_fee", "fulfillment_fee"],
            "denominator": "price",
            "add": ["advertising_cost_share"],
            "fail": {"gt": 0.5},
            "warn": {"gt": 0.4},
        },
        "fba_fees",
        [
            {
                "sku": "A",
                "price": 30,
                "referral_fee": 4.5,
                "fulfillment_fee": 4,
                "advertising_cost_share": 0.05,
            },
            {
                "sku": "B",
                "price": 10,
                "referral_fee": 1.5,
                "fulfillment_fee": 3.5,
                "advertising_cost_share": 0.05,
            },
            {
                "sku": "C",
                "price": 20,
                "referral_fee": 3,
                "fulfillment_fee": 4,
                "advertising_cost_share": 0.08,
            },
            {"sku": "D", "price": 20, "referral_fee": 3, "fulfillment_fee": 4},
        ],
        {},
        {"pass": 1, "fail": 1, "warn": 1, "unknown": 1},
    ),
    "threshold": (
        {
            "kind": "threshold",
            "metric": "order_defect_rate",
            "fail": {"ge": 0.01},
            "warn": {"ge": 0.0075},
        },
        "account_metrics",
        [
            metric("order_defect_rate", value=0.004),
            metric("order_defect_rate", "DE", value=0.012),
            metric("order_defect_rate", "UK", value="0.8%"),
            metric("order_defect_rate", "JP"),
        ],
        {},
        {"pass": 1, "fail": 1, "warn": 1, "unknown": 1},
    ),
    "range": (
        {"kind": "range", "field": "price", "min": 0.01, "max": 10000},
        "listings",
        [listing("A", price=39.99), listing("B", price=0), listing("C")],
        {},
        {"pass": 1, "fail": 1, "warn": 0, "unknown": 1},
    ),
    "length": (
        {"kind": "length", "fields": "title", "fail": {"gt": 200}, "warn": {"gt": 150}},
        "listings",
        [
            listing("A", title="Voltix Speaker"),
            listing("B", title="x" * 201),
            listing("C", title="x" * 151),
            listing("D"),
        ],
        {},
        {"pass": 1, "fail": 1, "warn": 1, "unknown": 1},
    ),
    "field_count": (
        {"kind": "field_count", "fields": BULLETS, "fail": {"lt": 3}, "warn": {"lt": 5}},
        "listings",
        [
            listing("A", **FIVE_BULLETS),
            listing("B"),
            listing("C", bullet_point1="a", bullet_point2="b", bullet_point3="c"),
        ],
        {},
        {"pass": 1, "fail": 1, "warn": 1, "unknown": 0},
    ),
    "required": (
        {"kind": "required", "fields": "brand"},
        "listings",
        [listing("A"), listing("B", brand=None)],
        {},
        {"pass": 1, "fail": 1, "warn": 0, "unknown": 0},
    ),
    # absent: a column naming a problem (a plan's contradiction of its notice) must be blank
    "absent": (
        {"kind": "absent", "fields": "brand"},
        "listings",
        [listing("A", brand=None), listing("B")],
        {},
        {"pass": 1, "fail": 1, "warn": 0, "unknown": 0},
    ),
    "in_set": (
        {"kind": "in_set", "field": "fulfillment_channel", "values": ["MFN", "AFN"]},
        "listings",
        [
            listing("A", fulfillment_channel="AFN"),
            listing("B", fulfillment_channel="FBM"),
            listing("C"),
        ],
        {},
        {"pass": 1, "fail": 1, "warn": 0, "unknown": 1},
    ),
    "gtin": (
        {"kind": "gtin"},
        "listings",
        [
            listing("A", product_id="036000291452"),
            listing("B", product_id="036000291453"),
            listing("C"),
        ],
        {},
        {"pass": 1, "fail": 1, "warn": 0, "unknown": 1},
    ),
    "gs1_prefix": (
        {"kind": "gs1_prefix"},
        "listings",
        [
            listing("A", product_id="850012341017", seller_gs1_prefixes="0850012"),
            listing("B", product_id="036000291452", seller_gs1_prefixes="0850012"),
            listing("C", product_id="036000291452", brand="Sonora"),
        ],
        {},
        {"pass": 1, "fail": 0, "warn": 1, "unknown": 1},
    ),
    "forbidden_chars": (
        {"kind": "forbidden_chars", "fields": "title", "chars": "!$?"},
        "listings",
        [
            listing("A", title="Voltix Speaker"),
            listing("B", title="Voltix Speaker!!!"),
            listing("C"),
        ],
        {},
        {"pass": 1, "fail": 1, "warn": 0, "unknown": 1},
    ),
    "regex": (
        {"kind": "regex", "fields": "description", "pattern": r"https?://"},
        "listings",
        [
            listing("A", description="Waterproof."),
            listing("B", description="See https://voltix.example"),
            listing("C"),
        ],
        {},
        {"pass": 1, "fail": 1, "warn": 0, "unknown": 1},
    ),
    "forbidden_terms": (
        {"kind": "forbidden_terms", "fields": "title", "terms": ["sale"]},
        "listings",
        [
            listing("A", title="Wholesale Tote Bags"),
            listing("B", title="Tote Bag SALE"),
            listing("C"),
        ],
        {},
        {"pass": 1, "fail": 1, "warn": 0, "unknown": 1},
    ),
    "word_repetition": (
        {"kind": "word_repetition", "fields": "title"},
        "listings",
        [
            listing("A", title="Dog Bed for Dogs"),
            listing("B", title="Dog Bed Dog Mat Dog Toy"),
            listing("C"),
        ],
        {},
        {"pass": 1, "fail": 1, "warn": 0, "unknown": 1},
    ),
    "letter_case": (
        {"kind": "letter_case", "fields": "title"},
        "listings",
        [
            listing("A", title="Voltix Portable Speaker"),
            listing("B", title="VOLTIX PORTABLE SPEAKER"),
            listing("C"),
        ],
        {},
        {"pass": 1, "fail": 1, "warn": 0, "unknown": 1},
    ),
    "all_of": (
        {
            "kind": "all_of",
            "checks": [
                {
                    "detail": "length",
                    "check": {
                        "kind": "length",
                        "fields": "title",
                        "fail": {"gt": 30},
                        "warn": {"gt": 20},
                    },
                },
                {
                    "detail": "chars",
                    "check": {
                        "kind": "forbidden_chars",
                        "fields": "title",
                        "chars": "!",
                        "blank": "pass",
                    },
                },
            ],
        },
        "listings",
        [
            listing("A", title="Voltix Speaker"),
            listing("B", title="Voltix Speaker!"),
            listing("C", title="Voltix Portable Speaker, Black"),
            listing("D"),
        ],
        {},
        {"pass": 1, "fail": 1, "warn": 1, "unknown": 1},
    ),
    "outcome_map": (
        {
            "kind": "outcome_map",
            "field": "severity",
            "outcomes": {"error": "fail", "warning": "warn"},
        },
        "listing_issues",
        [
            {"sku": "A", "code": "99022", "severity": "info"},
            {"sku": "B", "code": "90220", "severity": "error"},
            {"sku": "C", "code": "18027", "severity": "warning"},
            {"sku": "D", "code": "18028"},
        ],
        {},
        {"pass": 1, "fail": 1, "warn": 1, "unknown": 1},
    ),
    "document": (
        {"kind": "document", "document_type": "cpc"},
        "listings",
        [listing("A"), listing("B"), listing("C")],
        {
            "documents": [
                {"document_type": "cpc", "identifier": "CPC-A", "sku": "A"},
                {
                    "document_type": "cpc",
                    "identifier": "CPC-C",
                    "sku": "C",
                    "expires_on": "2026-12-01",
                },
            ]
        },
        {"pass": 1, "fail": 1, "warn": 1, "unknown": 0},
    ),
    "product_type_requirements": (
        {"kind": "product_type_requirements"},
        "listings",
        [
            listing(
                "A",
                product_type="LUGGAGE",
                product_type_definition="LUGGAGE/US/1",
                attributes={"manufacturer": [{"value": "Acme Travel"}]},
            ),
            listing(
                "B",
                product_type="LUGGAGE",
                product_type_definition="LUGGAGE/US/1",
                attributes={"item_name": [{"value": "Carry-On"}]},
            ),
            listing("C", product_type="BACKPACK", attributes={"item_name": [{"value": "Bag"}]}),
        ],
        {
            "product_type_definitions": [
                {
                    "product_type": "LUGGAGE",
                    "marketplace": "US",
                    "key": "LUGGAGE/US/1",
                    "definition": {"type": "object", "required": ["manufacturer"]},
                }
            ]
        },
        {"pass": 1, "fail": 1, "warn": 0, "unknown": 1},
    ),
    "approval": (
        {"kind": "approval"},
        "listings",
        [listing("A", gated_category="grocery"), listing("B", gated_category="watches")],
        {"approvals": [{"category": "grocery", "status": "approved"}]},
        {"pass": 1, "fail": 1, "warn": 0, "unknown": 0},
    ),
    "expiry": (
        {"kind": "expiry", "warn_days": 60},
        "documents",
        [
            {"document_type": "cpc", "identifier": "CPC-A", "expires_on": "2028-01-01"},
            {"document_type": "cpc", "identifier": "CPC-B", "expires_on": "2026-01-01"},
            {"document_type": "cpc", "identifier": "CPC-C", "expires_on": "2027-01-01"},
        ],
        {},
        {"pass": 1, "fail": 1, "warn": 1, "unknown": 0},
    ),
    "identifier_format": (
        {"kind": "identifier_format"},
        "documents",
        [
            {"document_type": "epr_de_packaging", "identifier": "DE4702819365120"},
            {"document_type": "epr_de_packaging", "identifier": "DE47028193"},
            {"document_type": "epr_fr_packaging", "identifier": "FR112233"},  # unconfirmed format
            {"document_type": "epr_de_weee"},
        ],
        {},
        {"pass": 1, "fail": 1, "warn": 1, "unknown": 1},
    ),
    "unanswered": (
        {
            "kind": "unanswered",
            "since": "date",
            "answer": "response",
            "fail_days": 7,
            "warn_days": 2,
        },
        "feedback",
        [
            {"date": "2026-11-01", "rating": 1, "order_id": "A", "response": "Sorry"},
            {"date": "2026-11-10", "rating": 1, "order_id": "B"},
            {"date": "2026-11-24", "rating": 2, "order_id": "C"},
        ],
        {},
        {"pass": 1, "fail": 1, "warn": 1, "unknown": 0},
    ),
    "window_share": (
        {
            "kind": "window_share",
            "date_field": "return_date",
            "part": {"field": "reason", "in": ["DEFECTIVE"]},
            "group_by": ["sku"],
            "fail": {"ge": 0.5},
        },
        "returns",
        [
            {"return_date": "2026-11-20", "sku": "A", "reason": "DEFECTIVE"},
            {"return_date": "2026-11-20", "sku": "B", "reason": "UNWANTED_ITEM"},
            {"return_date": "2026-11-20", "sku": "C"},
        ],
        {},
        {"pass": 1, "fail": 1, "warn": 0, "unknown": 1},
    ),
}


def test_every_registered_kind_is_exercised_here():
    assert set(KINDS) == set(check_kinds())


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_kind_decides_pass_fail_and_unknown(kind):
    check, applies_to, records, registers, expected = KINDS[kind]
    rule = make_rule(check, applies_to=applies_to)
    tables = [
        table(applies_to, *records),
        *(table(name, *rows) for name, rows in registers.items()),
    ]

    result = run(rule, *tables)

    assert result.not_applicable is None
    assert result.counts == expected
    non_passing = sum(n for outcome, n in expected.items() if outcome != "pass")
    assert len(result.findings) == non_passing
    assert all(f["outcome"] != "pass" for f in result.findings)


# --- not applicable ----------------------------------------------------------------------

TITLE_RULE = make_rule({"kind": "length", "fields": "title", "fail": {"gt": 200}})
LISTINGS = table("listings", listing(title="Voltix Speaker"))


def test_absent_table_makes_a_rule_not_applicable():
    rule = make_rule(
        {"kind": "threshold", "metric": "order_defect_rate", "fail": {"ge": 0.01}},
        applies_to="account_metrics",
    )

    result = run(rule, LISTINGS)

    assert result.not_applicable == {"code": "no_table", "table": "account_metrics"}
    assert result.findings == []
    assert result.counts == {"pass": 0, "fail": 0, "warn": 0, "unknown": 0}


def test_empty_table_makes_a_rule_not_applicable():
    empty = CanonicalTable("listings", LISTINGS.frame.iloc[0:0], LISTINGS.provided)

    assert run(TITLE_RULE, empty).not_applicable == {"code": "no_table", "table": "listings"}


def test_a_checked_column_the_input_does_not_carry_is_noted_as_not_checked():
    # An inventory flat file: SKU, price and quantity, but no search terms.
    rule = make_rule(
        {"kind": "length", "fields": "search_terms", "unit": "bytes", "fail": {"gt": 249}}
    )
    provided = frozenset({"sku", "asin", "marketplace", "price", "quantity"})
    inventory = CanonicalTable(
        "listings", table("listings", listing(price=39.99, quantity=5)).frame, provided
    )

    result = run(rule, inventory)

    assert result.not_applicable is None  # in scope: not checked is not "does not apply"
    assert result.findings == []  # one note, not a finding per listing
    assert [(n["fields"], n["entities"]) for n in result.not_checked] == [(["search_terms"], 1)]
    assert result.counts == {"pass": 0, "fail": 0, "warn": 0, "unknown": 0}


def test_a_provided_but_blank_column_is_unknown_not_inapplicable():
    rule = make_rule(
        {"kind": "length", "fields": "search_terms", "unit": "bytes", "fail": {"gt": 249}}
    )

    result = run(rule, table("listings", listing()))

    assert result.not_applicable is None
    assert outcomes(result) == [("VX-SPK-01", None, "unknown")]


@pytest.mark.parametrize(
    ("check", "register"),
    [
        ({"kind": "document", "document_type": "cpc"}, "documents"),
        ({"kind": "approval"}, "approvals"),
    ],
)
def test_an_absent_register_leaves_the_entities_in_scope_unknown(check, register):
    result = run(make_rule(check), table("listings", listing(gated_category="grocery")))

    assert result.not_applicable is None
    assert outcomes(result) == [("VX-SPK-01", None, "unknown")]
    assert result.findings[0]["missing"] == [f"{register} register"]
    assert f"no {register} register among the inputs" in result.findings[0]["message"]


@pytest.mark.parametrize(
    ("window", "reason"),
    [
        (
            {"effective_from": "2027-01-01"},
            "not in effect on 2026-11-27 (in effect 2027-01-01 to …)",
        ),
        (
            {"effective_until": "2026-11-26"},
            "not in effect on 2026-11-27 (in effect … to 2026-11-26)",
        ),
        (
            {"effective_from": "2025-01-21", "effective_until": "2025-12-31"},
            "not in effect on 2026-11-27 (in effect 2025-01-21 to 2025-12-31)",
        ),
    ],
)
def test_a_rule_out_of_effect_is_not_applicable(window, reason):
    rule = make_rule({"kind": "length", "fields": "title", "fail": {"gt": 75}}, **window)

    result = run(rule, table("listings", listing(title="x" * 100)))

    assert result.not_applicable == {"code": "not_in_effect", **window}
    assert not_applicable_text(result.not_applicable, "2026-11-27", "en") == reason
    assert result.findings == []


def test_why_a_rule_did_not_apply_is_worded_in_the_reports_language():
    empty = table("listings")

    why = run(TITLE_RULE, empty).not_applicable

    assert not_applicable_text(why, "2026-11-27", "en") == "no listings in the inputs"
    assert not_applicable_text(why, "2026-11-27", "zh") == "输入文件中没有 listings 数据"


@pytest.mark.parametrize(
    "window",
    [
        {"effective_from": "2026-11-27"},  # both ends are inclusive
        {"effective_until": "2026-11-27"},
        {"effective_from": "2026-07-27", "effective_until": "2027-07-27"},
    ],
)
def test_a_rule_in_effect_is_evaluated(window):
    rule = make_rule({"kind": "length", "fields": "title", "fail": {"gt": 75}}, **window)

    result = run(rule, table("listings", listing(title="x" * 100)))

    assert outcomes(result) == [("VX-SPK-01", None, "fail")]


def test_the_same_rule_is_in_effect_depending_on_as_of():
    rule = make_rule(
        {"kind": "length", "fields": "title", "fail": {"gt": 75}}, effective_from="2026-07-27"
    )
    listings = table("listings", listing(title="x" * 100))

    assert run(rule, listings, as_of=dt.date(2026, 7, 26)).not_applicable is not None
    assert run(rule, listings, as_of=dt.date(2026, 7, 27)).counts["fail"] == 1


def test_no_row_matching_the_condition_is_not_applicable():
    rule = make_rule(
        {"kind": "document", "document_type": "epr_de_packaging"},
        when={"field": "marketplace", "eq": "DE"},
    )

    result = run(
        rule,
        table("listings", listing(marketplace="US"), listing(marketplace="JP")),
        table("documents"),
    )

    assert result.not_applicable == {"code": "no_matching_rows", "table": "listings"}


def test_no_row_of_the_metric_is_not_applicable():
    rule = make_rule(
        {"kind": "threshold", "metric": "chargeback_rate", "fail": {"gt": 0.005}},
        applies_to="account_metrics",
    )

    result = run(rule, table("account_metrics", metric("order_defect_rate", value=0.004)))

    assert result.not_applicable == {"code": "no_matching_rows", "table": "account_metrics"}


def test_a_condition_column_no_input_carries_leaves_the_scope_unknown_naming_its_source():
    rule = make_rule(
        {"kind": "document", "document_type": "cpc"},
        when={"all": [{"field": "marketplace", "eq": "US"}, {"field": "for_children", "eq": True}]},
    )
    listings = table("listings", listing())
    without_products = CanonicalTable(
        "listings", listings.frame, listings.provided - {"for_children"}
    )

    result = run(rule, without_products, table("documents"))

    assert result.not_applicable is None
    assert outcomes(result) == [("VX-SPK-01", None, "unknown")]
    assert result.findings[0]["missing"] == ["for_children"]
    assert result.findings[0]["message"] == (
        "Cannot decide: no input has for_children "
        "(it comes from the products register column for_children)."
    )


def test_a_scope_decided_false_on_a_present_column_is_not_applicable():
    rule = make_rule(
        {"kind": "document", "document_type": "cpc"},
        when={"all": [{"field": "marketplace", "eq": "US"}, {"field": "for_children", "eq": True}]},
    )

    result = run(rule, table("listings", listing(for_children=False)), table("documents"))

    assert result.not_applicable == {"code": "no_matching_rows", "table": "listings"}


# --- counts ------------------------------------------------------------------------------


def test_counts_one_evaluation_per_entity_at_its_worst_detail():
    rule = make_rule(
        {"kind": "length", "fields": BULLETS[:3], "fail": {"lt": 10}, "warn": {"lt": 20}}
    )
    ok = "IPX7 WATERPROOF: survives a drop in the pool"
    listings = table(
        "listings",
        listing("VX-SPK-01", bullet_point1="Tiny", bullet_point3=ok),  # fail + unknown + pass
        listing(
            "VX-SPK-02", bullet_point1="Loud and clear", bullet_point3=ok
        ),  # warn + unknown + pass
        listing("VX-SPK-03", bullet_point1=ok, bullet_point3=ok),  # pass + unknown + pass
        listing("VX-SPK-04", bullet_point1=ok, bullet_point2=ok, bullet_point3=ok),  # all pass
    )

    result = run(rule, listings)

    assert result.counts == {"pass": 1, "fail": 1, "warn": 1, "unknown": 1}
    assert len(result.findings) == 5


def test_undecided_rows_count_once_as_unknown():
    rule = make_rule(
        {"kind": "length", "fields": BULLETS, "fail": {"gt": 255}},
        when={"field": "price", "gt": 20},
    )
    listings = table(
        "listings",
        listing("VX-SPK-01", price=39.99, **FIVE_BULLETS),
        listing("VX-SPK-02", **FIVE_BULLETS),
    )

    result = run(rule, listings)

    assert result.counts == {"pass": 1, "fail": 0, "warn": 0, "unknown": 1}
    assert outcomes(result) == [("VX-SPK-02", None, "unknown")]


def test_evaluate_returns_one_run_per_rule_in_order():
    rules = [
        TITLE_RULE,
        make_rule({"kind": "approval"}),
        make_rule({"kind": "required", "fields": "brand"}),
    ]

    runs = evaluate(rules, {"listings": LISTINGS}, AS_OF)

    assert [r.packed for r in runs] == rules
    # The approval rule has no approvals register to look in: unknown, not "not applicable".
    assert [r.not_applicable is None for r in runs] == [True, True, True]


# --- findings ----------------------------------------------------------------------------


def test_a_finding_carries_the_rule_entity_and_source_row():
    rule = make_rule(
        {"kind": "required", "fields": "brand"},
        id="LST-019",
        name="brand-present",
        severity="medium",
    )
    listings = table(
        "listings",
        listing("VX-SPK-01"),
        listing("VX-SPK-02", brand=None, title="Voltix Speaker", marketplace="DE"),
    )

    [finding] = run(rule, listings).findings

    assert finding["rule_id"] == "LST-019"
    assert finding["rule_name"] == "brand-present"
    assert finding["severity"] == "medium"
    assert finding["area"] == "listing"
    assert finding["entity"] == {
        "type": "listing",
        "sku": "VX-SPK-02",
        "asin": "B0CXV1SPK1",
        "marketplace": "DE",
        "title": "Voltix Speaker",
    }
    assert finding["evidence"]["source"] == {"file": "<records>", "row": 2}
    assert finding["missing"] == []


def test_account_findings_carry_the_metric_facts_as_evidence():
    rule = make_rule(
        {"kind": "threshold", "metric": "order_defect_rate", "fail": {"ge": 0.01}},
        applies_to="account_metrics",
    )
    metrics = table(
        "account_metrics",
        metric(
            "order_defect_rate",
            channel="afn",
            value=0.012,
            numerator=12,
            denominator=1000,
            window_days=60,
            period_start="2026-09-28",
            period_end="2026-11-26",
        ),
    )

    [finding] = run(rule, metrics).findings

    assert finding["entity"] == {
        "type": "account",
        "marketplace": "US",
        "channel": "afn",
        "subject": None,
        "category": None,
    }
    assert finding["detail"] == "60d"
    evidence = {k: v for k, v in finding["evidence"].items() if k != "source"}
    assert evidence == {
        "metric": "order_defect_rate",
        "window_days": 60,
        "numerator": 12,
        "denominator": 1000,
        "period_start": "2026-09-28",
        "period_end": "2026-11-26",
    }


# --- fingerprints ------------------------------------------------------------------------

BULLET_LENGTH = make_rule(
    {"kind": "length", "fields": BULLETS, "fail": {"lt": 10}, "blank": "pass"},
    id="LST-008",
    name="bullet-length",
)


def fingerprints(rule, *rows: dict, **kwargs) -> list[str]:
    return [f["fingerprint"] for f in run(rule, table("listings", *rows), **kwargs).findings]


def test_two_bullets_failing_one_rule_have_different_fingerprints():
    first, second = fingerprints(
        BULLET_LENGTH, listing(bullet_point1="Great", bullet_point2="Loud")
    )

    assert first != second


def test_fingerprint_is_stable_across_runs_row_order_and_language():
    short = listing("VX-SPK-01", bullet_point1="Great")
    other = listing("VX-SPK-02", bullet_point1="LONG BATTERY LIFE: 24 hours")

    once = fingerprints(BULLET_LENGTH, short, other)
    again = fingerprints(BULLET_LENGTH, short, other)
    moved = fingerprints(BULLET_LENGTH, other, other | {"sku": "VX-SPK-03"}, short)  # now row 3
    chinese = fingerprints(BULLET_LENGTH, short, language="zh")

    assert once == again == moved == chinese
    # Pinned: reports and history compare fingerprints across versions of the tool.
    assert once == ["69c032cc9fc67372"]


def test_fingerprint_ignores_the_message_text():
    reworded = make_rule(
        {"kind": "length", "fields": BULLETS, "fail": {"lt": 10}, "blank": "pass"},
        id="LST-008",
        name="bullet-length",
        message={
            "en": "Bullet {field} is only {value} characters.",
            "zh": "五点描述 {field} 只有 {value} 个字符。",
        },
    )
    row = listing(bullet_point1="Great")

    [before] = run(BULLET_LENGTH, table("listings", row)).findings
    [after] = run(reworded, table("listings", row)).findings

    assert before["message"] != after["message"]
    assert before["fingerprint"] == after["fingerprint"]


@pytest.mark.parametrize(
    "change",
    [{"sku": "VX-SPK-02"}, {"asin": "B0CXV1SPK2"}, {"marketplace": "DE"}],
)
def test_fingerprint_changes_with_the_entity_key(change):
    row = listing(bullet_point1="Great")

    [original] = fingerprints(BULLET_LENGTH, row)
    [changed] = fingerprints(BULLET_LENGTH, row | change)

    assert original != changed


def test_fingerprint_changes_with_the_rule():
    other_rule = make_rule(
        {"kind": "length", "fields": BULLETS, "fail": {"lt": 10}, "blank": "pass"}, id="LST-009"
    )
    row = listing(bullet_point1="Great")

    assert fingerprints(BULLET_LENGTH, row) != fingerprints(other_rule, row)


def test_fingerprint_is_the_rule_entity_key_and_detail():
    assert (
        fingerprint("LST-008", ["VX-SPK-01", "B0CXV1SPK1", "US"], "bullet_point1")
        == "69c032cc9fc67372"
    )
    assert fingerprint("LST-019", ["VX-SPK-01", None, "US"], None) == fingerprint(
        "LST-019", ["VX-SPK-01", "", "US"], ""
    )


def test_findings_of_one_run_never_share_a_fingerprint():
    rule = make_rule(
        {"kind": "threshold", "fail": {"gt": 0}},
        applies_to="account_metrics",
        when={"field": "metric", "in": ["ip_complaints", "authenticity_complaints"]},
    )
    metrics = table(
        "account_metrics",
        metric("ip_complaints", window_days=180, value=2),
        metric("authenticity_complaints", window_days=180, value=1),
    )

    first, second = run(rule, metrics).findings

    assert first["fingerprint"] != second["fingerprint"]


# --- messages ----------------------------------------------------------------------------

ODR = make_rule(
    {"kind": "threshold", "metric": "order_defect_rate", "fail": {"ge": 0.01}},
    applies_to="account_metrics",
    message={
        "en": "Order Defect Rate {value:.2%} ({numerator} of {denominator} orders) against a limit below {limit:.0%}.",
        "zh": "订单缺陷率为 {value:.2%}（{denominator} 个订单中有 {numerator} 个缺陷订单），亚马逊要求低于 {limit:.0%}。",
    },
)
ODR_ROW = metric("order_defect_rate", value=0.012, numerator=12, denominator=1000)


def test_message_applies_format_specs():
    [finding] = run(ODR, table("account_metrics", ODR_ROW)).findings

    assert (
        finding["message"]
        == "Order Defect Rate 1.20% (12 of 1000 orders) against a limit below 1%."
    )


def test_message_in_chinese():
    [finding] = run(ODR, table("account_metrics", ODR_ROW), language="zh").findings

    assert (
        finding["message"]
        == "订单缺陷率为 1.20%（1000 个订单中有 12 个缺陷订单），亚马逊要求低于 1%。"
    )


def test_blank_placeholders_render_as_a_dash():
    [finding] = run(ODR, table("account_metrics", metric("order_defect_rate", value=0.02))).findings

    assert finding["message"] == "Order Defect Rate 2.00% (— of — orders) against a limit below 1%."


def test_a_number_format_on_text_never_crashes():
    rule = make_rule(
        {"kind": "in_set", "field": "value_text", "values": ["NORMAL"]},
        applies_to="account_metrics",
        when={"field": "metric", "eq": "account_status"},
        message={
            "en": "Status {value:.2%} in {marketplace:>4}, limit {limit:.1f}.",
            "zh": "状态 {value:,d}。",
        },
    )
    metrics = table("account_metrics", metric("account_status", "DE", value_text="AT_RISK"))

    assert run(rule, metrics).findings[0]["message"] == "Status AT_RISK in   DE, limit NORMAL."
    assert run(rule, metrics, language="zh").findings[0]["message"] == "状态 AT_RISK。"


def test_each_finding_gets_its_own_values_when_many_share_a_message():
    rule = make_rule(
        {"kind": "threshold", "field": "image_count", "fail": {"lt": 1}, "warn": {"lt": 6}},
        message={"en": "{sku} has {value} image(s).", "zh": "{sku}：{value} 张"},
    )
    listings = table(
        "listings",
        listing("VX-1", image_count=1),
        listing("VX-2", image_count=1),
        listing("VX-3", image_count=2),
        listing("VX-4", image_count=0),
    )

    assert [f["message"] for f in run(rule, listings).findings] == [
        "VX-1 has 1 image(s).",
        "VX-2 has 1 image(s).",
        "VX-3 has 2 image(s).",
        "VX-4 has 0 image(s).",
    ]


def test_a_message_without_per_listing_placeholders_is_the_same_for_each():
    rule = make_rule(
        {"kind": "threshold", "field": "image_count", "fail": {"lt": 1}, "warn": {"lt": 6}},
        message={"en": "Only {value} image(s).", "zh": "只有 {value} 张图片。"},
    )
    listings = table("listings", *(listing(f"VX-{i}", image_count=i % 2 + 1) for i in range(4)))

    assert [f["message"] for f in run(rule, listings, language="zh").findings] == [
        "只有 1 张图片。",
        "只有 2 张图片。",
        "只有 1 张图片。",
        "只有 2 张图片。",
    ]


@pytest.mark.parametrize(
    ("cell", "plain"),
    [
        (np.int64(12), 12),
        (np.float64(0.25), 0.25),
        (1000.0, 1000),
        (float("nan"), None),
        (pd.NA, None),
        (pd.NaT, None),
        (pd.Timestamp("2026-11-27"), "2026-11-27"),
        (dt.date(2027, 1, 10), "2027-01-10"),
        (np.True_, True),
        ("036000291452", "036000291452"),
    ],
)
def test_native_turns_cells_into_json_data(cell, plain):
    value = native(cell)

    assert value == plain
    assert type(value) is type(plain)


def test_the_engine_emits_codes_and_values_and_the_edge_words_them():
    [result] = evaluate([ODR], {"account_metrics": table("account_metrics", ODR_ROW)}, AS_OF)
    [finding] = result.findings

    assert finding["message"] is None  # no sentence below outputs, in any language
    assert (finding["observed"], finding["limit"], finding["evidence"]["numerator"]) == (
        0.012,
        0.01,
        12,
    )
    word_runs([result], Language.zh)
    assert finding["message"].startswith("订单缺陷率为 1.20%")
    word_runs([result], Language.en)
    assert finding["message"].startswith("Order Defect Rate 1.20%")


def test_an_undecided_scope_over_fields_the_input_cannot_carry_is_not_checked():
    # LST-015's shape: image sizes where there is a main image; a canonical file has neither.
    rule = make_rule(
        {"kind": "threshold", "field": ["main_image_width"], "fail": {"lt": 1000}},
        when={"field": "main_image_url", "exists": True},
    )
    listings = table("listings", listing(), listing("HN-BOT-750"))
    catalogue = CanonicalTable(
        "listings",
        listings.frame,
        listings.provided - {"main_image_url", "main_image_width"},
    )

    result = run(rule, catalogue)

    assert result.findings == []  # not an unknown per listing: nothing could be checked
    assert [(n["fields"], n["entities"]) for n in result.not_checked] == [(["main_image_width"], 2)]

"""all_of: several conditions in one rule, each part's findings labelled by its detail."""

from __future__ import annotations

import pytest
from conftest import make_rule, outcomes, run, table
from pydantic import ValidationError

from auditor.engine.registry import check_kinds

DESCRIPTION = {
    "kind": "all_of",
    "checks": [
        {
            "detail": "length",
            "check": {
                "kind": "length",
                "fields": "description",
                "fail": {"gt": 40},
                "blank": "pass",
            },
        },
        {
            "detail": "html",
            "check": {
                "kind": "regex",
                "fields": "description",
                "pattern": r"<(?!\s*/?\s*br\s*/?\s*>)[a-z!/?][^>]*>",
                "blank": "pass",
            },
        },
    ],
}
RULE = make_rule(DESCRIPTION, message={"en": "{detail}: {value}", "zh": "{detail}：{value}"})


def test_each_part_gives_its_own_finding_and_the_row_counts_once():
    result = run(
        RULE,
        table(
            "listings",
            {"sku": "VX-SPK-01", "description": "Short.<br>Clear.<br />Loud.</br>"},
            {
                "sku": "VX-SPK-02",
                "description": "<p>A <b>long</b> description of a small speaker.</p>",
            },
            {"sku": "VX-SPK-03", "description": "<i>Short</i>"},
            {"sku": "VX-SPK-04"},
        ),
    )

    assert outcomes(result) == [
        ("VX-SPK-02", "length", "fail"),
        ("VX-SPK-02", "html", "fail"),
        ("VX-SPK-03", "html", "fail"),
    ]
    assert result.counts == {"pass": 2, "fail": 2, "warn": 0, "unknown": 0}
    assert [f["message"] for f in result.findings] == ["length: 52", "html: <p>", "html: <i>"]
    assert len({f["fingerprint"] for f in result.findings}) == 3


def test_a_part_over_several_fields_labels_field_then_part():
    rule = make_rule(
        {
            "kind": "all_of",
            "checks": [
                {"detail": "emoji", "check": {"kind": "forbidden_chars", "fields": ["bullet_point1", "bullet_point2"], "emoji": True, "blank": "pass"}},
                {"detail": "asin", "check": {"kind": "regex", "fields": ["bullet_point1", "bullet_point2"], "pattern": "B0[0-9A-Z]{8}", "ignore_case": False, "blank": "pass"}},
            ],
        }
    )  # fmt: skip
    result = run(
        rule, table("listings", {"sku": "VX-SPK-01", "bullet_point2": "Fits case B0CXV1CASE 🎁"})
    )

    assert outcomes(result) == [
        ("VX-SPK-01", "bullet_point2:emoji", "fail"),
        ("VX-SPK-01", "bullet_point2:asin", "fail"),
    ]


def test_columns_are_the_union_of_the_parts():
    params = check_kinds()["all_of"].params.model_validate(
        {
            "kind": "all_of",
            "checks": [
                {"detail": "a", "check": {"kind": "required", "fields": ["brand", "price"]}},
                {"detail": "b", "check": {"kind": "length", "fields": "brand", "fail": {"gt": 50}}},
            ],
        }
    )

    assert params.columns() == ["brand", "price"]


def test_parts_round_trip_through_a_dump_as_an_override_does():
    params = RULE.rule.check
    dumped = params.model_dump(by_alias=True, exclude_none=True)

    assert dumped["checks"][0]["check"]["fail"] == {"gt": 40.0}
    assert check_kinds()["all_of"].params.model_validate(dumped) == params


@pytest.mark.parametrize(
    ("checks", "error"),
    [
        ([{"detail": "a", "check": {"kind": "required", "fields": "brand"}}], "at least 2"),
        (
            [
                {"detail": "a", "check": {"kind": "required", "fields": "brand"}},
                {"detail": "a", "check": {"kind": "required", "fields": "price"}},
            ],
            "repeat",
        ),
        (
            [
                {"detail": "a", "check": {"kind": "required", "fields": "brand"}},
                {"detail": "b", "check": {"kind": "nonsense"}},
            ],
            "unknown check kind",
        ),
        (
            [
                {"detail": "a", "check": {"kind": "required", "fields": "brand"}},
                {"detail": "b", "check": {"kind": "document", "document_type": "epr_de_packaging"}},
            ],
            "rule of its own",
        ),
        (
            [
                {"detail": "a", "check": {"kind": "required", "fields": "brand"}},
                {"detail": "b", "check": {"kind": "length", "fields": "brand"}},
            ],
            "fail",
        ),
    ],
)
def test_invalid_parts_are_refused(checks, error):
    with pytest.raises(ValidationError, match=error):
        check_kinds()["all_of"].params.model_validate({"kind": "all_of", "checks": checks})


def test_a_composite_offers_its_parts_placeholders_to_the_message():
    # LST-018 words both its parts with {reason}: a GTIN part's reason codes.
    params = check_kinds()["all_of"].params.model_validate(
        {
            "kind": "all_of",
            "checks": [
                {"detail": "check-digit", "check": {"kind": "gtin"}},
                {"detail": "gs1-prefix", "check": {"kind": "gs1_prefix"}},
            ],
        }
    )

    assert {"reason", "check_digit", "gs1_prefixes", "found"} <= set(params.message_placeholders())

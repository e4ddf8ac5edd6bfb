"""Checks on the presence and vocabulary of fields: required and in_set."""

from __future__ import annotations

import pytest
from conftest import make_rule, outcomes, run, table


def listing(sku: str = "VX-SPK-01", **fields: object) -> dict:
    return {"sku": sku, "asin": "B0CXV1SPK1", **fields}


def status(marketplace: str, value_text: str | None = None) -> dict:
    row = {"metric": "account_status", "marketplace": marketplace}
    return row | ({"value_text": value_text} if value_text is not None else {})


# --- required ----------------------------------------------------------------------------

BRAND = make_rule(
    {"kind": "required", "fields": "brand"},
    message={"en": "{field} is blank for {sku}.", "zh": "{sku} 的 {field} 为空。"},
)
ESSENTIALS = make_rule({"kind": "required", "fields": ["brand", "main_image_url", "price"]})


def test_blank_required_field_fails_never_unknown():
    result = run(
        BRAND,
        table(
            "listings",
            listing("VX-SPK-01", brand="Voltix"),
            listing("VX-SPK-02"),
            listing("VX-SPK-03", brand="   "),
        ),
    )

    assert outcomes(result) == [("VX-SPK-02", None, "fail"), ("VX-SPK-03", None, "fail")]
    assert result.counts == {"pass": 1, "fail": 2, "warn": 0, "unknown": 0}
    assert result.findings[0]["message"] == "brand is blank for VX-SPK-02."


def test_required_message_in_chinese():
    result = run(BRAND, table("listings", listing("VX-SPK-02")), language="zh")

    assert result.findings[0]["message"] == "VX-SPK-02 的 brand 为空。"


def test_several_required_fields_give_one_finding_per_blank_field():
    result = run(
        ESSENTIALS,
        table(
            "listings",
            listing(
                "VX-SPK-01",
                brand="Voltix",
                main_image_url="https://m.media-amazon.com/images/I/61a.jpg",
                price=39.99,
            ),
            listing("VX-SPK-02", brand="Voltix"),
        ),
    )

    assert outcomes(result) == [
        ("VX-SPK-02", "main_image_url", "fail"),
        ("VX-SPK-02", "price", "fail"),
    ]
    # one entity, counted once however many fields are blank
    assert result.counts == {"pass": 1, "fail": 1, "warn": 0, "unknown": 0}


def test_a_zero_price_is_present():
    result = run(
        ESSENTIALS,
        table("listings", listing(brand="Generic", main_image_url="https://x/y.jpg", price=0)),
    )

    assert result.findings == []


# --- in_set ------------------------------------------------------------------------------

ACCOUNT_STATUS = make_rule(
    {"kind": "in_set", "field": "value_text", "values": ["NORMAL"]},
    applies_to="account_metrics",
    when={"field": "metric", "eq": "account_status"},
    message={
        "en": "Account status in {marketplace} is {value}, not {limit}.",
        "zh": "{marketplace} 站点账户状态为 {value}。",
    },
)


@pytest.mark.parametrize("value", ["AT_RISK", "DEACTIVATED", "SUSPENDED"])
def test_status_outside_the_set_fails(value):
    result = run(ACCOUNT_STATUS, table("account_metrics", status("DE", value)))

    [finding] = result.findings
    assert (finding["outcome"], finding["observed"], finding["limit"]) == ("fail", value, "NORMAL")
    assert finding["message"] == f"Account status in DE is {value}, not NORMAL."


@pytest.mark.parametrize("value", ["NORMAL", "normal", "Normal"])
def test_in_set_ignores_case_by_default(value):
    result = run(ACCOUNT_STATUS, table("account_metrics", status("US", value)))

    assert result.counts == {"pass": 1, "fail": 0, "warn": 0, "unknown": 0}


def test_in_set_can_be_case_sensitive():
    rule = make_rule(
        {
            "kind": "in_set",
            "field": "currency",
            "values": ["USD", "CAD"],
            "ignore_case": False,
        }
    )
    result = run(
        rule,
        table(
            "listings",
            listing("VX-SPK-01", currency="USD"),
            listing("VX-SPK-02", currency="usd"),
            listing("VX-SPK-03", currency="EUR"),
        ),
    )

    assert outcomes(result) == [("VX-SPK-02", None, "fail"), ("VX-SPK-03", None, "fail")]
    assert result.findings[0]["limit"] == "USD, CAD"


def test_blank_value_is_unknown_naming_the_field():
    result = run(ACCOUNT_STATUS, table("account_metrics", status("US"), status("UK", "NORMAL")))

    [finding] = result.findings
    assert (finding["outcome"], finding["missing"]) == ("unknown", ["value_text"])
    assert finding["message"] == "Cannot decide: value_text is missing."
    assert result.counts == {"pass": 1, "fail": 0, "warn": 0, "unknown": 1}


def test_in_set_on_whole_numbers():
    rule = make_rule({"kind": "in_set", "field": "minimum_age", "values": [0, 3, 8, 14]})
    result = run(
        rule,
        table("listings", listing("VX-TOY-01", minimum_age=3), listing("VX-TOY-02", minimum_age=5)),
    )

    assert outcomes(result) == [("VX-TOY-02", None, "fail")]


def test_in_set_on_a_decimal_column():
    rule = make_rule(
        {"kind": "in_set", "field": "value", "values": [0]},
        applies_to="account_metrics",
        when={"field": "metric", "eq": "ip_complaints"},
    )
    result = run(
        rule,
        table(
            "account_metrics",
            {"metric": "ip_complaints", "marketplace": "US", "value": 0},
            {"metric": "ip_complaints", "marketplace": "DE", "value": 2},
        ),
    )

    assert [f["entity"]["marketplace"] for f in result.findings] == ["DE"]


# --- outcome_map -------------------------------------------------------------------------

ISSUES = make_rule(
    {"kind": "outcome_map", "field": "severity", "outcomes": {"ERROR": "fail", "warning": "warn"}},
    applies_to="listing_issues",
    message={"en": "{code}: {enforcement_actions}", "zh": "{code}：{enforcement_actions}"},
)


def issue(code: str, severity: str | None, **fields: object) -> dict:
    row = {"sku": "VX-SPK-01", "asin": "B0CXV1SPK1", "code": code, **fields}
    return row | ({"severity": severity} if severity else {})


def test_amazons_severity_becomes_the_outcome_one_finding_per_issue():
    result = run(
        ISSUES,
        table(
            "listing_issues",
            issue("90220", "error", enforcement_actions="LISTING_SUPPRESSED"),
            issue("18027", "warning"),
            issue("99022", "info"),
            issue("99023", None),
        ),
    )

    assert [(f["evidence"]["code"], f["outcome"]) for f in result.findings] == [
        ("90220", "fail"),
        ("18027", "warn"),
        ("99023", "unknown"),
    ]
    assert result.findings[0]["message"] == "90220: LISTING_SUPPRESSED"
    assert result.counts == {"pass": 1, "fail": 1, "warn": 1, "unknown": 1}


def test_unmapped_values_take_the_default():
    rule = make_rule(
        {
            "kind": "outcome_map",
            "field": "status",
            "outcomes": {"Active": "pass"},
            "default": "warn",
        }
    )
    result = run(
        rule, table("listings", listing("A", status="Active"), listing("B", status="Inactive"))
    )

    assert outcomes(result) == [("B", None, "warn")]

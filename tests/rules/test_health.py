"""The health pack on real input: Amazon's seller performance report and an Account Health CSV.

The report (`GET_V2_SELLER_PERFORMANCE_REPORT`) has a US entry built to break every
metric and a DE entry that meets every target; UK breaks only the invoice defect
rate. The CSV holds what no report carries (contact response time, return
dissatisfaction), as a seller copies it from the Account Health page.
See tests/data/rules/health/SOURCES.md.
"""

from __future__ import annotations

from typing import Any

import pytest
from conftest import AS_OF, DATA, Case, _audit_report, bundled_rule_ids, check_case

from auditor import api

REPORT = "rules/health/GET_V2_SELLER_PERFORMANCE_REPORT.json"
ACCOUNT_HEALTH = "rules/health/account-health.csv"
INPUTS = (REPORT, ACCOUNT_HEALTH)
#: FR, JP and IN: Amazon's status against the count, the stores outside the US and the EU
#: invoice rule, India's 30-day cancel window.
MORE_STORES = (REPORT, "rules/health/GET_V2_SELLER_PERFORMANCE_REPORT-fr-jp-in.json")
#: Valid tracking per category and the customer service dissatisfaction rate, as a seller
#: copies them from Account Health into the canonical table.
BY_CATEGORY = (REPORT, "rules/health/account-health-by-category.csv")
US, DE, UK = ({"marketplace": m} for m in ("US", "DE", "UK"))
FR, JP, IN = ({"marketplace": m} for m in ("FR", "JP", "IN"))


def case(
    rule_id: str,
    broken: dict[str, Any],
    clean: dict[str, Any],
    outcome: str = "fail",
    inputs: tuple[str, ...] = INPUTS,
) -> Case:
    return Case(rule_id, inputs=inputs, broken=broken, clean=clean, outcome=outcome)


CASES = [
    case("HLT-001", US | {"channel": "mfn"}, DE | {"channel": "mfn"}),
    case("HLT-002", US | {"window_days": 10}, DE | {"window_days": 10}),
    case("HLT-002", US | {"window_days": 30}, DE | {"window_days": 30}, "warn"),
    case("HLT-003", US, DE),
    case("HLT-004", US, DE),
    case(
        "HLT-005",
        US | {"metric": "unit_on_time_delivery_rate"},
        DE | {"metric": "on_time_delivery_rate"},
    ),
    case(
        "HLT-005",
        US | {"metric": "on_time_delivery_rate"},
        UK | {"metric": "on_time_delivery_rate"},
        "warn",
    ),
    case("HLT-006", US, DE),
    case("HLT-007", US, DE),
    case("HLT-008", US | {"metric": "ip_complaints"}, DE | {"metric": "ip_complaints"}),
    case("HLT-009", US, DE),
    case("HLT-010", US, DE),
    case("HLT-011", US, DE),
    case(
        "HLT-012",
        US | {"metric": "product_safety_complaints"},
        DE | {"metric": "product_safety_complaints"},
    ),
    case("HLT-012", US | {"metric": "food_safety_issues"}, DE | {"metric": "food_safety_issues"}),
    case("HLT-013", US, DE),
    case("HLT-014", US, DE),
    case("HLT-015", US, DE),
    case("HLT-016", UK, DE),
    case("HLT-017", US, DE),
    case("HLT-017", UK, DE, "warn"),
    case("HLT-018", US, DE),
    case("HLT-018", UK, DE, "unknown"),
    case("HLT-019", US, DE),
    case("HLT-020", FR, JP, inputs=MORE_STORES),
    case("HLT-021", US | {"subject": "spammingSellerMessaging"}, DE),
    case("HLT-022", US, DE, "warn", inputs=BY_CATEGORY),
    # Corrections of issue 17: each record below was judged wrongly before it.
    case("HLT-003", IN | {"window_days": 30}, DE, inputs=MORE_STORES),
    case(
        "HLT-004",
        UK | {"category": "Home & Kitchen"},
        UK | {"category": "Toys & Games"},
        inputs=BY_CATEGORY,
    ),
    case("HLT-005", FR | {"metric": "on_time_delivery_rate"}, DE, "warn", inputs=MORE_STORES),
    case("HLT-008", US | {"metric": "ip_complaints"}, FR, inputs=MORE_STORES),
    case("HLT-016", FR, JP, inputs=MORE_STORES),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_rule_fires_on_the_broken_record_and_passes_the_clean_one(case: Case) -> None:
    check_case(case)


def test_every_rule_of_the_pack_has_a_case() -> None:
    assert {c.rule_id for c in CASES} == bundled_rule_ids("health")


def _findings(rule_id: str, inputs: tuple[str, ...] = INPUTS, **match: Any) -> list[dict[str, Any]]:
    report = _audit_report(inputs, None)
    return [
        f
        for f in report["findings"]
        if f["rule_id"] == rule_id
        and all({**f["entity"], **f["evidence"]}.get(k) == v for k, v in match.items())
    ]


def test_a_finding_shows_amazons_target_beside_ours_and_keeps_it_as_evidence() -> None:
    [tracking] = _findings("HLT-004", marketplace="US")

    assert tracking["limit"] == 0.95
    assert tracking["message"].startswith(
        "Valid Tracking Rate 92.77% in US, category — (1308 of 1410 shipments, window: 30d) "
        "against a minimum of 95%; Amazon's target in the report: 95%."
    )
    evidence = tracking["evidence"]
    assert (evidence["target_value"], evidence["target_condition"]) == (0.95, "GREATER_THAN")
    assert (evidence["amazon_status"], evidence["target_differs"]) == ("BAD", False)


def test_amazons_target_that_differs_from_ours_is_flagged() -> None:
    [on_time] = _findings("HLT-005", marketplace="US", metric="on_time_delivery_rate")

    assert (on_time["outcome"], on_time["limit"]) == ("warn", 0.9)
    assert on_time["evidence"]["target_value"] == 0.97
    assert on_time["evidence"]["target_differs"] is True
    assert on_time["message"].endswith("Amazon's target in the report: 97%.")


def test_a_count_shows_amazons_zero_target() -> None:
    [complaints] = _findings("HLT-008", marketplace="US")

    assert complaints["message"].startswith(
        "Intellectual property complaints and suspected violations (ip_complaints) in US: 2 "
        "(window: 180d) against a target of 0; Amazon's target in the report: 0."
    )
    evidence = complaints["evidence"]
    assert (evidence["target_condition"], evidence["amazon_status"]) == ("EQUALS", "BAD")


def test_without_amazons_target_the_message_says_so_with_a_dash() -> None:
    [response] = _findings("HLT-017", marketplace="US")
    [returns] = _findings("HLT-018", marketplace="US")

    assert response["message"].endswith("against a minimum of 90%; Amazon's target: —.")
    assert "target_value" not in response["evidence"]
    assert returns["message"].endswith("against a limit below 10%; Amazon's target: 10%.")
    assert returns["evidence"]["target_value"] == 0.1


def test_messages_render_in_chinese_without_leftover_placeholders() -> None:
    options = api.Options.resolve(language="zh")
    options.as_of = AS_OF
    report = api.audit([DATA / i for i in INPUTS], options).report
    health = [f for f in report["findings"] if f["rule_id"].startswith("HLT-")]

    assert health and all("{" not in f["message"] for f in health)
    [tracking] = [f for f in health if f["rule_id"] == "HLT-004"]
    assert "有效追踪率为 92.77%" in tracking["message"]
    assert "报告中的亚马逊目标值：95%" in tracking["message"]


# --- issue 17: what each correction tells the seller ---------------------------------------


def test_valid_tracking_is_judged_per_category_and_says_the_requirement_is_per_category() -> None:
    [failing] = _findings("HLT-004", BY_CATEGORY, marketplace="UK", category="Home & Kitchen")
    [marketplace_wide] = _findings("HLT-004", BY_CATEGORY, marketplace="US")

    assert failing["outcome"] == "fail"
    assert failing["message"].startswith(
        "Valid Tracking Rate 91.20% in UK, category Home & Kitchen"
    )
    # The UK's own rate (99.2%) passes while one of its categories fails.
    assert not _findings("HLT-004", BY_CATEGORY, marketplace="UK", category=None)
    assert "in each product category" in marketplace_wide["message"]


def test_on_time_delivery_fails_in_the_us_and_only_warns_elsewhere() -> None:
    [us] = _findings("HLT-005", MORE_STORES, marketplace="US", metric="unit_on_time_delivery_rate")
    [fr] = _findings("HLT-005", MORE_STORES, marketplace="FR")

    assert (us["outcome"], us["severity"], us["limit"]) == ("fail", "high", 0.9)
    assert (fr["outcome"], fr["severity"], fr["limit"]) == ("warn", "low", 0.97)


def test_a_count_amazon_rates_good_passes_and_the_message_says_it_may_hold_resolved_cases() -> None:
    [us] = _findings("HLT-008", MORE_STORES, marketplace="US")

    assert not _findings("HLT-008", MORE_STORES, marketplace="FR")  # 1 complaint, status GOOD
    assert us["message"].endswith(
        "Counts cover the report's window and may include resolved cases; Amazon's status: BAD."
    )


def test_invoice_defect_rate_is_high_in_the_five_european_stores_and_absent_elsewhere() -> None:
    [fr] = _findings("HLT-016", MORE_STORES, marketplace="FR")

    assert (fr["outcome"], fr["severity"]) == ("fail", "high")
    assert "Amazon Business orders" in fr["message"]
    assert not _findings("HLT-016", MORE_STORES, marketplace="JP")  # 9.33%, not judged in JP


def test_cancel_rate_message_names_indias_window() -> None:
    [india] = _findings("HLT-003", MORE_STORES, marketplace="IN")

    assert india["message"].startswith("Pre-fulfilment Cancel Rate 2.20% (window: 30d)")
    assert india["limit"] == 0.02


def test_each_warning_state_is_a_finding_of_its_own() -> None:
    [messaging] = _findings("HLT-021", marketplace="US")

    assert messaging["entity"]["subject"] == "spammingSellerMessaging"
    assert messaging["message"] == (
        "Account Health warning spammingSellerMessaging in US: Amazon's status is BAD."
    )


def test_customer_service_dissatisfaction_only_warns() -> None:
    findings = _findings("HLT-022", BY_CATEGORY)

    assert [(f["entity"]["marketplace"], f["outcome"]) for f in findings] == [("US", "warn")]
    assert findings[0]["message"].endswith("no penalty for missing it.")

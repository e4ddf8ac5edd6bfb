"""The customer pack on real input: the seller feedback report and the FBA customer returns
report as the report API serves them, with the Business Report for orders and units sold.
See tests/data/rules/customer/SOURCES.md.
"""

from __future__ import annotations

from typing import Any

import pytest
from conftest import Case, _audit_report, bundled_rule_ids, cases_on, check_case

INPUTS = (
    "rules/customer/Feedback-US.txt",
    "rules/customer/FBA-Customer-Returns-US.txt",
    "rules/sales/BusinessReport-11-26-26.csv",
)


case = cases_on(INPUTS, "US")


CASES = [
    case("FBK-001", {"marketplace": "US", "detail": "30d"}, {"order_id": "113-1000000-0000004"}),
    case("FBK-002", {"order_id": "113-1000000-0000002"}, {"order_id": "113-1000000-0000003"}),
    case("FBK-003", {"order_id": "113-1000000-0000001"}, {"order_id": "113-1000000-0000004"}),
    case("RET-001", {"sku": "0003-CB"}, {"sku": "0001-BT"}),
    case("RET-001", {"sku": "ZZ-NEW-01"}, {"sku": "0001-BT"}, outcome="unknown"),
    case("RET-002", {"asin": "B0C8QW1L7Z"}, {"asin": "B0C7HJ2K4M"}),
    case("RET-003", {"order_id": "114-2000000-0000001"}, {"order_id": "114-2000000-0000003"}),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_rule_fires_on_the_broken_record_and_not_on_the_clean_one(case: Case) -> None:
    check_case(case)


def test_every_rule_of_the_pack_has_a_case() -> None:
    assert {c.rule_id for c in CASES} == bundled_rule_ids("customer")


def findings(rule_id: str) -> list[dict[str, Any]]:
    report = _audit_report(INPUTS, "US")
    return [f for f in report["findings"] if f["rule_id"] == rule_id]


def test_negative_feedback_is_counted_against_the_business_reports_orders() -> None:
    [found] = findings("FBK-001")
    assert found["observed"] == pytest.approx(3 / 185)
    assert (found["evidence"]["part"], found["evidence"]["total"]) == (3, 185)
    assert found["evidence"]["window_days"] == 30
    assert found["evidence"]["window_start"] == "2026-10-29"  # the 30 days to 2026-11-27


def test_one_return_rate_per_sku_with_units_weighed() -> None:
    rates = {f["entity"]["sku"]: f for f in findings("RET-001")}
    assert set(rates) == {"0003-CB", "ZZ-NEW-01"}  # 0001-BT passes: 2 of 112
    assert rates["0003-CB"]["observed"] == pytest.approx(3 / 9)
    assert rates["ZZ-NEW-01"]["missing"] == ["sales_traffic.units_ordered"]


def test_risk_words_name_what_was_found_in_each_comment() -> None:
    [feedback] = findings("FBK-003")
    [returned] = findings("RET-003")
    assert feedback["evidence"]["found"] == "counterfeit"
    assert returned["evidence"]["found"] == "melted, caught fire"


def test_without_a_business_report_the_rates_are_unknown_naming_it() -> None:
    report = _audit_report(INPUTS[:2], "US")
    rates = [f for f in report["findings"] if f["rule_id"] in ("FBK-001", "RET-001")]
    assert {f["outcome"] for f in rates} == {"unknown"}
    assert {m for f in rates for m in f["missing"]} == {
        "sales_traffic.order_items",
        "sales_traffic.units_ordered",
    }

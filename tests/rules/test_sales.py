"""The sales pack on real input: a Business Report (Detail Page Sales and Traffic by Child
Item) as Seller Central downloads it, with its B2B columns. See
tests/data/rules/sales/SOURCES.md.
"""

from __future__ import annotations

import pytest
from conftest import Case, _audit_report, bundled_rule_ids, cases_on, check_case

INPUTS = ("rules/sales/BusinessReport-11-26-26.csv",)


case = cases_on(INPUTS, "US")


CASES = [
    case("SAL-001", {"asin": "B0C8QW1L7Z"}, {"asin": "B0C7HJ2K4M"}),
    case("SAL-002", {"asin": "B0C7HJ2SUB"}, {"asin": "B0CXV1LAMP"}),
    case("SAL-003", {"asin": "B0C8QW1L7Z"}, {"asin": "B0CHN5MUG3"}),
    # The price history's days, where the Business Report's page views are not at hand.
    Case(
        "SAL-004",
        inputs=("rules/sales/price-history-US.csv",),
        broken={"sku": "VX-EAR-07"},
        clean={"sku": "VX-SPK-01"},
        marketplace="US",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_rule_fires_on_the_broken_record_and_not_on_the_clean_one(case: Case) -> None:
    check_case(case)


def test_every_rule_of_the_pack_has_a_case() -> None:
    assert {c.rule_id for c in CASES} == bundled_rule_ids("sales")


def test_conversion_is_compared_with_the_median_of_the_marketplace() -> None:
    report = _audit_report(INPUTS, "US")
    found = {f["entity"]["asin"]: f for f in report["findings"] if f["rule_id"] == "SAL-003"}
    # Listings with 100+ sessions: 6.08%, 6.11%, 6.81%, 2.20%, 0%: median 6.08%.
    assert found["B0C8QW1L7Z"]["evidence"]["reference"] == pytest.approx(0.0608)
    assert found["B0C8QW1L7Z"]["evidence"]["group_size"] == 5
    assert found["B0C8QW1L7Z"]["limit"] == pytest.approx(0.0304)
    assert set(found) == {"B0C8QW1L7Z", "B0C7HJ2SUB"}

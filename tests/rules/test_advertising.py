"""The advertising pack on real input: a Sponsored Products search term report (CSV as the
advertising console downloads it), the seller's campaigns and products registers, an FBA fee
preview and a Business Report (whose ordered product sales give the advertising share).
See tests/data/rules/advertising/SOURCES.md.
"""

from __future__ import annotations

from typing import Any

import pytest
from conftest import Case, _audit_report, bundled_rule_ids, cases_on, check_case

SEARCH_TERMS = "rules/advertising/Sponsored Products Search term report.csv"
INPUTS = (
    SEARCH_TERMS,
    "rules/advertising/ad_campaigns.csv",
    "rules/advertising/products.csv",
    "rules/advertising/fee-preview-US-11-26-2026.txt",
    "rules/sales/BusinessReport-11-26-26.csv",
)


case = cases_on(INPUTS, "US")


CASES = [
    case(
        "ADS-001",
        {"search_term": "waterproof bluetooth speaker"},
        {"search_term": "soundwave mini speaker"},
    ),
    case("ADS-002", {"search_term": "jbl charge 5"}, {"search_term": "speaker stand"}),
    case("ADS-003", {"sku": "0003-CB"}, {"sku": "HN-MUG-350"}),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_rule_fires_on_the_broken_record_and_not_on_the_clean_one(case: Case) -> None:
    check_case(case)


def test_every_rule_of_the_pack_has_a_case() -> None:
    assert {c.rule_id for c in CASES} == bundled_rule_ids("advertising")


def _findings(rule_id: str) -> list[dict[str, Any]]:
    report = _audit_report(INPUTS, "US")
    return [f for f in report["findings"] if f["rule_id"] == rule_id]


def test_wasted_spend_is_money_in_the_evidence_and_the_message() -> None:
    [finding] = _findings("ADS-002")
    assert finding["evidence"]["spend"] == 46.4
    assert finding["evidence"]["currency"] == "USD"
    assert "46.40 USD" in finding["message"]


def test_acos_targets_follow_the_campaign_category() -> None:
    [finding] = _findings("ADS-001")
    assert finding["evidence"]["category"] == "Electronics"
    assert finding["evidence"]["limit_key"] == "electronics"
    assert finding["limit"] == 0.25
    report = _audit_report(INPUTS, "US")
    [tally] = [r for r in report["summary"]["rules"] if r["rule_id"] == "ADS-001"]
    assert tally["outcomes"]["pass"] == 3  # the mug (home, 22%) and the cable pass too


def test_advertising_share_is_filled_from_the_two_reports() -> None:
    [finding] = _findings("ADS-003")
    spend = 118.72 + 81.60 + 46.40 + 5.13 + 43.98 + 10.79
    sales = 2798.88 + 2279.62 + 774.69 + 89.91
    assert finding["evidence"]["advertising_cost_share"] == pytest.approx(spend / sales)
    assert finding["evidence"]["amount"] == pytest.approx(4.55 + spend / sales * 9.99, abs=0.01)


BREAK_EVEN = (
    "rules/advertising/break-even/Sponsored Products Search term report.csv",
    "rules/advertising/break-even/ad_campaigns.csv",
    "rules/advertising/break-even/products.csv",
    "rules/advertising/fee-preview-US-11-26-2026.txt",
)


def test_a_known_unit_cost_makes_the_break_even_acos_the_target() -> None:
    report = _audit_report(BREAK_EVEN, "US")
    [finding] = [f for f in report["findings"] if f["rule_id"] == "ADS-001"]

    assert finding["entity"]["search_term"] == "stoneware coffee mug 12 oz"
    assert finding["outcome"] == "fail"  # 22% is under the home target of 30%
    assert finding["limit"] == pytest.approx((24.99 - 3.75 - 4.70 - 12.50) / 24.99, abs=1e-4)
    assert finding["evidence"]["limit_key"] == "break_even_acos"


def test_a_term_with_too_few_clicks_and_orders_is_not_judged() -> None:
    report = _audit_report(BREAK_EVEN, "US")
    judged = [f["entity"]["search_term"] for f in report["findings"] if f["rule_id"] == "ADS-001"]
    assert "sage green mug" not in judged  # 3 clicks, 1 order, ACoS 60%


def test_the_cost_structure_counts_every_fee_in_amazons_total() -> None:
    inputs = (
        "rules/advertising/fee-preview-US-12-01-2026.txt",
        SEARCH_TERMS,
        "rules/sales/BusinessReport-11-26-26.csv",
    )
    report = _audit_report(inputs, "US")
    [finding] = [f for f in report["findings"] if f["rule_id"] == "ADS-003"]
    share = finding["evidence"]["advertising_cost_share"]  # 306.62 / 5,943.10

    assert finding["entity"]["sku"] == "HN-BOOK-01"
    assert finding["evidence"]["other_fees"] == 1.80  # the variable closing fee
    assert finding["observed"] == pytest.approx(8.66 / 19.99 + share, abs=1e-3)  # 48.5%
    assert finding["outcome"] == "warn"
    assert finding["severity"] == "low"
    assert finding["message"].startswith("Heuristic:")

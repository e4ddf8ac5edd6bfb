"""The pricing pack on real input: the seller's own price history as a canonical CSV and
Keepa's export of one product. See tests/data/rules/pricing/SOURCES.md and
tests/data/keepa/SOURCES.md.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from conftest import DATA, Case, _audit_report, bundled_rule_ids, cases_on, check_case

from auditor import api

INPUTS = (
    "rules/pricing/price-history.csv",
    "keepa/B0CTRAVL01 Voyager Carry-On Suitcase.csv",
)


case = cases_on(INPUTS, "US")


CASES = [
    case("PRC-001", {"sku": "0003-CB"}, {"sku": "0001-BT"}),
    case("PRC-001", {"asin": "B0CTRAVL01"}, {"sku": "0002-BT"}),  # Keepa: the Buy Box price
    case("PRC-002", {"sku": "HN-MUG-350"}, {"sku": "0001-BT"}),
    case("PRC-003", {"sku": "0002-BT"}, {"sku": "0004-LP"}),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_rule_fires_on_the_broken_record_and_not_on_the_clean_one(case: Case) -> None:
    check_case(case)


def test_every_rule_of_the_pack_has_a_case() -> None:
    assert {c.rule_id for c in CASES} == bundled_rule_ids("pricing")


def findings(report: dict[str, Any], rule_id: str) -> dict[str, dict[str, Any]]:
    return {
        f["entity"]["sku"] or f["entity"]["asin"]: f
        for f in report["findings"]
        if f["rule_id"] == rule_id
    }


def test_a_spike_is_measured_against_the_median_of_the_days_before_it() -> None:
    found = findings(_audit_report(INPUTS, "US"), "PRC-001")["0003-CB"]

    assert found["observed"] == 25.99
    assert found["evidence"]["reference"] == 12.99  # 12 earlier weekly prices
    assert found["evidence"]["points"] == 12
    assert found["limit"] == pytest.approx(19.48)  # 150% of the median
    assert found["evidence"]["latest_date"] == "2026-11-26"


def test_the_list_price_is_held_to_the_highest_price_charged_in_90_days() -> None:
    found = findings(_audit_report(INPUTS, "US"), "PRC-002")["HN-MUG-350"]

    assert (found["observed"], found["evidence"]["reference"]) == (34.99, 17.99)
    # 0001-BT sold at its list price of 29.99 in September: it may show it.
    assert "0001-BT" not in findings(_audit_report(INPUTS, "US"), "PRC-002")


def test_keepa_does_not_say_who_holds_the_buy_box_so_the_gap_is_undecided() -> None:
    found = findings(_audit_report(INPUTS, "US"), "PRC-003")["B0CTRAVL01"]

    assert found["outcome"] == "unknown"
    assert found["missing"] == ["buy_box_seller_is_me"]


def test_windows_count_back_from_the_audit_date() -> None:
    """Audited on 2026-11-20, the spike of 2026-11-26 has not happened yet."""
    options = api.Options.resolve(None, marketplace="US")
    options.as_of = dt.date(2026, 11, 20)
    report = api.audit([DATA / i for i in INPUTS], options).report

    assert "0003-CB" not in findings(report, "PRC-001")
    assert "0002-BT" not in findings(report, "PRC-003")  # it still held the Buy Box


def test_an_old_history_is_unknown_and_says_why() -> None:
    options = api.Options.resolve(None, marketplace="US")
    options.as_of = dt.date(2027, 1, 15)
    report = api.audit([DATA / i for i in INPUTS], options).report

    found = findings(report, "PRC-001")["0001-BT"]
    assert found["outcome"] == "unknown"
    assert found["evidence"]["reason"] == "history_stale"
    assert "latest price is from 2026-11-26, 50 days before the audit date" in found["message"]

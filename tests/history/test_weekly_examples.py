"""The four weekly downloads in `examples/weekly/` tell the story their README tells.

The history tests (diff, trend, review) run over these snapshots and trust them: that
every file is read in full, and that each week's audit finds what the story says. A
drifting Order Defect Rate, a children's product certificate expiring between two
audits, a listing title fixed in week 3. These tests pin that down, so a change to a
reader or a rule that would quietly rewrite the story fails here first, with a message
naming the week.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO

from auditor.api import Options, advertising_metrics, audit
from auditor.ingest.assemble import read_inputs

WEEKLY = REPO / "examples" / "weekly"
WEEKS = ["2026-11-06", "2026-11-13", "2026-11-20", "2026-11-27"]
#: The next weekly audit after the last snapshot: what "expires before the next audit" means.
NEXT_AUDIT = dt.date(2026, 12, 4)

#: (defective orders, orders) of the seller-fulfilled ODR, and Amazon's rate, per week.
ODR_MFN = [(8, 1600, 0.005), (10, 1613, 0.0062), (12, 1622, 0.0074), (14, 1628, 0.0086)]
AHR = [320, 300, 280, 260]
EXPIRING_CPC = "CPC-LS-2024-027"  # LS-BLOCKS-01, expires 2026-11-18
NEXT_CPC = "CPC-LS-2024-033"  # LS-PUZZLE-24, expires 2026-12-02


@cache
def report(week: str) -> dict[str, Any]:
    """The week's audit, as `auditor audit examples/weekly/WEEK --as-of WEEK` makes it."""
    return audit([WEEKLY / week], Options(as_of=dt.date.fromisoformat(week))).report


def metric(week: str, name: str, channel: str | None = None, window: int | None = None) -> dict:
    rows = [
        m
        for m in report(week)["metrics"]
        if m["metric"] == name
        and m["marketplace"] == "US"
        and (channel is None or m.get("channel") == channel)
        and (window is None or m.get("window_days") == window)
    ]
    assert len(rows) == 1, f"{week}: {len(rows)} rows of {name} {channel or ''} {window or ''}"
    return rows[0]


def findings(week: str, rule_id: str, **entity: str) -> list[dict]:
    return [
        f
        for f in report(week)["findings"]
        if f["rule_id"] == rule_id and all(f["entity"].get(k) == v for k, v in entity.items())
    ]


def only(week: str, rule_id: str, **entity: str) -> dict:
    found = findings(week, rule_id, **entity)
    assert len(found) == 1, f"{week}: {rule_id} {entity}: {found}"
    return found[0]


@pytest.mark.parametrize("week", WEEKS)
def test_every_file_of_the_week_is_read_in_full(week):
    inputs = {
        Path(i["path"]).relative_to(week).as_posix(): i for i in report(week)["run"]["inputs"]
    }
    assert {path: i["format"] for path, i in inputs.items()} == {
        "account-health/GET_V2_SELLER_PERFORMANCE_REPORT.json": "sp-api-seller-performance",
        "listings/searchListingsItems-US.json": "listings-items-api",
        "advertising/Sponsored Products Search term report.csv": "search-term-report",
        "advertising/ad_campaigns.csv": "csv",
        "inventory/fba-dashboard.csv": "csv",
        "documents.csv": "csv",
        "products.csv": "csv",
    }
    for path, read in inputs.items():
        assert read["skipped"] is None, path
        assert read["rows_rejected"] == 0, (path, read["rejected"])
        assert read["warnings"] == [], (path, read["warnings"])
        assert read["rows_used"] == read["rows_read"] > 0, path
    assert inputs["listings/searchListingsItems-US.json"]["records"] == 8


@pytest.mark.parametrize(("week", "odr"), list(zip(WEEKS, ODR_MFN, strict=True)))
def test_the_seller_fulfilled_order_defect_rate_drifts_towards_its_limit(week, odr):
    defects, orders, rate = odr
    row = metric(week, "order_defect_rate", "mfn")
    assert (row["numerator"], row["denominator"], row["value"]) == (defects, orders, rate)
    assert round(defects / orders, 4) == rate
    # the 60-day window ends the day before the download, a week later each week
    end = dt.date.fromisoformat(week) - dt.timedelta(days=1)
    assert (row["window_days"], row["period_end"]) == (60, end.isoformat())
    # its parts add up: A-to-z claims, chargebacks and negative feedback
    parts = [
        metric(week, m, "mfn")["numerator"]
        for m in ("a_to_z_claim_rate", "chargeback_rate", "negative_feedback_rate")
    ]
    assert sum(parts) == defects
    # FBA orders stay at about 0.30%, far from the limit
    assert 0.0029 <= metric(week, "order_defect_rate", "afn")["value"] <= 0.003


def test_the_odr_passes_until_it_crosses_the_warn_band_in_week_four():
    assert [bool(findings(w, "HLT-001")) for w in WEEKS] == [False, False, False, True]
    warn = only(WEEKS[3], "HLT-001", channel="mfn")
    assert warn["outcome"] == "warn"
    assert "0.86% (14 of 1628 orders)" in warn["message"]


def test_the_account_health_rating_falls_but_never_reaches_the_warn_band():
    assert [metric(w, "account_health_rating")["value"] for w in WEEKS] == AHR
    assert not any(findings(w, "HLT-006") for w in WEEKS)


def test_the_late_shipment_rate_improves_a_little():
    rates = [metric(w, "late_shipment_rate", "mfn", window=30)["value"] for w in WEEKS]
    assert rates == sorted(rates, reverse=True)
    assert rates[0] - rates[-1] < 0.01
    assert not any(findings(w, "HLT-002") for w in WEEKS)


def test_the_earbuds_title_fails_in_weeks_one_and_two_and_is_fixed_from_week_three():
    for week in WEEKS[:2]:
        too_long = only(week, "LST-001", sku="VX-EAR-02")
        assert too_long["outcome"] == "fail"
        assert too_long["observed"] == 247
    for week in WEEKS[2:]:
        assert findings(week, "LST-001") == []
        assert findings(week, "LST-002", sku="VX-EAR-02") == []


def test_the_blocks_certificate_warns_before_it_expires_and_fails_after():
    outcomes = [
        [f["outcome"] for f in findings(w, "CMP-019", identifier=EXPIRING_CPC)] for w in WEEKS
    ]
    assert outcomes == [["warn"], ["warn"], ["fail"], ["fail"]]
    days_left = [
        only(w, "CMP-019", identifier=EXPIRING_CPC)["evidence"]["days_left"] for w in WEEKS
    ]
    assert days_left == [12, 5, -2, -9]
    # the listing it covers loses its certificate with it
    cpsia = [only(w, "CMP-009", sku="LS-BLOCKS-01")["outcome"] for w in WEEKS]
    assert cpsia == ["warn", "warn", "fail", "fail"]


def test_the_puzzle_certificate_is_still_valid_in_week_four_but_expires_before_the_next_audit():
    expiring = only(WEEKS[3], "CMP-019", identifier=NEXT_CPC)
    assert expiring["outcome"] == "warn"
    assert expiring["evidence"]["days_left"] == 5
    expires_on = dt.date.fromisoformat(expiring["evidence"]["expires_on"])
    assert dt.date.fromisoformat(WEEKS[3]) < expires_on < NEXT_AUDIT
    assert only(WEEKS[3], "CMP-009", sku="LS-PUZZLE-24")["outcome"] == "warn"


def test_the_unfinished_uflpa_pack_persists_under_one_fingerprint():
    missing = [only(w, "CMP-008", sku="HN-BOT-750") for w in WEEKS]
    assert {(f["outcome"], f["detail"]) for f in missing} == {
        ("fail", "uflpa_supplier_declaration")
    }
    assert len({f["fingerprint"] for f in missing}) == 1


def test_nothing_else_is_flagged():
    story = {"HLT-001", "LST-001", "LST-002", "CMP-008", "CMP-009", "CMP-019"}
    for week in WEEKS:
        assert {f["rule_id"] for f in report(week)["findings"]} <= story, week


def test_the_acos_creeps_up_under_the_warn_band_and_the_ipi_holds():
    acos = []
    for week in WEEKS:
        tables, _ = read_inputs([WEEKLY / week], None)
        (row,) = advertising_metrics(tables)
        acos.append(round(row["value"], 4))
    assert acos == [0.1501, 0.1598, 0.1709, 0.1798]
    assert not any(findings(w, "ADS-001") or findings(w, "ADS-002") for w in WEEKS)
    ipi = [metric(w, "inventory_performance_index")["value"] for w in WEEKS]
    assert all(450 <= v <= 500 for v in ipi)

"""What is new for a target: documents that expire before the store's next expected run,
which is as far off as the store's runs are usually apart."""

from __future__ import annotations

import datetime as dt

from auditor.alerts.news import expected_gap, expiring
from auditor.history.store import RunInfo


def run(as_of: str, key: int) -> RunInfo:
    return RunInfo(key, "acme-us", f"r{key}", dt.date.fromisoformat(as_of), 80.0, "at_risk",
                   "audit", "0.1.0")  # fmt: skip


def test_the_next_run_is_as_far_off_as_runs_usually_are():
    weekly = [
        run("2026-11-06", 1),
        run("2026-11-13", 2),
        run("2026-11-20", 3),
        run("2026-12-04", 4),
    ]
    assert expected_gap(weekly, dt.date(2026, 12, 4)) == dt.timedelta(days=7)  # median of 7, 7, 14
    monthly = [run("2026-09-01", 1), run("2026-10-01", 2), run("2026-11-01", 3)]
    assert expected_gap(monthly, dt.date(2026, 11, 1)) == dt.timedelta(days=31)


def test_a_new_store_expects_its_next_run_in_a_week():
    assert expected_gap([run("2026-12-01", 1)], dt.date(2026, 12, 1)) == dt.timedelta(days=7)
    # The same date audited twice is one date, not a gap of none.
    same_day = [run("2026-12-01", 1), run("2026-12-01", 2)]
    assert expected_gap(same_day, dt.date(2026, 12, 1)) == dt.timedelta(days=7)


def test_documents_expiring_after_the_run_and_by_the_next_one_are_news():
    register = [
        {"document_type": "ul_certification", "identifier": "E512345", "expires_on": "2026-12-08"},
        {"document_type": "cpc", "identifier": "CPC-1", "expires_on": "2026-12-09"},
        {"document_type": "epr_de_packaging", "identifier": "DE4702819365120", "expires_on": None},
        {"document_type": "gcc", "identifier": "GCC-7", "expires_on": "2026-12-01"},  # expired
        {"document_type": "sds", "identifier": "SDS-2", "expires_on": "2026-12-03"},
    ]

    found = expiring(register, dt.date(2026, 12, 1), dt.date(2026, 12, 8))

    assert [d["identifier"] for d in found] == ["SDS-2", "E512345"]

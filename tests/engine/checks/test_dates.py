"""Checks on dates relative to the audit date: expiry, and how long something waits for an answer."""

from __future__ import annotations

import pytest
from conftest import make_rule, run, table

# The audit date of these tests is 2026-11-27.
UNANSWERED = make_rule(
    {"kind": "unanswered", "since": "date", "answer": "response", "fail_days": 7, "warn_days": 2},
    applies_to="feedback",
)


def test_an_old_unanswered_row_fails_a_recent_one_warns_an_answered_one_passes() -> None:
    result = run(
        UNANSWERED,
        table(
            "feedback",
            {"date": "2026-11-10", "rating": 1, "order_id": "old"},
            {"date": "2026-11-24", "rating": 1, "order_id": "recent"},
            {"date": "2026-11-26", "rating": 1, "order_id": "new"},
            {"date": "2026-11-01", "rating": 1, "order_id": "answered", "response": "Sorry"},
        ),
    )
    found = {f["entity"]["order_id"]: f for f in result.findings}
    assert {k: f["outcome"] for k, f in found.items()} == {"old": "fail", "recent": "warn"}
    assert found["old"]["observed"] == 17
    assert found["old"]["evidence"]["days_open"] == 17
    assert result.counts["pass"] == 2


def documents(*rows: dict) -> object:
    return table("documents", *rows, marketplace=None)


@pytest.mark.parametrize(
    ("blank", "outcome"),
    [
        ("pass", None),  # a LUCID number does not expire: no finding
        ("unknown", "unknown"),  # a passport always does: its date is missing
    ],
)
def test_a_blank_date_passes_unless_the_rule_says_its_documents_always_expire(blank, outcome):
    rule = make_rule({"kind": "expiry", "blank": blank}, applies_to="documents")

    result = run(rule, documents({"document_type": "identity_document", "identifier": "E1"}))

    assert [f["outcome"] for f in result.findings] == ([outcome] if outcome else [])
    if outcome == "unknown":
        assert "expires_on" in result.findings[0]["message"]


def test_an_expired_and_an_expiring_document_fail_and_warn():
    rule = make_rule({"kind": "expiry", "warn_days": 60}, applies_to="documents")

    result = run(
        rule,
        documents(
            {"document_type": "business_licence", "identifier": "L1", "expires_on": "2026-11-02"},
            {"document_type": "identity_document", "identifier": "P1", "expires_on": "2027-01-20"},
            {"document_type": "identity_document", "identifier": "P2", "expires_on": "2031-05-31"},
        ),
    )

    found = {f["entity"]["identifier"]: f["outcome"] for f in result.findings}
    assert found == {"L1": "fail", "P1": "warn"}
    assert result.findings[0]["evidence"]["days_left"] == -25

"""unanswered: how long something that asks for an answer has waited, on the audit date."""

from __future__ import annotations

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

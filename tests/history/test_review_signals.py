"""The weekly review's buyer and price signals: open feedback, returns and pricing findings, now
and at the start of the period."""

from __future__ import annotations

from typing import Any

from auditor.history.review import signals
from auditor.history.store import StoredRun


def run(*findings: tuple[str, str, str, str, int]) -> StoredRun:
    """A stored run holding findings (rule, area, severity, outcome, suppressed)."""
    states: dict[str, Any] = {
        f"fp{i}": {"rule_id": r, "area": a, "severity": s, "outcome": o, "suppressed": x}
        for i, (r, a, s, o, x) in enumerate(findings)
    }
    return StoredRun(
        info=None,  # type: ignore[arg-type]
        areas={},
        findings=states,
        metrics=[],
        documents=[],
        listings=[],
        describe=lambda fingerprints: {},
    )


def test_open_signals_are_counted_per_rule_now_and_at_the_start():
    before = run(("FBK-003", "customer", "medium", "fail", 0))
    now = run(
        ("FBK-003", "customer", "medium", "fail", 0),
        ("FBK-003", "customer", "medium", "fail", 0),
        ("FBK-003", "customer", "medium", "fail", 1),  # accepted: not open
        ("PRC-001", "pricing", "medium", "warn", 0),
        ("RET-002", "customer", "medium", "pass", 0),  # passing: not open
        ("HLT-001", "health", "critical", "fail", 0),  # an account metric: shown elsewhere
    )

    assert signals(before, now) == [
        {"rule_id": "FBK-003", "area": "customer", "severity": "medium", "now": 2, "before": 1},
        {"rule_id": "PRC-001", "area": "pricing", "severity": "medium", "now": 1, "before": 0},
    ]


def test_a_first_run_has_no_count_before():
    now = run(("RET-001", "customer", "low", "warn", 0))

    assert signals(None, now) == [
        {"rule_id": "RET-001", "area": "customer", "severity": "low", "now": 1, "before": None}
    ]


def test_a_signal_resolved_since_the_start_shows_with_none_open():
    before = run(("FBK-002", "customer", "low", "fail", 0))

    assert signals(before, run()) == [
        {"rule_id": "FBK-002", "area": "customer", "severity": "low", "now": 0, "before": 1}
    ]


def test_the_demo_store_s_review_shows_its_signals_and_a_document_without_sku(tmp_path):
    from history.conftest import REPO, run_cli

    history = ["--history", str(tmp_path / "h.db"), "--store", "demo"]
    code, _ = run_cli("audit", str(REPO / "examples" / "demo-store"), "--as-of", "2026-11-27",
                      *history, "--format", "json", "-o", str(tmp_path / "r.json"))  # fmt: skip
    assert code in (0, 1)

    code, review = run_cli("review", *history, "--format", "md")

    assert code == 0, review
    signals = review.split("## Buyer and price signals")[1].split("##")[0]
    assert "Feedback and returns · FBK-003 (medium): 3 open" in signals
    assert "Pricing · PRC-001 (medium): 1 open" in signals
    assert "business_licence 91440300MA5DVOLTX7" in review  # a document of no SKU

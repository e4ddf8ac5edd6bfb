"""Writes history-v1.sqlite: a history file as auditor's first history schema wrote it.

Kept to show how the committed fixture was made; the fixture itself is frozen, as a
seller's old file is. Run from the repository root: `python3 tests/data/history/make_history_v1.py`.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from auditor.history.migrations import migrate

TARGET = Path(__file__).with_name("history-v1.sqlite")

RUNS = [
    # store, run_id, as_of, tool_version, inputs_key, score, status
    ("acme-us", "5b1f0c2e9a7d4e10", "2026-10-30", "0.1.0", "a1b2c3d4e5f60718", 88.4, "at_risk"),
    ("acme-us", "7c2e1d3f0b8e5f21", "2026-11-06", "0.1.0", "0f1e2d3c4b5a6978", 84.1, "at_risk"),
    ("acme-de", "9d3f2e4a1c9f6a32", "2026-11-06", "0.1.0", "1234abcd5678ef90", 100.0, "healthy"),
]
FINDINGS = {
    # run index -> (fingerprint, rule_id, severity, outcome, area, marketplace, sku, asin, detail, message)
    0: [
        (
            "3e5a1c0b9d8f7a61",
            "LST-001",
            "high",
            "fail",
            "listing",
            "US",
            "VX-EAR-02",
            "B0CXV4EAR2",
            "title",
            "Title has 247 characters; the limit is 200.",
        ),
    ],
    1: [
        (
            "3e5a1c0b9d8f7a61",
            "LST-001",
            "high",
            "fail",
            "listing",
            "US",
            "VX-EAR-02",
            "B0CXV4EAR2",
            "title",
            "Title has 247 characters; the limit is 200.",
        ),
        (
            "8a7b6c5d4e3f2a19",
            "HLT-001",
            "critical",
            "warn",
            "health",
            "US",
            None,
            None,
            "60d",
            "Order Defect Rate 0.80% (13 of 1620 orders) against a limit below 1%.",
        ),
    ],
}
METRICS = {
    # run index -> (marketplace, metric, channel, window_days, value)
    0: [
        ("US", "order_defect_rate", "mfn", 60, 0.0068),
        ("US", "account_health_rating", "", 180, 330),
    ],
    1: [
        ("US", "order_defect_rate", "mfn", 60, 0.0080),
        ("US", "account_health_rating", "", 180, 310),
    ],
    2: [("DE", "order_defect_rate", "mfn", 60, 0.0021)],
}


def main() -> None:
    TARGET.unlink(missing_ok=True)
    connection = sqlite3.connect(TARGET, isolation_level=None)
    migrate(connection, target=1)
    for index, run in enumerate(RUNS):
        key = connection.execute(
            "INSERT INTO runs (store, run_id, as_of, tool_version, inputs_key, score, status)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            run,
        ).lastrowid
        connection.execute(
            "INSERT INTO run_inputs VALUES (?, ?, ?, ?)",
            (
                key,
                "account-health/GET_V2_SELLER_PERFORMANCE_REPORT.json",
                "sp-api-seller-performance",
                "ab" * 32,
            ),
        )
        connection.execute(
            "INSERT INTO run_packs VALUES (?, ?, ?, ?)", (key, "health", "1.0.0", "cd" * 32)
        )
        for finding in FINDINGS.get(index, []):
            connection.execute(
                "INSERT INTO findings VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", (key, *finding)
            )
        for metric in METRICS.get(index, []):
            connection.execute("INSERT INTO metrics VALUES (?, ?, ?, ?, ?, ?)", (key, *metric))
    connection.execute("VACUUM")
    connection.close()


if __name__ == "__main__":
    main()

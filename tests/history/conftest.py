"""Shared pieces of the history tests: the four weekly snapshots of examples/weekly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.cli import main

REPO = Path(__file__).resolve().parents[2]
WEEKLY = REPO / "examples" / "weekly"
WEEKS = ("2026-11-06", "2026-11-13", "2026-11-20", "2026-11-27")
STORE = "demo-us"


def run_cli(*args: str) -> tuple[int, str]:
    """`auditor ARGS` as a user runs it: exit code and output (stdout with stderr)."""
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def audit_args(history: Path, week: str, store: str = STORE) -> list[str]:
    """`auditor audit` of one weekly snapshot into `history`, as JSON."""
    return [
        "audit",
        str(WEEKLY / week),
        "--as-of",
        week,
        *history_args(history, store),
        "--format",
        "json",
    ]


def history_args(history: Path, store: str = STORE) -> list[str]:
    return ["--history", str(history), "--store", store]


def audit_week(history: Path, week: str, *more: str) -> dict:
    """Audit one weekly snapshot into `history` and return its JSON report."""
    code, output = run_cli(*audit_args(history, week), *more)
    assert code in (0, 1), output
    return json.loads(output)


@pytest.fixture(scope="module")
def weekly_history(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict]]:
    """A history of the four weekly audits, in order, and their reports."""
    history = tmp_path_factory.mktemp("weekly") / "history.db"
    reports = [audit_week(history, week) for week in WEEKS]
    return history, reports

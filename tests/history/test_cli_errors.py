"""History commands given the wrong thing say what is wrong, with exit code 2 and no traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .conftest import STORE, WEEKS, audit_week, run_cli

DATA = Path(__file__).resolve().parents[1] / "data" / "history"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["diff"], "no history file: give --history PATH"),
        (["trend", "order_defect_rate"], "no history file"),
        (["review"], "no history file"),
        (["history", "list"], "no history file"),
        (["diff", "--history", "missing.db"], "does not exist yet"),
    ],
)
def test_history_commands_without_a_history(args, message, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, output = run_cli(*args)
    assert code == 2 and message in output and "Traceback" not in output


def test_wrong_store_metric_run_or_arguments(weekly_history):
    history, _ = weekly_history
    base = ["--history", str(history)]
    cases = [
        (["diff", *base, "--store", "nope"], "store 'nope' has no runs"),
        (["trend", "odx", *base, "--store", STORE], "unknown metric 'odx'"),
        (
            ["trend", "order_defect_rate", "--marketplace", "DE", *base, "--store", STORE],
            "no value of order_defect_rate in DE",
        ),
        (["trend", "order_defect_rate", "--marketplace", "XX", *base], "unknown marketplace"),
        (
            ["diff", "2026-01-01", "2026-11-27", *base, "--store", STORE],
            "'2026-01-01' is not a run",
        ),
        (["diff", "2026-11-20", *base, "--store", STORE], "give two runs"),
    ]
    for args, message in cases:
        code, output = run_cli(*args)
        assert (code, message in output) == (2, True), (args, output)


def test_diff_since_a_date_compares_with_the_last_run_on_or_before_it(weekly_history):
    history, _ = weekly_history
    code, output = run_cli(
        "diff", "--since", "2026-11-14", "--history", str(history), "--store", STORE
    )
    assert code == 0
    assert "Compared with the run of Nov 13, 2026" in output and "now Nov 27, 2026" in output


def test_an_old_history_is_migrated_and_compared_by_diff(tmp_path):
    old = tmp_path / "old.db"
    shutil.copy(DATA / "history-v1.sqlite", old)
    code, output = run_cli("diff", "--history", str(old), "--store", "acme-us", "--format", "md")
    assert code == 0, output
    assert "1 new, 0 resolved, 1 persisting" in output and "HLT-001" in output
    # and a new audit lands beside the migrated runs
    audit_week(old, WEEKS[0])
    code, listed = run_cli("history", "list", "--history", str(old), "--all-stores")
    assert [line.split()[0] for line in listed.splitlines()] == [
        "acme-de",
        "acme-us",
        "acme-us",
        STORE,
    ]


def test_a_run_with_an_invalid_date_is_a_located_message(weekly_history, tmp_path):
    import sqlite3

    history = tmp_path / "history.db"
    shutil.copy(weekly_history[0], history)
    with sqlite3.connect(history) as db:
        db.execute("UPDATE runs SET as_of = '2026-13-45' WHERE id = (SELECT MIN(id) FROM runs)")

    code, output = run_cli("history", "list", "--history", str(history), "--store", STORE)

    assert code == 2 and "invalid date '2026-13-45'" in output and "Traceback" not in output

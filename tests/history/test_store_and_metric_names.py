"""The history commands take what a seller types: a metric's short name, and no --store
when the history holds one store only."""

from __future__ import annotations

import json
import shutil

import pytest

from auditor.model.vocab import METRIC_ALIASES, METRICS

from .conftest import STORE, WEEKS, audit_args, run_cli


def test_every_short_name_stands_for_a_metric_of_the_catalogue():
    assert set(METRIC_ALIASES.values()) <= set(METRICS)
    assert METRIC_ALIASES["odr"] == "order_defect_rate"


def test_trend_takes_a_metric_short_name_and_lists_them_in_its_help(weekly_history):
    history, _ = weekly_history
    base = ["--history", str(history), "--store", STORE, "--format", "json"]
    code, short = run_cli("trend", "odr", *base)
    assert code == 0, short
    assert short == run_cli("trend", "order_defect_rate", *base)[1]
    assert run_cli("trend", "ODR", *base)[1] == short
    helped = " ".join(run_cli("trend", "--help")[1].split())  # unwrapped
    assert "odr (order_defect_rate)" in helped and "pfcr (pre_fulfillment_cancel_rate)" in helped


@pytest.mark.parametrize(
    "args",
    [
        ["review"],
        ["trend", "odr"],
        ["diff"],
        ["history", "list"],
    ],
)
def test_a_history_of_one_store_needs_no_store(args, weekly_history):
    history, _ = weekly_history
    without = run_cli(*args, "--history", str(history))
    assert without == run_cli(*args, "--history", str(history), "--store", STORE)
    assert without[0] == 0, without[1]


def test_a_history_of_several_stores_asks_which_one(weekly_history, tmp_path):
    history = tmp_path / "two.db"
    shutil.copy(weekly_history[0], history)
    code, output = run_cli(*audit_args(history, WEEKS[0], store="other-de"))
    assert code in (0, 1), output
    for args in (["review"], ["trend", "odr"], ["diff"], ["history", "list"]):
        code, output = run_cli(*args, "--history", str(history))
        assert code == 2, (args, output)
        assert f"holds the runs of 2 stores ({STORE}, other-de)" in output
        assert "--store" in output and "Traceback" not in output
    code, listed = run_cli("history", "list", "--history", str(history), "--all-stores")
    assert code == 0 and {line.split()[0] for line in listed.splitlines()} == {STORE, "other-de"}
    code, chosen = run_cli("trend", "odr", "--history", str(history), "--store", "other-de")
    assert code == 0, chosen
    assert json.loads(
        run_cli("history", "list", "--history", str(history), "--store", STORE, "--format", "json")[
            1
        ]
    )

"""A history recorded in one language reads in another: findings keep the codes their
sentences come from, so a Chinese review of English runs is Chinese throughout, and runs
recorded before findings kept their codes show their text as recorded, said so."""

from __future__ import annotations

import json
import re
import sqlite3

from .conftest import WEEKS, audit_week, history_args, run_cli

LATIN_SENTENCE = re.compile(r"\b[A-Za-z]{3,}\s+[a-z]{2,}\s+[a-z]{2,}\b")


def findings_of(change: dict) -> list[dict]:
    found = change["findings"]
    return [*found["new"], *found["resolved"], *found["changed"]]


def test_a_chinese_diff_of_english_runs_is_chinese_throughout(weekly_history):
    history, _ = weekly_history  # the four weeks were audited in English
    code, output = run_cli(
        "diff", "2026-11-13", "2026-11-20", *history_args(history), "--format", "json",
        "--lang", "zh",
    )  # fmt: skip
    assert code == 0
    listed = findings_of(json.loads(output))
    assert listed
    for finding in listed:
        assert re.search(r"[\u4e00-\u9fff]", finding["message"]), finding["message"]
        assert finding["codes"] and "as_recorded" not in finding


def test_a_chinese_review_of_english_runs_names_findings_in_chinese(weekly_history):
    history, _ = weekly_history
    code, output = run_cli("review", *history_args(history), "--lang", "zh", "--as-of", WEEKS[-1])
    assert code == 0
    english = [line for line in output.splitlines() if LATIN_SENTENCE.search(line)]
    assert not [line for line in english if line.startswith("- **")], english


def test_the_same_diff_in_english_is_as_the_audit_wrote_it(weekly_history):
    history, reports = weekly_history
    code, output = run_cli("diff", *history_args(history), "--format", "json")
    assert code == 0
    assert json.loads(output) == reports[-1]["since_last"]


def test_runs_recorded_before_codes_keep_their_text_and_say_so(tmp_path):
    history = tmp_path / "history.db"
    for week in WEEKS[1:3]:
        audit_week(history, week)
    with sqlite3.connect(history) as db:  # as a history written before version 3 reads
        db.execute("UPDATE run_findings SET text = NULL")
    code, output = run_cli(
        "diff", WEEKS[1], WEEKS[2], *history_args(history), "--format", "json", "--lang", "zh"
    )
    assert code == 0
    listed = findings_of(json.loads(output))
    assert listed and all(f["as_recorded"] for f in listed)
    code, markdown = run_cli("diff", WEEKS[1], WEEKS[2], *history_args(history), "--lang", "zh")
    assert "按记录时原文" in markdown


def test_a_diff_of_two_old_runs_shows_their_findings_as_of_their_own_dates(weekly_history):
    # The expired certificate's sentence counts its days, so each week's differs; the
    # diff of the second and third weeks shows the third week's, not the fourth's.
    history, reports = weekly_history
    code, output = run_cli("diff", WEEKS[1], WEEKS[2], *history_args(history), "--format", "json")
    assert code == 0
    changed = {f["fingerprint"]: f["message"] for f in json.loads(output)["findings"]["changed"]}
    as_recorded = {f["fingerprint"]: f["message"] for f in reports[2]["findings"]}
    latest = {f["fingerprint"]: f["message"] for f in reports[3]["findings"]}
    assert changed and all(changed[k] == as_recorded[k] for k in changed)
    assert any(changed[k] != latest.get(k) for k in changed)  # the case the old store got wrong

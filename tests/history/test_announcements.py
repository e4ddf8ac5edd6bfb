"""What alerts announced, remembered per store and target: kept while it holds, forgotten
once a later run settles it (a finding resolved, a failed store audited again)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import sqlite3
from pathlib import Path

from auditor.history.migrations import SCHEMA_VERSION, schema_version
from auditor.history.store import open_history
from tests.history.test_store import DATA, record

TARGET = "3f9a0c1d2e4b5a67"  # a short sha256 of a URL as written


def test_announcements_are_kept_per_store_and_target(tmp_path):
    with open_history(tmp_path / "h.db") as history:
        week1 = history.record(record("acme-us", "w1", "2026-11-27", 80.0))
        history.announce(
            "acme-us", TARGET, [("finding", "fp-w1"), ("document", "cpc CPC-1")], week1.as_of, week1
        )

        assert history.announced("acme-us", TARGET) == {
            "finding": {"fp-w1"},
            "document": {"cpc CPC-1"},
            "error": set(),
        }
        assert history.announced("acme-us", "another-target")["finding"] == set()
        assert history.announced("acme-de", TARGET)["finding"] == set()


def test_a_finding_stays_announced_while_it_keeps_failing_and_is_forgotten_once_resolved(
    tmp_path,
):
    with open_history(tmp_path / "h.db") as history:
        first = record("acme-us", "w1", "2026-11-27", 80.0)
        week1 = history.record(first)
        history.announce("acme-us", TARGET, [("finding", "fp-w1")], week1.as_of, week1)

        # Week 2 still has it failing: it stays announced.
        still = dataclasses.replace(first, run_id="w2", as_of=dt.date(2026, 12, 4))
        still.inputs = [{"path": "listings.json", "format": "x", "sha256": "w2"}]
        history.record(still)
        assert history.forget_settled("acme-us") == 0
        assert history.announced("acme-us", TARGET)["finding"] == {"fp-w1"}

        # Week 3 no longer has it (the title was shortened): forgotten, so it is
        # announced again if it ever comes back.
        history.record(record("acme-us", "w3", "2026-12-11", 90.0))
        assert history.forget_settled("acme-us") == 1
        assert history.announced("acme-us", TARGET)["finding"] == set()


def test_an_error_is_forgotten_once_the_store_audits_again(tmp_path):
    with open_history(tmp_path / "h.db") as history:
        history.record(record("acme-us", "w1", "2026-11-27", 80.0))
        history.announce("acme-us", TARGET, [("error", "audit")], dt.date(2026, 12, 4))
        assert history.forget_settled("acme-us") == 0
        assert history.announced("acme-us", TARGET)["error"] == {"audit"}

        history.record(record("acme-us", "w2", "2026-12-04", 82.0))
        assert history.forget_settled("acme-us") == 1
        assert history.announced("acme-us", TARGET)["error"] == set()


def test_an_older_history_gains_the_announcements_table_on_open(tmp_path):
    path = tmp_path / "old.db"
    shutil.copy(DATA / "history-v1.sqlite", path)
    with open_history(path) as history:
        assert schema_version(history.connection) == SCHEMA_VERSION == 4
        latest = history.runs("acme-us")[-1]
        history.announce("acme-us", TARGET, [("finding", "3e5a1c0b9d8f7a61")], latest.as_of, latest)
    columns = [row[1] for row in sqlite3.connect(path).execute("PRAGMA table_info(announcements)")]
    assert columns == ["store", "target", "kind", "key", "run", "run_id", "as_of"]


def test_the_history_file_holds_no_url_only_the_targets_digest(tmp_path: Path):
    with open_history(tmp_path / "h.db") as history:
        week1 = history.record(record("acme-us", "w1", "2026-11-27", 80.0))
        history.announce("acme-us", TARGET, [("finding", "fp-w1")], week1.as_of, week1)
    rows = sqlite3.connect(tmp_path / "h.db").execute("SELECT * FROM announcements").fetchall()
    assert rows == [("acme-us", TARGET, "finding", "fp-w1", week1.key, "w1", "2026-11-27")]


def test_a_finding_suppressed_since_is_forgotten_too(tmp_path):
    with open_history(tmp_path / "h.db") as history:
        first = record("acme-us", "w1", "2026-11-27", 80.0)
        week1 = history.record(first)
        history.announce("acme-us", TARGET, [("finding", "fp-w1")], week1.as_of, week1)

        # The seller accepted it (a suppressions entry): the next run keeps it, flagged.
        waived = dataclasses.replace(first, run_id="w2", as_of=dt.date(2026, 12, 4))
        waived.inputs = [{"path": "listings.json", "format": "x", "sha256": "w2"}]
        waived.findings = [{**first.findings[0], "suppressed": True}]
        history.record(waived)

        assert history.forget_settled("acme-us") == 1
        assert history.announced("acme-us", TARGET)["finding"] == set()

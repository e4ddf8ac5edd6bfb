"""The history file: runs recorded per store, replaced when re-run, read back whole."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest

from auditor.errors import AuditorError
from auditor.history.migrations import SCHEMA_VERSION, schema_version
from auditor.history.store import RunRecord, open_history

DATA = Path(__file__).resolve().parents[1] / "data" / "history"


def record(store: str, run_id: str, as_of: str, score: float, **more) -> RunRecord:
    finding = {
        "fingerprint": f"fp-{run_id}",
        "rule_id": "LST-001",
        "severity": "high",
        "outcome": "fail",
        "area": "listing",
        "entity": {"type": "listing", "sku": "VX-EAR-02", "marketplace": "US"},
        "detail": "title",
        "observed": 247,
        "limit": 200,
        "message": "Title has 247 characters; the limit is 200.",
    }
    return RunRecord(
        store=store,
        run_id=run_id,
        as_of=dt.date.fromisoformat(as_of),
        tool_version="0.1.0",
        score=score,
        status="at_risk",
        inputs=more.pop("inputs", [{"path": "listings.json", "format": "x", "sha256": run_id}]),
        areas={"listing": {"score": score, "status": "at_risk"}},
        findings=[finding],
        metrics=[
            {
                "marketplace": "US",
                "metric": "order_defect_rate",
                "channel": "mfn",
                "window_days": 60,
                "value": 0.0086,
                "numerator": 14,
                "denominator": 1628,
            }
        ],
        documents=[
            {
                "document_type": "cpc",
                "identifier": "CPC-1",
                "sku": "LS-1",
                "marketplace": "US",
                "expires_on": "2026-12-02",
            }
        ],
        listings=[
            {
                "sku": "VX-EAR-02",
                "marketplace": "US",
                "score": 90.0,
                "status": "at_risk",
                "findings": 1,
            }
        ],
        **more,
    )


def test_a_run_is_read_back_whole(tmp_path):
    with open_history(tmp_path / "h.db") as history:
        info = history.record(record("acme", "r1", "2026-11-20", 91.5))
        stored = history.load(info)
        described = stored.describe(["fp-r1", "no-such-finding"])
    assert (info.store, info.run_id, info.as_of, info.score) == (
        "acme",
        "r1",
        dt.date(2026, 11, 20),
        91.5,
    )
    state = stored.findings["fp-r1"]
    assert (state["outcome"], state["rule_id"], state["area"], state["suppressed"]) == (
        "fail",
        "LST-001",
        "listing",
        0,
    )
    assert list(described) == ["fp-r1"]
    finding = described["fp-r1"]
    assert finding["entity"] == {"type": "listing", "sku": "VX-EAR-02", "marketplace": "US"}
    assert finding["message"] == "Title has 247 characters; the limit is 200."
    assert stored.metrics[0]["numerator"] == 14 and stored.metrics[0]["channel"] == "mfn"
    assert stored.documents[0]["expires_on"] == "2026-12-02"
    assert stored.areas == {"listing": {"score": 91.5, "status": "at_risk"}}
    assert stored.listings[0]["sku"] == "VX-EAR-02"


def test_same_inputs_and_date_replace_the_run_other_stores_untouched(tmp_path):
    path = tmp_path / "h.db"
    with open_history(path) as history:
        history.record(record("acme", "r1", "2026-11-20", 91.5))
        history.record(record("other", "r1", "2026-11-20", 70.0))
        # Same inputs, same date, another run id (the options changed): replaced.
        same = {"inputs": [{"path": "listings.json", "format": "x", "sha256": "r1"}]}
        history.record(record("acme", "r2", "2026-11-20", 93.0, **same))
        history.record(record("acme", "r3", "2026-11-27", 94.0))
        acme = history.runs("acme")
        assert [(r.run_id, r.score) for r in acme] == [("r2", 93.0), ("r3", 94.0)]
        assert [r.run_id for r in history.runs("other")] == ["r1"]
        assert history.stores() == ["acme", "other"]
        # Nothing of the replaced run is left behind (its rows cascade away).
        assert history.connection.execute("SELECT count(*) FROM run_findings").fetchone()[0] == 3
        assert history.previous(acme[1]) == acme[0] and history.previous(acme[0]) is None


def test_runs_are_found_by_id_prefix_or_date_and_a_wrong_name_says_what_exists(tmp_path):
    with open_history(tmp_path / "h.db") as history:
        history.record(record("acme", "5b1f0c2e", "2026-11-20", 91.5))
        history.record(record("acme", "7c2e1d3f", "2026-11-27", 94.0))
        assert history.find("acme", "5b1f").as_of == dt.date(2026, 11, 20)
        assert history.find("acme", "2026-11-27").run_id == "7c2e1d3f"
        with pytest.raises(AuditorError, match=r"'9999' is not a run of store 'acme'.*5b1f0c2e"):
            history.find("acme", "9999")


def test_a_file_that_is_not_a_history_is_refused_with_a_message(tmp_path):
    bogus = tmp_path / "notes.db"
    bogus.write_text("not a database at all, just notes\n" * 100)
    with (
        pytest.raises(AuditorError, match="is not an auditor history database"),
        open_history(bogus),
    ):
        pass
    with pytest.raises(AuditorError, match="is a folder"), open_history(tmp_path):
        pass
    with (
        pytest.raises(AuditorError, match="does not exist"),
        open_history(tmp_path / "missing" / "h.db"),
    ):
        pass


def test_a_file_from_a_newer_auditor_is_refused_not_guessed_at(tmp_path):
    path = tmp_path / "h.db"
    with open_history(path):
        pass
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.commit()
    connection.close()
    with pytest.raises(AuditorError, match="written by a newer auditor"), open_history(path):
        pass


def test_a_first_version_history_is_migrated_on_open(tmp_path):
    path = tmp_path / "old.db"
    shutil.copy(DATA / "history-v1.sqlite", path)
    before = sqlite3.connect(path)
    assert schema_version(before) == 1
    before.close()
    with open_history(path) as history:
        assert schema_version(history.connection) == SCHEMA_VERSION
        runs = history.runs("acme-us")
        assert [(r.as_of.isoformat(), r.score, r.source) for r in runs] == [
            ("2026-10-30", 88.4, "audit"),
            ("2026-11-06", 84.1, "audit"),
        ]
        assert [r.run_id for r in history.runs("acme-de")] == ["9d3f2e4a1c9f6a32"]
        old = history.load(runs[1])
        assert {k: f["outcome"] for k, f in old.findings.items()} == {
            "3e5a1c0b9d8f7a61": "fail",
            "8a7b6c5d4e3f2a19": "warn",
        }
        assert list(history.load(runs[0]).findings) == ["3e5a1c0b9d8f7a61"]
        described = old.describe(old.findings)
        # Version 1 kept three entity fields in columns; they became the finding's entity.
        assert described["3e5a1c0b9d8f7a61"]["entity"] == {
            "marketplace": "US",
            "sku": "VX-EAR-02",
            "asin": "B0CXV4EAR2",
        }
        assert described["8a7b6c5d4e3f2a19"]["entity"] == {"marketplace": "US"}
        odr = next(m for m in old.metrics if m["metric"] == "order_defect_rate")
        assert (odr["value"], odr["numerator"], odr["subject"]) == (0.008, None, "")
        # New runs land beside the migrated ones.
        history.record(record("acme-us", "new", "2026-11-13", 86.0))
        assert [r.run_id for r in history.runs("acme-us")][-1] == "new"
    # Opening again does nothing more.
    with open_history(path) as history:
        assert len(history.runs("acme-us")) == 3


def test_a_damaged_history_is_a_message_not_a_traceback(tmp_path):
    path = tmp_path / "h.db"
    with open_history(path) as history:
        history.record(record("acme", "r1", "2026-11-20", 91.5))
    damaged = sqlite3.connect(path)
    damaged.execute("DROP TABLE run_findings")
    damaged.commit()
    damaged.close()
    damaged_message = "cannot be used: no such table: run_findings"
    with pytest.raises(AuditorError, match=damaged_message), open_history(path) as history:
        history.load(history.runs("acme")[0])


def test_a_run_keeps_its_hundred_worst_listings_not_the_whole_catalogue(tmp_path):
    """The review names the worst ten; a catalogue's long tail would only grow the file."""
    listings = [
        {"sku": f"SKU-{i:04d}", "marketplace": "US", "score": 50 + i / 10, "status": "at_risk"}
        for i in range(150)
    ]
    worst_first = record("acme", "r1", "2026-11-20", 80.0)
    worst_first.listings = listings  # as the report's summary lists them: worst first
    with open_history(tmp_path / "h.db") as history:
        kept = history.load(history.record(worst_first)).listings
    assert len(kept) == 100
    assert [s["sku"] for s in kept] == [f"SKU-{i:04d}" for i in range(100)]


def test_a_categorys_rate_is_judged_but_not_kept_so_the_marketplace_series_stays_whole():
    """Valid tracking per category (EU/UK) sits beside the marketplace's own rate in the
    report's metrics; history keeps the marketplace's series, which a category's row,
    keyed the same way, would otherwise overwrite."""
    from auditor.history.record import run_record

    report = {
        "run": {
            "id": "r1",
            "as_of": "2026-11-20",
            "tool_version": "0.1.0",
            "language": "en",
            "rule_packs": [],
        },
        "summary": {"score": 100.0, "status": "healthy", "areas": {}, "skus": []},
        "findings": [],
        "metrics": [
            {"marketplace": "UK", "metric": "valid_tracking_rate", "channel": "mfn", "value": 0.99},
            {
                "marketplace": "UK",
                "metric": "valid_tracking_rate",
                "channel": "mfn",
                "category": "Home & Kitchen",
                "value": 0.91,
            },
        ],
    }
    kept = run_record(report, "acme", inputs=[]).metrics
    assert [m["value"] for m in kept] == [0.99]

"""Two audits writing into one history at the same moment both land, whole.

An agency's scheduler audits several stores at once into one file; WAL mode, a busy
timeout and one IMMEDIATE transaction per run make the writers queue rather than fail
or interleave.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from auditor.history.store import open_history

from .conftest import REPO, WEEKS, audit_args


def test_two_processes_audit_into_one_history_at_once(tmp_path: Path):
    history = tmp_path / "agency.db"
    jobs = []
    # Four writers started together: two stores, two weeks each.
    for store, week in [
        ("us-1", WEEKS[0]),
        ("us-2", WEEKS[1]),
        ("us-1", WEEKS[2]),
        ("us-2", WEEKS[3]),
    ]:
        command = [sys.executable, "-m", "auditor", *audit_args(history, week, store)]
        jobs.append(
            (
                store,
                week,
                subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE),
            )
        )
    reports = {}
    for store, week, process in jobs:
        out, err = process.communicate(timeout=120)
        assert process.returncode in (0, 1), err.decode()
        reports[(store, week)] = json.loads(out)
    with open_history(history) as opened:
        for store in ("us-1", "us-2"):
            runs = opened.runs(store)
            assert len(runs) == 2
            for run in runs:
                report = reports[(store, run.as_of.isoformat())]
                stored = opened.load(run)
                # Intact: every finding, metric and area of the report is there, nothing else.
                assert run.run_id == report["run"]["id"]
                assert sorted(stored.findings) == sorted(
                    f["fingerprint"] for f in report["findings"]
                )
                assert (
                    len(stored.metrics)
                    == len([m for m in report["metrics"] if m.get("value") is not None]) + 1
                )  # + ACoS
                assert set(stored.areas) == set(report["summary"]["areas"])
        integrity = opened.connection.execute("PRAGMA integrity_check").fetchone()[0]
        assert integrity == "ok"


def _write_many(path: str, store: str, count: int) -> None:
    """One writer: `count` runs of 2,000 findings each, as fast as it can."""
    import datetime as dt

    from auditor.history.store import RunRecord, open_history

    findings = [
        {
            "fingerprint": f"{i:016x}",
            "rule_id": "LST-001",
            "severity": "high",
            "outcome": "fail",
            "area": "listing",
            "entity": {"sku": f"SKU-{i}"},
            "detail": "title",
            "message": "long",
        }
        for i in range(2000)
    ]
    with open_history(Path(path)) as history:
        for n in range(count):
            history.record(
                RunRecord(
                    store=store,
                    run_id=f"{store}-{n}",
                    as_of=dt.date(2026, 1, 1) + dt.timedelta(days=7 * n),
                    tool_version="t",
                    score=90.0,
                    status="healthy",
                    inputs=[{"path": "f", "sha256": f"{store}-{n}"}],
                    findings=findings,
                )
            )


def test_writers_that_overlap_queue_and_lose_nothing(tmp_path: Path):
    import multiprocessing

    path = tmp_path / "busy.db"
    with open_history(path):
        pass  # created and migrated once, so both writers start on the same file
    context = multiprocessing.get_context("spawn")
    writers = [context.Process(target=_write_many, args=(str(path), s, 15)) for s in ("a", "b")]
    for w in writers:
        w.start()
    for w in writers:
        w.join(120)
        assert w.exitcode == 0
    with open_history(path) as history:
        for store in ("a", "b"):
            assert [r.run_id for r in history.runs(store)] == [f"{store}-{n}" for n in range(15)]
        counts = history.connection.execute(
            "SELECT run, count(*) FROM run_findings GROUP BY run"
        ).fetchall()
        assert len(counts) == 30 and {c[1] for c in counts} == {2000}

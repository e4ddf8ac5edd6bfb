"""A disk that fills up while the tool writes: one line naming the file, exit 2, nothing
half-written, and the history as it was before the run.

No mock: each command runs in a subprocess with a file size limit (`ulimit -f`), and
SIGXFSZ ignored, so a write past the limit fails with EFBIG as a write to a full disk
fails with ENOSPC. The history database reaches SQLite's own error path that way.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from conftest import REPO

WEEKLY = REPO / "examples" / "weekly"
NO_ROOM = "the file is over the size limit"


def auditor(*args: str, cwd: Path, limit: int | None = None) -> subprocess.CompletedProcess[str]:
    """`auditor ARGS` run in `cwd`, with files limited to `limit` bytes when given."""

    def limited() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        assert limit is not None
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run(
        [sys.executable, "-m", "auditor", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=os.environ | {"PYTHONPATH": str(REPO), "PYTHONDONTWRITEBYTECODE": "1"},
        preexec_fn=limited if limit is not None else None,
        check=False,
    )


def week(date: str, history: str = "history.sqlite") -> list[str]:
    return ["audit", str(WEEKLY / date), "--as-of", date, "--history", history, "--format", "json"]


def test_a_full_disk_while_recording_history_names_the_file_and_keeps_the_earlier_runs(tmp_path):
    first = auditor(*week("2026-11-06"), cwd=tmp_path)
    assert first.returncode == 1, first.stderr
    earlier = auditor("history", "list", "--history", "history.sqlite", cwd=tmp_path)

    # Room for the database's shared-memory index, not for the run's pages.
    full = auditor(*week("2026-11-13"), cwd=tmp_path, limit=40_000)

    assert full.returncode == 2
    assert (
        full.stderr
        == f"error: cannot write history.sqlite: {NO_ROOM} (of the file system, or `ulimit -f`)\n"
    )
    assert full.stdout == ""  # no report of a run that was not recorded
    after = auditor("history", "list", "--history", "history.sqlite", cwd=tmp_path)
    assert after.returncode == 0 and after.stdout == earlier.stdout
    assert "2026-11-06" in after.stdout and "2026-11-13" not in after.stdout
    with sqlite3.connect(tmp_path / "history.sqlite") as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    # With room again, the same run is recorded and compared with the earlier one.
    again = auditor(*week("2026-11-13"), cwd=tmp_path)
    assert again.returncode == 1, again.stderr
    assert json.loads(again.stdout)["since_last"]["before"]["as_of"] == "2026-11-06"


def test_a_report_that_does_not_fit_leaves_the_previous_report_whole(tmp_path):
    audit = ["audit", str(WEEKLY / "2026-11-27"), "--no-history", "--format", "json"]
    assert auditor(*audit, "-o", "out/report.json", cwd=tmp_path).returncode == 1
    before = (tmp_path / "out" / "report.json").read_bytes()

    full = auditor(*audit, "--lang", "zh", "-o", "out/report.json", cwd=tmp_path, limit=4096)

    assert full.returncode == 2
    assert full.stderr.startswith(f"错误: cannot write out/report.json: {NO_ROOM}")
    assert "Traceback" not in full.stderr
    assert (tmp_path / "out" / "report.json").read_bytes() == before
    assert os.listdir(tmp_path / "out") == ["report.json"]  # no temporary file left


def test_init_on_a_full_disk_leaves_no_half_made_scaffold(tmp_path):
    full = auditor("init", "store", cwd=tmp_path, limit=2048)

    assert full.returncode == 2
    assert full.stderr.startswith("error: cannot write store/")
    assert NO_ROOM in full.stderr
    assert list((tmp_path / "store").iterdir()) == []


def test_a_plan_of_action_draft_that_does_not_fit_is_not_left_half_written(tmp_path):
    full = auditor(
        "poa",
        "draft",
        str(WEEKLY / "2026-11-27"),
        "--violation",
        "order-defect-rate",
        "--as-of",
        "2026-11-27",
        "-o",
        "plan.md",
        cwd=tmp_path,
        limit=1024,
    )

    assert full.returncode == 2
    assert full.stderr.startswith(f"error: cannot write plan.md: {NO_ROOM}")
    assert list(tmp_path.iterdir()) == []

"""The fleet's progress: a bar on a terminal, one plain line per store in a log."""

from __future__ import annotations

import io

from auditor.fleet.progress import FleetProgress
from auditor.fleet.run import Done


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def done(name: str, status: str, finished: int, failed: int, error: str | None = None) -> Done:
    return Done(
        name, status, 71.25 if status != "failed" else None, 12.4, error, finished, failed, 3
    )


def test_a_log_gets_one_plain_line_per_store() -> None:
    log = io.StringIO()
    with FleetProgress(3, "en", log) as progress:
        progress(done("acme-us", "audited", 1, 0))
        progress(done("gone", "failed", 2, 1, "no such file or folder: data/gone"))
        progress(done("nordvik-eu", "partial", 3, 1, "fetch failed for returns (DE): 403"))

    assert log.getvalue().splitlines() == [
        "[1/3] acme-us: audited, score 71.2 (12 s)",
        "[2/3] gone: FAILED: no such file or folder: data/gone (12 s)",
        "[3/3] nordvik-eu: audited, score 71.2, but fetch failed for returns (DE): 403 (12 s)",
    ]
    assert "\r" not in log.getvalue()


def test_a_terminal_gets_a_bar_of_stores_done_failed_and_elapsed() -> None:
    screen = Terminal()
    with FleetProgress(3, "zh", screen) as progress:
        progress(done("acme-us", "audited", 1, 0))
        progress(done("gone", "failed", 2, 1, "找不到"))

    shown = screen.getvalue()
    assert "[1/3] acme-us：已审计，得分 71.2（12 秒）\n" in shown
    last = shown.rstrip("\n").rsplit("\r", 1)[-1]
    assert last.startswith("[################--------] 2/3 个店铺，1 个失败，已用 0:0")

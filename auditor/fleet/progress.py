"""How a fleet's progress shows on stderr: a bar on a terminal, one line per store otherwise.

The bar (stores done of all, failed, elapsed) is redrawn as each store finishes and
every second between; a log or a CI job gets plain lines it can grep. Wall-clock times
are shown here and nowhere else: the files the fleet writes are deterministic.
"""

from __future__ import annotations

import sys
import threading
import time
from typing import TextIO

from auditor.fleet.run import Done
from auditor.outputs.controls import visible
from auditor.outputs.i18n import translate_with

#: Width of the bar, in characters.
BAR = 24


class FleetProgress:
    """The progress display; a callback of `run_fleet` (call it with each `Done`)."""

    def __init__(self, total: int, language: str, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.total, self.language = total, language
        self.bar = self.stream.isatty()
        self.finished = self.failed = 0
        self.started = time.monotonic()
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._ticker = threading.Thread(target=self._tick, daemon=True)

    def __enter__(self) -> FleetProgress:
        if self.bar:
            self._ticker.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar:
            self._stop.set()
            self._ticker.join()
            self._draw()
            self.stream.write("\n")
            self.stream.flush()

    def __call__(self, done: Done) -> None:
        with self._lock:
            self.finished, self.failed = done.finished, done.failed
            line = translate_with(
                f"fleet_store_{done.status}",
                self.language,
                name=done.name,
                score="-" if done.score is None else f"{done.score:.1f}",
                error=done.error or "",
                finished=done.finished,
                total=done.total,
                seconds=f"{done.seconds:.0f}",
            )
            lines = [visible(line)]
            if done.alerts:
                from auditor.alerts import alert_line

                lines += ["  " + visible(alert_line(a, self.language)) for a in done.alerts]
            text = "\n".join(lines) + "\n"
            if self.bar:  # the store's lines above the bar, then the bar again
                self.stream.write("\r\x1b[K" + text)
                self._draw()
            else:
                self.stream.write(text)
            self.stream.flush()

    def _tick(self) -> None:
        while not self._stop.wait(1.0):
            with self._lock:
                self._draw()

    def _draw(self) -> None:
        filled = BAR * self.finished // max(self.total, 1)
        elapsed = int(time.monotonic() - self.started)
        status = translate_with(
            "fleet_bar",
            self.language,
            finished=self.finished,
            total=self.total,
            failed=self.failed,
            elapsed=f"{elapsed // 60}:{elapsed % 60:02d}",
        )
        self.stream.write(f"\r[{'#' * filled}{'-' * (BAR - filled)}] {status}\x1b[K")
        self.stream.flush()

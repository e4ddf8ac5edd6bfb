"""The stand-in SP-API and a clock that never sleeps, for the tests of auditor/fetch."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from pytest_httpserver import HTTPServer

from auditor.fetch.patience import Patience
from tests.fetch.standin import SpApiStandIn


@dataclass
class FakeTime:
    """A monotonic clock that moves only when something sleeps; the sleeps are kept."""

    now: float = 0.0
    slept: list[float] = field(default_factory=list)

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds

    def clock(self) -> float:
        return self.now


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()


@pytest.fixture
def patience(fake_time: FakeTime) -> Patience:
    """The default patience, its waits on the fake clock and its calls quick to time out."""
    return Patience(timeout=5.0, sleep=fake_time.sleep, clock=fake_time.clock)


@pytest.fixture
def sp_api_standin(httpserver: HTTPServer) -> SpApiStandIn:
    """A fresh stand-in SP-API (and LWA) on 127.0.0.1 for one test."""
    return SpApiStandIn(httpserver)

"""The stand-in SP-API, a clock that never sleeps, and a guard that keeps the tests of
auditor/fetch on 127.0.0.1."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

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


@pytest.fixture
def loopback_only(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """No connection leaves the machine: every socket this test connects goes to a
    loopback address (the stand-ins on 127.0.0.1), and every name it resolves is
    localhost. Anything else is refused, and fails the test at its end."""
    elsewhere: list[str] = []
    connect, connect_ex, resolve = (
        socket.socket.connect,
        socket.socket.connect_ex,
        socket.getaddrinfo,
    )

    def loopback(host: object) -> bool:
        try:
            return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
        except ValueError:
            return host in ("localhost", "localhost.")

    def guarded(real: Any) -> Any:
        def attempt(self: socket.socket, address: Any) -> Any:
            if self.family in (socket.AF_INET, socket.AF_INET6) and not loopback(address[0]):
                elsewhere.append(str(address[0]))
                raise OSError(f"the test refuses a connection to {address[0]}")
            return real(self, address)

        return attempt

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host is not None and not loopback(host):
            elsewhere.append(str(host))
            raise socket.gaierror(f"the test refuses to resolve {host}")
        return resolve(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", guarded(connect))
    monkeypatch.setattr(socket.socket, "connect_ex", guarded(connect_ex))
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    yield elsewhere
    assert elsewhere == [], f"a connection beyond 127.0.0.1 was attempted: {elsewhere}"

"""Throttling and transient failures are retried within bounds, on an injected clock."""

import pytest

from auditor.fetch.patience import CallFailed, Patience
from tests.fetch.conftest import FakeTime


def failing(*failures: CallFailed) -> tuple[list[int], object]:
    calls: list[int] = []

    def request() -> str:
        calls.append(1)
        if len(calls) <= len(failures):
            raise failures[len(calls) - 1]
        return "answer"

    return calls, request


def test_a_429_waits_one_request_of_the_declared_rate(fake_time: FakeTime) -> None:
    patience = Patience(sleep=fake_time.sleep, clock=fake_time.clock)
    calls, request = failing(CallFailed("throttled", 429, {"x-amzn-RateLimit-Limit": "0.0167"}))
    assert patience.call(request) == "answer"  # type: ignore[arg-type]
    assert len(calls) == 2
    assert fake_time.slept == [pytest.approx(1 / 0.0167)]


def test_a_429_without_a_rate_backs_off_and_doubles(fake_time: FakeTime) -> None:
    patience = Patience(first_wait=2, sleep=fake_time.sleep, clock=fake_time.clock)
    _, request = failing(CallFailed("throttled", 429), CallFailed("throttled", 429))
    patience.call(request)  # type: ignore[arg-type]
    assert fake_time.slept == [2, 4]


def test_transient_server_errors_are_retried_a_bounded_number_of_times(fake_time: FakeTime) -> None:
    patience = Patience(server_retries=2, sleep=fake_time.sleep, clock=fake_time.clock)
    calls, request = failing(*[CallFailed("busy", 503)] * 5)
    with pytest.raises(CallFailed, match="busy"):
        patience.call(request)  # type: ignore[arg-type]
    assert len(calls) == 3


def test_a_refusal_is_not_retried(fake_time: FakeTime) -> None:
    patience = Patience(sleep=fake_time.sleep, clock=fake_time.clock)
    calls, request = failing(CallFailed("forbidden", 403))
    with pytest.raises(CallFailed):
        patience.call(request)  # type: ignore[arg-type]
    assert len(calls) == 1 and fake_time.slept == []

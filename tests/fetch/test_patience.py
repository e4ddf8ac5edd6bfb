"""Throttling and transient failures are retried within bounds, and reports polled
within a budget, on an injected clock."""

import datetime as dt
import email.utils
from collections.abc import Callable

import pytest

from auditor.fetch.patience import CallFailed, Patience, retry_after
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


def test_a_429_waits_what_retry_after_asks_when_that_is_longest(fake_time: FakeTime) -> None:
    patience = Patience(first_wait=2, sleep=fake_time.sleep, clock=fake_time.clock)
    _, request = failing(
        CallFailed("throttled", 429, {"Retry-After": "7"}),
        CallFailed("throttled", 429, {"retry-after": "7", "x-amzn-RateLimit-Limit": "0.1"}),
        CallFailed("throttled", 429, {"Retry-After": "1"}),
    )
    assert patience.call(request) == "answer"  # type: ignore[arg-type]
    # the header's 7 s, then the rate's 10 s, then the backoff's 8 s (2, 4, 8)
    assert fake_time.slept == [7, 10, 8]


def test_a_retry_after_beyond_the_longest_wait_is_capped(fake_time: FakeTime) -> None:
    patience = Patience(longest_wait=30, sleep=fake_time.sleep, clock=fake_time.clock)
    _, request = failing(CallFailed("throttled", 429, {"Retry-After": "3600"}))
    patience.call(request)  # type: ignore[arg-type]
    assert fake_time.slept == [30]


def test_retry_after_reads_seconds_and_http_dates() -> None:
    now = dt.datetime(2026, 12, 7, 15, 0, 0, tzinfo=dt.UTC)
    later = email.utils.format_datetime(now + dt.timedelta(seconds=45), usegmt=True)
    assert retry_after({"Retry-After": "12"}) == 12.0
    assert retry_after({"retry-after": later}, now) == 45.0
    assert retry_after({"Retry-After": "Mon, 07 Dec 2026 14:00:00 GMT"}, now) == 0.0  # past
    assert retry_after({"Retry-After": "soon"}) is None
    assert retry_after({}) is None


def test_throttling_that_outlasts_the_retries_says_how_many_tries(fake_time: FakeTime) -> None:
    patience = Patience(throttled_retries=2, sleep=fake_time.sleep, clock=fake_time.clock)
    calls, request = failing(*[CallFailed("throttled", 429)] * 5)
    with pytest.raises(CallFailed) as raised:
        patience.call(request)  # type: ignore[arg-type]
    assert len(calls) == raised.value.tries == 3


def test_an_unanswered_call_is_retried_like_a_server_error(fake_time: FakeTime) -> None:
    patience = Patience(first_wait=2, sleep=fake_time.sleep, clock=fake_time.clock)
    _, request = failing(CallFailed("no answer (timed out)"), CallFailed("busy", 502))
    assert patience.call(request) == "answer"  # type: ignore[arg-type]
    assert fake_time.slept == [2, 4]


def statuses(*names: str) -> tuple[list[str], Callable[[], str]]:
    """A report whose status is each of `names` in turn, then the last for ever."""
    seen: list[str] = []

    def look() -> str:
        seen.append(names[min(len(seen), len(names) - 1)])
        return seen[-1]

    return seen, look


def still(status: str) -> str | None:
    return status if status in ("PENDING", "PROCESSING") else None


def test_polling_waits_ever_longer_until_the_answer_is_final(fake_time: FakeTime) -> None:
    patience = Patience(poll_first=5, poll_longest=10, sleep=fake_time.sleep, clock=fake_time.clock)
    seen, look = statuses("PENDING", "PROCESSING", "PROCESSING", "PROCESSING", "COMPLETED")
    assert patience.poll(look, still, "report 1") == "COMPLETED"
    assert len(seen) == 5
    assert fake_time.slept == [5, 7.5, 10, 10]


def test_polling_gives_up_when_the_next_wait_would_pass_the_budget(fake_time: FakeTime) -> None:
    patience = Patience(
        poll_first=5, poll_longest=60, poll_total=600, sleep=fake_time.sleep, clock=fake_time.clock
    )
    _, look = statuses("PROCESSING")
    with pytest.raises(CallFailed) as raised:
        patience.poll(look, still, "report 42")
    assert raised.value.message == (
        "report 42 was still PROCESSING after 10 minutes of waiting (at most 10 minutes); "
        "try again later"
    )
    assert sum(fake_time.slept) <= 600 and max(fake_time.slept) == 60


def test_a_failed_look_ends_the_polling(fake_time: FakeTime) -> None:
    patience = Patience(sleep=fake_time.sleep, clock=fake_time.clock)

    def look() -> str:
        raise CallFailed("getReport answered HTTP 403", 403)

    with pytest.raises(CallFailed, match="HTTP 403"):
        patience.poll(look, still, "report 1")
    assert fake_time.slept == []


def test_the_timeouts_fall_back_to_the_call_timeout() -> None:
    assert Patience(timeout=30).timeouts() == (30, 30)
    assert Patience(timeout=30).download_timeouts() == (30, 30)
    both = Patience(timeout=30, connect_timeout=5, download_timeout=300)
    assert both.timeouts() == (5, 30)
    assert both.download_timeouts() == (5, 300)

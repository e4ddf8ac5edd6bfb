"""How long to wait and how often to try again: throttling and robustness in one place,
for the Selling Partner API and the Amazon Ads API alike.

A 429 is honoured by waiting the longest of what its headers ask and the backoff: the
SP-API states each operation's rate in `x-amzn-RateLimit-Limit` (requests per second;
one request's worth is 1/limit seconds, a minute for createReport), the Ads API a
`Retry-After` (seconds, or an HTTP date). Transient server errors (500, 502, 503, 504)
and calls that got no answer are tried again a bounded number of times with a growing
wait. Every HTTP call carries a timeout (`timeouts`, `download_timeouts`), and polling
for a report (`poll`) stops after `poll_total` seconds.

All waits go through `sleep` and all elapsed time through `clock`, so a test passes a
fake pair and nothing sleeps for real.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TypeVar

T = TypeVar("T")

log = logging.getLogger(__name__)

#: Server errors worth another try: the service is busy or restarting, not refusing.
TRANSIENT = frozenset({500, 502, 503, 504})


class CallFailed(Exception):
    """One HTTP call that did not succeed: its status (None when nothing answered), the
    response headers, and a one-line message made from Amazon's error body, never from
    the request (which carries the access token). `tries` is how many times the call
    was made (set by `Patience.call` when it gives up)."""

    def __init__(
        self, message: str, status: int | None = None, headers: Mapping[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.headers = dict(headers or {})
        self.tries = 1


def _header(headers: Mapping[str, str], name: str) -> str | None:
    """A header's value whatever the case of its name (a plain dict keeps Amazon's case)."""
    for key, value in headers.items():
        if key.lower() == name:
            return str(value)
    return None


def rate_limit(headers: Mapping[str, str]) -> float | None:
    """The operation's rate in requests per second, from `x-amzn-RateLimit-Limit`."""
    value = _header(headers, "x-amzn-ratelimit-limit")
    if value is None:
        return None
    try:
        limit = float(value)
    except ValueError:
        return None
    return limit if limit > 0 else None


def retry_after(headers: Mapping[str, str], now: dt.datetime | None = None) -> float | None:
    """The wait a `Retry-After` header asks for, in seconds: a number, or an HTTP date
    (less `now`, the current UTC time by default); None when there is none to read."""
    value = (_header(headers, "retry-after") or "").strip()
    if not value:
        return None
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max((when - (now or dt.datetime.now(dt.UTC))).total_seconds(), 0.0)


def duration(seconds: float) -> str:
    """A wait as a person says it: "40 seconds", "1 minute", "8 minutes"."""
    if seconds < 90:
        whole = round(seconds)
        return f"{whole} seconds" if whole != 1 else "1 second"
    minutes = round(seconds / 60)
    return f"{minutes} minutes"


@dataclass(frozen=True)
class Patience:
    """The bounds of every wait; the defaults suit a weekly unattended run of the
    SP-API reports (the Ads API's own are `auditor.fetch.ads_api.ADS_PATIENCE`)."""

    #: Seconds an HTTP call may wait for its answer (reading), and to connect unless
    #: `connect_timeout` is set.
    timeout: float = 60.0
    #: Seconds to connect; None: `timeout`.
    connect_timeout: float | None = None
    #: Seconds a report document's download may wait for its data (large documents come
    #: slowly); None: `timeout`.
    download_timeout: float | None = None
    #: Tries after a 429 before the call counts as failed.
    throttled_retries: int = 8
    #: Tries after a transient server error or no answer.
    server_retries: int = 3
    #: The first wait after a failure; it doubles with each further try.
    first_wait: float = 2.0
    #: No single wait after a failure is longer than this, whatever a header asks.
    longest_wait: float = 120.0
    #: A report is polled first after `poll_first` seconds, then ever less often (each
    #: wait half as long again as the last) up to `poll_longest`.
    poll_first: float = 5.0
    poll_longest: float = 60.0
    #: A report not ready after this many seconds of polling is given up (a failure of
    #: that report).
    poll_total: float = 45 * 60.0
    #: Every wait (a test passes a fake one).
    sleep: Callable[[float], None] = field(default=time.sleep, repr=False)
    #: Elapsed time, in seconds (monotonic; a test passes a fake one).
    clock: Callable[[], float] = field(default=time.monotonic, repr=False)

    def timeouts(self) -> tuple[float, float]:
        """(connect, read) seconds for one API call."""
        connect = self.timeout if self.connect_timeout is None else self.connect_timeout
        return connect, self.timeout

    def download_timeouts(self) -> tuple[float, float]:
        """(connect, read) seconds for downloading a report document."""
        read = self.timeout if self.download_timeout is None else self.download_timeout
        return self.timeouts()[0], read

    def backoff(self, attempt: int) -> float:
        """The wait before try number `attempt` + 1 (attempt counts from 0)."""
        return float(min(self.longest_wait, self.first_wait * 2**attempt))

    def call(self, request: Callable[[], T]) -> T:
        """`request()`, tried again after throttling and transient failures as above;
        the last CallFailed is raised (its `tries` set) when the tries run out or the
        failure is final."""
        throttled = unanswered = 0
        while True:
            try:
                return request()
            except CallFailed as failure:
                if failure.status == 429 and throttled < self.throttled_retries:
                    limit = rate_limit(failure.headers)
                    asked = max(retry_after(failure.headers) or 0.0, 1.0 / limit if limit else 0.0)
                    wait = min(self.longest_wait, max(asked, self.backoff(throttled)))
                    throttled += 1
                elif (
                    failure.status is None or failure.status in TRANSIENT
                ) and unanswered < self.server_retries:
                    wait = self.backoff(unanswered)
                    unanswered += 1
                else:
                    failure.tries = throttled + unanswered + 1
                    raise
                log.info("%s: to be tried again in %.0f s", failure.message, wait)
                self.sleep(wait)

    def poll(self, look: Callable[[], T], pending: Callable[[T], str | None], what: str) -> T:
        """`look()` until `pending(answer)` is None (the answer is final), the first
        wait `poll_first` seconds, each next one half as long again up to `poll_longest`.
        `pending` names the status of an answer still in the making. Raises CallFailed
        ("<what> was still <status> after <time> of waiting") when the next wait would
        take the waiting past `poll_total`; CallFailed from `look` passes through."""
        started = self.clock()
        wait = self.poll_first
        while True:
            answer = look()
            status = pending(answer)
            if status is None:
                return answer
            waited = self.clock() - started
            if waited + wait > self.poll_total:
                raise CallFailed(
                    f"{what} was still {status} after {duration(waited)} of waiting "
                    f"(at most {duration(self.poll_total)}); try again later"
                )
            log.info("%s is %s; next look in %.0f s", what, status, wait)
            self.sleep(wait)
            wait = min(self.poll_longest, wait * 1.5)


@dataclass
class Pace:
    """Calls of one operation spaced at the rate Amazon applies to it, so that a run of
    many calls (one preview per listing) keeps under the limit instead of leaning on 429s.

    Amazon meters each operation with a token bucket and states its rate in every
    answer's `x-amzn-RateLimit-Limit`; the pace starts at `rate` (the documented one) and
    follows what Amazon states. The burst is not used: calls are spaced evenly, 1/rate
    seconds apart, which a bucket of any size admits. Waits go through `patience`'s
    sleep and clock, so a test's fake clock makes them instant.
    """

    patience: Patience
    #: Requests per second until Amazon states its own.
    rate: float
    _next: float | None = None

    def wait(self) -> None:
        """Sleep until the next call is due."""
        if self._next is not None:
            due = self._next - self.patience.clock()
            if due > 0:
                self.patience.sleep(due)

    def called(self, stated: float | None = None) -> None:
        """A call was answered; `stated` is the rate its answer gave, if any."""
        if stated:
            self.rate = stated
        self._next = self.patience.clock() + 1.0 / self.rate

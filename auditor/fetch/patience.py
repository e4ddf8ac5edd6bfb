"""How long to wait and how often to try again: throttling and robustness in one place.

Amazon throttles every operation with a token bucket and says its rate in the
`x-amzn-RateLimit-Limit` header (requests per second). A 429 is honoured by waiting at
least one request's worth of that rate (1/limit seconds: a minute for createReport)
and trying again; transient server errors (500, 502, 503, 504) and calls that got no
answer are tried again a bounded number of times with a growing wait. Every HTTP call
carries `timeout`, and report polling stops after `poll_total` seconds.

All waits go through `sleep` and all elapsed time through `clock`, so a test passes a
fake pair and nothing sleeps for real.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TypeVar

T = TypeVar("T")

#: Server errors worth another try: the service is busy or restarting, not refusing.
TRANSIENT = frozenset({500, 502, 503, 504})


class CallFailed(Exception):
    """One HTTP call that did not succeed: its status (None when nothing answered), the
    response headers, and a one-line message made from Amazon's error body, never from
    the request (which carries the access token)."""

    def __init__(
        self, message: str, status: int | None = None, headers: Mapping[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.headers = dict(headers or {})


def rate_limit(headers: Mapping[str, str]) -> float | None:
    """The operation's rate in requests per second, from `x-amzn-RateLimit-Limit`."""
    for key, value in headers.items():
        if key.lower() == "x-amzn-ratelimit-limit":
            try:
                limit = float(value)
            except ValueError:
                return None
            return limit if limit > 0 else None
    return None


@dataclass(frozen=True)
class Patience:
    """The bounds of every wait; the defaults suit a weekly unattended run."""

    #: Seconds one HTTP call may take (connecting and reading).
    timeout: float = 60.0
    #: Tries after a 429 before the call counts as failed.
    throttled_retries: int = 8
    #: Tries after a transient server error or no answer.
    server_retries: int = 3
    #: The first wait after a failure; it doubles with each further try.
    first_wait: float = 2.0
    #: No single wait is longer than this.
    longest_wait: float = 120.0
    #: getReport is polled first after `poll_first` seconds, then ever less often up to `poll_longest`.
    poll_first: float = 5.0
    poll_longest: float = 60.0
    #: A report not ready after this many seconds is given up (a failure of that report).
    poll_total: float = 45 * 60.0
    sleep: Callable[[float], None] = field(default=time.sleep, repr=False)
    clock: Callable[[], float] = field(default=time.monotonic, repr=False)

    def backoff(self, attempt: int) -> float:
        """The wait before try number `attempt` + 1 (attempt counts from 0)."""
        return float(min(self.longest_wait, self.first_wait * 2**attempt))

    def call(self, request: Callable[[], T]) -> T:
        """`request()`, tried again after throttling and transient failures as above;
        the last CallFailed is raised when the tries run out or the failure is final."""
        throttled = unanswered = 0
        while True:
            try:
                return request()
            except CallFailed as failure:
                if failure.status == 429 and throttled < self.throttled_retries:
                    limit = rate_limit(failure.headers)
                    paced = 1.0 / limit if limit else 0.0
                    self.sleep(min(self.longest_wait, max(paced, self.backoff(throttled))))
                    throttled += 1
                elif (
                    failure.status is None or failure.status in TRANSIENT
                ) and unanswered < self.server_retries:
                    self.sleep(self.backoff(unanswered))
                    unanswered += 1
                else:
                    raise


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

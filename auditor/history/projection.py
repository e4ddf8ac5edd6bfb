"""When does a metric cross its limit if it keeps moving at its recent rate?

Amazon shows an Order Defect Rate of 0.86% as "healthy" right up to the week it is
1.02%. A seller who audits weekly has the earlier values in history, so the trend
can be extended: fit a straight line to the last few values and see where it meets
the limit. This module does only that arithmetic, on plain (date, value) pairs, so
the trend command, the HTML report and the weekly review all tell the same story.

The limit is described exactly as the rule packs describe a failure
(`fail: {ge: 0.01}` for the ODR, `fail: {lt: 200}` for the Account Health Rating):
`fails_at` is the rule's operator, so a caller passes the rule's own threshold and
the "bad side" can never disagree with the finding the engine reported.

The rate is a least-squares slope (numpy's `polyfit`) over the last `window`
points, by date, with the day as the unit of time, so weekly, monthly and irregular
audits are all handled: a missed week simply widens the gap between two points. The
line is anchored at the last observed value (what the seller sees today), not at the
fitted one. A projection more than `horizon_days` ahead says nothing useful about a
rolling 60-day metric and is reported as moving away.
"""

from __future__ import annotations

import datetime as dt
import math
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import numpy as np

if TYPE_CHECKING:
    from auditor.model.report import Projection as ProjectionData

#: The rule operators a limit can fail at, as in a threshold rule's `fail:` band.
FailsAt = Literal["ge", "gt", "le", "lt"]
Status = Literal["crossed", "crossing", "away", "too_few"]

#: Points fitted by default: four weekly audits, about the 30 days Amazon's short windows cover.
DEFAULT_WINDOW = 4
#: Beyond this many days a straight-line projection of a rolling metric means nothing.
DEFAULT_HORIZON_DAYS = 365
#: Float noise allowed when rounding a crossing up to a whole day (7.000000001 days is 7).
_DAY_EPSILON = 1e-9

_FAILS = {
    "ge": lambda value, limit: value >= limit,
    "gt": lambda value, limit: value > limit,
    "le": lambda value, limit: value <= limit,
    "lt": lambda value, limit: value < limit,
}


@dataclass(frozen=True)
class Projection:
    """Where a metric stands against its limit and, if it is heading there, when it arrives.

    `status`:
    - "crossed": the last value is already on the failing side of the limit;
    - "crossing": it is moving towards the limit and reaches it on `crosses_on`;
    - "away": it is flat, moving away, or would take more than the horizon to arrive;
    - "too_few": fewer than two dated values, so there is no rate.
    `slope_per_day` is in the metric's own units (a rate's fraction per day), None
    without a rate; `points_used` is how many (date, value) points the fit used.
    """

    status: Status
    crosses_on: dt.date | None
    slope_per_day: float | None
    points_used: int

    def as_dict(self) -> ProjectionData:
        """Plain JSON data for the report: dates in ISO form."""
        return {
            "status": self.status,
            "crosses_on": self.crosses_on.isoformat() if self.crosses_on else None,
            "slope_per_day": self.slope_per_day,
            "points_used": self.points_used,
        }


def project(
    points: Sequence[tuple[dt.date, float]],
    limit: float,
    fails_at: FailsAt,
    *,
    as_of: dt.date | None = None,
    window: int = DEFAULT_WINDOW,
    horizon_days: int = DEFAULT_HORIZON_DAYS,
) -> Projection:
    """Project `points` (a metric's values by date) forward against `limit`.

    `fails_at` is the rule's failing operator: "ge" for an upper bound that fails
    at or above the limit (ODR fails at >= 1%), "lt" for a lower bound that fails
    below it (AHR fails under 200); "gt" and "le" likewise. Points may come in any
    order and at irregular dates; when two share a date the later one in the list
    wins (a re-run of that day's audit). Non-finite values (a metric the report did
    not have that day) are left out. With `as_of`, points dated after it are
    ignored and the horizon is counted from it; otherwise from the last point.

    The crossing date is the last date plus (limit - last value) / slope days,
    rounded up to a whole day: the first day on which the line fails (at a strict
    "gt"/"lt" limit, a line that only touches it on a whole day fails the day after).
    A single point already past the limit is "crossed"; one that is not is "too_few".
    """
    if fails_at not in _FAILS:
        raise ValueError(f"fails_at must be one of {sorted(_FAILS)}, not {fails_at!r}")
    if window < 2:
        raise ValueError(f"window must be at least 2 points, not {window}")
    if not math.isfinite(limit):
        raise ValueError(f"limit must be a finite number, not {limit!r}")

    by_date: dict[dt.date, float] = {}
    for day, value in points:
        if (as_of is None or day <= as_of) and math.isfinite(value):
            by_date[day] = float(value)
    recent = sorted(by_date.items())[-window:]
    if not recent:
        return Projection("too_few", None, None, 0)

    last_day, last_value = recent[-1]
    crossed = _FAILS[fails_at](last_value, limit)
    if len(recent) < 2:
        return Projection("crossed" if crossed else "too_few", None, None, len(recent))

    slope = _slope_per_day(recent)
    if crossed:
        return Projection("crossed", None, slope, len(recent))
    upper_bound = fails_at in ("ge", "gt")
    towards = slope > 0 if upper_bound else slope < 0
    if not towards:
        return Projection("away", None, slope, len(recent))

    # Compared before any date is built: a near-flat line reaches the limit in 10**15 days.
    last_day_to_horizon = horizon_days + ((as_of or last_day) - last_day).days
    days = _first_failing_day((limit - last_value) / slope, strict=fails_at in ("gt", "lt"))
    if days > last_day_to_horizon:
        return Projection("away", None, slope, len(recent))
    return Projection("crossing", last_day + dt.timedelta(days=days), slope, len(recent))


def _first_failing_day(reaches_in: float, *, strict: bool) -> int:
    """The first whole day, counted from the last point, on which the line fails.

    The line reaches the limit `reaches_in` days on. At a "ge"/"le" limit that day
    fails already, so it is rounded up; at a strict "gt"/"lt" limit touching it is
    not yet failing, so a crossing on a whole day moves to the next one.
    """
    if not math.isfinite(reaches_in):
        return sys.maxsize
    if strict:
        return math.floor(reaches_in + _DAY_EPSILON) + 1
    return math.ceil(reaches_in - _DAY_EPSILON)


def _slope_per_day(points: Sequence[tuple[dt.date, float]]) -> float:
    """The least-squares slope through `points`, in value per day.

    Days are counted from the last point, which keeps the numbers small and the fit
    well conditioned whatever the calendar year.
    """
    last_day = points[-1][0]
    days = np.array([(day - last_day).days for day, _ in points], dtype=float)
    values = np.array([value for _, value in points], dtype=float)
    slope, _intercept = np.polyfit(days, values, 1)
    return float(slope)

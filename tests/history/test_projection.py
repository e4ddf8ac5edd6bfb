"""Projecting a metric to its limit: the dates a seller would be told, worked by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from auditor.history.projection import Projection, project

FRIDAY = dt.date(2026, 11, 6)
WEEK = dt.timedelta(days=7)


def weekly(*values: float, start: dt.date = FRIDAY) -> list[tuple[dt.date, float]]:
    """One value per weekly audit, starting on `start`."""
    return [(start + i * WEEK, value) for i, value in enumerate(values)]


def test_a_drifting_order_defect_rate_crosses_one_percent_on_the_day_worked_out_by_hand():
    # 0.50%, 0.62%, 0.74%, 0.86% on Nov 6, 13, 20, 27: exactly +0.12 points a week,
    # so the least-squares slope is 0.0012 / 7 = 0.000171428... per day.
    # From 0.86% on Nov 27 the line needs 0.14 points more: 0.0014 / (0.0012 / 7)
    # = 8.17 days, rounded up to 9 days: Dec 6 is the first day at or above 1%.
    odr = weekly(0.0050, 0.0062, 0.0074, 0.0086)

    projection = project(odr, 0.01, "ge")

    assert projection.status == "crossing"
    assert projection.crosses_on == dt.date(2026, 12, 6)
    assert projection.slope_per_day == pytest.approx(0.0012 / 7)
    assert projection.points_used == 4
    assert projection.as_dict() == {
        "status": "crossing",
        "crosses_on": "2026-12-06",
        "slope_per_day": pytest.approx(0.0012 / 7),
        "points_used": 4,
    }


def test_a_falling_account_health_rating_crosses_its_lower_bound():
    # AHR 320, 290, 260 on Nov 6, 13, 20: -30 a week, -30/7 a day. From 260 on
    # Nov 20 the line reaches 200 after exactly 60 / (30/7) = 14 days (Dec 4).
    # AHR fails *below* 200 (`fail: {lt: 200}`): touching 200 is not yet failing,
    # so the first failing day is Dec 5.
    ahr = weekly(320, 290, 260)

    projection = project(ahr, 200, "lt")

    assert projection.status == "crossing"
    assert projection.crosses_on == dt.date(2026, 12, 5)
    assert projection.slope_per_day == pytest.approx(-30 / 7)


def test_an_upper_bound_reached_on_a_whole_day_fails_that_day():
    # Late shipment 2.0%, 2.7%, 3.4% weekly: +0.1 point a day; 4% (`fail: {ge: 0.04}`)
    # is reached 6 days after Nov 20, and at 4.0% the rule already fails.
    late = weekly(0.020, 0.027, 0.034)

    assert project(late, 0.04, "ge").crosses_on == dt.date(2026, 11, 26)
    assert project(late, 0.04, "gt").crosses_on == dt.date(2026, 11, 27)


def test_an_improving_metric_is_moving_away():
    projection = project(weekly(0.0090, 0.0080, 0.0070, 0.0060), 0.01, "ge")

    assert projection.status == "away"
    assert projection.crosses_on is None
    assert projection.slope_per_day is not None and projection.slope_per_day < 0


def test_a_flat_metric_is_moving_away():
    projection = project(weekly(0.005, 0.005, 0.005), 0.01, "ge")

    assert projection == Projection("away", None, pytest.approx(0.0), 3)


def test_a_metric_already_over_its_limit_has_crossed():
    projection = project(weekly(0.0090, 0.0110), 0.01, "ge")

    assert projection.status == "crossed"
    assert projection.crosses_on is None
    assert projection.as_dict()["crosses_on"] is None


def test_exactly_at_an_upper_limit_is_crossed_but_exactly_at_a_lower_one_is_not():
    assert project(weekly(0.008, 0.01), 0.01, "ge").status == "crossed"
    assert project(weekly(250, 200), 200, "lt").status == "crossing"
    assert project(weekly(250, 199), 200, "lt").status == "crossed"


def test_one_point_has_too_few_for_a_rate_unless_it_is_already_over():
    assert project(weekly(0.0086), 0.01, "ge") == Projection("too_few", None, None, 1)
    assert project([], 0.01, "ge") == Projection("too_few", None, None, 0)
    assert project(weekly(0.012), 0.01, "ge") == Projection("crossed", None, None, 1)


def test_the_rate_comes_from_the_last_window_points_only():
    # A year of improvement, then four weeks of drift: only the drift counts.
    history = weekly(0.0090, 0.0080, 0.0070, 0.0060, 0.0050, 0.0062, 0.0074, 0.0086)

    projection = project(history, 0.01, "ge")

    assert projection.points_used == 4
    assert projection.crosses_on == dt.date(2027, 1, 3)  # 8 weeks after Nov 6, + 9 days
    assert project(history, 0.01, "ge", window=8).status == "away"


def test_irregular_dates_are_fitted_by_day_and_a_rerun_on_the_same_day_replaces_the_first():
    # Audits on days 0, 3 and 10 with values on one line of +0.0001 a day; the
    # first audit of day 10 (a bad input, 0.0200) was re-run and its later value wins.
    points = [
        (FRIDAY, 0.0050),
        (FRIDAY + dt.timedelta(days=10), 0.0200),
        (FRIDAY + dt.timedelta(days=3), 0.0053),
        (FRIDAY + dt.timedelta(days=10), 0.0060),
    ]

    projection = project(points, 0.01, "ge")

    assert projection.points_used == 3
    assert projection.slope_per_day == pytest.approx(0.0001)
    # 0.0040 to go at 0.0001 a day: 40 days after Nov 16.
    assert projection.crosses_on == dt.date(2026, 12, 26)


def test_as_of_ignores_later_points_and_counts_the_horizon_from_that_day():
    odr = weekly(0.0050, 0.0062, 0.0074, 0.0086, 0.0200)

    assert project(odr, 0.01, "ge", as_of=dt.date(2026, 11, 27)).crosses_on == dt.date(2026, 12, 6)
    # +0.0001 a day from 0.74% on Nov 20: 0.26 points to go, 26 days, Dec 16. That is
    # 19 days after an as_of of Nov 27 (and 26 after the last point, which is not used).
    slow = weekly(0.0060, 0.0067, 0.0074)
    as_of = dt.date(2026, 11, 27)
    within = project(slow, 0.01, "ge", as_of=as_of, horizon_days=19)
    assert (within.status, within.crosses_on) == ("crossing", dt.date(2026, 12, 16))
    assert project(slow, 0.01, "ge", as_of=as_of, horizon_days=18).status == "away"


def test_a_crossing_more_than_a_year_away_is_reported_as_away():
    # +0.01 point a week from 0.50%: 1% would be 50 weeks after Nov 20, inside a year;
    # half that rate would take 100 weeks, beyond it.
    assert project(weekly(0.0048, 0.0049, 0.0050), 0.01, "ge").status == "crossing"
    creeping = project(weekly(0.00490, 0.00495, 0.00500), 0.01, "ge")
    assert creeping.status == "away"
    assert creeping.slope_per_day == pytest.approx(0.00005 / 7)


def test_missing_values_are_left_out_not_read_as_zero():
    odr = weekly(0.0050, 0.0062, float("nan"), 0.0086)

    projection = project(odr, 0.01, "ge")

    assert projection.points_used == 3
    assert projection.crosses_on == dt.date(2026, 12, 6)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"fails_at": "above"}, "fails_at must be one of"),
        ({"window": 1}, "window must be at least 2"),
        ({"limit": float("inf")}, "limit must be a finite number"),
    ],
)
def test_a_meaningless_question_is_refused_with_a_reason(kwargs, message):
    arguments = {"points": weekly(0.005, 0.006), "limit": 0.01, "fails_at": "ge"} | kwargs

    with pytest.raises(ValueError, match=message):
        project(**arguments)

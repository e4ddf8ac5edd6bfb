"""The trend chart: a well-formed, accessible, deterministic SVG that puts values where they belong."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from auditor.outputs.svg import line_chart

SVG = "{http://www.w3.org/2000/svg}"
FRIDAY = dt.date(2026, 11, 6)
WEEK = dt.timedelta(days=7)
#: The ODR of a German MFN account drifting towards Amazon's 1% limit, weekly.
ODR = [(FRIDAY + i * WEEK, value) for i, value in enumerate((0.0050, 0.0062, 0.0074, 0.0086))]
CROSSES_ON = dt.date(2026, 12, 6)


def percent(value: float) -> str:
    return f"{value:.2%}"


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    return root


def by_class(root: ET.Element, name: str) -> list[ET.Element]:
    return [element for element in root.iter() if element.get("class") == name]


def label_value(label: str) -> float:
    """A tick label back to its number: "0.60%" is 0.006."""
    return float(label.rstrip("%")) / 100 if label.endswith("%") else float(label)


def y_scale(root: ET.Element):
    """value -> y, read back from the chart's own y grid lines and their tick labels."""
    axis = by_class(root, "axis-y")[0]
    grid = [float(line.get("y1", "")) for line in axis.findall(f"{SVG}line")]
    values = [label_value(text.text or "") for text in axis.findall(f"{SVG}text")]
    (v0, y0), (v1, y1) = (values[0], grid[0]), (values[-1], grid[-1])
    return lambda value: y0 + (value - v0) * (y1 - y0) / (v1 - v0)


def odr_chart(**options) -> str:
    arguments = {"title": "Order Defect Rate · DE · MFN", "format_value": percent, "limit": 0.01}
    return line_chart(ODR, **(arguments | options))


def test_the_chart_is_a_self_contained_accessible_svg_document():
    svg = odr_chart()
    root = parse(svg)

    assert root.get("role") == "img"
    assert root.get("aria-label") == "Order Defect Rate · DE · MFN"
    assert root.find(f"{SVG}title").text == "Order Defect Rate · DE · MFN"
    assert root.find(f"{SVG}desc").text == "2026-11-06: 0.50% → 2026-11-27: 0.86%"
    assert (root.get("width"), root.get("height"), root.get("viewBox")) == (
        "560",
        "180",
        "0 0 560 180",
    )
    # Nothing to load or run: no script, stylesheet, link, font file or id to clash inline.
    for forbidden in ("<script", "<style", "href", "url(", "@font-face", ' id="', "<?xml"):
        assert forbidden not in svg


def test_the_same_data_draws_the_same_bytes():
    assert odr_chart(projection=(CROSSES_ON, 0.01)) == odr_chart(projection=(CROSSES_ON, 0.01))
    assert (
        line_chart(
            list(reversed(ODR)),
            title="Order Defect Rate · DE · MFN",
            format_value=percent,
            limit=0.01,
        )
        == odr_chart()
    )


def test_each_point_is_a_marker_with_its_date_and_value_on_the_line():
    root = parse(odr_chart())
    markers = root.findall(f".//{SVG}g[@class='markers']/{SVG}circle")
    polyline = by_class(root, "series")[0]

    assert [marker.find(f"{SVG}title").text for marker in markers] == [
        "2026-11-06: 0.50%",
        "2026-11-13: 0.62%",
        "2026-11-20: 0.74%",
        "2026-11-27: 0.86%",
    ]
    assert polyline.get("points") == " ".join(f"{m.get('cx')},{m.get('cy')}" for m in markers)
    xs = [float(m.get("cx")) for m in markers]
    assert xs == sorted(xs) and xs[1] - xs[0] == pytest.approx(xs[3] - xs[2], abs=0.1)
    to_y = y_scale(root)
    for marker, (_, value) in zip(markers, ODR, strict=True):
        assert float(marker.get("cy")) == pytest.approx(to_y(value), abs=0.1)
    # Higher values are higher on the page (smaller y).
    assert float(markers[3].get("cy")) < float(markers[0].get("cy"))


def test_the_limit_is_a_dashed_red_line_at_the_limits_place_on_the_scale():
    root = parse(odr_chart(format_value=lambda value: f"{value:.4f}", limit_label="limit 1.00%"))
    limit = by_class(root, "limit")[0]
    line, label = limit.find(f"{SVG}line"), limit.find(f"{SVG}text")

    assert (
        float(line.get("y1"))
        == float(line.get("y2"))
        == pytest.approx(y_scale(root)(0.01), abs=0.1)
    )
    assert line.get("stroke-dasharray") and line.get("stroke") == "#c62828"
    assert label.text == "limit 1.00%"
    tick_values = [float(text.text) for text in by_class(root, "tick-y")]
    assert min(tick_values) <= 0.005 and max(tick_values) > 0.01  # the limit is inside the y range


def test_a_limit_far_above_the_data_widens_the_y_range_to_show_it():
    root = parse(line_chart(ODR, title="ODR", format_value=lambda v: f"{v:.4f}", limit=0.05))

    assert max(float(text.text) for text in by_class(root, "tick-y")) >= 0.05


def test_y_ticks_and_the_default_limit_label_are_written_by_the_formatter():
    root = parse(odr_chart())

    labels = [text.text for text in by_class(root, "tick-y")]
    assert labels and all(label.endswith("%") for label in labels)
    assert "0.60%" in labels
    assert by_class(root, "limit")[0].find(f"{SVG}text").text == "limit 1.00%"


def test_x_ticks_name_the_first_and_last_dates_and_some_between():
    root = parse(odr_chart(projection=(CROSSES_ON, 0.01)))

    dates = [text.text for text in by_class(root, "tick-x")]
    assert dates[0] == "2026-11-06" and dates[-1] == "2026-12-06"
    assert 3 <= len(dates) <= 5 and dates == sorted(dates)


def test_dates_can_be_written_in_the_reports_language():
    chinese = odr_chart(
        format_date=lambda day: f"{day.month}月{day.day}日", limit_label="上限 1.00%"
    )
    root = parse(chinese)

    assert by_class(root, "tick-x")[0].text == "11月6日"
    assert root.find(f".//{SVG}circle/{SVG}title").text == "11月6日: 0.50%"
    assert by_class(root, "limit")[0].find(f"{SVG}text").text == "上限 1.00%"


def test_the_projection_is_drawn_only_when_given_from_the_last_point_to_the_crossing():
    assert by_class(parse(odr_chart()), "projection") == []

    root = parse(odr_chart(projection=(CROSSES_ON, 0.01)))
    projection = by_class(root, "projection")[0]
    line, end = projection.find(f"{SVG}line"), projection.find(f"{SVG}circle")
    last = root.findall(f".//{SVG}g[@class='markers']/{SVG}circle")[-1]
    limit_y = by_class(root, "limit")[0].find(f"{SVG}line").get("y1")

    assert (line.get("x1"), line.get("y1")) == (last.get("cx"), last.get("cy"))
    assert (line.get("x2"), line.get("y2")) == (end.get("cx"), end.get("cy"))
    assert line.get("y2") == limit_y
    assert line.get("stroke-dasharray")
    assert end.find(f"{SVG}title").text == "2026-12-06: 1.00%"
    # The x axis reaches the crossing: 9 days after the last audit, 30 after the first.
    first_x = float(root.find(f".//{SVG}g[@class='markers']/{SVG}circle").get("cx"))
    assert (float(end.get("cx")) - float(last.get("cx"))) / (
        float(end.get("cx")) - first_x
    ) == pytest.approx(9 / 30, abs=0.01)


def test_a_hostile_title_and_labels_are_text_not_markup():
    svg = line_chart(
        ODR,
        title='<script>alert(1)</script> & "ODR" \x00',
        format_value=lambda value: f"<b>{value}</b>",
        limit=0.01,
        limit_label="</text><script>x</script>",
    )
    root = parse(svg)

    assert "<script" not in svg and "<b>" not in svg
    assert root.find(f"{SVG}title").text == '<script>alert(1)</script> & "ODR" '
    assert root.get("aria-label") == '<script>alert(1)</script> & "ODR" '
    assert by_class(root, "limit")[0].find(f"{SVG}text").text == "</text><script>x</script>"
    assert root.find(f"{SVG}script") is None


def test_a_single_point_is_drawn_in_the_middle_with_its_own_date():
    root = parse(line_chart([(FRIDAY, 0.0086)], title="ODR", format_value=percent))
    (marker,) = root.findall(f".//{SVG}g[@class='markers']/{SVG}circle")
    ticks = [float(text.text.rstrip("%")) for text in by_class(root, "tick-y")]

    assert float(marker.get("cx")) == pytest.approx((42 + 546) / 2, abs=30)
    assert [text.text for text in by_class(root, "tick-x")] == ["2026-11-06"]
    assert min(ticks) < 0.86 < max(ticks)
    assert 40 < float(marker.get("cy")) < 150


def test_a_flat_series_gets_a_y_range_and_stays_on_the_chart():
    flat = [(FRIDAY + i * WEEK, 0.004) for i in range(6)]
    root = parse(line_chart(flat, title="Late shipment", format_value=percent))
    ys = {marker.get("cy") for marker in root.findall(f".//{SVG}g[@class='markers']/{SVG}circle")}
    ticks = [float(text.text.rstrip("%")) for text in by_class(root, "tick-y")]

    assert len(ys) == 1 and 30 < float(ys.pop()) < 160
    assert min(ticks) < 0.4 < max(ticks)


def test_a_rate_that_is_always_zero_does_not_get_a_negative_axis():
    zero = [(FRIDAY + i * WEEK, 0.0) for i in range(3)]
    root = parse(line_chart(zero, title="Cancellation", format_value=percent))

    assert by_class(root, "tick-y")[0].text == "0.00%"


def test_no_points_draw_a_small_no_data_chart():
    root = parse(line_chart([], title="Tracking", no_data_label="无数据", limit=0.95))

    assert int(root.get("height")) < 180
    assert by_class(root, "no-data")[0].text == "无数据"
    assert by_class(root, "series") == [] and by_class(root, "limit") == []
    assert line_chart([(FRIDAY, float("nan"))], title="Tracking") == line_chart(
        [], title="Tracking"
    )


def test_a_missing_week_is_a_gap_not_a_zero():
    with_gap = [*ODR[:2], (FRIDAY + 2 * WEEK, float("nan")), ODR[3]]
    root = parse(line_chart(with_gap, title="ODR", format_value=percent))

    assert len(root.findall(f".//{SVG}g[@class='markers']/{SVG}circle")) == 3
    assert "0.00%" not in [text.text for text in by_class(root, "tick-y")]


def test_a_series_name_with_a_slash_stays_a_file_name_beside_the_output(tmp_path):
    from auditor.outputs.history import svg_files

    warnings = {
        "metric": "policy_warnings",
        "marketplace": "DE",
        "channel": None,
        "window_days": None,
        "unit": "number",
        "points": [],
        "limit": None,
        "projection": None,
    }
    series = [warnings | {"subject": "../../etc/passwd"}, warnings | {"subject": "Pricing/Fair"}]
    output = tmp_path / "charts" / "warnings.svg"

    import auditor.outputs.history as history

    history_chart, history.chart = history.chart, lambda item, language: "<svg/>"
    try:
        names = [path for path, _ in svg_files(series, output, "en")]
    finally:
        history.chart = history_chart

    assert all(path.parent == output.parent for path in names)
    assert [p.name for p in names] == [
        "warnings-DE-_etc_passwd.svg",
        "warnings-DE-Pricing_Fair.svg",
    ]

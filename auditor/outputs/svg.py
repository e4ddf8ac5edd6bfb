"""A small SVG line chart for trends: a metric by date, its limit, and where it is heading.

Why our own module rather than a charting library. We measured the candidates
(fresh virtualenv, Python 3.11, November 2026):

- matplotlib 3.11: 170 MB installed with numpy, Pillow, fontTools and kiwisolver,
  0.7 s to import pyplot. Its SVG embeds glyph outlines or names fonts, carries a
  creation date and random clip-path ids unless `svg.hashsalt` and `metadata` are
  pinned, and has no per-point tooltip or `role="img"`.
- pygal 3.1: 1.3 MB, 45 ms to import; 15 kB of CSS per chart, a random uuid4 `id`
  on every chart and a "Generated on <today>" comment (so no two renders are
  byte-identical), and by default a `<script>` from a CDN: all of which our
  report's Content-Security-Policy forbids and our byte-identical rerun test fails.
- leather 0.4: 0.4 MB, 28 ms, deterministic; but no dashed or dotted lines, no
  tooltips, no `<title>` or ARIA, a DOCTYPE prolog that is wrong inline in HTML,
  and axis ticks formatted by the library rather than as a rate in our languages.

Each would need post-processing of its output to meet our rules, which is more
code than drawing the chart. One line series, one horizontal limit and one dotted
projection on two linear axes is about 200 lines of string formatting, with no
dependency, deterministic by construction (fixed decimal places, no ids, no clock),
escaped in one place, and tested in tests/outputs/test_svg.py.

The chart is self-contained (presentation attributes only: no `<style>`, script,
font file or link), so it works inline in the HTML report under its CSP and as a
standalone `.svg` file (the SVG namespace is always declared). It carries no `id`,
so many charts can share one page. Titles and labels come from data and are escaped.
"""

from __future__ import annotations

import datetime as dt
import html
import math
import re
from collections.abc import Callable, Sequence

#: Light theme colours, close to the HTML report's own.
_INK, _MUTED, _GRID, _SERIES, _LIMIT, _BACKGROUND = (
    "#1f2328",
    "#59636e",
    "#e5e7eb",
    "#1f5fa8",
    "#c62828",
    "#ffffff",
)
#: Generic families only: no font is fetched, the reader's own sans-serif draws the text.
_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif"
_FONT_SIZE = 10
#: A rough width of one character at `_FONT_SIZE`, to leave room for the y tick labels.
_CHAR_WIDTH = 6.0
_TOP, _RIGHT, _BOTTOM = 26.0, 14.0, 20.0
#: Share of the value range added above and below, so a limit never lies on the frame.
_Y_MARGIN = 0.08
#: Horizontal room per x tick label (a date is about 60 units wide at `_FONT_SIZE`).
_TICK_GAP = 110.0
#: Height of the chart drawn when there is nothing to plot.
_NO_DATA_HEIGHT = 64
#: Characters XML 1.0 does not allow at all (escaping cannot save them).
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

Point = tuple[dt.date, float]


def line_chart(
    points: Sequence[Point],
    *,
    title: str,
    format_value: Callable[[float], str] = str,
    limit: float | None = None,
    limit_label: str | None = None,
    projection: Point | None = None,
    width: int = 560,
    height: int = 180,
    format_date: Callable[[dt.date], str] = dt.date.isoformat,
    no_data_label: str = "no data",
) -> str:
    """An SVG document drawing `points` as a line, with an optional limit and projection.

    `format_value` writes y tick labels, tooltips and the default limit label (pass
    one that writes a rate as a percentage); `format_date` writes dates on the x axis
    and in tooltips (pass the report language's). `limit` is drawn as a dashed red
    line labelled `limit_label` (default "limit <value>"), `projection` as a dotted
    line from the last point to that (date, value), typically (crosses_on, limit).
    Points are sorted by date; a later point on the same date replaces an earlier
    one; non-finite values are gaps, not zeros. With no point left, a small chart
    says `no_data_label`.
    """
    by_date: dict[dt.date, float] = {}
    for day, value in points:
        if math.isfinite(value):
            by_date[day] = float(value)
    series = sorted(by_date.items())
    if not series:
        return _no_data(title, no_data_label, width)
    if limit is not None and not math.isfinite(limit):
        limit = None
    if projection is not None and not math.isfinite(projection[1]):
        projection = None

    values = [value for _, value in series]
    extra = [v for v in (limit, projection[1] if projection else None) if v is not None]
    y_ticks = _nice_ticks(*_y_range(values + extra))
    y_labels = [format_value(tick) for tick in y_ticks]
    left = max(36.0, _CHAR_WIDTH * max(len(label) for label in y_labels) + 12)
    plot = _Frame(left, _TOP, width - _RIGHT, height - _BOTTOM)

    days = [day for day, _ in series] + ([projection[0]] if projection else [])
    x_of = _date_scale(min(days), max(days), plot.x0, plot.x1)
    y_of = _linear_scale(y_ticks[0], y_ticks[-1], plot.y1, plot.y0)

    summary = _summary(series, format_value, format_date)
    parts = [_open(title, summary, width, height), _text(8, 16, title, weight="600", fill=_INK)]
    parts.append('<g class="axis-y">')
    for tick, label in zip(y_ticks, y_labels, strict=True):
        y = y_of(tick)
        parts.append(_line(plot.x0, y, plot.x1, y, stroke=_GRID))
        parts.append(_text(plot.x0 - 6, y + 3.5, label, anchor="end", klass="tick-y"))
    parts.append("</g>")
    parts.append('<g class="axis-x">')
    parts.append(_line(plot.x0, plot.y1, plot.x1, plot.y1, stroke=_MUTED))
    for day in _date_ticks(sorted(set(days)), plot.x1 - plot.x0):
        x = x_of(day)
        anchor = "end" if x > plot.x1 - 30 else "start" if x < plot.x0 + 30 else "middle"
        parts.append(_line(x, plot.y1, x, plot.y1 + 3, stroke=_MUTED))
        parts.append(_text(x, plot.y1 + 13, format_date(day), anchor=anchor, klass="tick-x"))
    parts.append("</g>")

    if limit is not None:
        y = y_of(limit)
        label = limit_label if limit_label is not None else f"limit {format_value(limit)}"
        # On the side of the line away from most of the data, clear of a projection's end.
        label_y = y + 12 if sum(values) / len(values) > limit else y - 5
        label_x = plot.x1 - (8 if projection is not None else 2)
        parts.append(
            f'<g class="limit">{_line(plot.x0, y, plot.x1, y, stroke=_LIMIT, dash="6 4")}'
            f"{_text(label_x, label_y, label, anchor='end', fill=_LIMIT)}</g>"
        )
    if projection is not None:
        last_day, last_value = series[-1]
        to_day, to_value = projection
        parts.append(
            '<g class="projection">'
            + _line(
                x_of(last_day),
                y_of(last_value),
                x_of(to_day),
                y_of(to_value),
                stroke=_SERIES,
                dash="2 3",
            )
            + f'<circle cx="{_n(x_of(to_day))}" cy="{_n(y_of(to_value))}" r="3" fill="{_BACKGROUND}"'
            f' stroke="{_SERIES}" stroke-width="1.5">'
            f"<title>{_escape(_tooltip(projection, format_value, format_date))}</title></circle>"
            "</g>"
        )

    coordinates = " ".join(f"{_n(x_of(day))},{_n(y_of(value))}" for day, value in series)
    parts.append(
        f'<polyline class="series" points="{coordinates}" fill="none" stroke="{_SERIES}"'
        ' stroke-width="2" stroke-linejoin="round" stroke-linecap="round"/>'
    )
    parts.append('<g class="markers">')
    for point in series:
        parts.append(
            f'<circle cx="{_n(x_of(point[0]))}" cy="{_n(y_of(point[1]))}" r="3" fill="{_SERIES}"'
            f' stroke="{_BACKGROUND}" stroke-width="1">'
            f"<title>{_escape(_tooltip(point, format_value, format_date))}</title></circle>"
        )
    parts.append("</g></svg>")
    return "".join(parts)


class _Frame:
    """The plotting area inside the margins, in SVG user units (y grows downwards)."""

    def __init__(self, x0: float, y0: float, x1: float, y1: float) -> None:
        self.x0, self.y0 = x0, y0
        self.x1, self.y1 = max(x1, x0 + 1), max(y1, y0 + 1)


def _y_range(values: Sequence[float]) -> tuple[float, float]:
    """The values to show on the y axis, with a margin so no line lies on the frame.

    A flat series or a single point gets a band around its value (0..1 for zero), so
    it is drawn mid-height rather than on an axis of zero height. Values that are
    never negative (rates, counts, scores) never get a negative axis.
    """
    low, high = min(values), max(values)
    if high == low:
        pad = abs(low) * 0.1 or 1.0
        low, high = (low - pad, high + pad) if low else (0.0, 1.0)
    else:
        pad = (high - low) * _Y_MARGIN
        low, high = low - pad, high + pad
    if min(values) >= 0 > low:
        low = 0.0
    return low, high


def _nice_ticks(low: float, high: float, count: int = 4) -> list[float]:
    """About `count` round tick values (steps of 1, 2, 2.5 or 5 x 10^n) covering low..high."""
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first, last = math.floor(low / step + 1e-9), math.ceil(high / step - 1e-9)
    digits = max(0, 2 - math.floor(math.log10(step)))
    return [round(k * step, digits) for k in range(first, last + 1)]


def _linear_scale(
    low: float, high: float, to_low: float, to_high: float
) -> Callable[[float], float]:
    """value -> coordinate, mapping low..high onto to_low..to_high."""
    ratio = (to_high - to_low) / (high - low)
    return lambda value: to_low + (value - low) * ratio


def _date_scale(first: dt.date, last: dt.date, x0: float, x1: float) -> Callable[[dt.date], float]:
    """date -> x; a single date sits in the middle of the axis."""
    span = (last - first).days
    if span == 0:
        return lambda day: (x0 + x1) / 2
    return lambda day: x0 + (day - first).days * (x1 - x0) / span


def _date_ticks(dates: Sequence[dt.date], plot_width: float) -> list[dt.date]:
    """The first and last dates and a few between, taken from `dates`, never crowded.

    Ticks fall on audit dates (a label reads as "the audit of Nov 20", not as an
    arbitrary day): evenly spaced targets in time, each moved to the nearest audit.
    A label like 2026-11-27 is about 60 units wide, so ticks keep `_TICK_GAP` apart.
    """
    first, last = dates[0], dates[-1]
    span = (last - first).days
    if span == 0:
        return [first]
    count = max(1, int(plot_width // _TICK_GAP))
    snapped = sorted({_nearest(dates, first, i * span / count) for i in range(count + 1)})
    min_days = span * _TICK_GAP / plot_width * 0.75
    ticks = [first]
    for day in snapped[1:-1]:
        if (day - ticks[-1]).days >= min_days and (last - day).days >= min_days:
            ticks.append(day)
    return [*ticks, last]


def _nearest(dates: Sequence[dt.date], first: dt.date, offset: float) -> dt.date:
    """The date nearest to `offset` days after `first` (the earlier one on a tie)."""
    return min(dates, key=lambda day: (abs((day - first).days - offset), day))


def _no_data(title: str, label: str, width: int) -> str:
    height = _NO_DATA_HEIGHT
    return (
        _open(title, label, width, height)
        + _text(8, 16, title, weight="600", fill=_INK)
        + _text(width / 2, 44, label, anchor="middle", klass="no-data")
        + "</svg>"
    )


def _open(title: str, description: str, width: int, height: int) -> str:
    """The root element (namespace, size, accessible name, font), `<title>`, `<desc>`, background."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}"'
        f' viewBox="0 0 {width} {height}" role="img" aria-label="{_escape(title)}"'
        f' font-family="{_escape(_FONT)}" font-size="{_FONT_SIZE}">'
        f"<title>{_escape(title)}</title><desc>{_escape(description)}</desc>"
        f'<rect width="{width}" height="{height}" fill="{_BACKGROUND}"/>'
    )


def _line(x1: float, y1: float, x2: float, y2: float, *, stroke: str, dash: str = "") -> str:
    dashed = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'<line x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}"'
        f' stroke="{stroke}" stroke-width="1"{dashed}/>'
    )


def _text(
    x: float,
    y: float,
    content: str,
    *,
    anchor: str = "start",
    fill: str = _MUTED,
    weight: str = "",
    klass: str = "",
) -> str:
    extra = (f' font-weight="{weight}"' if weight else "") + (f' class="{klass}"' if klass else "")
    return (
        f'<text x="{_n(x)}" y="{_n(y)}" text-anchor="{anchor}" fill="{fill}"{extra}>'
        f"{_escape(content)}</text>"
    )


def _tooltip(
    point: Point, format_value: Callable[[float], str], format_date: Callable[[dt.date], str]
) -> str:
    return f"{format_date(point[0])}: {format_value(point[1])}"


def _summary(
    series: Sequence[Point],
    format_value: Callable[[float], str],
    format_date: Callable[[dt.date], str],
) -> str:
    """What a screen reader hears after the title: the first and the last value."""
    ends = [series[0], series[-1]] if len(series) > 1 else [series[0]]
    return " → ".join(_tooltip(point, format_value, format_date) for point in ends)


def _escape(text: str) -> str:
    """Text safe in XML content and in a double- or single-quoted attribute."""
    return html.escape(_XML_INVALID.sub("", str(text)), quote=True)


def _n(value: float) -> str:
    """A coordinate with one decimal: enough at screen resolution, the same on every run."""
    text = f"{value:.1f}".removesuffix(".0")
    return "0" if text == "-0" else text

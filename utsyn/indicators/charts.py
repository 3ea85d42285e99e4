"""A small line chart of an indicator as inline SVG, and the table that goes beside it.

Built in Python so that pages need no JavaScript and no outside service. The chart is a
picture for sighted readers; the table (`table_rows`) carries the same figures for everyone
else, so the chart only has a short title and description. Every text that users typed goes
through `format_html`, which escapes it; the parts are joined with `format_html_join`, which
escapes anything that is not already such markup.
"""

import math
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import groupby

from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from utsyn.core.formatting import format_number

from .models import period_span, time_key

WIDTH, HEIGHT = 480, 270
RIGHT, TOP, BOTTOM = WIDTH - 12, 60, HEIGHT - 28
# Text width is estimated, as there are no font metrics here: about 6.5 units per character.
CHARACTER_WIDTH = 6.5
MAX_YEAR_LABELS = 8
# Contrast against white: observed 8.4:1, target 6.5:1, baseline and axes 8.3:1 (graphics
# need 3:1). Line style and marker shape tell the series apart without colour as well.
OBSERVED, TARGET, BASELINE, AXIS, GRID = "#0b4f8a", "#a04000", "#4a4f55", "#4a4f55", "#d5dae0"
TARGET_DASH, BASELINE_DASH = "6 4", "2 3"


@dataclass
class Point:
    x: float | None
    value: Decimal
    label: str
    year: int | None = None


@dataclass
class Series:
    years: list = field(default_factory=list)  # observed values for whole years
    parts: list = field(default_factory=list)  # observed values for parts of years
    targets: list = field(default_factory=list)
    baseline: Point | None = None

    def points(self):
        baseline = [self.baseline] if self.baseline else []
        return self.years + self.parts + self.targets + baseline


def _series(indicator):
    series = Series()
    for value in indicator.sorted_values():
        start, end = period_span(value.period)
        # A value sits in the middle of the time it covers, a whole year's under its label.
        point = Point(value.year + (start + end) / 2, value.value, value.label, value.year)
        (series.years if (start, end) == (0, 1) else series.parts).append(point)
    for target in sorted(indicator.targets.all(), key=lambda target: target.year):
        series.targets.append(Point(target.year + 0.5, target.value, str(target.year)))
    if indicator.baseline_value is not None:
        year = indicator.baseline_year
        series.baseline = Point(
            year + 0.5 if year else None, indicator.baseline_value, str(year or "")
        )
    return series


def _nice_ticks(low, high, count=4):
    """Round axis values (steps of 1, 2, 2.5 or 5 times a power of ten) covering low–high."""
    low, high = Decimal(low), Decimal(high)
    if high == low:
        high = low + 1
    raw = (high - low) / count
    magnitude = Decimal(1).scaleb(raw.adjusted())
    step = next(m * magnitude for m in (1, 2, Decimal("2.5"), 5, 10) if m * magnitude >= raw)
    first = (low / step).to_integral_value(rounding="ROUND_FLOOR") * step
    last = (high / step).to_integral_value(rounding="ROUND_CEILING") * step
    return [first + step * i for i in range(int((last - first) / step) + 1)]


class _Scale:
    """Maps years and values to the drawing; each year is a band with its label centred."""

    def __init__(self, series):
        xs = [point.x for point in series.points() if point.x is not None]
        self.first_year, self.last_year = math.floor(min(xs)), math.floor(max(xs))
        values = [point.value for point in series.points()]
        # Zero stays on the axis so that changes are not exaggerated.
        self.ticks = _nice_ticks(min(0, *values), max(0, *values))
        self.labels = [format_number(tick) for tick in self.ticks]
        # Room on the left for the longest value label ("1 500 000").
        self.left = max(40, round(12 + CHARACTER_WIDTH * max(map(len, self.labels))))

    def x(self, x):
        span = self.last_year + 1 - self.first_year
        return self.left + (x - self.first_year) / span * (RIGHT - self.left)

    def y(self, value):
        low, high = float(self.ticks[0]), float(self.ticks[-1])
        return BOTTOM - (float(value) - low) / (high - low) * (BOTTOM - TOP)

    def years(self):
        years = range(self.first_year, self.last_year + 1)
        return years[:: math.ceil(len(years) / MAX_YEAR_LABELS)]


def _f(number):
    return f"{float(number):.1f}"


def _dash(dash):
    return format_html(' stroke-dasharray="{}"', dash) if dash else ""


def _axes(scale):
    parts = []
    for tick, label in zip(scale.ticks, scale.labels, strict=True):
        y = _f(scale.y(tick))
        parts.append(
            format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="1"/>'
                '<text x="{}" y="{}" text-anchor="end" dominant-baseline="middle">{}</text>',
                scale.left,
                RIGHT,
                y,
                y,
                GRID,
                scale.left - 6,
                y,
                label,
            )
        )
    for year in scale.years():
        x = _f(scale.x(year + 0.5))
        parts.append(
            format_html('<text x="{}" y="{}" text-anchor="middle">{}</text>', x, HEIGHT - 10, year)
        )
    parts.append(
        format_html(
            '<path d="M{} {}V{}H{}" fill="none" stroke="{}" stroke-width="1.5"/>',
            scale.left,
            TOP,
            BOTTOM,
            RIGHT,
            AXIS,
        )
    )
    return parts


# Markers. `tooltip` is a <title> shown when the pointer rests on the marker.


def _circle(x, y, colour, tooltip=""):
    return format_html(
        '<circle cx="{}" cy="{}" r="4.5" fill="{}">{}</circle>', _f(x), _f(y), colour, tooltip
    )


def _ring(x, y, colour, tooltip=""):
    return format_html(
        '<circle cx="{}" cy="{}" r="3.5" fill="#ffffff" stroke="{}" stroke-width="2">{}</circle>',
        _f(x),
        _f(y),
        colour,
        tooltip,
    )


def _diamond(x, y, colour, tooltip=""):
    return format_html(
        '<path d="M{} {}l6 6l-6 6l-6 -6z" fill="#ffffff" stroke="{}" stroke-width="2.5">{}</path>',
        _f(x),
        _f(float(y) - 6),
        colour,
        tooltip,
    )


def _square(x, y, colour, tooltip=""):
    return format_html(
        '<rect x="{}" y="{}" width="9" height="9" fill="{}">{}</rect>',
        _f(float(x) - 4.5),
        _f(float(y) - 4.5),
        colour,
        tooltip,
    )


def _line(scale, points, colour, width="2.5", dash=""):
    if len(points) < 2:
        return []
    coordinates = " ".join(f"{_f(scale.x(p.x))},{_f(scale.y(p.value))}" for p in points)
    return [
        format_html(
            '<polyline points="{}" fill="none" stroke="{}" stroke-width="{}"{}/>',
            coordinates,
            colour,
            width,
            _dash(dash),
        )
    ]


def _markers(scale, points, marker, colour, kind, unit):
    return [
        marker(
            scale.x(point.x),
            scale.y(point.value),
            colour,
            format_html(
                "<title>{} {}: {} {}</title>", kind, point.label, format_number(point.value), unit
            ),
        )
        for point in points
    ]


def _observed(scale, series, unit):
    # Parts of a year are joined only within their year: they are often counted from the
    # start of the year, so a line from one year's last part to the next year's first would
    # suggest a fall that did not happen. Whole years make the main line.
    parts = []
    for _year, points in groupby(series.parts, key=lambda point: point.year):
        parts += _line(scale, sorted(points, key=lambda point: point.x), OBSERVED, width="1.5")
    parts += _markers(scale, series.parts, _ring, OBSERVED, _("Observed"), unit)
    parts += _line(scale, series.years, OBSERVED)
    parts += _markers(scale, series.years, _circle, OBSERVED, _("Observed"), unit)
    return parts


def _targets(scale, series, unit):
    return _line(scale, series.targets, TARGET, dash=TARGET_DASH) + _markers(
        scale, series.targets, _diamond, TARGET, _("Target"), unit
    )


def _baseline(scale, series, unit):
    point = series.baseline
    if point is None:
        return []
    y = _f(scale.y(point.value))
    line = format_html(
        '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="1.5"{}/>',
        scale.left,
        RIGHT,
        y,
        y,
        BASELINE,
        _dash(BASELINE_DASH),
    )
    if point.x is None:  # a baseline without a year is only the horizontal line
        return [line]
    return [line, *_markers(scale, [point], _square, BASELINE, _("Baseline"), unit)]


def _legend(series):
    entries = [
        (series.years, _circle, OBSERVED, "", _("Observed, whole year")),
        (series.parts, _ring, OBSERVED, "", _("Observed, part of the year")),
        (series.targets, _diamond, TARGET, TARGET_DASH, _("Target")),
        (series.baseline, _square, BASELINE, BASELINE_DASH, _("Baseline")),
    ]
    parts, x, y = [], 4, 12
    for present, marker, colour, dash, text in entries:
        if not present:
            continue
        width = 34 + len(text) * CHARACTER_WIDTH + 18
        if x + width > WIDTH and x > 4:
            x, y = 4, y + 18
        parts.append(
            format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="2"{}/>{}'
                '<text x="{}" y="{}" dominant-baseline="middle">{}</text>',
                x,
                x + 28,
                y,
                y,
                colour,
                _dash(dash),
                marker(x + 14, y, colour),
                x + 34,
                y,
                text,
            )
        )
        x += width
    return parts


def chart_svg(indicator):
    """The chart as safe SVG markup, or "" when nothing can be placed on the time axis."""
    series = _series(indicator)
    if not any(point.x is not None for point in series.points()):
        return ""
    scale = _Scale(series)
    prefix = f"indicator-{indicator.pk}-chart"
    parts = [
        *_legend(series),
        format_html('<text x="4" y="{}">{}</text>', TOP - 12, indicator.unit),
        *_axes(scale),
        *_baseline(scale, series, indicator.unit),
        *_targets(scale, series, indicator.unit),
        *_observed(scale, series, indicator.unit),
    ]
    description = _(
        "Line chart of the observed values and the targets, %(first)s–%(last)s. "
        "The table beside the chart gives the same figures."
    ) % {"first": scale.first_year, "last": scale.last_year}
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {} {}" '
        'width="100%" role="img" aria-labelledby="{}-title {}-desc" font-size="12" '
        'font-family="inherit" fill="#1a1a1a">'
        '<title id="{}-title">{} ({})</title><desc id="{}-desc">{}</desc>{}</svg>',
        WIDTH,
        HEIGHT,
        prefix,
        prefix,
        prefix,
        indicator.name,
        indicator.unit,
        prefix,
        description,
        format_html_join("", "{}", ((part,) for part in parts)),
    )


@dataclass
class Row:
    label: str
    target: str = ""
    observed: str = ""
    note: str = ""
    is_baseline: bool = False


def table_rows(indicator):
    """The figures by year and part of the year, for the table beside the chart."""
    rows = {}
    for value in indicator.sorted_values():
        rows[(value.year, value.period)] = Row(
            value.label, observed=format_number(value.value), note=value.note
        )
    for target in indicator.targets.all():
        row = rows.setdefault((target.year, ""), Row(str(target.year)))
        row.target = format_number(target.value)
    ordered = [rows[key] for key in sorted(rows, key=lambda key: time_key(*key))]
    if indicator.baseline_value is not None:
        year = indicator.baseline_year
        label = _("%(year)s (baseline)") % {"year": year} if year else _("Baseline")
        baseline = format_number(indicator.baseline_value)
        ordered.insert(0, Row(label, observed=baseline, is_baseline=True))
    return ordered


@dataclass
class Chart:
    svg: str
    rows: list


def chart_for(indicator):
    return Chart(svg=chart_svg(indicator), rows=table_rows(indicator))

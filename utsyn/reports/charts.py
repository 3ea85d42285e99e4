"""Charts for reports, drawn on the server with matplotlib.

One `Chart` gives the same picture as SVG (web pages and PDF) and PNG (Word), plus what a
reader who cannot see it needs: a title, a one- or two-sentence description and a table
with the same figures. The builders take plain Python data, so they never touch the
database and are easy to test.

Only matplotlib's object API is used (`Figure`, never `pyplot`), which keeps no global
figure state. The style is applied with `rc_context`, which does change global settings
while it is active, so rendering takes a lock: two threads never draw at the same time.
"""

import base64
import io
import re
import textwrap
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from matplotlib import rc_context
from matplotlib.collections import PatchCollection
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.ticker import FuncFormatter
from matplotlib.transforms import ScaledTranslation

from utsyn.core.formatting import format_number
from utsyn.indicators.models import period_span, time_key

PNG_DPI = 150
WIDTH = 7.0

# Colours, with their contrast against white (graphics need 3:1, text 4.5:1). The indicator
# colours match the indicator page chart (utsyn/indicators/charts.py).
INK = "#1a1a1a"  # 17:1
MUTED_INK = "#4a4f55"  # 8.3:1
BAR = "#1f5f99"  # 6.7:1
OBSERVED = "#0b4f8a"  # 8.4:1
TARGET = "#a04000"  # 6.5:1
BASELINE = "#4a4f55"  # 8.3:1
GRID = "#d5dae0"
EMPTY_CELL_EDGE = "#c4cad1"
# Blue and orange stay apart for every common kind of colour blindness (Okabe and Ito's
# hues, darkened until each passes 3:1 on white and on the map's grey land).
PALETTE = ["#0b4f8a", "#a04000", "#00735a", "#8e3b83", "#4a4f55", "#7a6200"]
# Matrix cells shade from the light to the dark end by count; the count is also written in
# the cell, so the shade is never the only cue.
SHADE_LIGHT, SHADE_DARK = "#dbe8f4", "#0b3d6b"

STYLE = {
    "font.family": "sans-serif",
    # Bundled with matplotlib, so the server needs no fonts; the SVG names it and falls
    # back to any sans-serif font in the browser.
    "font.sans-serif": ["DejaVu Sans"],
    "font.size": 9,
    "text.color": INK,
    "axes.labelcolor": INK,
    "axes.edgecolor": MUTED_INK,
    "xtick.color": MUTED_INK,
    "ytick.color": MUTED_INK,
    "xtick.labelcolor": INK,
    "ytick.labelcolor": INK,
    # Text stays text in SVG: selectable, searchable, and far smaller than glyph outlines.
    "svg.fonttype": "none",
    # Element ids in the SVG are hashes; a fixed salt makes them the same on every render.
    "svg.hashsalt": "utsyn-reports",
    "svg.image_inline": True,
}
# Without these, the SVG gets a date (not reproducible) and RDF metadata with outside links.
SVG_METADATA = {"Date": None, "Creator": None, "Type": None, "Format": None}
PNG_METADATA = {"Software": None}

_render_lock = threading.Lock()


@dataclass
class Chart:
    title: str  # visible caption
    description: str  # text alternative: one or two plain sentences
    columns: list[str]  # header of the table alternative
    rows: list[list]  # rows of the table alternative, the same data as drawn
    draw: Callable[[Figure], None]  # draws onto a fresh Figure
    size: tuple[float, float] = (WIDTH, 3.5)  # inches
    _rendered: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def svg(self) -> str:
        """An <svg> element as text, without XML prolog, ready to put inline in HTML."""
        if "svg" not in self._rendered:
            document = self._render("svg", metadata=SVG_METADATA).decode("utf-8")
            self._rendered["svg"] = self._with_text_alternative(document)
        return self._rendered["svg"]

    def png(self) -> bytes:
        if "png" not in self._rendered:
            # The fastest compression: the files grow a little, the reports build faster.
            options = {"dpi": PNG_DPI, "metadata": PNG_METADATA}
            self._rendered["png"] = self._render("png", pil_kwargs={"compress_level": 1}, **options)
        return self._rendered["png"]

    def data_uri(self) -> str:
        encoded = base64.b64encode(self.svg().encode("utf-8")).decode("ascii")
        return f"data:image/svg+xml;base64,{encoded}"

    def png_data_uri(self) -> str:
        # For the PDF: WeasyPrint draws a matplotlib SVG path by path (the map alone has
        # thousands), which took a third of a report's PDF time; a PNG is placed at once.
        encoded = base64.b64encode(self.png()).decode("ascii")
        return f"data:image/png;base64,{encoded}"

    def _render(self, image_format, **options) -> bytes:
        buffer = io.BytesIO()
        with _render_lock, rc_context(STYLE):
            figure = Figure(figsize=self.size, facecolor="white")
            self.draw(figure)
            figure.savefig(buffer, format=image_format, facecolor="white", **options)
        return buffer.getvalue()

    def _with_text_alternative(self, document):
        """Drop the prolog and DOCTYPE, and give the SVG a title and description of its own."""
        svg = document[document.index("<svg") :]
        opening_end = svg.index(">") + 1
        alternative = (
            f"\n <title>{escape(str(self.title), quote=False)}</title>"
            f"\n <desc>{escape(str(self.description), quote=False)}</desc>"
        )
        return svg[:opening_end] + alternative + svg[opening_end:]


# Shared pieces


def _wrapped(label, width=32):
    return textwrap.fill(str(label), width=width, break_long_words=True) or " "


def message_chart(title, message, columns):
    """A small chart that only says why there is nothing to draw."""

    def draw(figure):
        figure.text(0.5, 0.5, message, ha="center", va="center", color=MUTED_INK, fontsize=10)

    return Chart(title, message, columns, [], draw, size=(WIDTH, 0.8))


def _clean_axes(axes, keep=("left",)):
    for side in ("top", "right", "bottom", "left"):
        axes.spines[side].set_visible(side in keep)


def _bar_height(count):
    # A fixed height per bar, so charts with many categories grow instead of squeezing.
    return 0.9 + 0.3 * count


def _largest(items, count, formatter):
    largest = sorted(items, key=lambda item: item[1], reverse=True)[:count]
    return ", ".join(f"{label} ({formatter(value)})" for label, value in largest)


def _draw_horizontal_bars(axes, labels, values, colours, value_labels):
    positions = range(len(labels))
    bars = axes.barh(positions, values, color=colours, edgecolor=INK, linewidth=0.6, height=0.7)
    axes.set_yticks(list(positions), [_wrapped(label) for label in labels])
    axes.invert_yaxis()  # first item on top, as in the table
    axes.bar_label(bars, labels=value_labels, padding=4, color=INK)
    axes.tick_params(axis="y", length=0)
    # The values are printed at the bars, so the value axis would only repeat them.
    axes.xaxis.set_visible(False)
    _clean_axes(axes)
    low, high = min(0, *values), max(0, *values)
    # Room beyond the longest bar for its printed value.
    axes.set_xlim(low * 1.25, (high or 1) * 1.25)


# Builders


def bar_chart(
    title: str,
    label_header: str,
    value_header: str,
    items: list[tuple[str, float | int]],
    *,
    value_format: Callable[[float], str] = format_number,
    description: str | None = None,
) -> Chart:
    """Horizontal bars, one per (label, value), in the order given, values at the bar ends.

    `value_format` writes a value; by default as every page does, in the language's own
    digit grouping.
    """
    columns = [label_header, value_header]
    if not items:
        return message_chart(title, _("No data"), columns)
    formatter = value_format
    labels = [label for label, _value in items]
    values = [float(value) for _label, value in items]  # Decimal does not mix with floats
    if description is None:
        description = ngettext(
            "%(count)d item. Largest: %(largest)s.",
            "%(count)d items. Largest: %(largest)s.",
            len(items),
        ) % {"count": len(items), "largest": _largest(items, 3, formatter)}

    def draw(figure):
        figure.set_layout_engine("constrained")
        axes = figure.add_subplot()
        value_labels = [formatter(value) for _label, value in items]
        _draw_horizontal_bars(axes, labels, values, BAR, value_labels)

    rows = [[label, value] for label, value in items]
    return Chart(title, description, columns, rows, draw, size=(WIDTH, _bar_height(len(items))))


def _percent(count, total):
    return f"{round(100 * count / total) if total else 0} %"


def status_distribution(title: str, items: list[tuple[str, int, str]]) -> Chart:
    """One bar per status (label, count, colour), each labelled with its count and share.

    The colours are the statuses' own; the bars get a dark outline and printed values,
    so a light colour or colour blindness does not hide anything.
    """
    columns = [_("Status"), _("Number"), _("Share")]
    total = sum(count for _label, count, _colour in items)
    if not items:
        return message_chart(title, _("No data"), columns)
    rows = [[label, count, _percent(count, total)] for label, count, _colour in items]
    value_labels = [f"{count} ({share})" for _label, count, share in rows]
    description = _("%(total)s in all: %(parts)s.") % {
        "total": total,
        "parts": ", ".join(
            f"{label} {text}" for (label, *_rest), text in zip(rows, value_labels, strict=True)
        ),
    }

    def draw(figure):
        figure.set_layout_engine("constrained")
        axes = figure.add_subplot()
        labels = [label for label, _count, _colour in items]
        counts = [count for _label, count, _colour in items]
        colours = [colour for _label, _count, colour in items]
        _draw_horizontal_bars(axes, labels, counts, colours, value_labels)

    return Chart(title, description, columns, rows, draw, size=(WIDTH, _bar_height(len(items))))


def _mix(light, dark, share):
    (r1, g1, b1), (r2, g2, b2) = to_rgb(light), to_rgb(dark)
    return (r1 + (r2 - r1) * share, g1 + (g2 - g1) * share, b1 + (b2 - b1) * share)


def relative_luminance(colour) -> float:
    """WCAG relative luminance of a matplotlib colour."""

    def linear(channel):
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(channel) for channel in to_rgb(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first, second) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _cell_colours(count, largest):
    """Fill and text colour of a matrix cell; the text takes whichever contrasts more."""
    if not count:
        return "white", INK
    fill = _mix(SHADE_LIGHT, SHADE_DARK, count / largest)
    text = "white" if contrast_ratio(fill, "white") > contrast_ratio(fill, INK) else INK
    return fill, text


def _goal_label(number, name):
    return f"{number} {name}"


def _coverage_description(goals, totals):
    tagged = [
        (total, number, name)
        for (number, name, _colour), total in zip(goals, totals, strict=True)
        if total
    ]
    if not tagged:
        return _("No items are tagged with any goal.")
    most = sorted(tagged, key=lambda entry: (-entry[0], entry[1]))[:3]
    text = _("Goals with the most items: %(goals)s.") % {
        "goals": ", ".join(f"{_goal_label(number, name)} ({total})" for total, number, name in most)
    }
    untagged = len(goals) - len(tagged)
    if untagged:
        text += " " + ngettext(
            "%(count)d goal has no items.", "%(count)d goals have no items.", untagged
        ) % {"count": untagged}
    return text


def coverage_matrix(
    title: str,
    goals: list[tuple[int, str, str]],
    column_labels: list[str],
    counts: dict[tuple[int, int], int],
) -> Chart:
    """A grid of goals (rows) against plans or the register (columns), one count per cell.

    `goals` are (number, short name, colour); `counts` maps (goal number, column index) to
    the number of items tagged with that goal, missing keys meaning none.
    """
    columns = [_("Goal"), *column_labels]
    if not goals or not column_labels:
        return message_chart(title, _("No data"), columns)
    grid = [
        [counts.get((number, index), 0) for index in range(len(column_labels))]
        for number, _name, _colour in goals
    ]
    rows = [
        [_goal_label(number, name), *line]
        for (number, name, _colour), line in zip(goals, grid, strict=True)
    ]
    description = _coverage_description(goals, [sum(line) for line in grid])
    largest = max((count for line in grid for count in line), default=0) or 1

    def draw(figure):
        figure.set_layout_engine("constrained")
        axes = figure.add_subplot()
        _draw_cells(axes, grid, largest)
        _label_matrix(axes, goals, column_labels)

    height = 1.4 + 0.28 * len(goals)
    return Chart(title, description, columns, rows, draw, size=(WIDTH, height))


def _draw_cells(axes, grid, largest):
    # One collection for all the cells: an artist per cell made the matrix the slowest chart.
    cells, fills, edges = [], [], []
    for row, line in enumerate(grid):
        for column, count in enumerate(line):
            fill, text_colour = _cell_colours(count, largest)
            cells.append(Rectangle((column, row), 1, 1))
            fills.append(fill)
            edges.append("white" if count else EMPTY_CELL_EDGE)
            if count:
                axes.text(
                    column + 0.5, row + 0.5, str(count), ha="center", va="center", color=text_colour
                )
    axes.add_collection(PatchCollection(cells, facecolors=fills, edgecolors=edges, linewidths=1))


def _label_matrix(axes, goals, column_labels):
    axes.set_xlim(0, len(column_labels))
    axes.set_ylim(len(goals), 0)  # goal 1 on top
    axes.set_yticks(
        [row + 0.5 for row in range(len(goals))],
        [_goal_label(number, name) for number, name, _colour in goals],
    )
    axes.set_xticks(
        [column + 0.5 for column in range(len(column_labels))],
        [_wrapped(label, 16) for label in column_labels],
    )
    axes.xaxis.tick_top()
    axes.tick_params(length=0)
    _clean_axes(axes, keep=())
    # Each goal's own colour as a small square beside its name: recognisable, not informative.
    beside_axis = axes.get_yaxis_transform() + ScaledTranslation(
        -7 / 72, 0, axes.figure.dpi_scale_trans
    )
    axes.scatter(
        [0] * len(goals),
        [row + 0.5 for row in range(len(goals))],
        marker="s",
        s=49,  # points squared: a 7 pt square
        c=[colour for _number, _name, colour in goals],
        transform=beside_axis,
        clip_on=False,
    )
    axes.tick_params(axis="y", pad=14)


YEAR_AND_PERIOD = re.compile(r"^\s*(\d{4})\s*(.*?)\s*$")


def _split_period(label):
    """("2024 T1") → (2024, "T1"); a label without a year gives (None, label)."""
    match = YEAR_AND_PERIOD.match(str(label))
    return (int(match[1]), match[2]) if match else (None, str(label))


def _position(year, period=""):
    """Where a period sits on the time axis: in the middle of the part of the year it covers."""
    start, end = period_span(period)
    return year + (start + end) / 2


def _with_unit(value, unit):
    return f"{format_number(value)} {unit}".strip()


def _series_rows(baseline, targets, values):
    """Table rows in time order; a target shares the row of the whole year it is set for."""
    target_by_year = dict(targets)
    timed = []
    for label, value in values:
        year, period = _split_period(label)
        target = target_by_year.pop(year, None) if year is not None and not period else None
        timed.append((time_key(year or 0, period), [label, value, target]))
    for year, target in target_by_year.items():
        timed.append((time_key(year, ""), [str(year), None, target]))
    rows = [row for _key, row in sorted(timed, key=lambda entry: entry[0])]
    if baseline:
        rows.insert(0, [f"{_('Baseline')} {baseline[0]}", baseline[1], None])
    return rows


def _series_description(unit, baseline, targets, values):
    dated = [(_split_period(label), label, value) for label, value in values]
    dated = [entry for entry in dated if entry[0][0] is not None]
    sentences = []
    if dated:
        (year, _period), label, value = max(dated, key=lambda entry: time_key(*entry[0]))
        sentences.append(
            _("Latest observed value: %(value)s (%(period)s).")
            % {"value": _with_unit(value, unit), "period": label}
        )
    else:
        year = baseline[0] if baseline else None
        sentences.append(_("No observed values yet."))
    coming = sorted(targets)
    if coming:
        later = [target for target in coming if year is None or target[0] >= year]
        # The next target still ahead; when all are past, the last one.
        target_year, target_value = later[0] if later else coming[-1]
        sentences.append(
            _("Target for %(year)s: %(value)s.")
            % {"year": target_year, "value": _with_unit(target_value, unit)}
        )
    return " ".join(sentences)


def _year_ticks(axes, positions):
    first, last = int(min(positions)), int(max(positions))
    step = max(1, -(-(last - first + 1) // 10))  # at most ten year labels
    years = list(range(first, last + 1, step))
    axes.set_xticks([year + 0.5 for year in years], [str(year) for year in years])
    axes.set_xlim(first, last + 1)


def indicator_series(
    title: str,
    unit: str,
    baseline: tuple[int, float] | None,
    targets: list[tuple[int, float]],
    values: list[tuple[str, float]],
) -> Chart:
    """Observed values over time (solid line, dots), targets (dashed, diamonds), baseline (square).

    `values` are (period label, value), the label being "2024" or "2024 T1" (a tertial,
    quarter, half-year or month as in `utsyn.indicators.models.period_span`).
    """
    columns = [_("Period"), _("Observed"), _("Target")]
    if not (baseline or targets or values):
        return message_chart(title, _("No data"), columns)
    rows = _series_rows(baseline, targets, values)
    description = _series_description(unit, baseline, targets, values)
    whole_years, parts = _observed_points(values)
    target_points = sorted((_position(year), float(value)) for year, value in targets)
    baseline_points = [(_position(baseline[0]), float(baseline[1]))] if baseline else []

    def draw(figure):
        figure.set_layout_engine("constrained")
        axes = figure.add_subplot()
        _plot_series(axes, whole_years, parts, target_points, baseline_points)
        positions = [x for x, _value in whole_years + parts + target_points + baseline_points]
        if positions:
            _year_ticks(axes, positions)
        axes.set_ylabel(unit)
        axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _tick: format_number(value)))
        axes.grid(axis="y", color=GRID, linewidth=0.8)
        axes.set_axisbelow(True)
        axes.margins(y=0.15)
        _clean_axes(axes, keep=("left", "bottom"))
        figure.legend(loc="outside lower center", ncols=4, frameon=False)

    return Chart(title, description, columns, rows, draw, size=(WIDTH, 3.5))


def _observed_points(values):
    """(x, value) of whole-year values and of values for parts of a year, each in time order."""
    whole_years, parts = [], []
    for label, value in values:
        year, period = _split_period(label)
        if year is not None:
            (parts if period else whole_years).append((_position(year, period), float(value)))
    return sorted(whole_years), sorted(parts)


def _plot_series(axes, whole_years, parts, targets, baseline):
    def unzip(points):
        return [x for x, _value in points], [value for _x, value in points]

    # A whole year's figure sits mid-year, where a tertial or half-year figure can sit too;
    # one line through both would zigzag, so parts get a lighter line of their own.
    main, secondary = (whole_years, parts) if whole_years else (parts, [])
    if main:
        axes.plot(
            *unzip(main), "-o", color=OBSERVED, linewidth=2, markersize=5, label=_("Observed")
        )
    if secondary:
        axes.plot(
            *unzip(secondary),
            ":o",
            color=OBSERVED,
            linewidth=1.2,
            markersize=4.5,
            markerfacecolor="white",
            label=_("Observed, part of year"),
        )
    if targets:
        axes.plot(
            *unzip(targets),
            "--D",
            color=TARGET,
            linewidth=1.6,
            markersize=6,
            markerfacecolor="white",
            markeredgewidth=1.6,
            label=_("Target"),
        )
    if baseline:
        axes.plot(
            *unzip(baseline),
            "s",
            color=BASELINE,
            markersize=8,
            linestyle="none",
            label=_("Baseline"),
        )

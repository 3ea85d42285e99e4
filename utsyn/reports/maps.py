"""An offline map of partner cities and network seats, drawn with matplotlib.

Country shapes come from Natural Earth (public domain) via the world-atlas package, converted
to `data/countries.json` (see `data/README.md`). Nothing is fetched at run time.

The projection is plain longitude/latitude (equirectangular), stretched by the cosine of the
middle latitude so that shapes near the map's centre keep their proportions. Only the part of
the world the points need is drawn: shapes are cut to the view before they reach matplotlib,
because its SVG output would otherwise carry every coastline on Earth.
"""

import json
import math
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from matplotlib.lines import Line2D
from matplotlib.patches import PathPatch
from matplotlib.path import Path as DrawingPath

from .charts import INK, MUTED_INK, PALETTE, PNG_DPI, Chart, message_chart

COUNTRIES_FILE = Path(__file__).resolve().parent / "data" / "countries.json"

FIGURE_WIDTH = 7.0  # inches; the height follows from the places' spread
FRAME_MARGIN = 0.05  # inches around the map
LEGEND_HEIGHT = 0.35  # inches below the map
MAP_WIDTH = FIGURE_WIDTH - 2 * FRAME_MARGIN
# Width to height of the map: wide enough for a page, never taller than it is wide.
MIN_ASPECT, MAX_ASPECT = 1.3, 2.4

# Padding around the points: a share of their spread, but at least this many degrees of
# latitude, so that a single city still shows its surroundings.
PADDING_SHARE = 0.15
MINIMUM_PADDING = 4.0
LATITUDE_LIMIT = 85  # the poles stretch without limit in this projection

LAND, COAST, BORDER, SEA = "#e0e0e0", "#8a8a8a", "#ffffff", "white"
MARKERS = ["o", "s", "^", "D", "v", "P"]
LABEL_SIZE = 8  # points
MARKER_SIZE = 7  # points
# DejaVu Sans averages a little under 0.6 em per character; used to guess label widths.
CHARACTER_WIDTH = 0.6 * LABEL_SIZE
MOST_NAMES_PER_LABEL = 3
MOST_NAMES_IN_DESCRIPTION = 15
# Outline simplification at drawing time: rounds, and the largest corner area (in pixels of
# the PNG) that may be cut off. Keeps a world map's SVG to a fraction of its raw size.
SIMPLIFY_ROUNDS = 6
SIMPLIFY_AREA = 1.0
# Islands smaller than this many pixels across are left out: at that size they are specks.
SPECK = 2

Extent = tuple[float, float, float, float]  # west, east, south, north


# Country data


@dataclass(frozen=True)
class Layer:
    shapes: list[np.ndarray]  # each an (n, 2) array of lon/lat
    bounds: np.ndarray  # one row per shape: west, south, east, north

    @classmethod
    def of(cls, flat_shapes):
        shapes = [np.array(flat, dtype=float).reshape(-1, 2) for flat in flat_shapes]
        bounds = np.array([[*shape.min(axis=0), *shape.max(axis=0)] for shape in shapes])
        return cls(shapes, bounds)

    def within(self, extent: Extent, step) -> list[tuple[np.ndarray, np.ndarray]]:
        """(shape, bounds) of the shapes that reach into the extent, leaving out specks."""
        west, east, south, north = extent
        west_edges, south_edges, east_edges, north_edges = self.bounds.T
        near = (west_edges <= east) & (east_edges >= west)
        near &= (south_edges <= north) & (north_edges >= south)
        near &= (east_edges - west_edges >= SPECK * step[0]) | (
            north_edges - south_edges >= SPECK * step[1]
        )
        return [(self.shapes[index], self.bounds[index]) for index in np.flatnonzero(near)]


@dataclass(frozen=True)
class Countries:
    land: Layer  # rings: outer ones counter-clockwise, holes (the Caspian Sea) clockwise
    borders: Layer  # lines between two countries; coastlines are the land rings' edges


@lru_cache(maxsize=1)
def countries() -> Countries:
    data = json.loads(COUNTRIES_FILE.read_text(encoding="utf-8"))
    rings = [ring for polygon in data["land"] for ring in polygon]
    return Countries(land=Layer.of(rings), borders=Layer.of(data["borders"]))


# Cutting shapes to the view


def _thinned(points, step):
    """Points snapped to a grid of pixels, without the repeats that makes."""
    snapped = np.round(points / step) * step
    moved = np.any(snapped[1:] != snapped[:-1], axis=1)
    return snapped[np.concatenate(([True], moved))]


def _corner_areas(points):
    """The area of the triangle each point makes with its neighbours (wrapping round)."""
    before, after = np.roll(points, 1, axis=0), np.roll(points, -1, axis=0)
    to_before, to_after = before - points, after - points
    return np.abs(to_before[:, 0] * to_after[:, 1] - to_after[:, 0] * to_before[:, 1]) / 2


def _every_other(flags):
    """The first, third, fifth… of each run of true flags, so that no two are neighbours."""
    if not len(flags):
        return flags
    index = np.arange(len(flags))
    run_starts = flags & ~np.concatenate(([False], flags[:-1]))
    run_start_index = np.maximum.accumulate(np.where(run_starts, index, 0))
    chosen = flags & ((index - run_start_index) % 2 == 0)
    chosen[-1] &= not chosen[0]  # in a ring, the last point is the first one's neighbour
    return chosen


def _simplified(points, step, closed):
    """Fewer points where dropping them would move the outline by less than about a pixel.

    A few rounds of Visvalingam's idea: remove the points whose corner has the smallest
    area. Neighbours are never removed in the same round, so a curve cannot vanish at once.
    """
    pixel_area = step[0] * step[1]
    for _round in range(SIMPLIFY_ROUNDS):
        if len(points) <= 4:
            break
        small = _corner_areas(points) < SIMPLIFY_AREA * pixel_area
        if not closed:
            small[0] = small[-1] = False
        drop = _every_other(small)
        if not drop.any():
            break
        points = points[~drop]
    return points


def _cut_at(points, axis, bound, keep_greater):
    """The part of a closed ring on one side of a vertical or horizontal line.

    One step of Sutherland–Hodgman clipping: walking the edges, keep each end that lies
    inside and add the crossing point wherever an edge crosses the line.
    """
    following = np.roll(points, -1, axis=0)
    depth = (points[:, axis] - bound) * (1 if keep_greater else -1)
    following_depth = np.roll(depth, -1)
    inside, following_inside = depth >= 0, following_depth >= 0
    crossing = inside != following_inside
    drop = np.where(crossing, depth - following_depth, 1.0)
    crossings = points + (depth / drop)[:, None] * (following - points)
    candidates = np.stack([crossings, following], axis=1)
    return candidates[np.stack([crossing, following_inside], axis=1)]


def _outline(points, step, closed):
    return _simplified(_thinned(points, step), step, closed)


def _clipped_ring(points, bounds, extent):
    """The part of a ring (without its closing point) inside the extent."""
    west, east, south, north = extent
    if bounds[0] >= west and bounds[2] <= east and bounds[1] >= south and bounds[3] <= north:
        return points
    for axis, bound, keep_greater in ((0, west, True), (0, east, False), (1, south, True)):
        points = _cut_at(points, axis, bound, keep_greater)
        if len(points) < 3:
            return points[:0]
    return _cut_at(points, 1, north, keep_greater=False)


def _clipped_line(line, extent):
    """The runs of a line whose segments touch the view (the axes hide what sticks out)."""
    west, east, south, north = extent
    low, high = np.minimum(line[:-1], line[1:]), np.maximum(line[:-1], line[1:])
    touching = (low[:, 0] <= east) & (high[:, 0] >= west) & (low[:, 1] <= north)
    touching &= high[:, 1] >= south
    segments = np.flatnonzero(touching)
    runs = np.split(segments, np.flatnonzero(np.diff(segments) > 1) + 1)
    return [line[run[0] : run[-1] + 2] for run in runs if len(run)]


def _compound_path(shapes, closed):
    vertices, codes = [], []
    for points in shapes:
        if closed:
            points = np.vstack([points, points[:1]])
        shape_codes = np.full(len(points), DrawingPath.LINETO, dtype=DrawingPath.code_type)
        shape_codes[0] = DrawingPath.MOVETO
        if closed:
            shape_codes[-1] = DrawingPath.CLOSEPOLY
        vertices.append(points)
        codes.append(shape_codes)
    if not vertices:
        return None
    return DrawingPath(np.concatenate(vertices), np.concatenate(codes))


def _pixel_step(extent):
    west, east, south, north = extent
    pixels_across, pixels_down = MAP_WIDTH * PNG_DPI, _map_height(extent) * PNG_DPI
    # Finer detail than a pixel of the PNG would not show, and would only fill the SVG.
    return np.array([(east - west) / pixels_across, (north - south) / pixels_down])


def _draw_countries(axes, extent):
    west, east, south, north = extent
    # Cut a little outside the view, so the cut edges fall where the axes hide them.
    margin = 0.02 * max(east - west, north - south)
    cut = (west - margin, east + margin, south - margin, north + margin)
    step, shapes = _pixel_step(extent), countries()
    rings = [
        _clipped_ring(_outline(ring[:-1], step, closed=True), bounds, cut)
        for ring, bounds in shapes.land.within(cut, step)
    ]
    lines = [
        part
        for line, _bounds in shapes.borders.within(cut, step)
        for part in _clipped_line(_outline(line, step, closed=False), cut)
    ]
    land = _compound_path([ring for ring in rings if len(ring) >= 3], closed=True)
    borders = _compound_path(lines, closed=False)
    # add_artist, not add_patch: the limits are set already, and working them out from
    # thousands of vertices would take most of the drawing time.
    if land:
        axes.add_artist(PathPatch(land, facecolor=LAND, edgecolor=COAST, linewidth=0.4))
    if borders:
        axes.add_artist(PathPatch(borders, fill=False, edgecolor=BORDER, linewidth=0.8))


# The view


def _width_scale(south, north):
    """How much a degree of longitude is shorter than one of latitude at the map's middle."""
    middle = max(-LATITUDE_LIMIT, min(LATITUDE_LIMIT, (south + north) / 2))
    return math.cos(math.radians(middle))


def _shifted_into(low, high, lowest, highest):
    """The range moved (not shrunk) to lie within [lowest, highest], cut only if too wide."""
    if high - low >= highest - lowest:
        return lowest, highest
    shift = max(0.0, lowest - low) - max(0.0, high - highest)
    return low + shift, high + shift


def _filled_to_aspect(extent, aspect):
    """The extent widened in one direction so that it fills a frame of the given aspect."""
    west, east, south, north = extent
    for _round in range(3):  # widening in latitude moves the middle; settle it
        scale = _width_scale(south, north)
        width, height = (east - west) * scale, north - south
        if width < height * aspect:
            extra = (height * aspect / scale - (east - west)) / 2
            west, east = west - extra, east + extra
        else:
            extra = (width / aspect - height) / 2
            south, north = south - extra, north + extra
    return west, east, south, north


def _shape_ratio(extent):
    """Width to height of the extent as drawn."""
    west, east, south, north = extent
    return (east - west) * _width_scale(south, north) / (north - south)


def _padded_bounds(points):
    latitudes = [latitude for _name, latitude, _longitude, _category in points]
    longitudes = [longitude for _name, _latitude, longitude, _category in points]
    south, north = min(latitudes), max(latitudes)
    west, east = min(longitudes), max(longitudes)
    latitude_padding = max(PADDING_SHARE * (north - south), MINIMUM_PADDING)
    south, north = south - latitude_padding, north + latitude_padding
    scale = _width_scale(south, north)
    longitude_padding = max(PADDING_SHARE * (east - west), MINIMUM_PADDING / scale)
    return west - longitude_padding, east + longitude_padding, south, north


def map_extent(points, aspect: float | None = None) -> Extent:
    """(west, east, south, north) in degrees: the points, padded, widened to fill a frame.

    The frame's width to height is `aspect`, or else the points' own, kept between
    MIN_ASPECT and MAX_ASPECT. Points on both sides of the 180th meridian give a view across
    the whole width between them, as the map does not wrap around.
    """
    extent = _padded_bounds(points)
    if aspect is None:
        aspect = min(MAX_ASPECT, max(MIN_ASPECT, _shape_ratio(extent)))
    for _round in range(3):  # moving the view off a pole changes its middle; settle it
        west, east, south, north = _filled_to_aspect(extent, aspect)
        south, north = _shifted_into(south, north, -LATITUDE_LIMIT, LATITUDE_LIMIT)
        west, east = _shifted_into(west, east, -180.0, 180.0)
        extent = (west, east, south, north)
    return extent


def _map_height(extent):
    """The map's height in inches: the full width, and the height the extent's shape needs."""
    return MAP_WIDTH / min(MAX_ASPECT, max(MIN_ASPECT, _shape_ratio(extent)))


# Points and labels


@dataclass
class Place:
    """One spot on the map; several arenas in the same city share it."""

    latitude: float
    longitude: float
    names: list[str]
    categories: list[str]

    @property
    def label(self):
        names = self.names[:MOST_NAMES_PER_LABEL]
        hidden = len(self.names) - len(names)
        return ", ".join(names) + (f" +{hidden}" if hidden else "")


def _places(points):
    by_spot = {}
    for name, latitude, longitude, category in points:
        spot = (round(latitude, 3), round(longitude, 3))
        place = by_spot.setdefault(spot, Place(latitude, longitude, [], []))
        for values, value in ((place.names, str(name)), (place.categories, str(category))):
            if value not in values:
                values.append(value)
    return list(by_spot.values())


# Where a label may go relative to its marker: offset in points and text alignment, in the
# order they are tried.
LABEL_POSITIONS = [
    (6, 0, "left", "center"),
    (-6, 0, "right", "center"),
    (0, 6, "center", "bottom"),
    (0, -6, "center", "top"),
    (5, 5, "left", "bottom"),
    (5, -5, "left", "top"),
    (-5, 5, "right", "bottom"),
    (-5, -5, "right", "top"),
]


def _label_box(anchor, text, position):
    """A guess at the box a label covers, in points, as (left, bottom, right, top)."""
    x, y = anchor[0] + position[0], anchor[1] + position[1]
    width, height = len(text) * CHARACTER_WIDTH + 3, LABEL_SIZE * 1.4
    left = {"left": x, "right": x - width, "center": x - width / 2}[position[2]]
    bottom = {"bottom": y, "top": y - height, "center": y - height / 2}[position[3]]
    return left, bottom, left + width, bottom + height


def _overlap(first, second):
    width = min(first[2], second[2]) - max(first[0], second[0])
    height = min(first[3], second[3]) - max(first[1], second[1])
    return max(0.0, width) * max(0.0, height)


def _outside_area(box, frame):
    full = (box[2] - box[0]) * (box[3] - box[1])
    return full - _overlap(box, frame)


def _label_positions(anchors, texts, frame):
    """A position for each label, greedily: the first that covers least of what is placed."""
    half = MARKER_SIZE / 2
    markers = [(x - half, y - half, x + half, y + half) for x, y in anchors]
    taken, chosen = [], []
    for index, (anchor, text) in enumerate(zip(anchors, texts, strict=True)):
        others = taken + markers[:index] + markers[index + 1 :]

        def cost(position, anchor=anchor, text=text, others=others):
            box = _label_box(anchor, text, position)
            covered = sum(_overlap(box, other) for other in others)
            return covered + 2 * _outside_area(box, frame)

        best = min(LABEL_POSITIONS, key=cost)
        taken.append(_label_box(anchor, text, best))
        chosen.append(best)
    return chosen


def _map_box(extent):
    """The size in points of the drawn map: the frame, less what the aspect ratio leaves."""
    ratio = _shape_ratio(extent)
    width, height = MAP_WIDTH, _map_height(extent)
    if ratio > width / height:
        height = width / ratio
    else:
        width = height * ratio
    return width * 72, height * 72


def _draw_labels(axes, places, extent):
    west, east, south, north = extent
    box_width, box_height = _map_box(extent)
    anchors = [
        (
            (place.longitude - west) / (east - west) * box_width,
            (place.latitude - south) / (north - south) * box_height,
        )
        for place in places
    ]
    texts = [place.label for place in places]
    positions = _label_positions(anchors, texts, (0, 0, box_width, box_height))
    for place, text, (dx, dy, across, down) in zip(places, texts, positions, strict=True):
        axes.annotate(
            text,
            (place.longitude, place.latitude),
            xytext=(dx, dy),
            textcoords="offset points",
            ha=across,
            va=down,
            fontsize=LABEL_SIZE,
            color=INK,
            # A light backing keeps the name legible where it crosses a border or coast.
            bbox={
                "boxstyle": "square,pad=0.1",
                "facecolor": "white",
                "alpha": 0.75,
                "linewidth": 0,
            },
            annotation_clip=False,
        )


def _category_styles(points):
    categories = list(dict.fromkeys(str(category) for *_place, category in points))
    return {
        category: (MARKERS[index % len(MARKERS)], PALETTE[index % len(PALETTE)])
        for index, category in enumerate(categories)
    }


def _draw_markers(axes, places, styles):
    spots = defaultdict(list)
    for place in places:
        for category in place.categories:
            spots[category].append((place.longitude, place.latitude))
    for category, (marker, colour) in styles.items():
        longitudes, latitudes = zip(*spots[category], strict=True)
        axes.plot(
            longitudes,
            latitudes,
            linestyle="none",
            marker=marker,
            markersize=MARKER_SIZE,
            color=colour,
            markeredgecolor="white",
            markeredgewidth=0.8,
            zorder=3,
        )


def _legend(figure, styles):
    handles = [
        Line2D([], [], linestyle="none", marker=marker, markersize=MARKER_SIZE, color=colour)
        for marker, colour in styles.values()
    ]
    figure.legend(
        handles,
        list(styles),
        loc="lower center",
        ncols=min(len(styles), 4),
        frameon=False,
        bbox_to_anchor=(0.5, 0),
    )


def _description(points):
    counts = defaultdict(int)
    for name, *_rest in points:
        counts[str(name)] += 1
    names = [f"{name} ({count})" if count > 1 else name for name, count in counts.items()]
    if len(names) > MOST_NAMES_IN_DESCRIPTION:
        # A text alternative is read out in full; the table lists every place anyway.
        hidden = len(names) - MOST_NAMES_IN_DESCRIPTION
        names = names[:MOST_NAMES_IN_DESCRIPTION] + [
            ngettext("%(count)d more", "%(count)d more", hidden) % {"count": hidden}
        ]
    return ngettext("%(count)d place: %(names)s.", "%(count)d places: %(names)s.", len(points)) % {
        "count": len(points),
        "names": ", ".join(names),
    }


def partner_map(title: str, points: list[tuple[str, float, float, str]]) -> Chart:
    """A map of places given as (name, latitude, longitude, category), zoomed to fit them.

    Each category gets its own marker shape (and colour) and a legend entry; each place is
    labelled with its name. Places at the same spot share one label.
    """
    columns = [_("Name"), _("Category"), _("Latitude"), _("Longitude")]
    if not points:
        return message_chart(title, _("No places with coordinates"), columns)
    rows = [[name, category, latitude, longitude] for name, latitude, longitude, category in points]
    # Coordinates often come from DecimalFields; Decimal does not mix with floats.
    points = [(str(name), float(lat), float(lon), str(kind)) for name, lat, lon, kind in points]
    extent = map_extent(points)
    places = _places(points)
    styles = _category_styles(points)

    map_height = _map_height(extent)
    size = (FIGURE_WIDTH, FRAME_MARGIN + map_height + LEGEND_HEIGHT)

    def draw(figure):
        west, east, south, north = extent
        width, height = size
        frame = [
            FRAME_MARGIN / width,
            LEGEND_HEIGHT / height,
            MAP_WIDTH / width,
            map_height / height,
        ]
        axes = figure.add_axes(frame, facecolor=SEA)
        axes.set_xlim(west, east)
        axes.set_ylim(south, north)
        axes.set_aspect(1 / _width_scale(south, north), adjustable="box")
        axes.set_xticks([])
        axes.set_yticks([])
        for spine in axes.spines.values():
            spine.set_edgecolor(MUTED_INK)
            spine.set_linewidth(0.6)
        _draw_countries(axes, extent)
        _draw_markers(axes, places, styles)
        _draw_labels(axes, places, extent)
        _legend(figure, styles)

    return Chart(title, _description(points), columns, rows, draw, size=size)

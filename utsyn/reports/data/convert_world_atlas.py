"""Turn world-atlas TopoJSON into the small `countries.json` that `utsyn.reports.maps` draws.

A one-off tool, not used at run time. Usage:

    cd /tmp/mapwork && npm pack world-atlas && tar xzf world-atlas-*.tgz
    python utsyn/reports/data/convert_world_atlas.py /tmp/mapwork/package/countries-50m.json \\
        utsyn/reports/data/countries.json

The output has two layers, built from TopoJSON arcs so that each stretch of line is stored
once: `land` (polygons to fill: coastlines) and `borders` (lines between two countries).
Arcs are simplified before they are joined, so land and borders still meet exactly.
"""

import json
import sys
from pathlib import Path

# Degrees. 0.02° is about 2 km, below a pixel even when the map shows only southern Norway.
SIMPLIFY_TOLERANCE = 0.02
DECIMALS = 2


def decode_arcs(topology):
    """Absolute lon/lat points of every arc (TopoJSON stores quantized deltas)."""
    (scale_x, scale_y), (shift_x, shift_y) = (
        topology["transform"]["scale"],
        topology["transform"]["translate"],
    )
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    return arcs


def distance_to_segment(point, start, end):
    (px, py), (ax, ay), (bx, by) = point, start, end
    dx, dy = bx - ax, by - ay
    length_squared = dx * dx + dy * dy
    if length_squared == 0:
        return ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length_squared))
    return ((px - ax - t * dx) ** 2 + (py - ay - t * dy) ** 2) ** 0.5


def simplify(points, tolerance):
    """Douglas–Peucker, keeping both ends (they are where arcs meet)."""
    if len(points) < 3:
        return list(points)
    if points[0] == points[-1]:
        # A closed arc (an island) has no segment to measure against: split it at the point
        # farthest from its start and simplify both halves.
        start = points[0]
        far = max(range(len(points)), key=lambda i: distance_to_segment(points[i], start, start))
        if far == 0:
            return [points[0]]
        return simplify(points[: far + 1], tolerance)[:-1] + simplify(points[far:], tolerance)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        farthest, distance = None, tolerance
        for i in range(first + 1, last):
            d = distance_to_segment(points[i], points[first], points[last])
            if d > distance:
                farthest, distance = i, d
        if farthest is not None:
            keep[farthest] = True
            stack += [(first, farthest), (farthest, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def rounded(points):
    """Points rounded to DECIMALS, without repeats that rounding creates."""
    result = []
    for lon, lat in points:
        point = (round(lon, DECIMALS), round(lat, DECIMALS))
        if not result or point != result[-1]:
            result.append(point)
    return result


def arc_points(arcs, index):
    # A negative index ~i means arc i walked backwards.
    return arcs[index] if index >= 0 else arcs[~index][::-1]


def join_ring(arcs, indexes):
    ring = []
    for index in indexes:
        points = arc_points(arcs, index)
        ring.extend(points if not ring else points[1:])
    return ring


def signed_area(ring):
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False)) / 2


def oriented(ring, counterclockwise):
    """Outer rings counter-clockwise and holes clockwise, so any fill rule leaves holes empty."""
    return ring if (signed_area(ring) > 0) == counterclockwise else ring[::-1]


def polygons_of(geometry):
    if geometry.get("type") == "Polygon":
        return [geometry["arcs"]]
    if geometry.get("type") == "MultiPolygon":
        return geometry["arcs"]
    return []


def crosses_antimeridian(first, second):
    return abs(second[0] - first[0]) > 180


def unwrapped(ring):
    """The ring with longitudes made continuous: no jump from 180 to -180 in the middle."""
    result = [ring[0]]
    for lon, lat in ring[1:]:
        previous = result[-1][0]
        lon += 360 * round((previous - lon) / 360)
        result.append((lon, lat))
    return result


def around_pole(ring):
    """Close a ring that goes once round the world (Antarctica) by way of the pole.

    On a globe the coast alone encloses the pole; on a flat map the ring needs the edge of
    the map as well.
    """
    pole = -90.0 if sum(lat for _lon, lat in ring) < 0 else 90.0
    return [*ring, (ring[-1][0], pole), (ring[0][0], pole), ring[0]]


def cut_at_longitude(ring, bound, keep_east):
    """The part of a closed ring east (or west) of a meridian: one Sutherland–Hodgman step."""
    result = []
    for (lon, lat), (next_lon, next_lat) in zip(ring, ring[1:] + ring[:1], strict=True):
        inside = lon >= bound if keep_east else lon <= bound
        next_inside = next_lon >= bound if keep_east else next_lon <= bound
        if inside != next_inside:
            share = (bound - lon) / (next_lon - lon)
            result.append((bound, lat + share * (next_lat - lat)))
        if next_inside:
            result.append((next_lon, next_lat))
    return result


def split_at_antimeridian(ring):
    """Rings that cross the 180th meridian cut into parts that each stay on the map.

    TopoJSON leaves the cutting to the map projection, so Chukotka, Wrangel Island, a
    Fijian island and Antarctica would otherwise draw lines across the whole world.
    """
    jumps = sum(crosses_antimeridian(a, b) for a, b in zip(ring, ring[1:], strict=False))
    if not jumps:
        return [ring]
    continuous = unwrapped(ring[:-1])
    if jumps % 2:
        continuous = around_pole(continuous)[:-1]
    parts = []
    for shift in (-360, 0, 360):
        shifted = [(lon + shift, lat) for lon, lat in continuous]
        part = cut_at_longitude(cut_at_longitude(shifted, -180, True), 180, False)
        part = rounded(part)
        if len(part) >= 3:
            parts.append([*part, part[0]])
    return parts


def land_layer(topology, arcs):
    polygons = []
    for geometry in topology["objects"]["land"]["geometries"]:
        for polygon in polygons_of(geometry):
            rings = [rounded(join_ring(arcs, indexes)) for indexes in polygon]
            # Three distinct corners and the closing point; smaller islets vanish at this scale.
            if len(rings[0]) < 4:
                continue
            holes = [ring for ring in rings[1:] if len(ring) >= 4]
            # A ring cut in two makes two polygons; the only hole (the Caspian) is not cut.
            for outer in split_at_antimeridian(rings[0]):
                polygon_rings = [
                    oriented(outer, counterclockwise=True),
                    *(oriented(hole, counterclockwise=False) for hole in holes),
                ]
                polygons.append([flat(ring) for ring in polygon_rings])
    return polygons


def border_layer(topology, arcs):
    """Arcs used by two different countries are borders; the rest are coastline."""
    users = {}
    for number, geometry in enumerate(topology["objects"]["countries"]["geometries"]):
        for polygon in polygons_of(geometry):
            for ring in polygon:
                for index in ring:
                    users.setdefault(index if index >= 0 else ~index, set()).add(number)
    lines = []
    for index, countries in sorted(users.items()):
        line = rounded(arcs[index])
        if len(countries) > 1 and len(line) > 1:
            lines.append(flat(line))
    return lines


def flat(points):
    return [coordinate for point in points for coordinate in point]


def convert(topology):
    arcs = [simplify(arc, SIMPLIFY_TOLERANCE) for arc in decode_arcs(topology)]
    return {
        "source": "world-atlas 2.0.2 (npm), Natural Earth 4.1.0 Admin 0 countries",
        "format": "land: polygons of rings; borders: lines; each flat [lon, lat, lon, lat, …]",
        "land": land_layer(topology, arcs),
        "borders": border_layer(topology, arcs),
    }


def main(source, target):
    topology = json.loads(Path(source).read_text(encoding="utf-8"))
    text = json.dumps(convert(topology), separators=(",", ":"))
    Path(target).write_text(text + "\n", encoding="utf-8")
    print(f"{target}: {len(text):,} bytes")


if __name__ == "__main__":
    main(*sys.argv[1:3])

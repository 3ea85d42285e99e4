"""Report charts and the partner map: what they draw, their text alternatives, their files."""

import base64
import io
import json
import re
import xml.etree.ElementTree as ElementTree
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import numpy as np
import pytest
from django.utils import translation
from matplotlib.figure import Figure
from PIL import Image

from utsyn.reports import charts, maps
from utsyn.reports.charts import (
    bar_chart,
    contrast_ratio,
    coverage_matrix,
    indicator_series,
    status_distribution,
)
from utsyn.reports.maps import map_extent, partner_map

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SVG_NAMESPACES = {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}

FEES = [("Culture", 125000), ("Schools", 48000), ("Health", 9500)]
STATUSES = [("On track", 6, "#2e7d32"), ("Delayed", 3, "#b26a00"), ("Not started", 1, "#d5dae0")]
GOALS = [
    (1, "No poverty", "#E5243B"),
    (4, "Quality education", "#C5192D"),
    (11, "Cities", "#FD9D24"),
]
NORDIC = [
    ("Tromsø", 69.65, 18.96, "Twin city"),
    ("Oslo", 59.91, 10.75, "Twin city"),
    ("Stockholm", 59.33, 18.07, "Network seat"),
    ("Helsinki", 60.17, 24.94, "Network seat"),
]
ACROSS_THE_ATLANTIC = [
    ("Seattle", 47.61, -122.33, "Twin city"),
    ("Brussels", 50.85, 4.35, "Network seat"),
    ("Kaunas", 54.90, 23.90, "Twin city"),
]


@pytest.fixture(autouse=True)
def english():
    # The fixed labels ("No data", "Target") are translated; the tests read the English ones.
    with translation.override("en"):
        yield


def parsed(svg):
    # Our own output, not untrusted input; parsing it is the point of the check.
    return ElementTree.fromstring(svg)  # noqa: S314


def drawn_texts(svg):
    """The text of every <text> element: what a reader sees, selectable in the browser."""
    return [
        "".join(element.itertext())
        for element in parsed(svg).iter()
        if element.tag.rsplit("}", 1)[-1] == "text"
    ]


def outside_links(svg):
    return set(re.findall(r"https?://[^\s\"'<>)]+", svg)) - SVG_NAMESPACES


def png_size(chart):
    return Image.open(io.BytesIO(chart.png())).size


def assert_sound_files(chart):
    """The checks every chart must pass, whatever it draws."""
    svg = chart.svg()
    assert svg.startswith("<svg")
    assert "<?xml" not in svg and "DOCTYPE" not in svg
    root = parsed(svg)
    assert root.find("{http://www.w3.org/2000/svg}title").text == chart.title
    assert root.find("{http://www.w3.org/2000/svg}desc").text == chart.description
    assert outside_links(svg) == set()
    # Text is text, not glyph outlines: DejaVu Sans glyphs would be defined as paths.
    assert "DejaVuSans-" not in svg
    assert chart.png().startswith(PNG_SIGNATURE)
    width, height = png_size(chart)
    assert width == pytest.approx(chart.size[0] * charts.PNG_DPI, abs=2)
    assert height == pytest.approx(chart.size[1] * charts.PNG_DPI, abs=2)
    assert base64.b64decode(chart.data_uri().removeprefix("data:image/svg+xml;base64,")) == (
        svg.encode("utf-8")
    )


# Chart


def test_renders_are_cached_and_deterministic():
    chart = bar_chart("Fees", "Unit", "NOK", FEES)
    assert chart.svg() is chart.svg()
    assert chart.png() is chart.png()
    again = bar_chart("Fees", "Unit", "NOK", FEES)
    assert again.svg() == chart.svg()
    assert again.png() == chart.png()


def test_svg_carries_no_date():
    svg = bar_chart("Fees", "Unit", "NOK", FEES).svg()
    assert "<metadata" not in svg
    assert not re.search(r"\d{4}-\d\d-\d\dT\d\d:\d\d", svg)


def test_title_and_description_are_escaped_in_the_svg():
    chart = bar_chart("Fees & <costs>", "Unit", "NOK", [("R&D <lab>", 5)], description="A & B")
    assert_sound_files(chart)
    assert "R&D <lab>" in drawn_texts(chart.svg())


def test_charts_render_the_same_in_parallel_threads():
    def build():
        return [
            bar_chart("Fees", "Unit", "NOK", FEES),
            status_distribution("Status", STATUSES),
            partner_map("Partners", NORDIC),
        ]

    def svg_in_english(chart):
        # The language is per thread, and the figures are written in it.
        with translation.override("en"):
            return chart.svg()

    expected = [svg_in_english(chart) for chart in build()]
    with ThreadPoolExecutor(max_workers=3) as pool:
        rendered = list(pool.map(svg_in_english, build()))
    assert rendered == expected


@pytest.mark.parametrize(
    "colour", [*charts.PALETTE, charts.BAR, charts.OBSERVED, charts.TARGET, charts.BASELINE]
)
def test_drawing_colours_contrast_with_white_and_the_map_land(colour):
    assert contrast_ratio(colour, "white") >= 3
    assert contrast_ratio(colour, maps.LAND) >= 3


# bar_chart


def test_bar_chart_draws_labels_and_values_and_keeps_the_data_as_a_table():
    chart = bar_chart("Fees per responsible unit", "Unit", "Yearly fees", FEES)
    assert_sound_files(chart)
    texts = drawn_texts(chart.svg())
    for label, _value in FEES:
        assert label in texts
    assert {"125,000", "48,000", "9,500"} <= set(texts)
    assert chart.columns == ["Unit", "Yearly fees"]
    assert chart.rows == [["Culture", 125000], ["Schools", 48000], ["Health", 9500]]
    assert chart.description == (
        "3 items. Largest: Culture (125,000), Schools (48,000), Health (9,500)."
    )


def test_bar_chart_grows_with_the_number_of_items():
    few = bar_chart("Arenas by kind", "Kind", "Arenas", FEES[:1])
    many = bar_chart("Arenas by kind", "Kind", "Arenas", [(f"Kind {n}", n) for n in range(12)])
    assert many.size[1] > few.size[1]
    assert png_size(many)[1] > png_size(few)[1]


def test_bar_chart_takes_a_format_function_decimals_and_its_own_description():
    chart = bar_chart(
        "Fees",
        "Unit",
        "NOK",
        [("Culture", Decimal("1234.50"))],
        value_format=lambda value: f"NOK {value:.2f}",
        description="Culture pays the most.",
    )
    assert "NOK 1234.50" in drawn_texts(chart.svg())
    assert chart.description == "Culture pays the most."
    assert chart.rows == [["Culture", Decimal("1234.50")]]


def test_bar_chart_without_items_says_so():
    chart = bar_chart("Arenas by scope", "Scope", "Arenas", [])
    assert_sound_files(chart)
    assert "No data" in drawn_texts(chart.svg())
    assert chart.rows == []
    assert chart.columns == ["Scope", "Arenas"]


# status_distribution


def test_status_distribution_shows_counts_shares_and_the_status_colours():
    chart = status_distribution("Status of plan items", STATUSES)
    assert_sound_files(chart)
    assert chart.columns == ["Status", "Number", "Share"]
    assert chart.rows == [
        ["On track", 6, "60 %"],
        ["Delayed", 3, "30 %"],
        ["Not started", 1, "10 %"],
    ]
    texts = drawn_texts(chart.svg())
    assert {"On track", "Delayed", "Not started", "6 (60 %)", "1 (10 %)"} <= set(texts)
    for _label, _count, colour in STATUSES:
        assert f"fill: {colour}" in chart.svg()
    assert chart.description.startswith("10 in all: On track 6 (60 %)")


def test_status_distribution_without_statuses_says_so():
    chart = status_distribution("Status", [])
    assert "No data" in drawn_texts(chart.svg())
    assert chart.rows == []


# coverage_matrix


def test_coverage_matrix_labels_goals_and_writes_counts_in_cells():
    counts = {(1, 0): 2, (11, 0): 5, (11, 1): 7}
    chart = coverage_matrix("SDG coverage", GOALS, ["Strategy", "Register"], counts)
    assert_sound_files(chart)
    assert chart.columns == ["Goal", "Strategy", "Register"]
    assert chart.rows == [
        ["1 No poverty", 2, 0],
        ["4 Quality education", 0, 0],
        ["11 Cities", 5, 7],
    ]
    texts = drawn_texts(chart.svg())
    assert {"1 No poverty", "11 Cities", "Strategy", "Register", "2", "5", "7"} <= set(texts)
    assert "0" not in texts  # empty cells stay empty
    assert chart.description == (
        "Goals with the most items: 11 Cities (12), 1 No poverty (2). 1 goal has no items."
    )


def test_coverage_matrix_without_tags_says_so_in_the_description():
    chart = coverage_matrix("SDG coverage", GOALS, ["Register"], {})
    assert_sound_files(chart)
    assert chart.description == "No items are tagged with any goal."
    assert [row[1] for row in chart.rows] == [0, 0, 0]


def test_coverage_matrix_without_goals_says_no_data():
    chart = coverage_matrix("SDG coverage", [], ["Register"], {})
    assert "No data" in drawn_texts(chart.svg())


# indicator_series


def test_indicator_series_draws_observed_targets_and_baseline():
    chart = indicator_series(
        "Pupils abroad",
        "%",
        (2019, 12.0),
        [(2024, 16.0), (2027, 25.0)],
        [("2022", 13.5), ("2023", 15.0), ("2024 T1", 15.5), ("2024", 16.8)],
    )
    assert_sound_files(chart)
    texts = drawn_texts(chart.svg())
    assert {"Observed", "Target", "Baseline", "Observed, part of year", "%"} <= set(texts)
    assert {"2019", "2024", "2027"} <= set(texts)
    assert chart.columns == ["Period", "Observed", "Target"]
    assert chart.rows == [
        ["Baseline 2019", 12.0, None],
        ["2022", 13.5, None],
        ["2023", 15.0, None],
        ["2024 T1", 15.5, None],
        ["2024", 16.8, 16.0],
        ["2027", None, 25.0],
    ]
    assert chart.description == "Latest observed value: 16.8 % (2024). Target for 2024: 16 %."


def test_indicator_series_with_targets_only():
    chart = indicator_series("Exchanges", "pupils", None, [(2026, 40)], [])
    assert_sound_files(chart)
    assert chart.rows == [["2026", None, 40]]
    assert chart.description == "No observed values yet. Target for 2026: 40 pupils."
    assert "Observed" not in drawn_texts(chart.svg())


def test_indicator_series_without_anything_says_no_data():
    chart = indicator_series("Exchanges", "pupils", None, [], [])
    assert_sound_files(chart)
    assert "No data" in drawn_texts(chart.svg())
    assert chart.rows == []


# partner_map


def drawn_extent(chart):
    """The longitude and latitude limits the map's axes really show."""
    figure = Figure(figsize=chart.size)
    chart.draw(figure)
    axes = figure.axes[0]
    return (*axes.get_xlim(), *axes.get_ylim())


def contains(extent, points):
    west, east, south, north = extent
    return all(west < lon < east and south < lat < north for _n, lat, lon, _c in points)


def test_map_labels_every_place_and_lists_them_in_a_table():
    chart = partner_map("Partner cities", NORDIC)
    assert_sound_files(chart)
    texts = drawn_texts(chart.svg())
    for name, *_rest in NORDIC:
        assert name in texts
    assert {"Twin city", "Network seat"} <= set(texts)  # the legend
    assert chart.columns == ["Name", "Category", "Latitude", "Longitude"]
    assert chart.rows == [[name, kind, lat, lon] for name, lat, lon, kind in NORDIC]
    assert chart.description == "4 places: Tromsø, Oslo, Stockholm, Helsinki."


def test_map_of_the_nordics_shows_the_nordics():
    extent = map_extent(NORDIC)
    assert contains(extent, NORDIC)
    assert contains(drawn_extent(partner_map("Partners", NORDIC)), NORDIC)
    west, east, south, north = extent
    assert east - west < 60 and north - south < 25
    assert west > -15 and east < 50  # not the whole of Europe


def test_map_across_the_atlantic_spans_it():
    extent = map_extent(ACROSS_THE_ATLANTIC)
    assert contains(extent, ACROSS_THE_ATLANTIC)
    assert contains(drawn_extent(partner_map("Partners", ACROSS_THE_ATLANTIC)), ACROSS_THE_ATLANTIC)
    west, east, south, north = extent
    assert west < -122.33 and east > 23.9 and north <= maps.LATITUDE_LIMIT


@pytest.mark.parametrize(
    "points",
    [
        [("Kristiansand", 58.15, 8.0, "Twin city")],
        [("North Cape", 71.17, 25.78, "Twin city"), ("Longyearbyen", 78.22, 15.65, "Twin city")],
        [("Suva", -18.14, 178.44, "Twin city"), ("Anchorage", 61.2, -149.9, "Network seat")],
        [("Ushuaia", -54.8, -68.3, "Twin city"), ("Cape Town", -33.9, 18.4, "Network seat")],
    ],
)
def test_map_extent_holds_its_points_anywhere(points):
    extent = map_extent(points)
    assert contains(extent, points)
    west, east, south, north = extent
    assert -180 <= west < east <= 180 and -90 < south < north < 90
    assert_sound_files(partner_map("Partners", points))


def test_map_extent_fills_the_frame_it_is_given():
    west, east, south, north = map_extent(NORDIC, aspect=2.0)
    middle = np.radians((south + north) / 2)
    assert (east - west) * np.cos(middle) / (north - south) == pytest.approx(2.0, rel=0.01)


def test_map_places_sharing_a_spot_share_a_label():
    points = [
        ("Brussels", 50.85, 4.35, "Network seat"),
        ("Brussels", 50.85, 4.35, "Network seat"),
        ("Eurocities", 50.85, 4.35, "Network seat"),
    ]
    chart = partner_map("Networks", points)
    assert "Brussels, Eurocities" in drawn_texts(chart.svg())
    assert len(chart.rows) == 3
    assert chart.description == "3 places: Brussels (2), Eurocities."


def test_map_takes_decimal_coordinates():
    chart = partner_map("Partners", [("Oslo", Decimal("59.91"), Decimal("10.75"), "Twin city")])
    assert "Oslo" in drawn_texts(chart.svg())


def test_map_without_places_says_so():
    chart = partner_map("Partners", [])
    assert_sound_files(chart)
    assert "No places with coordinates" in drawn_texts(chart.svg())
    assert chart.rows == []


def test_country_file_has_no_line_across_the_world():
    # A ring crossing the 180th meridian unsplit would draw a line from one edge to the other.
    data = json.loads(maps.COUNTRIES_FILE.read_text(encoding="utf-8"))
    for shape in [ring for polygon in data["land"] for ring in polygon] + data["borders"]:
        points = np.array(shape).reshape(-1, 2)
        jumps = np.abs(np.diff(points[:, 0])) > 180
        # Only Antarctica's closing edge along the bottom of the map may run that far.
        assert np.all(np.abs(points[1:, 1][jumps]) == 90)


def test_country_data_loads_once():
    maps.countries.cache_clear()
    assert maps.countries() is maps.countries()
    assert len(maps.countries().land.shapes) > 1000

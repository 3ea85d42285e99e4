"""How much a generated organisation holds, at full scale and scaled down.

The full shape is what issue 6 asks of every organisation: about 60 plan items, ten years of
two follow-up rounds, 40 arenas, 30 projects and 200 activities a year. The first organisation
is the busiest, and the one whose pages and reports are measured: it has LARGE_FACTOR times the
others' units, people, projects, activities and visit requests, and the register and plans of a
large city like the demo's Bergen (40 arenas, about 60 items), so that its reports are those of
a large city. A scaled data set divides both the number of organisations and each count by the
same factor, so that a page whose number of queries grows with the data shows it.
"""

import dataclasses
import datetime

# Bump when the generator's output changes: `make bench` then regenerates its data sets.
GENERATOR_VERSION = 2
SEED = 2026
ORGANISATIONS = 650
LARGE_FACTOR = 2
LARGE_COUNTS = ["units", "people", "projects", "activities_per_year", "requests_per_year"]
# Ten years of follow-up, two rounds a year; the last round (the yearly one of the last year)
# is open. Fixed years, not today's, so that the data set is the same whenever it is made.
LAST_YEAR = 2026
# The day that divides held from planned activities.
REFERENCE_DATE = datetime.date(2026, 11, 1)
GENERATED_AT = datetime.datetime(2026, 11, 1, 12, 0, tzinfo=datetime.UTC)


@dataclasses.dataclass(frozen=True)
class Shape:
    units: int = 15
    people: int = 20
    strategy_parts: int = 3
    plan_sections: int = 6
    measures: int = 48
    arenas: int = 40
    years: int = 10
    projects: int = 30
    activities_per_year: int = 200
    activity_years: int = 2
    requests_per_year: int = 10
    indicators: int = 4

    # Counts that stay whole at any scale: the tree of units needs its political bodies.
    MINIMUM = {"units": 5}
    # Counts that describe time, not volume, and are not scaled.
    FIXED = {"activity_years"}

    def scaled(self, factor):
        values = {}
        for field in dataclasses.fields(self):
            value = getattr(self, field.name)
            if field.name not in self.FIXED:
                value = max(self.MINIMUM.get(field.name, 1), round(value * factor))
            values[field.name] = value
        return Shape(**values)

    @property
    def round_years(self):
        return list(range(LAST_YEAR - self.years + 1, LAST_YEAR + 1))

    @property
    def activity_year_list(self):
        return list(range(LAST_YEAR - self.activity_years + 1, LAST_YEAR + 1))


def organisation_shapes(organisations, scale):
    """The shape of each generated organisation, the busiest first."""
    base = Shape().scaled(scale)
    larger = Shape().scaled(scale * LARGE_FACTOR)
    large = dataclasses.replace(base, **{name: getattr(larger, name) for name in LARGE_COUNTS})
    return [large if index == 0 else base for index in range(organisations)]


def moment(day, hour=12):
    """An instant on a day (UTC), for the timestamps of generated rows."""
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=datetime.UTC)


def slug(index):
    """The URL name of the index-th generated organisation (0 is the busiest)."""
    return f"bench-{index + 1:03d}"

"""The "illustrative example" mark of invented demonstration data, in one place.

Rows of the demo are marked `is_illustrative`. The mark is shown — as a form field, a column
of a list and its downloads, a badge, a line of the calendar feed, a note in the cost overview
and the reports — only in an organisation that holds demo data (`holds_demo_data`, set by the
operator and by the demo loader). Elsewhere a marked row is ordinary data: it is listed,
counted and exported like any other, without the mark.
"""

from typing import Any

# The model fields that only an organisation with demo data sees on its forms.
DEMO_ONLY_FIELDS = ("is_illustrative",)


def shows_illustrative(organisation: Any) -> bool:
    """Whether the organisation's pages, forms and downloads show the mark."""
    return bool(organisation is not None and organisation.holds_demo_data)


def is_shown_illustrative(obj: Any, organisation: Any) -> bool:
    """Whether `obj` is shown as an illustrative example in the organisation."""
    return shows_illustrative(organisation) and bool(getattr(obj, "is_illustrative", False))


def columns_for(columns: list, organisation: Any) -> list:
    """The columns of a table as the organisation sees them: without the demo-only ones
    (`Column.demo_only`) unless it holds demo data."""
    if shows_illustrative(organisation):
        return list(columns)
    return [column for column in columns if not column.demo_only]

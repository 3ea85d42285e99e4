"""The ranges a stored value may take, declared on the model fields so that forms, imports
and the API refuse the same values with the same message.

Dates and years are bounded by what they mean to a municipality's international work, not by
what the database could hold: a year 9999 is a typing error, and a date at the edge of the
calendar breaks whatever adds a day to it (an all-day event's end in the iCalendar feed).
"""

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# Plans, rounds, activities, decisions, projects, indicator values, exchange rates.
EARLIEST_YEAR = 1900
LATEST_YEAR = 2100
# Memberships and twin-city relations that began long ago.
EARLIEST_RELATION_YEAR = 1800


@deconstructible
class YearRangeValidator:
    """Refuses a year outside the range given, naming the range in the reader's language."""

    message = _("Enter a year between %(earliest)s and %(latest)s.")
    code = "year_range"

    def __init__(self, earliest=EARLIEST_YEAR, latest=LATEST_YEAR):
        self.earliest = earliest
        self.latest = latest

    def __call__(self, value):
        if not self.earliest <= self._year(value) <= self.latest:
            raise ValidationError(
                self.message,
                code=self.code,
                params={"earliest": self.earliest, "latest": self.latest},
            )

    def _year(self, value):
        return value

    def __eq__(self, other):
        return type(other) is type(self) and (self.earliest, self.latest) == (
            other.earliest,
            other.latest,
        )


@deconstructible
class DateRangeValidator(YearRangeValidator):
    """Refuses a date (or the date of a moment) outside the years given."""

    message = _("Enter a date between %(earliest)s and %(latest)s.")
    code = "date_range"

    def _year(self, value):
        return value.year


def year_validators(earliest=EARLIEST_YEAR, latest=LATEST_YEAR):
    return [YearRangeValidator(earliest, latest)]


DATE_RANGE = [DateRangeValidator()]
YEARS = year_validators()
RELATION_YEARS = year_validators(EARLIEST_RELATION_YEAR)

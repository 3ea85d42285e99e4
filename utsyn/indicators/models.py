"""Quantitative indicators that show whether plan items reach their goals."""

import re

from django.db import models
from django.utils.translation import gettext_lazy as _

from utsyn.core.bounds import YEARS
from utsyn.core.models import OrganisationOwned
from utsyn.plans.queries import responsible_unit_ids_of

# Parts of a year as municipalities report them: tertials (T1–T3), quarters (Q1–Q4, or K1–K4
# in Norwegian and Swedish), half-years (H1, H2) and months (M1–M12).
PARTS_PER_YEAR = {"T": 3, "Q": 4, "K": 4, "H": 2, "M": 12}
PERIOD_PATTERN = re.compile(r"^([A-Z])\s*(\d{1,2})$")


def period_span(period):
    """The part of the year a period covers, as (start, end) fractions of the year.

    An empty period is the whole year; text that is not a known part counts as the whole year
    too, so that a value with an unusual period is still shown in its year.
    """
    match = PERIOD_PATTERN.match(period.strip().upper())
    if match:
        parts, number = PARTS_PER_YEAR.get(match[1]), int(match[2])
        if parts and 1 <= number <= parts:
            return (number - 1) / parts, number / parts
    return 0.0, 1.0


def time_key(year, period):
    """Sorts periods in time order; a whole year comes after its parts (its final figure)."""
    start, end = period_span(period)
    return year, end, not period, start, period


class Indicator(OrganisationOwned):
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    unit = models.CharField(
        _("unit of measurement"), max_length=40, help_text=_("E.g. “applications”, “%”, “NOK”.")
    )
    baseline_year = models.PositiveSmallIntegerField(
        _("baseline year"), null=True, blank=True, validators=YEARS
    )
    baseline_value = models.DecimalField(
        _("baseline value"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    source = models.CharField(_("source"), max_length=300, blank=True)
    items = models.ManyToManyField(
        "plans.PlanItem", blank=True, related_name="indicators", verbose_name=_("plan items")
    )
    is_illustrative = models.BooleanField(
        _("illustrative example"),
        default=False,
        help_text=_("Invented demonstration data, not real figures."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="indicator_name_unique_in_organisation"
            )
        ]

    def __str__(self):
        return self.name

    def responsible_unit_ids(self):
        """The units whose editors may change the indicator: those of its linked plan items,
        their own or inherited (`utsyn.plans.queries.responsible_unit_ids_of`)."""
        if "items" in getattr(self, "_prefetched_objects_cache", {}):
            return sorted(responsible_unit_ids_of(self.items.all()))
        if self.pk is None:
            return []
        # Without prefetched items, a fixed number of queries instead of some per item.
        return sorted(responsible_unit_ids_of(self.items.prefetch_related("collaborating_units")))

    # The methods below read `targets` and `values` through .all(), so that prefetched rows
    # (see queries.py) are used instead of a query per indicator.

    def sorted_values(self):
        """Observed values in time order; a whole year comes after its parts."""
        return sorted(self.values.all(), key=IndicatorValue.time_key)

    def latest_value(self):
        values = self.sorted_values()
        return values[-1] if values else None

    def target_for(self, year):
        return next((target for target in self.targets.all() if target.year == year), None)


class IndicatorTarget(OrganisationOwned):
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="targets", verbose_name=_("indicator")
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEARS)
    value = models.DecimalField(_("target value"), max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["year"]
        verbose_name = _("target value")
        verbose_name_plural = _("target values")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="one_target_per_year")
        ]

    def __str__(self):
        return f"{self.indicator} {self.year}: {self.value}"

    def audit_subject(self):
        return self.indicator


class IndicatorValue(OrganisationOwned):
    """An observed value for a period: a year, or a part of it ("T1", "Q3", "H1")."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="values", verbose_name=_("indicator")
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEARS)
    period = models.CharField(
        _("part of the year"), max_length=10, blank=True, help_text=_("Empty for the whole year.")
    )
    value = models.DecimalField(_("observed value"), max_digits=14, decimal_places=2)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["year", "period"]
        verbose_name = _("observed value")
        verbose_name_plural = _("observed values")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year", "period"], name="one_value_per_period"
            )
        ]

    def __str__(self):
        return f"{self.indicator} {self.year} {self.period}".strip()

    def time_key(self):
        return time_key(self.year, self.period)

    @property
    def label(self):
        """The period as people write it: "2025" or "2025 T1"."""
        return f"{self.year} {self.period}".strip()

    def audit_subject(self):
        return self.indicator

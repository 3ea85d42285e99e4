"""Quantitative indicators that show whether plan items reach their goals."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from utsyn.core.models import OrganisationOwned
from utsyn.plans.models import YEAR_VALIDATORS


class Indicator(OrganisationOwned):
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    unit = models.CharField(
        _("unit of measurement"), max_length=40, help_text=_("E.g. “applications”, “%”, “NOK”.")
    )
    baseline_year = models.PositiveSmallIntegerField(
        _("baseline year"), null=True, blank=True, validators=YEAR_VALIDATORS
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


class IndicatorTarget(OrganisationOwned):
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="targets", verbose_name=_("indicator")
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
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
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
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

    def audit_subject(self):
        return self.indicator

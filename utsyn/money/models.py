"""Amounts in several currencies, and the yearly exchange rates that make them comparable.

Projects and activities keep their amounts in the currency they were given in. For overviews
Utsyn converts them into the organisation's reporting currency at the rate the administrator
set for that year — the municipality's own accounting rate, not a market feed.
"""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from utsyn.core.bounds import YEARS
from utsyn.core.models import OrganisationOwned

# Currencies amounts can be given in: the Nordic ones and those of the usual partners.
CURRENCY_CHOICES = [
    ("NOK", "NOK"),
    ("SEK", "SEK"),
    ("DKK", "DKK"),
    ("ISK", "ISK"),
    ("EUR", "EUR"),
    ("GBP", "GBP"),
    ("USD", "USD"),
    ("CHF", "CHF"),
]
CURRENCIES = {code for code, _label in CURRENCY_CHOICES}
# The currencies an organisation reports in, by its country; EUR elsewhere.
REPORTING_CURRENCY_BY_COUNTRY = {"NO": "NOK", "SE": "SEK"}


def reporting_currency(organisation):
    return REPORTING_CURRENCY_BY_COUNTRY.get(str(organisation.country), "EUR")


class ExchangeRate(OrganisationOwned):
    """What one unit of `currency` was worth in the reporting currency in `year`."""

    year = models.PositiveSmallIntegerField(_("year"), validators=YEARS)
    currency = models.CharField(_("currency"), max_length=3, choices=CURRENCY_CHOICES)
    rate = models.DecimalField(
        _("rate"),
        max_digits=12,
        decimal_places=6,
        validators=[MinValueValidator(0.000001)],
        help_text=_("What one unit of the currency is worth in the reporting currency."),
    )

    class Meta:
        ordering = ["-year", "currency"]
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year", "currency"], name="one_rate_per_currency_and_year"
            )
        ]

    def __str__(self):
        return f"{self.year} {self.currency}: {self.rate}"

"""Converting amounts into the organisation's reporting currency: the one place for it."""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from .models import ExchangeRate, reporting_currency


class MissingRate(Exception):
    """No rate is set for a currency in a year; the message says which, for the user."""

    def __init__(self, currency, year):
        self.currency, self.year = currency, year
        super().__init__(
            _(
                "No exchange rate for %(currency)s in %(year)s. The administrator sets it under "
                "Exchange rates."
            )
            % {"currency": currency, "year": year}
        )


class Converter:
    """Converts many amounts with the rates read once (one query, however many amounts)."""

    def __init__(self, organisation):
        self.currency = reporting_currency(organisation)
        self.rates = {
            (rate.year, rate.currency): rate.rate
            for rate in ExchangeRate.objects.filter(organisation=organisation)
        }

    def convert(self, amount, currency, year):
        """The amount in the reporting currency, rounded to whole units; None stays None."""
        if amount is None:
            return None
        if currency == self.currency:
            return Decimal(amount)
        rate = self.rates.get((year, currency))
        if rate is None:
            raise MissingRate(currency, year)
        return (Decimal(amount) * rate).quantize(Decimal(1), rounding=ROUND_HALF_UP)

    def try_convert(self, amount, currency, year):
        """Like `convert`, but None where the rate is missing (for overviews that say so)."""
        try:
            return self.convert(amount, currency, year)
        except MissingRate:
            return None

from decimal import Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def amount(value):
    """Amounts with thousands grouped (4 800 000), decimals only where there are any; other
    cells (text, dates, years) unchanged."""
    if isinstance(value, Decimal):
        places = 0 if value == value.to_integral_value() else 2
        return number_format(value, decimal_pos=places, force_grouping=True)
    return "" if value is None else value


@register.filter
def rate(value):
    """An exchange rate with the digits it has (11.5, not 11.500000)."""
    if isinstance(value, Decimal):
        return number_format(Decimal(format(value.normalize(), "f")))
    return value

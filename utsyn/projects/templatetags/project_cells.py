from decimal import Decimal

from django import template

from utsyn.core.formatting import format_amount, format_rate

register = template.Library()


@register.filter
def amount(value):
    """Amounts as `format_amount` writes them; other cells (text, dates, years) unchanged."""
    if isinstance(value, Decimal):
        return format_amount(value)
    return "" if value is None else value


@register.filter
def rate(value):
    """An exchange rate as `format_rate` writes it; anything else unchanged."""
    return format_rate(value) if isinstance(value, Decimal) else value

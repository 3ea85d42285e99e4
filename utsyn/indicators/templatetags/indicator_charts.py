from decimal import Decimal

from django import template

from utsyn.core.formatting import format_number
from utsyn.indicators.charts import chart_for

register = template.Library()


@register.simple_tag
def indicator_chart(indicator):
    """The chart (safe SVG) and table rows of an indicator with prefetched targets and values:
    `{% indicator_chart indicator as chart %}`."""
    return chart_for(indicator)


@register.filter
def figure(value):
    """Numbers as `format_number` writes them (6 rather than 6,00); other values unchanged."""
    return format_number(value) if isinstance(value, Decimal | int | float) else value

"""Numbers and dates as people write them in the current language: one place for pages,
charts and reports, so that a figure reads the same wherever it appears."""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import date_format, number_format

# Amounts and indicator values carry at most two decimals (their database fields do).
MAX_DECIMALS = Decimal("0.01")


def format_number(value):
    """6, 6,5 or 1 234,25 (in bokmål): thousands grouped, at most two decimals and none that
    say nothing."""
    if value is None or value == "":
        return ""
    number = Decimal(str(value)).quantize(MAX_DECIMALS, rounding=ROUND_HALF_UP)
    # normalize() drops trailing zeros ("6.50" → "6.5"); integral values are quantized
    # instead, because normalize() would write 600 as 6E+2.
    if number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    else:
        number = number.normalize()
    return number_format(number, force_grouping=True)


def format_amount(value):
    """An amount of money: 4 800 000, or 1 234,50 where there are øre or cents."""
    if value is None or value == "":
        return ""
    number = Decimal(str(value))
    places = 0 if number == number.to_integral_value() else 2
    return number_format(number, decimal_pos=places, force_grouping=True)


def format_rate(value):
    """An exchange rate with the digits it has (11,5, not 11,500000) and no grouping."""
    return number_format(Decimal(format(Decimal(str(value)).normalize(), "f")))


def format_date(value):
    """A date in the language's short form, for tables: 04.12.2026 in the Nordic languages."""
    return date_format(value, "SHORT_DATE_FORMAT") if value else ""


def format_long_date(value):
    """A date written out, for running text and documents: 4. desember 2026 in bokmål."""
    return date_format(value) if value else ""

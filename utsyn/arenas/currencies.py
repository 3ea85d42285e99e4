"""Currencies a fee can be given in: the Nordic ones and those of the usual partners."""

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

"""The columns of the cost overview's tables: shown on the page and written to the downloads."""

from operator import attrgetter, itemgetter

from django.utils.translation import gettext_lazy as _

from utsyn.core.exports import Column


def unit_columns(currency):
    return [
        Column(_("Responsible unit"), itemgetter(0)),
        Column(_("Membership fees (%(currency)s)") % {"currency": currency}, itemgetter(1)),
        Column(_("Activities (%(currency)s)") % {"currency": currency}, itemgetter(2)),
        Column(_("Project contributions (%(currency)s)") % {"currency": currency}, itemgetter(3)),
        Column(_("Total (%(currency)s)") % {"currency": currency}, itemgetter(4)),
    ]


def goal_columns(currency):
    return [
        Column(_("Plan goal"), itemgetter(0)),
        Column(_("Total (%(currency)s)") % {"currency": currency}, itemgetter(1)),
    ]


def line_columns(currency):
    return [
        Column(_("Cost"), attrgetter("source")),
        Column(_("What"), attrgetter("name")),
        Column(_("Responsible unit"), attrgetter("unit")),
        Column(_("Amount"), attrgetter("amount")),
        Column(_("Currency"), attrgetter("currency")),
        Column(_("In %(currency)s") % {"currency": currency}, attrgetter("converted")),
        Column(
            _("Illustrative"),
            lambda line: _("yes") if line.is_illustrative else "",
            demo_only=True,
        ),
    ]

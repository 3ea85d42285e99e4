from django.utils.translation import gettext_lazy as _

from utsyn.core.exports import Column

from .models import Decision, Recommendation


def _label(choices, value):
    return choices(value).label if value else ""


ARENA_COLUMNS = [
    Column(_("Name"), lambda arena: arena.name),
    Column(_("Acronym"), lambda arena: arena.acronym),
    Column(_("Kind"), lambda arena: arena.get_kind_display()),
    Column(_("Status"), lambda arena: arena.get_status_display()),
    Column(_("Responsible"), lambda arena: arena.responsible),
    Column(_("Scope"), lambda arena: arena.get_scope_display()),
    Column(_("Since"), lambda arena: arena.since_year),
    Column(_("Yearly fee"), lambda arena: arena.yearly_fee),
    Column(_("Currency"), lambda arena: arena.fee_currency),
    Column(
        _("Recommendation"),
        lambda arena: _label(Recommendation, arena.latest_recommendation),
    ),
    Column(_("Decision"), lambda arena: _label(Decision.Outcome, arena.latest_decision)),
]

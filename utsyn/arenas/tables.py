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

# The columns of the list of assessments, on screen and in the downloads.
ASSESSMENT_COLUMNS = [
    Column(_("Arena"), lambda assessment: assessment.arena.name),
    Column(_("Date"), lambda assessment: assessment.assessed_on),
    Column(_("Participation"), lambda assessment: assessment.get_participation_display()),
    Column(_("Learning outcome"), lambda assessment: assessment.get_learning_display()),
    Column(_("Influence"), lambda assessment: assessment.get_influence_display()),
    Column(_("Recommendation"), lambda assessment: assessment.get_recommendation_display()),
    Column(_("Case reference"), lambda assessment: assessment.reference),
    Column(_("Assessed by"), lambda assessment: assessment.assessor or ""),
]

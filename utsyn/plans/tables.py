from django.utils.translation import gettext_lazy as _

from utsyn.core.exports import Column


def _inherited_from(item):
    place = item.place
    return place.unit_source.place.heading or place.unit_source.title if place.inherits_unit else ""


# The columns of the plan's download, from `queries.plan_tree` (each item with its `place`).
ITEM_COLUMNS = [
    Column(_("Identifier"), lambda item: item.place.identifier),
    Column(_("Level"), lambda item: item.place.level_name or _("Section")),
    Column(_("Title"), lambda item: item.title),
    Column(_("Responsible unit"), lambda item: item.place.unit or ""),
    Column(_("Unit inherited from"), _inherited_from),
    Column(_("Followed up"), lambda item: _("Yes") if item.place.is_followed_up else _("No")),
    Column(_("Status"), lambda item: item.get_status_display()),
    Column(
        _("Progress (%)"),
        lambda item: "" if item.rolled_up_progress is None else item.rolled_up_progress,
    ),
]


def _period(plan):
    if not (plan.start_year or plan.end_year):
        return ""
    return f"{plan.start_year or ''}–{plan.end_year or ''}"


# The columns of the list of plans, on screen and in the downloads.
PLAN_COLUMNS = [
    Column(_("Title"), lambda plan: plan.title),
    Column(_("Type"), lambda plan: plan.get_type_display()),
    Column(_("Period"), _period),
    Column(_("Adopted by"), lambda plan: plan.adopted_by or ""),
    Column(_("Case reference"), lambda plan: plan.case_reference),
    Column(_("Status"), lambda plan: plan.get_status_display()),
    Column(_("Implements"), lambda plan: plan.implements or ""),
    Column(_("Published"), lambda plan: _("Yes") if plan.is_published else _("No")),
]

from django.utils.translation import gettext_lazy as _

from utsyn.core.exports import Column

from .models import TaskState

# The columns of a round's status updates, in the downloads; the items' `place` is set by
# `queries.tasks_for`.
UPDATE_COLUMNS = [
    Column(_("Plan"), lambda update: update.item.plan.title),
    Column(_("Identifier"), lambda update: update.item.place.identifier),
    Column(_("Level"), lambda update: update.item.place.level_name),
    Column(_("Title"), lambda update: update.item.title),
    Column(_("Responsible unit"), lambda update: update.unit or ""),
    Column(_("State"), lambda update: update.get_state_display()),
    Column(_("Status"), lambda update: update.get_status_display()),
    Column(_("Progress (%)"), lambda update: "" if update.progress is None else update.progress),
    Column(_("Status update"), lambda update: update.text),
]


# The columns of the list of rounds, on screen and in the downloads; `completeness` is set by
# `queries.rounds_for_list`.
ROUND_COLUMNS = [
    Column(_("Round"), lambda round_: round_.name),
    Column(_("Period"), lambda round_: f"{round_.period_start} – {round_.period_end}"),
    Column(_("Due date"), lambda round_: round_.due_date),
    Column(_("Status"), lambda round_: round_.get_status_display()),
    Column(_("Tasks"), lambda round_: round_.completeness.total),
    Column(_("Done"), lambda round_: round_.completeness.done),
    Column(_("Done (%)"), lambda round_: round_.completeness.percent),
    # Shown as a badge on screen; a column in downloads, so invented rounds stay marked. Only
    # where the organisation holds demo data (`utsyn.core.illustrative`).
    Column(
        _("Illustrative"),
        lambda round_: _("Illustrative example") if round_.is_illustrative else "",
        demo_only=True,
        badge=True,
    ),
]

COMPLETENESS_STATES = [
    TaskState.TO_DO,
    TaskState.DRAFT,
    TaskState.RETURNED,
    TaskState.SUBMITTED,
    TaskState.APPROVED,
]

# The columns of a round's completeness per unit (`queries.completeness_by_unit`).
COMPLETENESS_COLUMNS = [
    Column(_("Unit"), lambda row: row.unit or _("No responsible unit (the coordinator)")),
    Column(_("Tasks"), lambda row: row.total),
    *[
        Column(state.label, lambda row, state=state: row.count(state))
        for state in COMPLETENESS_STATES
    ],
    Column(_("Done (%)"), lambda row: row.percent),
]


# The two tables of the to-do list, on screen and in the downloads. The template places the
# cells one by one (a link, the state as a badge): keep it in step when changing these.
TODO_UPDATE_COLUMNS = [
    Column(_("Item"), lambda update: update.item.place.label),
    Column(_("Plan"), lambda update: update.item.plan.title),
    Column(_("Unit"), lambda update: update.unit or ""),
    Column(_("State"), lambda update: update.get_state_display()),
    Column(_("Status"), lambda update: update.get_status_display()),
    Column(_("Progress (%)"), lambda update: "" if update.progress is None else update.progress),
]
TODO_REVIEW_COLUMNS = [
    Column(_("Arena"), lambda review: review.arena.name),
    Column(_("Unit"), lambda review: review.unit or ""),
    Column(_("State"), lambda review: review.get_state_display()),
    Column(_("Recommendation"), lambda review: review.get_recommendation_display()),
]

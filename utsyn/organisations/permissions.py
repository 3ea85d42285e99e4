"""Who may do what: the one place where Utsyn's permission rules live.

Views, commands and templates ask `user.has_perm(name, obj)`; the rules below answer. The
object is the organisation for organisation-wide actions and the row itself for row actions.
An editor may change what belongs to the units he or she is attached to, including the units
below them in the tree.
"""

import rules

from .models import Membership, Role, Unit


def membership_for(user, organisation_id):
    """The user's membership of the organisation, or None. Cached on the user for the request."""
    if not user.is_authenticated or organisation_id is None:
        return None
    cache = getattr(user, "_utsyn_memberships", None)
    if cache is None:
        cache = {}
        # setattr, not __dict__: request.user is a lazy proxy that forwards attributes.
        user._utsyn_memberships = cache
    if organisation_id not in cache:
        membership = Membership.objects.filter(user=user, organisation=organisation_id).first()
        if membership is not None:
            membership.covered_unit_ids = _covered_units(membership)
        cache[organisation_id] = membership
    return cache[organisation_id]


def _covered_units(membership):
    if membership.role != Role.EDITOR:
        return set()
    own = set(membership.units.values_list("pk", flat=True))
    return units_with_those_below(own, unit_children(membership.organisation_id)) if own else own


def unit_children(organisation_id):
    """{parent id: [child ids]} for the organisation's unit tree, in one query."""
    children: dict[int | None, list[int]] = {}
    units = Unit.objects.filter(organisation=organisation_id)
    for pk, parent_id in units.values_list("pk", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    return children


def units_with_those_below(unit_ids, children):
    """The units and every unit below them: what an editor attached to them covers."""
    covered, todo = set(), list(unit_ids)
    while todo:
        pk = todo.pop()
        if pk not in covered:
            covered.add(pk)
            todo.extend(children.get(pk, []))
    return covered


def assignable_unit_ids(user, organisation_id):
    """The units the user may make responsible for something: None for an administrator (every
    unit), the covered units for an editor, and none for anyone else.

    The organisation form base (`utsyn.organisations.formbase`) narrows every field that
    assigns responsibility to these units, so that nobody hands a row to a unit whose editors
    he or she is not, and then loses it.
    """
    membership = membership_for(user, organisation_id)
    if membership is None:
        return set()
    if membership.role == Role.ADMINISTRATOR:
        return None
    return set(membership.covered_unit_ids)


def covered_unit_ids(user, organisation_id):
    """The units an editor looks after (his or her own and those below); empty for others."""
    membership = membership_for(user, organisation_id)
    return set(membership.covered_unit_ids) if membership else set()


def _organisation_id(obj):
    from .models import Organisation

    return obj.pk if isinstance(obj, Organisation) else obj.organisation_id


def _role(user, obj):
    if obj is None:
        return None
    membership = membership_for(user, _organisation_id(obj))
    return membership.role if membership else None


@rules.predicate
def is_member(user, obj):
    return _role(user, obj) is not None


@rules.predicate
def is_administrator(user, obj):
    return _role(user, obj) == Role.ADMINISTRATOR


@rules.predicate
def is_editor(user, obj):
    return _role(user, obj) == Role.EDITOR


@rules.predicate
def is_responsible_editor(user, obj):
    """An editor attached to a unit the object names as responsible (see `responsible_unit_ids`)."""
    if obj is None or _role(user, obj) != Role.EDITOR:
        return False
    membership = membership_for(user, _organisation_id(obj))
    return bool(membership.covered_unit_ids & set(obj.responsible_unit_ids()))


@rules.predicate
def round_is_open(user, task):
    return task is not None and task.round.is_open


@rules.predicate
def task_is_outstanding(user, task):
    """The unit still owes this task: not yet submitted, or returned for another look."""
    return task is not None and task.is_outstanding


@rules.predicate
def task_is_approved(user, task):
    return task is not None and task.state == "approved"


@rules.predicate
def task_is_submitted(user, task):
    return task is not None and task.state == "submitted"


@rules.predicate
def requested_it(user, job):
    return job is not None and job.requested_by_id == user.pk


# Organisation-wide actions; the object is the organisation.
rules.add_perm("organisation.view", is_member)
rules.add_perm("organisation.administer", is_administrator)
rules.add_perm("organisation.add_arena", is_administrator | is_editor)
rules.add_perm("organisation.add_plan", is_administrator)
rules.add_perm("organisation.add_indicator", is_administrator | is_editor)
rules.add_perm("organisation.manage_rounds", is_administrator)
rules.add_perm("organisation.manage_rates", is_administrator)
rules.add_perm("organisation.manage_programmes", is_administrator)
rules.add_perm("organisation.add_project", is_administrator | is_editor)
rules.add_perm("organisation.add_activity", is_administrator | is_editor)
# Delegation requests from outside are the coordinator's to triage and answer.
rules.add_perm("organisation.handle_requests", is_administrator)
# Every member reads and builds reports; the coordinator writes the report's own sections.
rules.add_perm("organisation.build_reports", is_member)
rules.add_perm("organisation.write_reports", is_administrator)

# Row actions; the object is the row.
rules.add_perm("arena.change", is_administrator | is_responsible_editor)
rules.add_perm("arena.delete", is_administrator)
rules.add_perm("arena.assess", is_administrator | is_responsible_editor)
rules.add_perm("arena.decide", is_administrator)

# Plans: the coordinator shapes them; editors follow up the items of their units.
rules.add_perm("plan.change", is_administrator)
rules.add_perm("plan.delete", is_administrator)
rules.add_perm("item.change", is_administrator | is_responsible_editor)
rules.add_perm("item.delete", is_administrator)
rules.add_perm("item.see_internal_notes", is_administrator | is_responsible_editor)
# Who is responsible for an item is the plan's shape: only the coordinator assigns it.
rules.add_perm("item.assign_units", is_administrator)
rules.add_perm("indicator.change", is_administrator | is_responsible_editor)
rules.add_perm("indicator.delete", is_administrator)

# Projects and activities: editors look after those of their units.
rules.add_perm("project.change", is_administrator | is_responsible_editor)
rules.add_perm("project.delete", is_administrator)
rules.add_perm("activity.change", is_administrator | is_responsible_editor)
rules.add_perm("activity.delete", is_administrator)

# Tasks of a follow-up round (status updates and arena reviews); the object is the task.
# Editors fill in their unit's tasks until they submit them; the coordinator may fill in any
# task not yet approved, approves submitted ones and returns them. A closed round is read-only.
rules.add_perm(
    "task.edit",
    round_is_open
    & ((is_responsible_editor & task_is_outstanding) | (is_administrator & ~task_is_approved)),
)
# Internal notes are for those who follow the task up: its unit's editors and the coordinator.
rules.add_perm("task.see_internal_note", is_administrator | is_responsible_editor)
rules.add_perm("task.approve", round_is_open & is_administrator & task_is_submitted)
rules.add_perm("task.return", round_is_open & is_administrator & task_is_submitted)

# A built report file: the one who asked for it, and the coordinator, may fetch it.
rules.add_perm("report_job.view", is_member & (requested_it | is_administrator))

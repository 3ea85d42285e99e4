"""No lost work: an edit form refuses to save over a change made after it was opened.

`EDITS` lists every page with a form that edits something stored; the first test fails when a
page carries an edit form (or the hidden state) without an entry here.
"""

from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from django import forms
from django.test import Client
from django.test.utils import ContextList
from django.urls import reverse
from django.utils import formats, translation
from django.utils.html import escape

from utsyn.arenas.forms import ArenaForm
from utsyn.arenas.models import Arena
from utsyn.audit.models import LogEntry
from utsyn.audit.services import save_with_log
from utsyn.core.concurrency import (
    CONFLICT_MESSAGE,
    DELETED_MESSAGE,
    STATE_FIELD,
    UNREADABLE_MESSAGE,
    EditConflict,
    make_token,
    state_of,
)
from utsyn.followup.models import ItemUpdate, TaskState
from utsyn.money.models import ExchangeRate
from utsyn.organisations.models import Membership, Role
from utsyn.plans.models import PlanItem
from utsyn.reports.models import ReportText
from utsyn.testing import UserFactory, opened_state

from .test_isolation import COVERAGE, INTERNAL_URLS, _url

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@dataclass
class Edit:
    """One edit page: the object it edits, a field, the value B saves first, then A's."""

    obj: object  # world -> the object; None for the report's texts
    field: str
    theirs: str
    mine: str
    extra: dict = field(default_factory=dict)  # more POST data (the task's action)
    # What the refusal lists besides `field`: saving a task's draft also sets its state.
    also_changed: tuple = ()
    shown: object = None  # how the refusal shows a value, when not as it is typed


EDITS = {
    "organisations:unit_edit": Edit(lambda w: w.agency, "name", "Agency of B", "Agency of A"),
    "organisations:person_edit": Edit(lambda w: w.person, "title", "Adviser", "Director"),
    "organisations:member_edit": Edit(
        lambda w: w.editor_membership, "role", "viewer", "administrator", shown=lambda v: _role(v)
    ),
    "arenas:edit": Edit(lambda w: w.unpublished_arena, "description", "B's text", "A's text"),
    "arenas:assessment_edit": Edit(lambda w: w.assessment, "summary", "B says", "A says"),
    "arenas:decision_edit": Edit(lambda w: w.decision, "text", "B's decision", "A's decision"),
    "plans:edit": Edit(lambda w: w.plan, "description", "B's plan", "A's plan"),
    "plans:role_edit": Edit(lambda w: w.plan_role, "responsibilities", "B adopts", "A adopts"),
    "plans:item_edit": Edit(lambda w: w.item, "description", "B's measure", "A's measure"),
    "followup:edit": Edit(lambda w: w.round, "instructions", "B's advice", "A's advice"),
    "followup:task": Edit(
        lambda w: w.update,
        "text",
        "B's update",
        "A's update",
        extra={"action": "save"},
        also_changed=("state",),
    ),
    "indicators:edit": Edit(lambda w: w.indicator, "description", "B counts", "A counts"),
    "indicators:value_edit": Edit(lambda w: w.indicator_value, "note", "B's note", "A's note"),
    "projects:edit": Edit(lambda w: w.project, "description", "B's project", "A's project"),
    "projects:partner_edit": Edit(lambda w: w.project_partner, "city", "Aarhus", "Odense"),
    "projects:programme_edit": Edit(lambda w: w.programme, "short_name", "BRF", "ARF"),
    "projects:rate_edit": Edit(
        lambda w: w.exchange_rate, "rate", "12.25", "13.5", shown=lambda v: _rate(v)
    ),
    "activities:edit": Edit(lambda w: w.activity, "purpose", "B's purpose", "A's purpose"),
    "activities:participant_edit": Edit(lambda w: w.participant, "role", "Mayor", "Deputy"),
    "activities:cost_edit": Edit(lambda w: w.cost, "description", "B's train", "A's plane"),
    "activities:request_triage": Edit(
        lambda w: w.delegation_request, "triage_comment", "B: yes", "A: maybe"
    ),
    "activities:programme_item_edit": Edit(
        lambda w: w.programme_item, "note", "B's note", "A's note"
    ),
    "reports:texts": Edit(None, "introduction", "B introduces", "A introduces"),
}

# Pages that change something stored without the check, and why.
NOT_CHECKED = {
    # Actions that say everything they do: the new place is chosen on the page, and a step
    # up or down starts from wherever the item is now. Nothing typed can be lost, and both
    # are logged and undone the same way.
    "plans:item_move": "action",
    "plans:item_reorder": "action",
    # Closing locks the round and checks that it is still open.
    "followup:close": "action",
    "followup:remind": "no stored object changes",
    # Answering locks the request and checks that it is still unanswered.
    "activities:request_accept": "action",
    "activities:request_decline": "action",
}


# ------------------------------------------------------------------------------ helpers


def _client(user):
    client = Client(**EN)
    client.force_login(user)
    return client


@pytest.fixture
def second_admin(alpha):
    user = UserFactory(username="alpha-second-administrator")
    Membership.objects.create(user=user, organisation=alpha.organisation, role=Role.ADMINISTRATOR)
    return user


def form_data(form):
    """What a browser sends back for the form as shown (bound or not)."""
    data = {}
    for bound in form:
        widget = bound.field.widget
        value = bound.value()
        if isinstance(widget, forms.CheckboxInput):
            if value:
                data[bound.html_name] = "on"
            continue
        formatted = widget.format_value(value)
        if isinstance(formatted, list) and not getattr(widget, "allow_multiple_selected", False):
            formatted = formatted[0] if formatted else ""  # a single choice
        data[bound.html_name] = "" if formatted is None else formatted
    return data


def _stored(edit, world):
    if edit.obj is None:
        row = ReportText.objects.filter(
            organisation=world.organisation, report="vlr", key=edit.field
        ).first()
        return row.text if row else ""
    obj = edit.obj(world)
    return getattr(type(obj)._base_manager.get(pk=obj.pk), edit.field)


def _same(stored, value):
    if isinstance(stored, Decimal):
        return stored == Decimal(value)
    return stored == value


def _forms_in(response):
    if response.context is None:
        return []
    contexts = response.context if isinstance(response.context, ContextList) else [response.context]
    found = []
    for context in contexts:
        for value in context.flatten().values():
            if isinstance(value, forms.BaseForm):
                found.append(value)
    return found


# ------------------------------------------------------------------------------ coverage


def test_every_edit_page_carries_the_state_it_was_opened_with(alpha, login):
    """Fails for a new edit page without a test here, and for an edit form (a model form of a
    stored object) without the check."""
    client = login(alpha.administrator)
    with_state, unguarded = set(), set()
    for name in INTERNAL_URLS:
        response = client.get(_url(name, alpha))
        if opened_state(response) is not None:
            with_state.add(name)
        for form in _forms_in(response):
            instance = getattr(form, "instance", None)
            if instance is not None and instance.pk and STATE_FIELD not in form.fields:
                unguarded.add(name)
    assert unguarded == set()
    assert with_state == set(EDITS)
    assert set(EDITS) <= set(COVERAGE) and set(NOT_CHECKED) <= set(COVERAGE)
    # By name too: every page named like an edit is tested here or left out with a reason.
    named = {
        name
        for name in COVERAGE
        if name.rsplit(":", 1)[1].split("_")[-1]
        in ("edit", "update", "triage", "texts", "task", "move", "reorder")
    }
    assert named <= set(EDITS) | set(NOT_CHECKED)


# ------------------------------------------------------------------------------ every edit


@pytest.mark.parametrize("name", sorted(EDITS))
def test_the_second_of_two_concurrent_edits_is_refused_until_repeated(name, alpha, second_admin):
    edit = EDITS[name]
    url = _url(name, alpha)
    mine, theirs = _client(alpha.administrator), _client(second_admin)
    opened_by_me = mine.get(url)
    opened_by_them = theirs.get(url)
    assert opened_by_me.status_code == opened_by_them.status_code == 200
    original = _stored(edit, alpha)

    data = {**form_data(opened_by_them.context["form"]), edit.field: edit.theirs, **edit.extra}
    assert theirs.post(url, data).status_code == 302
    assert _same(_stored(edit, alpha), edit.theirs)
    entries = LogEntry.objects.count()

    data = {**form_data(opened_by_me.context["form"]), edit.field: edit.mine, **edit.extra}
    refused = mine.post(url, data)
    assert refused.status_code == 409
    assert _same(_stored(edit, alpha), edit.theirs)  # nothing overwritten
    assert LogEntry.objects.count() == entries  # nothing logged for the refused attempt
    form = refused.context["form"]
    assert form[edit.field].value() == edit.mine  # my input is kept
    assert opened_state(refused) != opened_by_me.context["form"][STATE_FIELD].value()
    with translation.override("en"):
        assert form.non_field_errors() == [str(CONFLICT_MESSAGE)]
        label = str(form.fields[edit.field].label)
    changes = {change.label: change for change in form.conflict.changes}
    assert len(changes) == 1 + len(edit.also_changed)
    change = changes[label]
    assert change.opened == _shown(edit, original)
    assert change.now == _shown(edit, edit.theirs)
    assert change.who == second_admin.username and change.entry.timestamp
    page = refused.content.decode()
    assert "Someone else changed this while you were editing. Nothing was saved." in page
    assert "Changed meanwhile" in page
    for text in (label, change.opened, change.now, second_admin.username):
        assert escape(text) in page

    # Having seen the other change, I save again: now my version is stored.
    again = mine.post(url, {**form_data(form), **edit.extra})
    assert again.status_code == 302
    assert _same(_stored(edit, alpha), edit.mine)


def _shown(edit, value):
    """How the refusal shows a value of the field, in English."""
    if value in ("", None):
        return "–"
    return edit.shown(value) if edit.shown else value


def _role(value):
    with translation.override("en"):
        return str(Role(value).label)


def _rate(value):
    places = ExchangeRate._meta.get_field("rate").decimal_places
    with translation.override("en"):
        return formats.localize(Decimal(value).quantize(Decimal(1).scaleb(-places)))


# ------------------------------------------------------------------------------ follow-up tasks


def _task_url(world, task, kind="update"):
    return reverse(
        "followup:task",
        kwargs={"organisation": world.slug, "round_pk": task.round_id, "kind": kind, "pk": task.pk},
    )


def test_two_editors_saving_the_same_draft_conflict(alpha):
    colleague = UserFactory(username="alpha-second-editor")
    membership = Membership.objects.create(
        user=colleague, organisation=alpha.organisation, role=Role.EDITOR
    )
    membership.units.add(alpha.member_of_executive)
    url = _task_url(alpha, alpha.update)
    mine, theirs = _client(alpha.editor), _client(colleague)
    my_form = mine.get(url).context["form"]
    their_form = theirs.get(url).context["form"]
    data = {**form_data(their_form), "status": "on_track", "text": "Going well", "action": "save"}
    assert theirs.post(url, data).status_code == 302

    data = {**form_data(my_form), "status": "delayed", "text": "Late", "action": "submit"}
    refused = mine.post(url, data)
    assert refused.status_code == 409
    update = ItemUpdate.objects.get(pk=alpha.update.pk)
    assert (update.state, update.status, update.text) == (TaskState.DRAFT, "on_track", "Going well")
    changes = {change.label: change for change in refused.context["form"].conflict.changes}
    assert changes["Status update"].now == "Going well"
    assert changes["Status"].now == "On track" and changes["Status"].who == colleague.username

    again = mine.post(url, {**form_data(refused.context["form"]), "action": "submit"})
    assert again.status_code == 302
    update.refresh_from_db()
    assert (update.state, update.status, update.text) == (TaskState.SUBMITTED, "delayed", "Late")


@pytest.mark.parametrize("action", ["approve", "return"])
def test_the_coordinator_cannot_approve_or_return_what_changed_after_opening_it(
    action, alpha, second_admin
):
    update = alpha.update
    update.state, update.status, update.text = TaskState.SUBMITTED, "delayed", "As submitted"
    update.save()
    url = _task_url(alpha, update)
    mine, theirs = _client(alpha.administrator), _client(second_admin)
    opened = mine.get(url)
    decision = {"action": action, "comment": "Add figures"}
    my_data = {**form_data(opened.context[f"{action}_form"]), **decision}
    # The other coordinator rewrites the update and submits it again.
    their_form = theirs.get(url).context["form"]
    data = {**form_data(their_form), "text": "Rewritten", "status": "completed", "action": "submit"}
    assert theirs.post(url, data).status_code == 302
    entries = LogEntry.objects.count()

    refused = mine.post(url, my_data)
    assert refused.status_code == 409
    assert LogEntry.objects.count() == entries
    update.refresh_from_db()
    alpha.item.refresh_from_db()
    assert (update.state, update.text) == (TaskState.SUBMITTED, "Rewritten")
    assert alpha.item.status != "completed"
    form = refused.context[f"{action}_form"]
    changes = {change.label: change for change in form.conflict.changes}
    assert (changes["Status update"].opened, changes["Status update"].now) == (
        "As submitted",
        "Rewritten",
    )
    assert "Rewritten" in refused.content.decode()

    again = mine.post(url, {**form_data(form), **decision})
    assert again.status_code == 302
    update.refresh_from_db()
    assert update.state == (TaskState.APPROVED if action == "approve" else TaskState.RETURNED)


# ------------------------------------------------------------------------------ report texts


def test_two_coordinators_writing_the_same_report_section_conflict(alpha, second_admin):
    url = reverse("reports:texts", kwargs={"organisation": alpha.slug, "report": "vlr"})
    mine, theirs = _client(alpha.administrator), _client(second_admin)
    my_form = mine.get(url).context["form"]
    their_form = theirs.get(url).context["form"]
    assert (
        theirs.post(url, {**form_data(their_form), "methodology": "Workshops"}).status_code == 302
    )
    # Another section than the one they wrote: still refused, the page I saw was stale.
    refused = mine.post(url, {**form_data(my_form), "introduction": "Alpha reviews"})
    assert refused.status_code == 409
    assert not ReportText.objects.filter(key="introduction").exists()
    [change] = refused.context["form"].conflict.changes
    assert (change.label, change.opened, change.now) == (
        "Methodology and process",
        "–",
        "Workshops",
    )
    assert change.who == second_admin.username
    # My input is kept as I typed it: I take over their section, and save again.
    data = form_data(refused.context["form"])
    assert (data["introduction"], data["methodology"]) == ("Alpha reviews", "")
    assert mine.post(url, {**data, "methodology": "Workshops"}).status_code == 302
    texts = dict(ReportText.objects.values_list("key", "text"))
    assert texts == {"introduction": "Alpha reviews", "methodology": "Workshops"}


# ------------------------------------------------------------------------------ the token


def _arena_edit(world, arena=None):
    arena = arena or world.unpublished_arena
    return reverse("arenas:edit", kwargs={"organisation": world.slug, "pk": arena.pk})


@pytest.mark.parametrize("token", ["missing", "tampered", "garbage", "another object's"])
def test_a_missing_or_tampered_state_is_refused_without_saving(token, alpha):
    client = _client(alpha.administrator)
    url = _arena_edit(alpha)
    data = {**form_data(client.get(url).context["form"]), "description": "Mine"}
    if token == "missing":
        del data[STATE_FIELD]
    elif token == "tampered":
        value = data[STATE_FIELD]
        data[STATE_FIELD] = value[:5] + ("A" if value[5] != "A" else "B") + value[6:]
    elif token == "garbage":
        data[STATE_FIELD] = "\u00e6\u00f8\u00e5:not-a-token"
    else:
        other = client.get(_arena_edit(alpha, alpha.others_arena))
        data[STATE_FIELD] = other.context["form"][STATE_FIELD].value()
    entries = LogEntry.objects.count()
    refused = client.post(url, data)
    assert refused.status_code == 409
    assert Arena.objects.get(pk=alpha.unpublished_arena.pk).description == ""
    assert LogEntry.objects.count() == entries
    form = refused.context["form"]
    assert form.conflict.unreadable and not form.conflict.changes
    with translation.override("en"):
        assert form.non_field_errors() == [str(UNREADABLE_MESSAGE)]
    assert "did not say which version you started from" in refused.content.decode()
    # The form now holds the current state: saving again goes through.
    assert client.post(url, form_data(form)).status_code == 302
    assert Arena.objects.get(pk=alpha.unpublished_arena.pk).description == "Mine"


def test_a_missing_state_on_approval_is_refused(alpha):
    alpha.update.state = TaskState.SUBMITTED
    alpha.update.save()
    response = _client(alpha.administrator).post(
        _task_url(alpha, alpha.update), {"action": "approve"}
    )
    assert response.status_code == 409
    assert ItemUpdate.objects.get(pk=alpha.update.pk).state == TaskState.SUBMITTED


def test_saving_what_was_deleted_meanwhile_is_refused_and_does_not_bring_it_back(alpha):
    arena = alpha.unpublished_arena
    opened = ArenaForm(instance=arena, organisation=alpha.organisation, user=alpha.administrator)
    data = {**form_data(opened), "description": "Mine"}
    form = ArenaForm(
        data, instance=arena, organisation=alpha.organisation, user=alpha.administrator
    )
    assert form.is_valid(), form.errors
    Arena.objects.filter(pk=arena.pk).delete()
    with pytest.raises(EditConflict):
        save_with_log(form, alpha.administrator)
    assert form.conflict.deleted
    assert form.non_field_errors() == [str(DELETED_MESSAGE)]
    assert not Arena.objects.filter(pk=arena.pk).exists()


# ------------------------------------------------------------------------------ no false alarms


def test_an_unchanged_save_by_someone_else_is_no_conflict(alpha, second_admin):
    url = _arena_edit(alpha)
    mine, theirs = _client(alpha.administrator), _client(second_admin)
    my_form = mine.get(url).context["form"]
    assert theirs.post(url, form_data(theirs.get(url).context["form"])).status_code == 302
    assert mine.post(url, {**form_data(my_form), "description": "Mine"}).status_code == 302


def test_renaming_a_related_unit_or_another_language_is_no_conflict(alpha, second_admin):
    arena = alpha.published_arena  # its responsible body is the executive member
    url = _arena_edit(alpha, arena)
    in_bokmal = Client(HTTP_ACCEPT_LANGUAGE="nb")
    in_bokmal.force_login(alpha.administrator)
    opened = in_bokmal.get(url).context["form"]  # opened in bokmål, saved in English
    mine = _client(alpha.administrator)
    unit_url = reverse(
        "organisations:unit_edit",
        kwargs={"organisation": alpha.slug, "pk": alpha.member_of_executive.pk},
    )
    theirs = _client(second_admin)
    data = {**form_data(theirs.get(unit_url).context["form"]), "name": "Renamed body"}
    assert theirs.post(unit_url, data).status_code == 302
    assert mine.post(url, {**form_data(opened), "description": "Mine"}).status_code == 302


def test_moving_an_item_while_someone_edits_it_is_no_conflict_and_the_move_stays(
    alpha, second_admin
):
    url = reverse("plans:item_edit", kwargs={"organisation": alpha.slug, "pk": alpha.item.pk})
    mine, theirs = _client(alpha.administrator), _client(second_admin)
    my_form = mine.get(url).context["form"]
    move = reverse("plans:item_move", kwargs={"organisation": alpha.slug, "pk": alpha.item.pk})
    assert theirs.post(move, {"parent": ""}).status_code == 302
    assert mine.post(url, {**form_data(my_form), "description": "Mine"}).status_code == 302
    item = PlanItem.objects.get(pk=alpha.item.pk)
    assert item.parent is None and item.description == "Mine"


def test_a_stale_form_stays_stale_through_validation_errors(alpha, second_admin):
    url = _arena_edit(alpha)
    mine, theirs = _client(alpha.administrator), _client(second_admin)
    my_form = mine.get(url).context["form"]
    data = {**form_data(theirs.get(url).context["form"]), "description": "Theirs"}
    assert theirs.post(url, data).status_code == 302
    invalid = mine.post(url, {**form_data(my_form), "name": ""})
    assert invalid.status_code == 400
    refused = mine.post(url, {**form_data(invalid.context["form"]), "name": "Mine"})
    assert refused.status_code == 409
    assert Arena.objects.get(pk=alpha.unpublished_arena.pk).description == "Theirs"


def test_a_state_from_before_the_model_changed_is_a_conflict_not_a_crash(alpha):
    """A form opened before an upgrade that removed a field and added another."""
    arena = alpha.unpublished_arena
    state = state_of(arena)
    state["retired_field"] = "old value"
    del state["acronym"]
    client = _client(alpha.administrator)
    url = _arena_edit(alpha)
    data = {**form_data(client.get(url).context["form"]), "description": "Mine"}
    data[STATE_FIELD] = make_token(f"arenas.arena:{arena.pk}", state)
    refused = client.post(url, data)
    assert refused.status_code == 409
    labels = {change.label for change in refused.context["form"].conflict.changes}
    assert labels == {"retired_field", "Acronym"}
    assert client.post(url, form_data(refused.context["form"])).status_code == 302

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from utsyn.audit.models import LogEntry
from utsyn.followup.models import ItemUpdate, Round, RoundClosedError, TaskState
from utsyn.followup.services import approve, close_round
from utsyn.testing import PlanFactory, PlanItemFactory, open_round, post_form

EN = {"Accept-Language": "en"}

ROUND_DATA = {
    "name": "Tertial 1 2027",
    "period_kind": "tertial",
    "period_start": "2027-01-01",
    "period_end": "2027-04-30",
    "due_date": "2027-05-15",
}


def _url(name, world, **kwargs):
    return reverse(name, kwargs={"organisation": world.slug, **kwargs})


def _task_url(world, task, kind="update"):
    return _url("followup:task", world, round_pk=task.round_id, kind=kind, pk=task.pk)


def test_opening_a_round_gives_each_unit_its_tasks(alpha, login):
    client = login(alpha.administrator)
    data = {**ROUND_DATA, "plans": [alpha.plan.pk], "arenas": [alpha.others_arena.pk]}
    response = client.post(_url("followup:create", alpha), data)
    assert response.status_code == 302
    round_ = Round.objects.get(name="Tertial 1 2027")
    # The plan follows up its lowest level, the measures; the section rolls up from them.
    assigned = {(u.item.identifier, u.unit) for u in round_.item_updates.all()}
    assert assigned == {("Measure 1", alpha.agency), ("Measure 2", alpha.other_agency)}
    review = round_.arena_reviews.get()
    assert (review.arena, review.unit) == (alpha.others_arena, alpha.other_agency)
    assert LogEntry.objects.filter(object_id=round_.pk, action="created").exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"due_date": "2026-12-31"}, "due_date"),
        ({"period_end": "2026-12-01"}, "period_end"),
        ({"name": "Alpha kommune round 2026"}, "name"),
    ],
)
def test_a_round_with_bad_dates_is_refused_and_nothing_is_made(alpha, login, changes, field):
    before = (Round.objects.count(), ItemUpdate.objects.count())
    response = login(alpha.administrator).post(
        _url("followup:create", alpha), {**ROUND_DATA, "plans": [alpha.plan.pk], **changes}
    )
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert (Round.objects.count(), ItemUpdate.objects.count()) == before


def test_only_the_coordinator_runs_rounds(alpha, login):
    for user in (alpha.editor, alpha.viewer):
        client = login(user)
        assert client.post(_url("followup:create", alpha), ROUND_DATA).status_code == 403
        assert client.post(_url("followup:close", alpha, pk=alpha.round.pk)).status_code == 403
        assert client.post(_url("followup:remind", alpha, pk=alpha.round.pk)).status_code == 403
    assert alpha.round.is_open


def test_an_editor_saves_a_draft_then_submits(alpha, login):
    client = login(alpha.editor)
    url = _task_url(alpha, alpha.update)
    data = {"status": "on_track", "progress": "40", "text": "Going well", "internal_note": "x"}
    assert post_form(client, url, {**data, "action": "save"}).status_code == 302
    alpha.update.refresh_from_db()
    assert alpha.update.state == TaskState.DRAFT and alpha.update.progress == 40
    assert post_form(client, url, {**data, "action": "submit"}).status_code == 302
    alpha.update.refresh_from_db()
    assert alpha.update.state == TaskState.SUBMITTED
    assert alpha.update.submitted_by == alpha.editor
    # Once submitted it waits for the coordinator; the editor cannot change it any more.
    assert client.post(url, {**data, "progress": "90", "action": "save"}).status_code == 403
    alpha.update.refresh_from_db()
    assert alpha.update.progress == 40


def test_submitting_needs_a_status_and_progress_within_0_to_100(alpha, login):
    client = login(alpha.editor)
    url = _task_url(alpha, alpha.update)
    response = client.post(url, {"status": "", "text": "x", "action": "submit"}, headers=EN)
    assert response.status_code == 400
    assert "Choose a status before submitting." in response.content.decode()
    response = client.post(url, {"status": "on_track", "progress": "101", "action": "save"})
    assert response.status_code == 400 and "progress" in response.context["form"].errors
    alpha.update.refresh_from_db()
    assert alpha.update.state == TaskState.TO_DO


def test_an_editor_cannot_touch_another_units_update(alpha, login):
    client = login(alpha.editor)
    url = _task_url(alpha, alpha.others_update)
    response = client.post(url, {"status": "completed", "progress": "100", "action": "submit"})
    assert response.status_code == 403
    alpha.others_update.refresh_from_db()
    assert alpha.others_update.state == TaskState.TO_DO
    assert "<form" not in client.get(url).content.decode().split("</header>")[1]


def test_the_coordinator_approves_and_the_item_takes_the_status(alpha, login):
    alpha.update.status, alpha.update.progress, alpha.update.state = "delayed", 30, "submitted"
    alpha.update.save()
    client = login(alpha.administrator)
    assert (
        post_form(client, _task_url(alpha, alpha.update), {"action": "approve"}).status_code == 302
    )
    alpha.update.refresh_from_db()
    alpha.item.refresh_from_db()
    assert (
        alpha.update.state == TaskState.APPROVED and alpha.update.reviewed_by == alpha.administrator
    )
    assert (alpha.item.status, alpha.item.progress) == ("delayed", 30)


def test_the_coordinator_returns_an_update_with_a_comment(alpha, login):
    alpha.update.state = "submitted"
    alpha.update.save()
    admin = login(alpha.administrator)
    url = _task_url(alpha, alpha.update)
    refused = admin.post(url, {"action": "return", "comment": ""})
    assert refused.status_code == 400
    assert post_form(admin, url, {"action": "return", "comment": "Add figures"}).status_code == 302
    alpha.update.refresh_from_db()
    assert alpha.update.state == TaskState.RETURNED
    editor_page = login(alpha.editor).get(url, headers=EN).content.decode()
    assert "Add figures" in editor_page and 'value="submit"' in editor_page


def test_an_editor_assesses_an_arena_and_approval_records_it(alpha, login):
    review = alpha.arena_review  # the unpublished arena, operated by the editor's agency
    url = _task_url(alpha, review, kind="review")
    data = {"participation": "active", "learning": "high", "recommendation": "continue"}
    assert post_form(login(alpha.editor), url, {**data, "action": "submit"}).status_code == 302
    post_form(login(alpha.administrator), url, {"action": "approve"})
    review.refresh_from_db()
    assessment = review.assessment
    assert assessment.arena == alpha.unpublished_arena
    assert (assessment.participation, assessment.recommendation) == ("active", "continue")
    assert assessment.reference == alpha.round.name


def test_a_closed_round_never_changes(alpha, login):
    alpha.update.status, alpha.update.text, alpha.update.state = (
        "on_track",
        "As approved",
        "submitted",
    )
    alpha.update.save()
    approve(alpha.update, alpha.administrator)
    admin = login(alpha.administrator)
    assert admin.post(_url("followup:close", alpha, pk=alpha.round.pk)).status_code == 302
    alpha.round.refresh_from_db()
    assert not alpha.round.is_open

    # Through the pages: refused with a message, for the coordinator as for the editor.
    for user in (alpha.administrator, alpha.editor):
        response = login(user).post(
            _task_url(alpha, alpha.update),
            {"status": "completed", "text": "Rewritten", "action": "save"},
            headers=EN,
        )
        assert response.status_code == 403
    assert "This round is closed" in response.content.decode()
    other = login(alpha.administrator).post(
        _task_url(alpha, alpha.others_update), {"action": "approve"}
    )
    assert other.status_code in (403, 200) and other.status_code != 302
    # Through the model, whatever the entry point.
    alpha.update.text = "Rewritten"
    with pytest.raises(RoundClosedError):
        alpha.update.save()
    with pytest.raises(RoundClosedError):
        close_round(alpha.round, alpha.administrator)
    # Later edits of the item do not reach back into the closed round.
    alpha.item.status = "completed"
    alpha.item.save()
    stored = ItemUpdate.objects.get(pk=alpha.update.pk)
    assert (stored.state, stored.status, stored.text) == ("approved", "on_track", "As approved")
    assert admin.get(_url("followup:edit", alpha, pk=alpha.round.pk)).status_code == 302


def test_every_item_shows_its_updates_round_by_round(alpha, login):
    alpha.update.text, alpha.update.state = "First round text", "submitted"
    alpha.update.save()
    approve(alpha.update, alpha.administrator)
    close_round(alpha.round, alpha.administrator)
    later = open_round(
        alpha.organisation,
        plans=[alpha.plan],
        name="Round 2027",
        period_start="2027-01-01",
        period_end="2027-12-31",
        due_date="2028-01-31",
    )
    update = later.item_updates.get(item=alpha.item)
    update.text = "Second round text"
    update.save()
    page = login(alpha.viewer).get(_url("overview:item_detail", alpha, pk=alpha.item.pk))
    assert [u.round.name for u in page.context["updates"]] == ["Round 2027", alpha.round.name]
    html = page.content.decode()
    assert html.index("Second round text") < html.index("First round text")


def test_the_coordinator_sees_completeness_per_unit(alpha, login):
    alpha.update.state = "submitted"
    alpha.update.save()
    response = login(alpha.administrator).get(
        _url("followup:detail", alpha, pk=alpha.round.pk), headers=EN
    )
    rows = {
        str(row.unit): (row.total, row.done, row.percent)
        for row in response.context["completeness"]
    }
    assert rows == {
        str(alpha.agency): (2, 1, 50),  # an item update (submitted) and an arena review
        str(alpha.other_agency): (1, 0, 0),
    }
    assert "Completeness per unit" in response.content.decode()


def _round_with_items(world, count):
    plan = PlanFactory(
        organisation=world.organisation, title=f"Big plan {count}", level_names="Measure"
    )
    for n in range(count):
        PlanItemFactory(plan=plan, identifier=f"M{n}", responsible_unit=world.agency)
    return open_round(world.organisation, plans=[plan], name=f"Round of {count}")


def _queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries), response


def test_the_to_do_list_runs_a_fixed_number_of_queries(alpha, login):
    client = login(alpha.editor)
    small = _round_with_items(alpha, 10)
    large = _round_with_items(alpha, 500)
    small_count, response = _queries(client, _url("followup:todo", alpha, pk=small.pk))
    assert len(response.context["updates"]) == 10
    large_count, response = _queries(client, _url("followup:todo", alpha, pk=large.pk))
    assert len(response.context["updates"]) == 500
    assert small_count == large_count <= 12


def test_an_editors_to_do_list_holds_only_his_units_tasks(alpha, login):
    response = login(alpha.editor).get(_url("followup:todo", alpha, pk=alpha.round.pk))
    assert [task.item for task in response.context["updates"]] == [alpha.item]
    assert [task.arena for task in response.context["reviews"]] == [alpha.unpublished_arena]
    everything = login(alpha.administrator).get(_url("followup:todo", alpha, pk=alpha.round.pk))
    assert len(everything.context["updates"]) == 2


def test_the_round_downloads_its_updates(alpha, login):
    response = login(alpha.viewer).get(
        _url("followup:export", alpha, pk=alpha.round.pk, fmt="csv"), headers=EN
    )
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Plan,Identifier,Level,Title,Responsible unit,State,Status")
    assert len(lines) == 3


def test_the_round_form_shows_which_arenas_are_due_for_assessment(alpha, login):
    page = login(alpha.administrator).get(_url("followup:create", alpha), headers=EN)
    html = page.content.decode()
    assert f"{alpha.published_arena.name} (last assessed 2021)" in html
    assert f"{alpha.unpublished_arena.name} (never assessed)" in html

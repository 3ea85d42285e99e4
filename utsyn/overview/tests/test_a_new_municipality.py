"""A new municipality moves in, through the pages as its people would: the operator creates it,
its coordinator enters the units and a strategy shaped as the municipality's own document (four
named levels, a chapter that is no goal, unnumbered items), opens a round, and each unit's
editor finds exactly the measures of that unit, in the plan's order, with the units the items
above name; the coordinator approves, closes, publishes and builds the yearly report."""

import io

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from utsyn.followup.models import Round
from utsyn.organisations.models import Unit
from utsyn.plans.models import Plan, PlanItem
from utsyn.reports.models import ReportJob
from utsyn.reports.tests.helpers import pdf_text
from utsyn.testing import UserFactory, csv_table, post_form

EN = {"Accept-Language": "en"}
SLUG = "nordby"


def _url(name, **kwargs):
    return reverse(name, kwargs={"organisation": SLUG, **kwargs})


def _create(client, name, data, **kwargs):
    response = client.post(_url(name, **kwargs), data, headers=EN)
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


def _unit(client, name, kind, parent=None):
    _create(
        client, "organisations:unit_create", {"name": name, "kind": kind, "parent": parent or ""}
    )
    return Unit.objects.get(name=name)


def _item(client, plan, title, parent=None, **data):
    url = _url("plans:item_create", plan_pk=plan.pk) + (f"?parent={parent.pk}" if parent else "")
    response = client.post(url, {"title": title, "sdg_targets": "", **data}, headers=EN)
    assert response.status_code == 302, response.content.decode()[:2000]
    return PlanItem.objects.get(plan=plan, title=title)


def _enter_the_strategy(client, units):
    _create(
        client,
        "plans:create",
        {
            "type": "strategy",
            "title": "Nordby i verden",
            "status": "adopted",
            "level_names": "Hovedmål\nDelmål\nStrategi\nTiltak",
        },
    )
    plan = Plan.objects.get(title="Nordby i verden")
    goal = _item(client, plan, "Nordby er en aktiv partner", responsible_unit=units["chief"].pk)
    culture = _item(client, plan, "Kultur over grenser", goal, responsible_unit=units["culture"].pk)
    schools = _item(client, plan, "Skoler i Europa", goal, responsible_unit=units["schools"].pk)
    # Unnumbered, repeated "Strategi:" items as the document has them; the measures are entered
    # out of the plan's order: the second measure of the first strategy last.
    exchange = _item(client, plan, "Strategi: utveksling", culture)
    _item(client, plan, "Kunstnerutveksling med vennskapsbyene", exchange, identifier="Tiltak 1")
    networks = _item(client, plan, "Strategi: nettverk", schools)
    _item(client, plan, "Erasmus+ for alle ungdomsskoler", networks, identifier="Tiltak 3")
    _item(client, plan, "Felles festival", exchange, identifier="Tiltak 2")
    # A chapter that is no goal, with text below it that no round asks about.
    how = _item(client, plan, "Slik lykkes vi", is_section="on")
    _item(client, plan, "Organisering av arbeidet", how)
    return plan


def _editor(admin, unit, username):
    editor = UserFactory(username=username)
    data = {"username": username, "role": "editor", "units": [unit.pk]}
    _create(admin, "organisations:member_create", data)
    client = Client()
    client.force_login(editor)
    return client


def _todo(client, round_):
    table = csv_table(
        client.get(
            _url("followup:todo_export", pk=round_.pk, table="updates", fmt="csv"), headers=EN
        )
    )
    return [row[0].split(":")[0] for row in table[1:]]  # "Tiltak 1: title"


def test_a_new_municipality_enters_its_strategy_follows_it_up_and_reports(
    db, django_capture_on_commit_callbacks
):
    with scopes_disabled():
        call_command(
            "create_organisation", SLUG, "Nordby kommune", "--admin", "nordby-koordinator",
            "--email", "koordinator@nordby.example", stdout=io.StringIO(),
        )  # fmt: skip
        coordinator = get_user_model().objects.get(username="nordby-koordinator")
    admin = Client()
    admin.force_login(coordinator)

    chief = _unit(admin, "Kommunedirektøren", "chief_executive")
    units = {
        "chief": chief,
        "culture": _unit(admin, "Kultur og idrett", "department", chief.pk),
        "schools": _unit(admin, "Oppvekst", "department", chief.pk),
    }
    picker = admin.get(_url("plans:create"), headers=EN).content.decode()
    assert "– Kultur og idrett (Department)" in picker  # the tree, indented, with the kind
    plan = _enter_the_strategy(admin, units)

    _create(
        admin,
        "followup:create",
        {
            "name": "Tertial 1 2027",
            "period_kind": "tertial",
            "period_start": "2027-01-01",
            "period_end": "2027-04-30",
            "due_date": "2027-05-15",
            "plans": [plan.pk],
        },
    )
    round_ = Round.objects.get(name="Tertial 1 2027")
    # Only the measures are asked about, in the plan's order, each on the unit it inherits.
    tasks = [(u.item.identifier, u.unit.name) for u in round_.item_updates.all()]
    assert sorted(tasks) == [
        ("Tiltak 1", "Kultur og idrett"),
        ("Tiltak 2", "Kultur og idrett"),
        ("Tiltak 3", "Oppvekst"),
    ]
    overview = csv_table(admin.get(_url("followup:export", pk=round_.pk, fmt="csv"), headers=EN))
    in_order = [row for row in map(" ".join, overview[1:]) if "Tiltak" in row]
    assert [next(w for w in ("Tiltak 1", "Tiltak 2", "Tiltak 3") if w in row) for row in in_order] \
        == ["Tiltak 1", "Tiltak 2", "Tiltak 3"]  # fmt: skip

    culture_editor = _editor(admin, units["culture"], "nordby-kultur")
    schools_editor = _editor(admin, units["schools"], "nordby-oppvekst")
    assert _todo(culture_editor, round_) == ["Tiltak 1", "Tiltak 2"]
    assert _todo(schools_editor, round_) == ["Tiltak 3"]

    for editor, identifier in [(culture_editor, "Tiltak 1"), (culture_editor, "Tiltak 2"),
                               (schools_editor, "Tiltak 3")]:  # fmt: skip
        update = round_.item_updates.get(item__identifier=identifier)
        url = _url("followup:task", round_pk=round_.pk, kind="update", pk=update.pk)
        data = {"status": "on_track", "progress": "40", "text": f"Godt i gang med {identifier}."}
        assert post_form(editor, url, {**data, "action": "submit"}).status_code == 302
        assert post_form(admin, url, {"action": "approve"}).status_code == 302
    assert admin.post(_url("followup:close", pk=round_.pk)).status_code == 302

    plan.refresh_from_db()
    edit = _url("plans:edit", pk=plan.pk)
    shown = {
        "type": plan.type,
        "title": plan.title,
        "status": plan.status,
        "level_names": plan.level_names,
        "is_published": "on",
    }
    assert post_form(admin, edit, shown, headers=EN).status_code == 302
    public = Client().get(_url("overview:public_plan", pk=plan.pk), headers=EN).content.decode()
    assert "Slik lykkes vi" in public and "Felles festival" in public

    with django_capture_on_commit_callbacks(execute=True):  # no worker: built in the request
        build = admin.post(
            _url("reports:build", report="annual"),
            {"format": "pdf", "language": "nb", "round": round_.pk},
        )
    assert build.status_code == 302
    job = ReportJob.objects.get(organisation__slug=SLUG)
    download = admin.get(_url("reports:download", pk=job.pk))
    text = pdf_text(b"".join(download.streaming_content))
    assert "Tiltak 1" in text and "Felles festival" in text and "Oppvekst" in text
    assert text.index("Tiltak 1") < text.index("Tiltak 2") < text.index("Tiltak 3")

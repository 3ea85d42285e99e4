"""Decisions speak the arena's language: memberships are joined, continued and left; partner
cities and agreements are established, renewed, suspended, resumed and ended. An outcome that
says what the arena is now gives it that status, so decision and status never disagree."""

import pytest
from django.urls import reverse

from utsyn.arenas.models import Arena, Decision
from utsyn.audit.models import LogEntry
from utsyn.testing import DecisionFactory, post_form

EN = {"Accept-Language": "en"}
REASON = "Put on hold until the situation allows."


def _decision_url(municipality, arena, pk=None):
    kwargs = {"organisation": municipality.slug, "arena_pk": arena.pk}
    if pk:
        return reverse("arenas:decision_edit", kwargs={**kwargs, "pk": pk})
    return reverse("arenas:decision_create", kwargs=kwargs)


def _decide(client, municipality, arena, **data):
    data = {"body": municipality.council.pk, **data}
    return client.post(_decision_url(municipality, arena), data, headers=EN)


def _offered(client, municipality, arena):
    form = client.get(_decision_url(municipality, arena), headers=EN).context["form"]
    return [value for value, _label in form.fields["outcome"].choices if value]


def test_the_outcomes_offered_fit_the_kind_of_arena(municipality, arena, twin_city, login):
    client = login(municipality.administrator)
    assert _offered(client, municipality, arena) == [
        "join",
        "continue",
        "leave",
        "request_join",
        "consider_joining",
    ]
    assert _offered(client, municipality, twin_city) == [
        "establish",
        "continue",
        "renew",
        "suspend",
        "resume",
        "end",
    ]
    page = client.get(_decision_url(municipality, twin_city), headers=EN).content.decode()
    assert "Suspend (put on hold)" in page
    assert ">Leave<" not in page and ">Join<" not in page


@pytest.mark.parametrize(
    "kind, outcome",
    [("membership", "suspend"), ("membership", "end"), ("twin_city", "leave")],
)
def test_a_crafted_outcome_that_does_not_fit_the_kind_is_refused(
    kind, outcome, municipality, arena, twin_city, login
):
    target = arena if kind == "membership" else twin_city
    before = (Decision.objects.count(), LogEntry.objects.count())
    response = _decide(
        login(municipality.administrator),
        municipality,
        target,
        outcome=outcome,
        decided_on="2024-03-01",
        text=REASON,
    )
    assert response.status_code == 400
    assert "does not fit this kind of arena" in " ".join(response.context["form"].errors["outcome"])
    assert (Decision.objects.count(), LogEntry.objects.count()) == before
    target.refresh_from_db()
    assert target.status == "active"


def test_suspending_a_twin_city_puts_it_on_hold_with_the_decisions_date_and_reason(
    municipality, twin_city, login
):
    client = login(municipality.administrator)
    response = _decide(
        client,
        municipality,
        twin_city,
        outcome="suspend",
        decided_on="2024-03-01",
        case_reference="sak 12/24",
        text=REASON,
    )
    assert response.status_code == 302
    twin_city.refresh_from_db()
    assert twin_city.status == Arena.Status.ON_HOLD
    assert str(twin_city.status_date) == "2024-03-01"
    assert twin_city.status_reason == REASON
    # The status change is its own entry of the arena's history, under its own name.
    entry = LogEntry.objects.get(object_id=twin_city.pk, action="arenas.arena.status_decided")
    assert entry.user == municipality.administrator
    assert entry.changes["status"] == ["Active", "On hold"]
    page = client.get(response["Location"], headers=EN).content.decode()
    assert "As the decision says, the status of the arena is now “On hold”." in page
    assert "applied the status of a decision to" in page
    assert '<span class="badge">On hold</span>' in page
    assert "<strong>Suspend (put on hold)</strong>" in page


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"text": REASON}, "decided_on", "the arena is on hold from then"),
        ({"decided_on": "2024-03-01"}, "text", "Give the reason for the suspension"),
    ],
)
def test_a_suspension_needs_its_date_and_reason_and_nothing_is_saved_without(
    changes, field, message, municipality, twin_city, login
):
    before = (Decision.objects.count(), LogEntry.objects.count())
    response = _decide(
        login(municipality.administrator), municipality, twin_city, outcome="suspend", **changes
    )
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert (Decision.objects.count(), LogEntry.objects.count()) == before
    twin_city.refresh_from_db()
    assert twin_city.status == "active"


@pytest.mark.parametrize(
    "status, outcome, expected",
    [
        ("on_hold", "resume", "active"),
        ("ending", "continue", "active"),
        ("on_hold", "renew", "active"),
        ("active", "end", "ending"),
        ("ended", "end", "ended"),  # already agrees: left as it is
        ("proposed", "establish", "active"),
    ],
)
def test_a_decision_sets_the_status_it_implies_unless_the_status_agrees(
    status, outcome, expected, municipality, twin_city, login
):
    Arena.objects.filter(pk=twin_city.pk).update(
        status=status, status_date="2024-03-01", status_reason=REASON
    )
    response = _decide(
        login(municipality.administrator),
        municipality,
        twin_city,
        outcome=outcome,
        decided_on="2025-01-15",
    )
    assert response.status_code == 302
    twin_city.refresh_from_db()
    assert twin_city.status == expected
    changed = LogEntry.objects.filter(action="arenas.arena.status_decided").exists()
    assert changed == (status != expected)
    if changed:
        assert str(twin_city.status_date) == "2025-01-15"


def test_memberships_follow_their_decisions_too(municipality, arena, login):
    response = _decide(login(municipality.administrator), municipality, arena, outcome="leave")
    assert response.status_code == 302
    arena.refresh_from_db()
    assert arena.status == "ending"
    # Asking to consider joining says nothing about the status yet.
    _decide(login(municipality.administrator), municipality, arena, outcome="consider_joining")
    arena.refresh_from_db()
    assert arena.status == "ending"


def test_an_older_decision_recorded_afterwards_leaves_the_status_as_the_later_one_set(
    municipality, twin_city, login
):
    client = login(municipality.administrator)
    _decide(
        client, municipality, twin_city, outcome="suspend", decided_on="2024-03-01", text=REASON
    )
    response = _decide(
        client, municipality, twin_city, outcome="establish", decided_on="1946-05-01"
    )
    assert response.status_code == 302
    twin_city.refresh_from_db()
    assert twin_city.status == "on_hold"
    assert Decision.objects.filter(arena=twin_city).count() == 2


def test_correcting_a_decisions_text_does_not_set_the_status_again(municipality, twin_city, login):
    decision = DecisionFactory(
        arena=twin_city,
        organisation=municipality.organisation,
        body=municipality.council,
        outcome="resume",
        decided_on="2020-01-01",
    )
    Arena.objects.filter(pk=twin_city.pk).update(
        status="on_hold", status_date="2024-03-01", status_reason=REASON
    )
    data = {
        "body": municipality.council.pk,
        "outcome": "resume",
        "decided_on": "2020-01-01",
        "text": "Typo corrected.",
    }
    url = _decision_url(municipality, twin_city, decision.pk)
    response = post_form(login(municipality.administrator), url, data, headers=EN)
    assert response.status_code == 302
    decision.refresh_from_db()
    twin_city.refresh_from_db()
    assert decision.text == "Typo corrected."
    assert twin_city.status == "on_hold"


def test_the_kind_cannot_change_to_one_its_decisions_do_not_fit(municipality, twin_city, login):
    DecisionFactory(
        arena=twin_city,
        organisation=municipality.organisation,
        body=municipality.council,
        outcome="suspend",
        decided_on="2024-03-01",
        text=REASON,
    )
    url = reverse("arenas:edit", kwargs={"organisation": municipality.slug, "pk": twin_city.pk})
    data = {"name": twin_city.name, "kind": "membership", "status": "active"}
    response = post_form(login(municipality.administrator), url, data, headers=EN)
    assert response.status_code == 400
    assert "Its decisions (Suspend (put on hold)) do not fit this kind of arena" in " ".join(
        response.context["form"].errors["kind"]
    )
    twin_city.refresh_from_db()
    assert twin_city.kind == "twin_city"
    # An agreement shares the partner cities' words: that change is fine.
    data = {**data, "kind": "agreement", "city": "Göteborg", "country": "SE"}
    assert post_form(login(municipality.administrator), url, data).status_code == 302


def test_the_list_filters_by_the_new_outcomes(municipality, twin_city, arena, login):
    DecisionFactory(
        arena=twin_city,
        organisation=municipality.organisation,
        body=municipality.council,
        outcome="suspend",
        decided_on="2024-03-01",
        text=REASON,
    )
    response = login(municipality.viewer).get(
        reverse("arenas:list", kwargs={"organisation": municipality.slug}),
        {"decision": "suspend"},
        headers=EN,
    )
    rows = response.context["rows"]
    assert [row_arena for row_arena, _cells in rows] == [twin_city]
    assert "Suspend (put on hold)" in rows[0][1]

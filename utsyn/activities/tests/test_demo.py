import io
import json

from django.core.management import call_command
from django.urls import reverse
from icalendar import Calendar

from utsyn.activities.models import Activity, Cost, DelegationRequest, Participant, ProgrammeItem

RECURRING = {
    "Juletreet til Newcastle: tenningen av Bergen-treet",
    "The World to Bergen",
    "Internasjonal uke i Bergen og Vestland",
    "Nattevandring for FNs bærekraftsmål",
    "Politisk møte mellom de nordiske vennskapsbyene",
}


def _bergen(model):
    return model.objects.filter(organisation__slug="bergen")


def test_bergen_has_its_recurring_activities_from_the_seeds(demo):
    activities = _bergen(Activity)
    assert RECURRING <= set(activities.values_list("title", flat=True))
    tree = activities.get(title__startswith="Juletreet til Newcastle")
    assert tree.counterpart_arena.name == "Newcastle"
    assert tree.kind == "official_trip" and "1949" in tree.recurrence
    assert tree.participants.get().name == "Ordføreren"
    assert tree.responsible_unit.name == "Bystyrets kontor"
    assert set(tree.plan_items.values_list("identifier", flat=True)) == {"Tiltak 20"}
    week = activities.get(title="Internasjonal uke i Bergen og Vestland")
    assert "FN-sambandet" in week.counterpart_text
    assert "FN-dagen" in week.recurrence
    ambassadors = activities.get(title="The World to Bergen")
    assert "UiB" in ambassadors.counterpart_text
    walk = activities.get(title="Nattevandring for FNs bærekraftsmål")
    assert "2018" in walk.purpose
    nordic = activities.get(title="Politisk møte mellom de nordiske vennskapsbyene")
    assert "annet hvert år" in nordic.purpose


def test_invented_dates_costs_and_delegations_are_flagged_illustrative(demo):
    # The seeds give no 2026 dates: every dated activity of the demo says so.
    for activity in _bergen(Activity):
        assert activity.is_illustrative, activity.title
    for activity in _bergen(Activity).filter(title__in=RECURRING):
        assert "illustrativ" in activity.notes
    assert _bergen(Cost).exists()
    assert all(cost.is_illustrative for cost in _bergen(Cost))
    requests = _bergen(DelegationRequest)
    assert set(requests.values_list("status", flat=True)) == {"accepted", "new"}
    assert all(request.is_illustrative for request in requests)


def test_the_accepted_delegation_has_a_programme_with_the_regions_partners(demo, client):
    accepted = _bergen(DelegationRequest).get(status="accepted")
    partners = " ".join(accepted.programme_items.values_list("partners", flat=True))
    assert "Business Region Bergen" in partners and "Universitetet i Bergen" in partners
    activity = Activity.objects.get(delegation_request=accepted)
    assert (activity.kind, activity.status) == ("incoming_delegation", "accepted")
    address = reverse(
        "activities:programme_ics",
        kwargs={"organisation": "bergen", "token": accepted.programme_token},
    )
    response = client.get(address)
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert len(events) == accepted.programme_items.count() == 3


def test_the_public_feed_of_bergen(demo, client):
    response = client.get("/bergen/calendar.ics")
    summaries = {
        str(event["SUMMARY"]) for event in Calendar.from_ical(response.content).walk("VEVENT")
    }
    assert RECURRING <= summaries


def test_loading_twice_duplicates_nothing(demo):
    models = [Activity, Participant, Cost, DelegationRequest, ProgrammeItem]
    before = [sorted(model.objects.values_list("pk", flat=True)) for model in models]
    tokens = list(DelegationRequest.objects.values_list("programme_token", flat=True))
    call_command("load_demo", stdout=io.StringIO())
    assert [sorted(model.objects.values_list("pk", flat=True)) for model in models] == before
    assert list(DelegationRequest.objects.values_list("programme_token", flat=True)) == tokens


def test_the_export_of_bergen_holds_its_activities(demo):
    out = io.StringIO()
    call_command("export_organisation", "bergen", stdout=out)
    tables = json.loads(out.getvalue())["tables"]
    titles = {row["title"] for row in tables["activities.activity"]}
    assert RECURRING <= titles
    assert tables["activities.participant"] and tables["activities.cost"]
    assert len(tables["activities.delegationrequest"]) == 2
    assert len(tables["activities.programmeitem"]) == 3

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from utsyn.arenas.models import Arena, Assessment, Decision
from utsyn.organisations.models import Membership, Organisation, Unit


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=io.StringIO())


def _bergen(**filters):
    return Arena.objects.filter(organisation__slug="bergen", **filters)


def test_bergens_register_matches_the_review(demo):
    assert _bergen(kind__in=["membership", "initiative", "programme"]).count() == 34
    twins = set(_bergen(kind="twin_city").values_list("name", "country"))
    assert twins == {
        ("Göteborg", "SE"),
        ("Århus", "DK"),
        ("Åbo/Turku", "FI"),
        ("Newcastle", "GB"),
        ("Seattle", "US"),
    }
    dalian = _bergen(kind="agreement").get()
    assert dalian.city == "Dalian" and dalian.country.code == "CN"
    assert _bergen(name="Eurocities", since_year=2002).exists()
    eureau = _bergen(name="Eureau").get()
    assert eureau.intermediary == "Norsk Vann" and eureau.intermediary_role == "member_through"
    assert eureau.responsible.name == "Byråd for klima, miljø og byutvikling"


def test_the_council_decisions_of_the_review_are_there(demo):
    def outcomes(name_part):
        return set(
            Decision.objects.filter(
                organisation__slug="bergen", arena__name__icontains=name_part
            ).values_list("outcome", flat=True)
        )

    assert outcomes("Global Climate Forum") == {"leave"}
    assert outcomes("Union of the Baltic Cities") == {"leave"}
    assert "join" in outcomes("Solidarity Cities")
    assert outcomes("Human Rights Cities") == {"request_join"}
    assert outcomes("UCLG") == {"consider_joining"}
    assert _bergen(name__icontains="Global Climate Forum").get().status == "ended"


def test_assessments_carry_the_reviews_reference_and_recommendations(demo):
    assessments = Assessment.objects.filter(organisation__slug="bergen")
    assert set(assessments.values_list("reference", flat=True)) == {"2018/51186-20"}
    assert assessments.filter(recommendation="strengthen").count() == 5  # the twin cities
    assert assessments.filter(arena__name__icontains="Baltic", recommendation="leave").exists()
    assert not _bergen(yearly_fee__isnull=False).exists()  # the seeds give no fees


def test_vanersborg_is_a_swedish_organisation_with_its_bodies(demo):
    vanersborg = Organisation.objects.get(slug="vanersborg")
    assert (vanersborg.language, vanersborg.country.code) == ("sv", "SE")
    names = set(Unit.objects.filter(organisation=vanersborg).values_list("name", flat=True))
    assert {"Kommunfullmäktige", "Kommunstyrelsen"} <= names
    assert Arena.objects.filter(organisation=vanersborg, kind="twin_city").exists()


def test_loading_twice_changes_nothing(demo):
    counts = [model.objects.count() for model in (Arena, Assessment, Decision, Unit, Membership)]
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert [
        model.objects.count() for model in (Arena, Assessment, Decision, Unit, Membership)
    ] == counts
    assert "bergen-admin" in out.getvalue()


@pytest.mark.parametrize(
    "language, heading", [("nb", "Samarbeidsarenaer"), ("en", "Cooperation arenas")]
)
def test_the_demo_register_is_browsable_in_bokmal_and_english(demo, client, language, heading):
    client.login(username="bergen-viewer", password="demo")
    response = client.get(
        reverse("arenas:list", kwargs={"organisation": "bergen"}),
        {"page": 1},
        headers={"Accept-Language": language},
    )
    assert response.status_code == 200
    assert heading in response.content.decode()
    assert response.context["page"].paginator.count == 40

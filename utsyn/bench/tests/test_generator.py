"""The generator at a tiny scale: rows follow the shape, and the main pages open."""

import io

import pytest
from django.core.management import CommandError, call_command

from utsyn.activities.models import Activity
from utsyn.arenas.models import Arena, Assessment
from utsyn.bench import measure
from utsyn.bench.shape import organisation_shapes, slug
from utsyn.followup.models import ArenaReview, ItemUpdate, Round
from utsyn.organisations.models import Membership, Organisation
from utsyn.plans.models import Plan, PlanItem
from utsyn.projects.models import Project

pytestmark = pytest.mark.django_db

ORGANISATIONS, SCALE = 2, 0.1


@pytest.fixture
def generated():
    output = io.StringIO()
    call_command("generate_national_data", organisations=ORGANISATIONS, scale=SCALE, stdout=output)
    return output.getvalue()


def test_rows_follow_the_shape(generated):
    for index, shape in enumerate(organisation_shapes(ORGANISATIONS, SCALE)):
        organisation = Organisation.objects.get(slug=slug(index))
        mine = {"organisation": organisation}
        rounds = 2 * shape.years
        measures = PlanItem.objects.filter(
            **mine, plan__type=Plan.Type.ACTION_PLAN, parent__isnull=False
        )
        assert measures.count() == shape.measures
        assert Arena.objects.filter(**mine).count() == shape.arenas
        assert Round.objects.filter(**mine).count() == rounds
        assert Round.objects.filter(**mine, status=Round.Status.OPEN).count() == 1
        assert ItemUpdate.objects.filter(**mine).count() == rounds * shape.measures
        assert ArenaReview.objects.filter(**mine).count() == shape.years * shape.arenas
        # Every approved review of a closed yearly round is recorded as an assessment.
        assert Assessment.objects.filter(**mine).count() == (shape.years - 1) * shape.arenas
        assert Project.objects.filter(**mine).count() == shape.projects
        activities = shape.activities_per_year * shape.activity_years
        assert Activity.objects.filter(**mine).count() == activities
        assert Membership.objects.filter(organisation=organisation).count() >= 3
    assert "rows in" in generated


def test_the_main_pages_open_for_the_busiest_organisation(generated):
    results = measure.pages(slug(0), requests=1)
    assert [name for name, *_rest in measure.PAGES] == list(results)
    assert all(result["queries"] > 0 for result in results.values())


def test_generating_twice_into_one_database_is_refused(generated):
    with pytest.raises(CommandError):
        call_command("generate_national_data", organisations=1, scale=SCALE)

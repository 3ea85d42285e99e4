"""The goals and targets that the data migration loads."""

import importlib

import pytest
from django.apps import apps
from django.utils import translation

from utsyn.sdgs.models import Goal, Target

pytestmark = pytest.mark.django_db

TARGETS_PER_GOAL = {
    1: 7, 2: 8, 3: 13, 4: 10, 5: 9, 6: 8, 7: 5, 8: 12, 9: 8,
    10: 10, 11: 10, 12: 11, 13: 5, 14: 10, 15: 12, 16: 12, 17: 19,
}  # fmt: skip


def test_all_goals_and_targets_are_there():
    assert Goal.objects.count() == 17
    assert Target.objects.count() == 169
    assert list(Goal.objects.values_list("number", flat=True)) == list(range(1, 18))


@pytest.mark.parametrize(("number", "count"), TARGETS_PER_GOAL.items())
def test_each_goal_has_its_targets(number, count):
    assert Target.objects.filter(goal=number).count() == count


def test_every_title_is_there_in_every_language():
    for goal in Goal.objects.all():
        for field in ("short_en", "short_nb", "short_sv", "title_en", "title_nb", "title_sv"):
            assert getattr(goal, field).strip(), (goal.number, field)
        assert len(goal.colour) == 7 and goal.colour.startswith("#")
    for target in Target.objects.all():
        for field in ("title_en", "title_nb", "title_sv"):
            assert getattr(target, field).strip(), (target.code, field)


def test_lettered_targets_come_after_the_numbered_ones():
    assert list(Target.objects.filter(goal=1).values_list("code", flat=True)) == [
        "1.1", "1.2", "1.3", "1.4", "1.5", "1.a", "1.b",
    ]  # fmt: skip
    goal_8 = list(Target.objects.filter(goal=8).values_list("code", flat=True))
    assert goal_8[8:] == ["8.9", "8.10", "8.a", "8.b"]
    goal_17 = list(Target.objects.filter(goal=17).values_list("code", flat=True))
    assert goal_17[0] == "17.1" and goal_17[-1] == "17.19"


def test_known_titles_and_colours():
    urbanisation = Target.objects.get(code="11.3")
    assert urbanisation.title_en.startswith(
        "By 2030, enhance inclusive and sustainable urbanization"
    )
    assert urbanisation.title_nb.startswith(
        "Innen 2030 styrke inkluderende og bærekraftig urbanisering"
    )
    assert urbanisation.title_sv.startswith(
        "Till 2030 verka för en inkluderande och hållbar urbanisering"
    )
    poverty = Target.objects.get(code="1.1")
    assert poverty.title_sv.startswith("Senast 2030 avskaffa den extrema fattigdomen")
    assert Target.objects.get(code="17.17").title_en.startswith(
        "Encourage and promote effective public, public-private and civil society partnerships"
    )
    goal_1, goal_17 = Goal.objects.get(number=1), Goal.objects.get(number=17)
    assert (goal_1.short_en, goal_1.short_nb, goal_1.short_sv) == (
        "No poverty",
        "Utrydde fattigdom",
        "Ingen fattigdom",
    )
    assert (goal_1.colour, goal_17.colour) == ("#E5243B", "#19486A")


@pytest.mark.parametrize(
    ("language", "short", "target_start"),
    [
        ("en", "No poverty", "By 2030, eradicate extreme poverty"),
        ("nb", "Utrydde fattigdom", "Innen 2030 utrydde all ekstrem fattigdom"),
        ("nn", "Utrydde fattigdom", "Innen 2030 utrydde all ekstrem fattigdom"),
        ("sv", "Ingen fattigdom", "Senast 2030 avskaffa den extrema fattigdomen"),
    ],
)
def test_titles_follow_the_active_language(language, short, target_start):
    goal, target = Goal.objects.get(number=1), Target.objects.get(code="1.1")
    with translation.override(language):
        assert goal.short == short
        assert str(goal) == f"1. {short}"
        assert goal.title == getattr(goal, f"title_{'nb' if language == 'nn' else language}")
        assert target.title.startswith(target_start)


def test_the_migration_can_be_reversed_and_applied_again():
    migration = importlib.import_module("utsyn.sdgs.migrations.0002_load_goals_and_targets")
    migration.unload(apps, None)
    assert not Goal.objects.exists() and not Target.objects.exists()
    migration.load(apps, None)
    assert (Goal.objects.count(), Target.objects.count()) == (17, 169)

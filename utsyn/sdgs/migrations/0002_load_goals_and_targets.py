"""Loads the 17 goals and 169 targets from `utsyn/sdgs/data/` (see the README there)."""

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data"
LANGUAGES = ("en", "nb", "sv")


def _read(name):
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def _order_key(code):
    # Numbered targets ("1.5") come before lettered ones ("1.a"), each in their own order.
    suffix = code.split(".")[1]
    return (0, int(suffix), "") if suffix.isdigit() else (1, 0, suffix)


def _target_titles():
    titles = {language: _read(f"targets_{language}.json") for language in LANGUAGES}
    codes = set(titles["en"])
    for language in LANGUAGES:
        # A code missing in one language would otherwise load as an empty title.
        if set(titles[language]) != codes:
            raise ValueError(f"targets_{language}.json does not have the same codes as English")
    return titles


def _targets(Target, titles):
    codes = sorted(titles["en"], key=lambda code: (int(code.split(".")[0]), _order_key(code)))
    positions = {}
    for code in codes:
        goal = int(code.split(".")[0])
        positions[goal] = positions.get(goal, 0) + 1
        yield Target(
            code=code,
            goal_id=goal,
            position=positions[goal],
            **{f"title_{language}": titles[language][code] for language in LANGUAGES},
        )


def load(apps, schema_editor):
    Goal = apps.get_model("sdgs", "Goal")
    Target = apps.get_model("sdgs", "Target")
    Goal.objects.bulk_create(
        Goal(
            number=goal["number"],
            colour=goal["colour"],
            **{f"short_{language}": goal["short"][language] for language in LANGUAGES},
            **{f"title_{language}": goal["title"][language] for language in LANGUAGES},
        )
        for goal in _read("goals.json")
    )
    Target.objects.bulk_create(_targets(Target, _target_titles()))


def unload(apps, schema_editor):
    apps.get_model("sdgs", "Target").objects.all().delete()
    apps.get_model("sdgs", "Goal").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("sdgs", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]

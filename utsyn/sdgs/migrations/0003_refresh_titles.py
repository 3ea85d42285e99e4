"""Brings the titles of goals and targets in line with `utsyn/sdgs/data/` after the texts were
checked against more published sources (see the README there). Codes and order do not change."""

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data"
LANGUAGES = ("en", "nb", "sv")


def _read(name):
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def refresh(apps, schema_editor):
    Goal = apps.get_model("sdgs", "Goal")
    Target = apps.get_model("sdgs", "Target")
    for goal in _read("goals.json"):
        Goal.objects.filter(number=goal["number"]).update(
            **{f"short_{language}": goal["short"][language] for language in LANGUAGES},
            **{f"title_{language}": goal["title"][language] for language in LANGUAGES},
        )
    titles = {language: _read(f"targets_{language}.json") for language in LANGUAGES}
    for code in titles["en"]:
        Target.objects.filter(code=code).update(
            **{f"title_{language}": titles[language][code] for language in LANGUAGES}
        )


class Migration(migrations.Migration):
    dependencies = [("sdgs", "0002_load_goals_and_targets")]

    operations = [migrations.RunPython(refresh, migrations.RunPython.noop)]

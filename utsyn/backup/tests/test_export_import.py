import io
import json

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError

from utsyn.arenas.models import Arena, Assessment
from utsyn.backup.serialization import NOT_EXPORTED, TABLES
from utsyn.followup.models import Round
from utsyn.organisations.models import Membership, Organisation


def _export(slug):
    out = io.StringIO()
    call_command("export_organisation", slug, stdout=out)
    return out.getvalue()


def _write(tmp_path, content, name="export.json"):
    path = tmp_path / name
    path.write_text(content if isinstance(content, str) else json.dumps(content), "utf-8")
    return str(path)


def test_every_table_of_an_organisation_is_exported():
    owned = {
        model._meta.label_lower
        for model in apps.get_models()
        if any(field.name == "organisation" for field in model._meta.concrete_fields)
    }
    assert owned == set(TABLES) | NOT_EXPORTED
    assert not set(TABLES) & NOT_EXPORTED


def test_export_then_import_into_a_database_without_it_gives_the_same_json(alpha, beta, tmp_path):
    first = _export("alpha")
    data = json.loads(first)
    assert data["organisation"]["slug"] == "alpha"
    arena_names = {row["name"] for row in data["tables"]["arenas.arena"]}
    assert alpha.published_arena.name in arena_names
    assert beta.published_arena.name not in first

    Organisation.objects.get(slug="alpha").delete()
    assert not Arena.objects.filter(name=alpha.published_arena.name).exists()
    call_command("import_organisation", _write(tmp_path, first), stdout=io.StringIO())

    assert _export("alpha") == first
    imported = Arena.objects.get(name=alpha.published_arena.name)
    assert imported.responsible.name == alpha.member_of_executive.name
    assert list(imported.themes.values_list("name", flat=True)) == [alpha.theme.name]
    assert Assessment.objects.filter(arena=imported).count() == 1
    assert Membership.objects.get(user__username="alpha-editor").units.get().name == (
        alpha.member_of_executive.name
    )
    # Beta was not touched.
    assert Arena.objects.filter(name=beta.published_arena.name).exists()


def test_a_closed_round_and_its_tasks_are_imported(alpha, tmp_path):
    # A closed round's tasks refuse to be saved; the import must bring them in all the same.
    Round.objects.filter(pk=alpha.round.pk).update(
        status=Round.Status.CLOSED, closed_at=alpha.round.created_at
    )
    first = _export("alpha")
    Organisation.objects.get(slug="alpha").delete()
    call_command("import_organisation", _write(tmp_path, first), stdout=io.StringIO())

    assert _export("alpha") == first
    imported = Round.objects.get(name=alpha.round.name)
    assert imported.status == Round.Status.CLOSED and imported.item_updates.count() == 2


def _refuses(tmp_path, content, message):
    before = (Organisation.objects.count(), Arena.objects.count())
    with pytest.raises(CommandError, match=message):
        call_command("import_organisation", _write(tmp_path, content), stdout=io.StringIO())
    assert (Organisation.objects.count(), Arena.objects.count()) == before


def test_an_existing_organisation_is_not_overwritten(municipality, tmp_path):
    _refuses(tmp_path, _export("alpha"), "already exists")


def test_malformed_files_stop_with_a_clear_error_and_change_nothing(alpha, tmp_path):
    good = json.loads(_export("alpha"))
    Organisation.objects.get(slug="alpha").delete()

    _refuses(tmp_path, "{not json", "not valid JSON")
    _refuses(tmp_path, {"format": "something else"}, "not an Utsyn organisation export")
    _refuses(tmp_path, {**good, "version": 99}, "format version 99")
    _refuses(tmp_path, {**good, "tables": {**good["tables"], "x.y": []}}, "does not know")

    missing_field = json.loads(json.dumps(good))
    del missing_field["tables"]["arenas.arena"][0]["kind"]
    _refuses(tmp_path, missing_field, "arenas.arena row 1, field “kind”: missing")

    dangling = json.loads(json.dumps(good))
    dangling["tables"]["arenas.assessment"][0]["arena"] = 999
    _refuses(tmp_path, dangling, "arenas.assessment row 1, field “arena”: 999 is not a row")

    bad_value = json.loads(json.dumps(good))
    bad_value["tables"]["arenas.assessment"][0]["assessed_on"] = "yesterday"
    _refuses(tmp_path, bad_value, "arenas.assessment row 1, field “assessed_on”: .*invalid date")
    # Every failed attempt left the database without the organisation.
    assert not Organisation.objects.filter(slug="alpha").exists()


def test_a_missing_file_or_organisation_is_reported(municipality, tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_organisation", str(tmp_path / "nope.json"))
    with pytest.raises(CommandError, match="no organisation"):
        call_command("export_organisation", "nowhere")

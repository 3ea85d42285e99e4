"""`import_organisation` fed hostile files: a valid export with one value changed at a time.

Each must stop with one line naming the table, the row's local number and the field, and leave
the database as it was: no organisation, no user. Whatever a form would refuse, the import
refuses too, since a value that got in would break the pages that show it.
"""

import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from utsyn.arenas.models import Arena
from utsyn.backup import checks
from utsyn.organisations.models import Organisation


@pytest.fixture
def export(alpha):
    """Alpha's export as data, with alpha and its users deleted: loading the file creates
    them, so a refused file must leave no user behind either."""
    out = io.StringIO()
    call_command("export_organisation", "alpha", stdout=out)
    Organisation.objects.get(slug="alpha").delete()
    get_user_model().objects.filter(username__startswith="alpha-").delete()
    return json.loads(out.getvalue())


def _import(tmp_path, content):
    path = tmp_path / "export.json"
    path.write_text(content if isinstance(content, str) else json.dumps(content), "utf-8")
    call_command("import_organisation", str(path), stdout=io.StringIO())


def _counts():
    return Organisation.objects.count(), get_user_model().objects.count(), Arena.objects.count()


def _refusal(tmp_path, content):
    """The message with which the import refuses the file, once it is clear nothing changed."""
    before = _counts()
    with pytest.raises(CommandError) as refusal:
        _import(tmp_path, content)
    assert _counts() == before
    message = str(refusal.value)
    assert message.startswith("Nothing was imported.") and "\n" not in message
    return message


def test_the_unchanged_export_imports(export, tmp_path):
    # The start of every case below: without the change, the file loads.
    _import(tmp_path, export)
    assert Organisation.objects.get(slug="alpha").name == "Alpha kommune"
    assert get_user_model().objects.filter(username__startswith="alpha-").count() == 3


def case(table, number, field, value, name, where=None):
    """Row `number` (counted from 1) of `table` ("users", or "organisation" for the header)
    gets `value` in `field`; the message must name `where` (by default, that row) and `field`."""
    if where is None:
        where = "organisation" if table == "organisation" else f"{table} row {number}"
    return pytest.param(table, number, field, value, where, id=name)


def at(table, position):
    # A row whose id is wrong is named by its position in the table.
    return f"{table} row at position {position}"


HOSTILE = [
    case("arenas.arena", 1, "yearly_fee", "1e40", "fee-1e40-as-text"),
    case("arenas.arena", 1, "yearly_fee", 1e40, "fee-1e40-as-number"),
    case("arenas.arena", 1, "yearly_fee", "NaN", "fee-not-a-number"),
    case("arenas.arena", 1, "yearly_fee", float("inf"), "fee-infinite"),
    case("arenas.arena", 1, "yearly_fee", "-5", "fee-negative"),
    # A DecimalField with max_digits and a range: refused by the model's validators.
    case("arenas.arena", 1, "latitude", 1e308, "latitude-1e308"),
    case("arenas.arena", 1, "kind", "castle", "kind-not-a-choice"),
    case("arenas.arena", 1, "name", "x" * 100_000, "name-of-100000-characters"),
    case("arenas.arena", 1, "description", "before\x00after", "nul-byte-in-text"),
    case("arenas.arena", 1, "description", "half \ud800 a character", "lone-surrogate-in-text"),
    case("audit.logentry", 1, "changes", {"name": ["a\x00", "b"]}, "nul-byte-in-json"),
    case("audit.logentry", 1, "changes", {"name\udfff": ["a", "b"]}, "lone-surrogate-in-json"),
    case("organisation", None, "name", "Alpha\x00", "nul-byte-in-the-header"),
    case("organisation", None, "kind", "kingdom", "organisation-kind-not-a-choice"),
    case("arenas.theme", 1, "id", "abc", "text-id", where=at("arenas.theme", 1)),
    case("organisations.unit", 2, "id", 1, "duplicate-id", where=at("organisations.unit", 2)),
    case("arenas.theme", 1, "id", -1, "negative-id", where=at("arenas.theme", 1)),
    case("arenas.theme", 1, "id", 10**20, "huge-id", where=at("arenas.theme", 1)),
    case("arenas.theme", 1, "id", True, "bool-id", where=at("arenas.theme", 1)),
    case("users", 1, "username", "u" * 300, "username-of-300-characters"),
    case("users", 1, "username", "two words", "username-with-a-space"),
    case("users", 1, "email", "x" * 300, "email-not-an-address"),
    case("organisations.membership", 1, "role", "superuser", "role-superuser"),
    case("organisations.membership", 2, "user", "alpha-administrator", "two-roles-for-one-user"),
    case("indicators.indicatortarget", 1, "year", 10**20, "year-10-to-the-20"),
    case("indicators.indicatortarget", 1, "year", True, "bool-for-a-year"),
    case("indicators.indicatortarget", 1, "year", "2026", "text-for-a-year"),
    case("arenas.assessment", 1, "arena", 999, "reference-to-a-missing-row"),
    case("arenas.assessment", 1, "arena", True, "bool-for-a-reference"),
    case("arenas.assessment", 1, "arena", "1", "text-for-a-reference"),
    case("audit.logentry", 1, "user", "nobody", "unknown-user"),
    case("projects.project", 1, "programme", "no-such-programme", "unknown-shared-programme"),
    case("audit.logentry", 1, "content_type", "nowhere.nothing", "unknown-table"),
    # The export writes null for an entry whose object is gone, never a number not in the file.
    case("audit.logentry", 1, "object_id", 7, "log-entry-about-a-missing-row"),
    case("audit.logentry", 1, "changes", 5, "changes-not-an-object"),
    case("audit.logentry", 1, "changes", {"name": "new"}, "change-not-a-pair"),
    # The council (unit 1) under the agency (3), which is under the executive member (2), under 1.
    case("organisations.unit", 1, "parent", 3, "units-in-a-circle"),
    case("organisations.unit", 2, "name", "Alpha kommune council", "duplicate-unit-name"),
    case("arenas.arena", 1, "name", ["a list"], "list-for-text"),
    case("arenas.arena", 1, "themes", "1", "text-for-a-list"),
    case("arenas.arena", 1, "sdg_goals", [18], "unknown-sdg-goal"),
    case("arenas.arena", 1, "is_published", "yes", "text-for-a-bool"),
    case("arenas.arena", 1, "not_a_field", 1, "unknown-field"),
    case("arenas.assessment", 1, "assessed_on", "9999-99-99", "date-9999-99-99"),
    case("activities.activity", 1, "start_time", "25:00", "time-25-00"),
    case("activities.programmeitem", 1, "starts_at", "2026-09-01T07:00", "moment-without-offset"),
    case(
        "activities.programmeitem", 1, "starts_at", "0001-01-01T00:00+01:00", "moment-before-year-1"
    ),
    case("activities.delegationrequest", 1, "programme_token", "guessable", "token-not-a-uuid"),
]


@pytest.mark.parametrize(("table", "number", "field", "value", "where"), HOSTILE)
def test_a_hostile_value_is_refused_with_its_place(
    export, tmp_path, table, number, field, value, where
):
    if table == "organisation":
        export["organisation"][field] = value
    else:
        rows = export["users"] if table == "users" else export["tables"][table]
        rows[number - 1][field] = value

    message = _refusal(tmp_path, export)

    assert f"{where}, " in message and f"field “{field}”" in message


def _nested(depth):
    return "[" * depth + "]" * depth


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda data: [], "not an Utsyn organisation export"),
        (lambda data: 5, "not an Utsyn organisation export"),
        (lambda data: {**data, "version": True}, "format version True"),
        (lambda data: {**data, "tables": []}, "tables must be an object, not list"),
        (lambda data: {**data, "users": "everyone"}, "users must be a list, not str"),
        (lambda data: {**data, "organisation": None}, "organisation must be an object"),
        (
            lambda data: {**data, "tables": {"arenas.arena": {}}},
            "arenas.arena must be a list of rows, not dict",
        ),
        (
            lambda data: {**data, "tables": {"arenas.arena": [[1]]}},
            "arenas.arena row at position 1 must be an object, not list",
        ),
        (lambda data: {**data, "users": ["alpha-administrator"]}, "users row 1 must be an object"),
    ],
    ids=[
        "a-list",
        "a-number",
        "bool-version",
        "tables-a-list",
        "users-text",
        "no-header",
        "table-an-object",
        "row-a-list",
        "user-text",
    ],
)
def test_a_file_of_the_wrong_shape_is_refused(export, tmp_path, change, expected):
    assert expected in _refusal(tmp_path, change(export))


def test_deeply_nested_json_is_refused_with_a_message(export, tmp_path):
    # Deeper than the parser can go: json.loads would raise RecursionError.
    assert "nested more than 32 levels" in _refusal(tmp_path, _nested(100_000))
    # Deep enough to parse, but no export nests like this.
    export["tables"]["audit.logentry"][0]["changes"] = {"name": json.loads(_nested(40))}
    assert "nested more than 32 levels" in _refusal(tmp_path, export)


def test_an_oversized_file_is_refused_before_it_is_parsed(export, tmp_path, monkeypatch):
    monkeypatch.setattr(checks, "MAX_FILE_BYTES", 1000)
    assert "larger than the limit of 1,000 bytes" in _refusal(tmp_path, export)


def test_files_that_are_not_json_are_refused(tmp_path, db):
    assert "not valid JSON" in _refusal(tmp_path, "[" + "1" * 5000 + "]")  # too long an int
    path = tmp_path / "latin1.json"
    path.write_bytes(b'{"format": "\xe6\xf8\xe5"}')
    with pytest.raises(CommandError, match="not valid JSON"):
        call_command("import_organisation", str(path))

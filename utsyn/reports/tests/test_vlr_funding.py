"""The VLR's table of external funding: each project's programme in the report's language,
and the whole project's budget beside the organisation's share, grant and own contribution."""

import io

from django.core.management import call_command

from .helpers import workbook


def _funding_sheet(tmp_path, language):
    target = tmp_path / f"vlr-{language}.xlsx"
    call_command(
        "build_report",
        "alpha",
        "vlr",
        "--format",
        "xlsx",
        "--language",
        language,
        "--output",
        str(target),
        stdout=io.StringIO(),
    )
    book = workbook(target.read_bytes())
    # The funding table is the sheet whose first column lists the projects' titles.
    for sheet in book.worksheets:
        rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
        if any(row and row[0] == "Alpha kommune coastal project" for row in rows):
            return rows
    raise AssertionError("no sheet lists the projects")


def test_the_vlr_shows_both_budgets_and_the_programme_in_the_reports_language(alpha, tmp_path):
    alpha.project.project_budget = 2_000_000
    alpha.project.save()
    english = _funding_sheet(tmp_path, "en")
    header = english[0]
    assert header == [
        "Project",
        "Programme",
        "Status",
        "Currency",
        "Whole project's budget",
        "Our budget",
        "Grant",
        "Own contribution",
    ]
    row = next(row for row in english if row[0] == alpha.project.title)
    assert row[1] == "Interreg North Sea"
    assert [float(value) for value in row[4:]] == [2_000_000, 400_000, 240_000, 160_000]
    swedish = _funding_sheet(tmp_path, "sv")
    assert next(row for row in swedish if row[0] == alpha.project.title)[1] == (
        "Interreg Nordsjöprogrammet"
    )
    norwegian = _funding_sheet(tmp_path, "nb")
    assert next(row for row in norwegian if row[0] == alpha.project.title)[1] == (
        "Interreg Nordsjøprogrammet"
    )

"""`build_report`: every report in every format, and every kind of bad input."""

import csv
import html
import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from utsyn.projects.models import Project
from utsyn.reports import building
from utsyn.reports.building import build as build_file
from utsyn.reports.building import make_request
from utsyn.testing import ArenaFactory

from .helpers import (
    UPDATE_TEXT,
    closed_round,
    headings,
    is_zip,
    pdf_text,
    word,
    word_text,
    workbook,
)


def build(tmp_path, *args, name="out"):
    target = tmp_path / name
    call_command("build_report", *args, "--output", str(target), stdout=io.StringIO())
    return target.read_bytes()


@pytest.mark.parametrize("fmt", ["html", "pdf", "docx", "xlsx", "csv"])
def test_the_arena_review_builds_in_every_format(alpha, tmp_path, fmt):
    content = build(tmp_path, "alpha", "arena-review", "--format", fmt, "--language", "en")
    names = [alpha.published_arena.name, alpha.unpublished_arena.name, alpha.others_arena.name]
    if fmt == "html":
        text = content.decode()
        assert text.startswith("<!DOCTYPE html>")
        assert '<html lang="en">' in text
        assert "Part 1: Organisations and networks" in text
    elif fmt == "pdf":
        assert content.startswith(b"%PDF")
        text = pdf_text(content)
    elif fmt == "docx":
        text = word_text(content)
    elif fmt == "xlsx":
        sheets = workbook(content)
        assert "Summary" in sheets.sheetnames
        text = "\n".join(str(c.value) for row in sheets["Summary"].iter_rows() for c in row)
    else:
        rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
        assert rows[0][:3] == ["Arena", "Kind", "Responsible"]
        text = "\n".join(row[0] for row in rows[1:])
    if fmt == "html":
        text = html.unescape(content.decode())
    for name in names:
        assert name in text
    # Another organisation's arenas never appear.
    assert "Beta" not in text


def test_the_word_file_has_real_headings_tables_and_described_pictures(
    municipality, arena, tmp_path
):
    content = build(tmp_path, "alpha", "arena-review", "--format", "docx", "--language", "en")
    found = headings(content)
    assert ("Heading 1", "Part 1: Organisations and networks") in found
    assert ("Heading 2", arena.name) in found
    document = word(content)
    assert document.core_properties.language == "en-GB"
    assert document.tables and all(t.style.name == "Table Grid" for t in document.tables)
    pictures = document.inline_shapes
    assert len(pictures) >= 3  # the map, arenas by kind, arenas by scope
    assert all(shape._inline.docPr.get("descr") for shape in pictures)


def test_the_pdf_is_tagged_with_its_language_and_title(municipality, tmp_path):
    content = build(tmp_path, "alpha", "arena-review", "--format", "pdf", "--language", "en")
    reader = PdfReader(io.BytesIO(content))
    catalogue = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalogue
    assert catalogue["/Lang"] == "en"
    assert reader.metadata.title == "Review of the international cooperation arenas"


def test_the_report_comes_in_the_organisations_language_by_default(alpha, beta, tmp_path):
    norwegian = build(tmp_path, "alpha", "arena-review", "--format", "html").decode()
    swedish = build(tmp_path, "beta", "arena-review", "--format", "html").decode()
    assert '<html lang="nb">' in norwegian
    assert "Del 1: Organisasjoner og nettverk" in norwegian
    assert '<html lang="sv">' in swedish
    assert "Del 1: Organisationer och nätverk" in swedish


def test_the_yearly_report_tells_what_the_closed_round_approved(alpha, tmp_path):
    round_ = closed_round(alpha)
    # A later change of the item does not change what the closed round reported.
    alpha.item.status = "completed"
    alpha.item.save()
    content = build(
        tmp_path,
        "alpha",
        "annual",
        "--format",
        "docx",
        "--language",
        "en",
        "--round",
        str(round_.pk),
    )
    text = word_text(content)
    assert UPDATE_TEXT in text
    assert "Delayed" in text and "40 %" in text
    assert ("Heading 1", alpha.plan.title) in headings(content)
    rows = list(
        csv.reader(
            io.StringIO(
                build(
                    tmp_path, "alpha", "annual", "--format", "csv", "--language", "en", name="x.csv"
                ).decode("utf-8-sig")
            )
        )
    )
    measure = next(row for row in rows if row[1] == "Measure 1")
    assert measure[5:8] == ["Delayed", "40 %", UPDATE_TEXT]


@pytest.mark.parametrize("fmt", ["html", "pdf", "docx", "xlsx", "csv"])
def test_the_yearly_report_and_the_vlr_build_in_every_format(alpha, tmp_path, fmt):
    closed_round(alpha)
    annual = build(tmp_path, "alpha", "annual", "--format", fmt, name="annual")
    vlr = build(tmp_path, "alpha", "vlr", "--format", fmt, name="vlr")
    for content in (annual, vlr):
        if fmt == "pdf":
            assert content.startswith(b"%PDF")
        elif fmt in ("docx", "xlsx"):
            assert is_zip(content)
        else:
            assert content


def test_the_vlr_has_the_sections_of_the_guiding_elements(alpha, tmp_path):
    alpha.item.sdg_targets.add("11.3")
    project = Project.objects.filter(organisation=alpha.organisation).first()
    project.sdg_targets.add("17.17")
    content = build(tmp_path, "alpha", "vlr", "--format", "docx", "--language", "en")
    sections = [text for style, text in headings(content) if style == "Heading 1"]
    assert sections == [
        "Introduction",
        "Methodology and process",
        "Policy and enabling environment",
        "Progress on goals and targets",
        "Means of implementation",
        "Conclusions and next steps",
        "Annexes",
    ]
    text = word_text(content)
    assert "11.3" in text and alpha.item.title in text
    assert "17.17" in text and project.title in text
    assert "No plan item, arena or project is tagged with this goal." in text


def test_an_indicator_serving_two_goals_is_drawn_once_in_the_vlr(
    municipality, indicator, measure, tmp_path
):
    measure.sdg_targets.add("11.3", "17.17")  # the indicator's item serves goals 11 and 17
    content = build(tmp_path, "alpha", "vlr", "--format", "docx", "--language", "en")
    pictures = [shape._inline.docPr.get("title") for shape in word(content).inline_shapes]
    assert pictures.count(indicator.name) == 1
    text = word_text(content)
    assert f"The chart of {indicator.name} is shown under an earlier goal." in text
    assert text.count(indicator.name) >= 3  # named in the table of each goal, and drawn


def _no_stray_files(tmp_path):
    return list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "args, message",
    [
        (["nowhere", "arena-review", "--format", "pdf"], "There is no organisation “nowhere”"),
        (["alpha", "budget", "--format", "pdf"], "There is no report called “budget”"),
        (["alpha", "arena-review", "--format", "odt"], "Unknown format “odt”"),
        (["alpha", "arena-review", "--format", "pdf", "--language", "de"], "Unknown language “de”"),
        (
            ["alpha", "annual", "--format", "pdf", "--round", "999999"],
            "has no follow-up round number 999999",
        ),
        (
            ["alpha", "annual", "--format", "pdf", "--round", "first"],
            "has no follow-up round number first",
        ),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_no_file(
    municipality, tmp_path, args, message
):
    with pytest.raises(CommandError, match=message):
        call_command("build_report", *args, "--output", str(tmp_path / "out"))
    assert _no_stray_files(tmp_path)


def test_the_yearly_report_refuses_an_open_round(municipality, follow_up_round, tmp_path):
    with pytest.raises(CommandError, match="is still open"):
        call_command(
            "build_report",
            "alpha",
            "annual",
            "--format",
            "pdf",
            "--round",
            str(follow_up_round.pk),
            "--output",
            str(tmp_path / "out"),
        )
    assert _no_stray_files(tmp_path)
    # Without a round named, the latest closed one is used; there is none yet.
    with pytest.raises(CommandError, match="has no closed follow-up round"):
        call_command(
            "build_report", "alpha", "annual", "--format", "pdf", "--output", str(tmp_path / "out")
        )


def test_another_organisations_round_is_unknown(alpha, beta, tmp_path):
    round_ = closed_round(beta)
    with pytest.raises(CommandError, match="has no follow-up round number"):
        call_command(
            "build_report",
            "alpha",
            "annual",
            "--format",
            "csv",
            "--round",
            str(round_.pk),
            "--output",
            str(tmp_path / "out"),
        )


def test_a_failing_build_leaves_the_existing_file_untouched(municipality, tmp_path, monkeypatch):
    target = tmp_path / "review.pdf"
    target.write_bytes(b"the earlier file")

    def broken(document):
        raise RuntimeError("disk full")

    monkeypatch.setitem(building.RENDERERS, "pdf", (broken, "application/pdf"))
    with pytest.raises(RuntimeError):
        call_command(
            "build_report", "alpha", "arena-review", "--format", "pdf", "--output", str(target)
        )
    assert target.read_bytes() == b"the earlier file"
    assert [path.name for path in tmp_path.iterdir()] == ["review.pdf"]


def test_the_report_reads_many_arenas_without_more_queries(alpha):
    def queries_for_build():
        with CaptureQueriesContext(connection) as context:
            build_file(make_request(alpha.organisation, "arena-review", "csv", "en"))
        return len(context.captured_queries)

    few = queries_for_build()
    for number in range(30):
        ArenaFactory(organisation=alpha.organisation, name=f"Network {number}")
    assert queries_for_build() == few

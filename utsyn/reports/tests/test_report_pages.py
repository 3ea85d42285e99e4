"""The report pages: reading on screen, building files as jobs, downloading, own texts."""

import io

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from utsyn.audit.models import LogEntry
from utsyn.reports.models import ReportJob, ReportText
from utsyn.testing import ArenaFactory, post_form

from .helpers import UPDATE_TEXT, closed_round, pdf_text, word_text

EN = {"Accept-Language": "en"}
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _new_job(world):
    """The job the test asked for (every world already holds one built file)."""
    jobs = ReportJob.objects.filter(organisation=world.organisation)
    return jobs.exclude(pk=world.report_job.pk).get()


def _url(name, world, **kwargs):
    return reverse(name, kwargs={"organisation": world.slug, **kwargs})


def test_every_member_sees_the_reports(alpha, login):
    client = login(alpha.viewer)
    response = client.get(_url("reports:index", alpha), headers=EN)
    assert response.status_code == 200
    text = response.content.decode()
    for title in (
        "Review of the international cooperation arenas",
        "Yearly report on the international work",
        "Voluntary Local Review of the UN Sustainable Development Goals",
    ):
        assert title in text
    # No closed round yet: the yearly report says why it cannot be built.
    assert "There is none yet." in text


def test_the_review_reads_on_screen_in_the_language_asked_for(
    alpha, login, django_assert_max_num_queries
):
    client = login(alpha.viewer)
    url = _url("reports:show", alpha, report="arena-review")
    norwegian = client.get(url).content.decode()
    assert "Del 1: Organisasjoner og nettverk" in norwegian
    english = client.get(url, {"language": "en"}).content.decode()
    assert "Part 1: Organisations and networks" in english
    assert alpha.unpublished_arena.name in english


def test_the_review_page_costs_the_same_queries_for_many_arenas(alpha, login):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(alpha.viewer)
    url = _url("reports:show", alpha, report="arena-review")

    def count():
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context.captured_queries)

    few = count()
    for number in range(40):
        ArenaFactory(organisation=alpha.organisation, name=f"Network {number}")
    assert count() == few


def test_user_text_is_escaped_on_screen(alpha, login):
    alpha.published_arena.description = "<script>alert(1)</script>"
    alpha.published_arena.save()
    response = login(alpha.viewer).get(_url("reports:show", alpha, report="arena-review"))
    assert b"<script>alert(1)" not in response.content
    assert b"&lt;script&gt;alert(1)" in response.content


def test_building_a_file_runs_as_a_job_and_gives_a_download(
    alpha, login, django_capture_on_commit_callbacks
):
    client = login(alpha.viewer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _url("reports:build", alpha, report="arena-review"),
            {"format": "pdf", "language": "en"},
        )
    job = _new_job(alpha)
    assert response.status_code == 302
    assert response["Location"] == _url("reports:job", alpha, pk=job.pk)
    # No worker is configured: the job ran in the request.
    assert (job.status, job.progress) == ("done", 100)
    page = client.get(response["Location"], headers=EN).content.decode()
    assert "Download the PDF file" in page
    download = client.get(_url("reports:download", alpha, pk=job.pk))
    assert download["Content-Disposition"] == 'attachment; filename="alpha-arena-review.pdf"'
    content = b"".join(download.streaming_content)
    assert alpha.published_arena.name in pdf_text(content)


def test_the_job_page_polls_while_the_file_is_built(alpha, login):
    job = ReportJob.objects.create(
        organisation=alpha.organisation,
        report="vlr",
        format="docx",
        language="en",
        requested_by=alpha.viewer,
        status="running",
        progress=40,
        step="Drawing the charts",
    )
    client = login(alpha.viewer)
    page = client.get(_url("reports:job", alpha, pk=job.pk), headers=EN).content.decode()
    assert 'hx-trigger="every 1s"' in page and "htmx" in page
    assert '<progress id="job-progress" max="100" value="40">' in page
    fragment = client.get(_url("reports:job", alpha, pk=job.pk), headers={"HX-Request": "true"})
    assert b"<html" not in fragment.content and b"Drawing the charts" in fragment.content
    assert client.get(_url("reports:download", alpha, pk=job.pk)).status_code == 404


# The worker closes and reopens database connections as a real one does, so this test commits
# for real instead of running inside a transaction; the reference data (the UN goals) is
# put back afterwards.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@override_settings(TASKS=DATABASE_TASKS)
def test_with_a_worker_the_job_waits_in_the_queue_until_built(alpha, login):
    client = login(alpha.viewer)
    client.post(_url("reports:build", alpha, report="vlr"), {"format": "docx", "language": "en"})
    job = _new_job(alpha)
    assert job.status == "queued"
    page = client.get(_url("reports:job", alpha, pk=job.pk), headers=EN).content.decode()
    assert "Waiting" in page and 'hx-trigger="every 1s"' in page
    call_command(
        "db_worker", "--batch", "--no-startup-delay", stdout=io.StringIO(), stderr=io.StringIO()
    )
    job.refresh_from_db()
    assert job.status == "done"
    assert "Means of implementation" in word_text(job.file.read())


def test_only_the_requester_and_the_coordinator_may_fetch_a_file(
    alpha, beta, login, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        login(alpha.editor).post(
            _url("reports:build", alpha, report="arena-review"), {"format": "csv", "language": "en"}
        )
    job = _new_job(alpha)
    url = _url("reports:download", alpha, pk=job.pk)
    assert login(alpha.viewer).get(url).status_code == 403
    assert login(alpha.administrator).get(url).status_code == 200
    assert login(beta.administrator).get(url).status_code == 404
    # Another organisation's job under one's own organisation's address: not found.
    assert client.get(_url("reports:download", beta, pk=job.pk)).status_code == 404


def test_the_yearly_report_is_built_for_a_chosen_closed_round(
    alpha, login, django_capture_on_commit_callbacks
):
    round_ = closed_round(alpha)
    client = login(alpha.viewer)
    page = client.get(
        _url("reports:show", alpha, report="annual"), {"round": round_.pk, "language": "en"}
    )
    assert UPDATE_TEXT in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            _url("reports:build", alpha, report="annual"),
            {"format": "docx", "language": "en", "round": round_.pk},
        )
    job = _new_job(alpha)
    assert job.round == round_ and UPDATE_TEXT in word_text(job.file.read())


def test_an_open_round_or_a_bad_choice_is_refused_with_a_message(alpha, login):
    closed_round(alpha)
    client = login(alpha.viewer)
    response = client.get(
        _url("reports:show", alpha, report="annual"), {"round": alpha.round.pk}, headers=EN
    )
    assert response.status_code == 400
    assert "is still open" in response.content.decode()
    response = client.post(
        _url("reports:build", alpha, report="annual"),
        {"format": "pdf", "language": "en", "round": alpha.round.pk},
        headers=EN,
    )
    assert response.status_code == 400  # an open round is not among the choices
    response = client.post(
        _url("reports:build", alpha, report="arena-review"),
        {"format": "odt", "language": "en"},
        headers=EN,
    )
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert "Please correct the errors below." in response.content.decode()
    response = client.get(
        _url("reports:show", alpha, report="arena-review"), {"language": "de"}, headers=EN
    )
    assert response.status_code == 400 and "Unknown language" in response.content.decode()
    assert client.get(_url("reports:show", alpha, report="budget")).status_code == 404
    assert not ReportJob.objects.exclude(pk=alpha.report_job.pk).exists()


def test_the_coordinator_writes_the_vlr_sections_and_they_are_kept(alpha, login, tmp_path):
    url = _url("reports:texts", alpha, report="vlr")
    assert login(alpha.editor).get(url).status_code == 403
    client = login(alpha.administrator)
    response = post_form(
        client,
        url,
        {
            "introduction": "Alpha reviews its work on the goals.",
            "methodology": "Workshops with every department.",
        },
    )
    assert response.status_code == 302
    assert ReportText.objects.count() == 2
    assert LogEntry.objects.filter(content_type__model="reporttext").count() == 2
    page = client.get(_url("reports:show", alpha, report="vlr")).content.decode()
    assert "Alpha reviews its work on the goals." in page
    target = tmp_path / "vlr.docx"
    call_command(
        "build_report",
        "alpha",
        "vlr",
        "--format",
        "docx",
        "--output",
        str(target),
        stdout=io.StringIO(),
    )
    assert "Workshops with every department." in word_text(target.read_bytes())
    # Saving again unchanged writes nothing new.
    post_form(
        client,
        url,
        {
            "introduction": "Alpha reviews its work on the goals.",
            "methodology": "Workshops with every department.",
        },
    )
    assert LogEntry.objects.filter(content_type__model="reporttext").count() == 2


@pytest.mark.parametrize("report", ["arena-review", "annual"])
def test_reports_without_own_sections_have_no_text_page(alpha, login, report):
    response = login(alpha.administrator).get(_url("reports:texts", alpha, report=report))
    assert response.status_code == 404

"""Bergen's demo data through every report in every format, from the command and the web.

The files are also checked with the tools people open them with: `pdftotext` reads the PDF,
LibreOffice converts the DOCX and XLSX files. `.ci/run` installs both and sets
UTSYN_REQUIRE_OFFICE_TOOLS=1, so that CI fails rather than skips when they are missing.
"""

import io
import os
import shutil
import subprocess

import pytest
from django.core.management import call_command
from django.urls import reverse

from utsyn.arenas.models import Arena
from utsyn.reports.models import ReportJob

REPORTS = ["arena-review", "annual", "vlr"]
FORMATS = ["html", "pdf", "docx", "xlsx", "csv"]
REQUIRED = os.environ.get("UTSYN_REQUIRE_OFFICE_TOOLS") == "1"


def _tool(name):
    path = shutil.which(name)
    if path is None:
        if REQUIRED:
            pytest.fail(f"{name} is not installed; .ci/run installs it")
        pytest.skip(f"{name} is not installed (.ci/run installs it)")
    return path


def _arena_names():
    return list(Arena.objects.filter(organisation__slug="bergen").values_list("name", flat=True))


def _pdftotext(path):
    result = subprocess.run(
        [_tool("pdftotext"), "-layout", str(path), "-"], capture_output=True, check=True
    )
    return " ".join(result.stdout.decode().split())


def _convert_with_libreoffice(paths, outdir):
    office = _tool("soffice")
    profile = (outdir / "profile").as_uri()
    result = subprocess.run(
        [
            office,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            *map(str, paths),
        ],
        capture_output=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr.decode()
    return [outdir / (path.stem + ".pdf") for path in paths]


def test_every_report_builds_in_every_format_with_the_command(demo, tmp_path):
    built = {}
    for report in REPORTS:
        for fmt in FORMATS:
            target = tmp_path / f"{report}.{fmt}"
            call_command(
                "build_report",
                "bergen",
                report,
                "--format",
                fmt,
                "--output",
                str(target),
                stdout=io.StringIO(),
            )
            assert target.stat().st_size > 0
            built[report, fmt] = target
    text = _pdftotext(built["arena-review", "pdf"])
    missing = [name for name in _arena_names() if " ".join(name.split()) not in text]
    assert missing == []
    office_files = [built[report, fmt] for report in REPORTS for fmt in ("docx", "xlsx")]
    outdir = tmp_path / "converted"
    outdir.mkdir()
    for pdf in _convert_with_libreoffice(office_files, outdir):
        assert pdf.exists() and pdf.stat().st_size > 1000, pdf
    # The converted Word file still holds the register.
    assert "Eurocities" in _pdftotext(outdir / "arena-review.pdf")


def test_every_report_builds_in_every_format_from_the_web(
    demo, client, django_capture_on_commit_callbacks
):
    from django.contrib.auth import get_user_model
    from django_scopes import scopes_disabled

    with scopes_disabled():
        client.force_login(get_user_model().objects.get(username="bergen-viewer"))
    for report in REPORTS:
        page = client.get(
            reverse("reports:show", kwargs={"organisation": "bergen", "report": report})
        )
        assert page.status_code == 200, report
        for fmt in FORMATS:
            with django_capture_on_commit_callbacks(execute=True):
                response = client.post(
                    reverse("reports:build", kwargs={"organisation": "bergen", "report": report}),
                    {"format": fmt, "language": "nb", **_round_choice(report)},
                )
            assert response.status_code == 302, (report, fmt, response.content[:500])
    jobs = ReportJob.objects.all()
    assert jobs.count() == len(REPORTS) * len(FORMATS)
    assert {job.status for job in jobs} == {"done"}, [job.error for job in jobs]


def _round_choice(report):
    if report != "annual":
        return {}
    from utsyn.followup.models import Round

    return {"round": Round.objects.filter(organisation__slug="bergen", status="closed").first().pk}

"""Uploaded documents: limited in type (by extension and by content) and size, refused through
the upload page with a message in the user's language and nothing stored; served as
attachments that the browser does not sniff."""

import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory

from utsyn.audit.models import LogEntry
from utsyn.projects.models import ProjectDocument
from utsyn.projects.uploads import MAX_SIZE, SizeLimitedUploadHandler

from .util import office_file, url

HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"


def _zip(name, content):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(name, content)
    return buffer.getvalue()


def _upload(client, world, name, content, language="en"):
    return client.post(
        url("document_create", world, project_pk=world.project.pk),
        {"title": "Upload", "file": SimpleUploadedFile(name, content)},
        headers={"Accept-Language": language},
    )


def _stored_files():
    return {path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()}


@pytest.fixture
def uploader(alpha, login):
    """The administrator's client, and a check that a refused upload left nothing behind."""
    client = login(alpha.administrator)
    documents = ProjectDocument.objects.count()
    logged = LogEntry.objects.count()
    files = _stored_files()

    def nothing_stored():
        assert ProjectDocument.objects.count() == documents
        assert LogEntry.objects.count() == logged
        assert _stored_files() == files

    client.nothing_stored = nothing_stored
    return client


def _file_errors(response):
    assert response.status_code == 400
    return [error.replace("\xa0", " ") for error in response.context["form"].errors["file"]]


@pytest.mark.parametrize(
    "name, content",
    [
        ("page.html", HTML),
        ("page.htm", HTML),
        ("drawing.svg", b"<svg xmlns='http://www.w3.org/2000/svg'><script/></svg>"),
        ("script.js", b"alert(1)"),
        ("program.exe", b"MZ\x90\x00"),
        ("archive.zip", _zip("a.txt", "b")),
        ("report.pdf.html", HTML),
        ("no-extension", b"%PDF-1.7"),
    ],
)
def test_a_type_that_is_not_allowed_is_refused(name, content, alpha, uploader):
    [error] = _file_errors(_upload(uploader, alpha, name, content))
    assert "cannot be uploaded" in error
    assert "Allowed types: pdf, docx, xlsx, odt, ods, txt, png, jpg." in error
    uploader.nothing_stored()


@pytest.mark.parametrize(
    "name, content, kind",
    [
        ("report.pdf", HTML, "PDF"),
        ("evil.html.pdf", HTML, "PDF"),
        ("photo.jpg", HTML, "JPG"),
        ("map.png", b"GIF89a\x01\x00", "PNG"),
        ("letter.docx", _zip("a.txt", "any archive renamed"), "DOCX"),
        ("letter.docx", office_file("xlsx"), "DOCX"),
        ("letter.docx", b"PK\x03\x04 but not a readable archive", "DOCX"),
        ("sheet.xlsx", office_file("docx"), "XLSX"),
        ("text.odt", office_file("ods"), "ODT"),
        ("calc.ods", _zip("content.xml", "<x/>"), "ODS"),
        ("binary.txt", b"text\x00with a NUL byte", "TXT"),
    ],
)
def test_content_that_does_not_match_the_extension_is_refused(name, content, kind, alpha, uploader):
    [error] = _file_errors(_upload(uploader, alpha, name, content))
    assert error == f"The file's content is not a {kind} file."
    uploader.nothing_stored()


def test_an_empty_file_is_refused(alpha, uploader):
    [error] = _file_errors(_upload(uploader, alpha, "empty.pdf", b""))
    assert error == "The submitted file is empty."
    uploader.nothing_stored()


def test_a_file_over_the_limit_is_refused_with_its_true_size(alpha, uploader):
    content = b"%PDF-1.7\n" + b"0" * (MAX_SIZE + 1024 * 1024)
    [error] = _file_errors(_upload(uploader, alpha, "big.pdf", content))
    assert error == "The file is 21.0 MB; files may be at most 20.0 MB."
    uploader.nothing_stored()


def test_the_refusals_are_in_the_users_language(alpha, uploader):
    [error] = _file_errors(_upload(uploader, alpha, "page.html", HTML, language="nb"))
    assert error.startswith("Filer av typen «html» kan ikke lastes opp.")
    [error] = _file_errors(_upload(uploader, alpha, "report.pdf", HTML, language="nb"))
    assert error == "Innholdet i filen er ikke en PDF-fil."


def test_the_upload_handler_keeps_no_more_than_the_limit_on_disk():
    request = RequestFactory().post("/")
    handler = SizeLimitedUploadHandler(request)
    handler.new_file("file", "big.pdf", "application/pdf", None)
    chunk = b"0" * (1024 * 1024)
    total = 0
    for _ in range(MAX_SIZE // len(chunk) + 5):
        handler.receive_data_chunk(chunk, total)
        total += len(chunk)
    upload = handler.file_complete(total)
    try:
        assert upload.size == total > MAX_SIZE
        assert Path(upload.temporary_file_path()).stat().st_size == MAX_SIZE + 1
    finally:
        upload.close()


@pytest.mark.parametrize("extension", ["docx", "xlsx", "odt", "ods"])
def test_real_office_documents_are_accepted(extension, alpha, login):
    response = _upload(login(alpha.editor), alpha, f"file.{extension}", office_file(extension))
    assert response.status_code == 302
    assert ProjectDocument.objects.filter(filename=f"file.{extension}").exists()


@pytest.mark.parametrize(
    "name, content, content_type",
    [
        ("notes.txt", b"<html><script>alert(1)</script></html>", "text/plain"),
        ("plan.pdf", b"%PDF-1.7\n", "application/pdf"),
    ],
)
def test_documents_are_downloaded_as_attachments_the_browser_does_not_sniff(
    name, content, content_type, alpha, login
):
    assert _upload(login(alpha.editor), alpha, name, content).status_code == 302
    document = ProjectDocument.objects.get(filename=name)
    response = login(alpha.viewer).get(
        url("document_download", alpha, project_pk=alpha.project.pk, pk=document.pk)
    )
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'
    assert response["Content-Type"].startswith(content_type)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'self'" in response["Content-Security-Policy"]

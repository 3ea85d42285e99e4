from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from utsyn.audit.models import LogEntry
from utsyn.audit.services import history
from utsyn.projects.models import ProjectDocument, ProjectPartner
from utsyn.projects.uploads import MAX_SIZE

from .util import get, make_project, office_file, post, url

PDF = b"%PDF-1.7\n% a tiny test document\n"


def _upload(client, world, project, name, content, title="Budget"):
    return client.post(
        url("document_create", world, project_pk=project.pk),
        {"title": title, "file": SimpleUploadedFile(name, content)},
        headers={"Accept-Language": "en"},
    )


# ------------------------------------------------------------------------------- partners


def test_partners_are_added_changed_and_deleted_in_the_projects_history(alpha, login):
    client = login(alpha.editor)
    project = alpha.project
    data = {"name": "Aarhus Kommune", "city": "Aarhus", "country": "DK", "role": "coordinator"}
    response = post(client, "partner_create", alpha, data, project_pk=project.pk)
    assert response.status_code == 302
    partner = ProjectPartner.objects.get(name="Aarhus Kommune")
    assert partner.project == project and partner.organisation == alpha.organisation
    response = post(
        client,
        "partner_edit",
        alpha,
        {**data, "city": "Århus"},
        project_pk=project.pk,
        pk=partner.pk,
    )
    assert response.status_code == 302
    partner.refresh_from_db()
    assert partner.city == "Århus"
    assert get(
        client, "partner_delete", alpha, project_pk=project.pk, pk=partner.pk
    ).status_code == (200)
    assert post(
        client, "partner_delete", alpha, {}, project_pk=project.pk, pk=partner.pk
    ).status_code == (302)
    assert not ProjectPartner.objects.filter(pk=partner.pk).exists()
    actions = [entry.action for entry in history(project) if entry.object_id == partner.pk]
    assert actions == ["deleted", "changed", "created"]


def test_a_partner_needs_a_name_and_a_known_country(alpha, login):
    client = login(alpha.administrator)
    response = post(
        client, "partner_create", alpha, {"name": "", "country": "XX"}, project_pk=alpha.project.pk
    )
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"name", "country"}


def test_a_partner_of_another_project_is_not_found_through_this_one(alpha, login):
    other = make_project(alpha, title="Other", responsible_unit=alpha.agency)
    client = login(alpha.administrator)
    response = get(client, "partner_edit", alpha, project_pk=other.pk, pk=alpha.project_partner.pk)
    assert response.status_code == 404


# ------------------------------------------------------------------------------ documents


def test_a_document_is_uploaded_stored_privately_and_downloaded_by_members(alpha, beta, login):
    client = login(alpha.editor)
    response = _upload(client, alpha, alpha.project, "Søknad 2027.pdf", PDF)
    assert response.status_code == 302
    document = ProjectDocument.objects.get(title="Budget")
    assert document.filename == "Søknad_2027.pdf" and document.size == len(PDF)
    stored = Path(document.file.path)
    assert stored.read_bytes() == PDF
    assert stored.parent == Path(settings.MEDIA_ROOT) / "projects" / str(alpha.organisation.pk)
    assert "Søknad" not in stored.name  # a random name; the original is kept on the row
    assert LogEntry.objects.filter(object_id=document.pk, action="created").exists()

    download_url = url("document_download", alpha, project_pk=alpha.project.pk, pk=document.pk)
    detail = get(login(alpha.viewer), "detail", alpha, pk=alpha.project.pk).content.decode()
    assert download_url in detail and "/media/" not in detail
    response = login(alpha.viewer).get(download_url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"

    assert login(beta.administrator).get(download_url).status_code == 404
    client.logout()
    anonymous = client.get(download_url)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith(reverse("login"))
    # Nothing under MEDIA_ROOT is served by URL.
    assert client.get(f"/media/{document.file.name}").status_code == 404


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("virus.exe", b"MZ...", "Files of type “exe” cannot be uploaded."),
        ("page.html", b"<html></html>", "Files of type “html” cannot be uploaded."),
        ("no-extension", b"%PDF-1.4", "Files of type “?” cannot be uploaded."),
        ("fake.pdf", b"<html><script>alert(1)</script></html>", "is not a PDF file"),
        ("fake.png", b"GIF89a", "is not a PNG file"),
        ("fake.docx", b"%PDF-1.4", "is not a DOCX file"),
        ("binary.txt", b"\x00\x01\x02", "is not a TXT file"),
        ("empty.pdf", b"", "The submitted file is empty."),
    ],
)
def test_uploads_of_the_wrong_type_are_refused_with_a_clear_message(
    name, content, message, alpha, login
):
    client = login(alpha.administrator)
    before = ProjectDocument.objects.count()
    response = _upload(client, alpha, alpha.project, name, content)
    assert response.status_code == 400
    assert any(message in error for error in response.context["form"].errors["file"])
    assert ProjectDocument.objects.count() == before


def test_an_upload_over_20_mb_is_refused_and_nothing_is_stored(alpha, login):
    client = login(alpha.administrator)
    files_before = set((Path(settings.MEDIA_ROOT)).rglob("*"))
    response = _upload(client, alpha, alpha.project, "big.pdf", b"%PDF-" + b"0" * MAX_SIZE)
    assert response.status_code == 400
    [error] = response.context["form"].errors["file"]
    assert error.replace("\xa0", " ") == "The file is 20.0 MB; files may be at most 20.0 MB."
    assert ProjectDocument.objects.filter(title="Budget").count() == 0
    assert set((Path(settings.MEDIA_ROOT)).rglob("*")) == files_before


@pytest.mark.parametrize(
    "name, content",
    [
        ("plan.docx", office_file("docx")),
        ("sheet.xlsx", office_file("xlsx")),
        ("text.odt", office_file("odt")),
        ("calc.ods", office_file("ods")),
        ("notes.txt", "Møtenotat".encode()),
        ("photo.JPG", b"\xff\xd8\xff\xe0JFIF"),
        ("map.png", b"\x89PNG\r\n\x1a\nrest"),
    ],
)
def test_every_allowed_type_is_accepted(name, content, alpha, login):
    response = _upload(login(alpha.administrator), alpha, alpha.project, name, content, title=name)
    assert response.status_code == 302
    assert ProjectDocument.objects.filter(title=name).exists()


def test_a_document_goes_to_the_bin_and_its_file_stays_for_a_restore(alpha, login):
    client = login(alpha.administrator)
    document = alpha.project_document
    path = Path(document.file.path)
    kwargs = {"project_pk": alpha.project.pk, "pk": document.pk}
    assert get(client, "document_delete", alpha, **kwargs).status_code == 200
    assert post(client, "document_delete", alpha, {}, **kwargs).status_code == 302
    assert not ProjectDocument.objects.filter(pk=document.pk).exists()
    assert path.exists()
    entry = LogEntry.objects.get(object_id=document.pk, action="deleted")
    client.post(reverse("audit:restore", kwargs={"organisation": alpha.slug, "pk": entry.pk}))
    assert ProjectDocument.objects.get(pk=document.pk).file.read() == path.read_bytes()


def test_a_missing_file_is_a_404_not_a_crash(alpha, login):
    Path(alpha.project_document.file.path).unlink()
    kwargs = {"project_pk": alpha.project.pk, "pk": alpha.project_document.pk}
    assert get(login(alpha.viewer), "document_download", alpha, **kwargs).status_code == 404


def test_viewers_and_other_units_editors_cannot_upload_or_delete(alpha, login):
    other = make_project(alpha, title="Other", responsible_unit=alpha.other_agency)
    viewer = login(alpha.viewer)
    assert _upload(viewer, alpha, alpha.project, "a.pdf", PDF).status_code == 403
    kwargs = {"project_pk": alpha.project.pk, "pk": alpha.project_document.pk}
    assert post(viewer, "document_delete", alpha, {}, **kwargs).status_code == 403
    editor = login(alpha.editor)
    assert _upload(editor, alpha, other, "a.pdf", PDF).status_code == 403
    assert ProjectDocument.objects.count() == 1

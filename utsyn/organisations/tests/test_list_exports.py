import pytest
from django.urls import reverse

from utsyn.organisations.models import Person
from utsyn.testing import csv_table, screen_table, xlsx_table

EN = {"Accept-Language": "en"}


def _url(name, world, **kwargs):
    return reverse(f"organisations:{name}", kwargs={"organisation": world.slug, **kwargs})


def _page_and_downloads(client, world, page, export):
    response = client.get(_url(page, world), headers=EN)
    assert response.status_code == 200
    shown = screen_table(response)
    html = response.content.decode()
    for fmt, read in (("csv", csv_table), ("xlsx", xlsx_table)):
        url = _url(export, world, fmt=fmt)
        assert url in html
        assert read(client.get(url, headers=EN)) == shown
    return shown


def test_the_units_download_in_tree_order_with_their_parents(alpha, beta, login):
    shown = _page_and_downloads(login(alpha.viewer), alpha, "units", "unit_export")
    assert shown[0] == ["Name", "Kind", "Part of"]
    assert shown[1:] == [
        [alpha.council.name, "Council (bystyre, kommunestyre, kommunfullmäktige)", ""],
        [
            alpha.member_of_executive.name,
            "Member of the executive (byråd, ordfører)",
            alpha.council.name,
        ],
        [alpha.agency.name, "Agency (etat)", alpha.member_of_executive.name],
        [alpha.other_agency.name, "Agency (etat)", ""],
    ]
    assert beta.agency.name not in {row[0] for row in shown}


def test_the_contact_persons_download_as_shown_and_neutralised(alpha, beta, login):
    Person.objects.create(
        organisation=alpha.organisation,
        name='=HYPERLINK("http://evil")',
        title="Adviser",
        email="adviser@example.org",
        unit=alpha.council,
    )
    shown = _page_and_downloads(login(alpha.viewer), alpha, "people", "person_export")
    assert shown == [
        ["Name", "Title", "Unit", "E-mail"],
        ['\'=HYPERLINK("http://evil")', "Adviser", alpha.council.name, "adviser@example.org"],
        [alpha.person.name, "", alpha.agency.name, ""],
    ]
    assert beta.person.name not in {row[0] for row in shown}


def test_the_members_download_as_shown_to_administrators(alpha, beta, login):
    alpha.administrator.first_name, alpha.administrator.last_name = "Ada", "Admin"
    alpha.administrator.save()
    shown = _page_and_downloads(login(alpha.administrator), alpha, "members", "member_export")
    assert shown == [
        ["User", "Username", "Role", "Units"],
        ["Ada Admin", "alpha-administrator", "Administrator", ""],
        ["alpha-editor", "alpha-editor", "Editor", alpha.member_of_executive.name],
        ["alpha-viewer", "alpha-viewer", "Viewer", ""],
    ]


@pytest.mark.parametrize("user", ["editor", "viewer"])
def test_only_administrators_download_the_members_as_only_they_see_them(alpha, login, user):
    client = login(getattr(alpha, user))
    assert client.get(_url("members", alpha)).status_code == 403
    assert client.get(_url("member_export", alpha, fmt="csv")).status_code == 403


@pytest.mark.parametrize("export", ["unit_export", "person_export"])
def test_every_member_downloads_units_and_people(alpha, login, export):
    for user in (alpha.viewer, alpha.editor, alpha.administrator):
        assert login(user).get(_url(export, alpha, fmt="xlsx")).status_code == 200


@pytest.mark.parametrize("export", ["unit_export", "person_export", "member_export"])
def test_non_members_get_404_visitors_the_login_page_and_bad_formats_404(
    alpha, beta, client, login, export
):
    url = _url(export, alpha, fmt="csv")
    assert client.get(url).status_code == 302
    assert login(beta.administrator).get(url).status_code == 404
    assert login(alpha.administrator).get(_url(export, alpha, fmt="ods")).status_code == 404

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from utsyn.organisations.models import Membership, Organisation


def test_it_creates_the_organisation_with_its_coordinator(db):
    out = io.StringIO()
    call_command(
        "create_organisation",
        "trondheim",
        "Trondheim kommune",
        "--admin",
        "coordinator",
        "--official-number",
        "5001",
        stdout=out,
    )
    organisation = Organisation.objects.get(slug="trondheim")
    assert (organisation.country.code, organisation.language) == ("NO", "nb")
    assert Membership.objects.get(organisation=organisation).role == "administrator"
    assert "changepassword coordinator" in out.getvalue()


@pytest.mark.parametrize(
    "args, message",
    [
        (["accounts", "X"], "reserved"),
        (["alpha", "Again"], "already exists"),
        (["new-one", "X", "--country", "XX"], "country"),
        (["new-one", "X", "--language", "de"], "language"),
    ],
)
def test_bad_input_creates_nothing(args, message, municipality):
    before = Organisation.objects.count(), Membership.objects.count()
    with pytest.raises(CommandError, match=message):
        call_command("create_organisation", *args, "--admin", "someone")
    assert (Organisation.objects.count(), Membership.objects.count()) == before

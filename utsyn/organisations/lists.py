"""The organisation's registers — units, contact persons, users — and their downloads."""

from django.utils.translation import gettext_lazy as _

from utsyn.core.listing import ListPage

from .models import Membership, Person, Unit
from .tables import MEMBER_COLUMNS, PERSON_COLUMNS, UNIT_COLUMNS
from .unit_tree import in_tree_order


def members(request):
    # Memberships are not scoped rows: filter by the organisation explicitly.
    return (
        Membership.objects.filter(organisation=request.organisation)
        .select_related("user")
        .prefetch_related("units")
        .order_by("user__username")
    )


UNITS = ListPage(
    key="organisations.units",
    template="organisations/unit_list.html",
    heading=_("Political bodies and administrative units"),
    title=_("Units"),
    query=lambda request: in_tree_order(Unit.objects.select_related("parent")),
    columns=UNIT_COLUMNS,
    paginate=False,  # a tree is read whole
    object_name="units",
    download_url="organisations:unit_export",
    row_actions="organisation.administer",
)

PEOPLE = ListPage(
    key="organisations.people",
    template="organisations/person_list.html",
    heading=_("Contact persons"),
    title=_("Contact persons"),
    query=lambda request: Person.objects.select_related("unit"),
    columns=PERSON_COLUMNS,
    paginate=False,
    object_name="people",
    download_url="organisations:person_export",
    row_actions="organisation.administer",
)

MEMBERS = ListPage(
    key="organisations.members",
    template="organisations/member_list.html",
    heading=_("Users and roles"),
    title=_("Users and roles"),
    query=members,
    columns=MEMBER_COLUMNS,
    permission="organisation.administer",
    paginate=False,
    object_name="members",
    download_url="organisations:member_export",
    row_actions="organisation.administer",
)

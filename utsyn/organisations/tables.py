from django.utils.translation import gettext_lazy as _

from utsyn.core.exports import Column

# The columns of the organisation's lists, on screen and in the downloads.
UNIT_COLUMNS = [
    Column(_("Name"), lambda unit: unit.name),
    Column(_("Kind"), lambda unit: unit.get_kind_display()),
    Column(_("Part of"), lambda unit: unit.parent or ""),
]

PERSON_COLUMNS = [
    Column(_("Name"), lambda person: person.name),
    Column(_("Title"), lambda person: person.title),
    Column(_("Unit"), lambda person: person.unit or ""),
    Column(_("E-mail"), lambda person: person.email),
]

MEMBER_COLUMNS = [
    Column(_("User"), lambda member: member.user.get_full_name() or member.user.username),
    Column(_("Username"), lambda member: member.user.username),
    Column(_("Role"), lambda member: member.get_role_display()),
    Column(_("Units"), lambda member: ", ".join(str(unit) for unit in member.units.all())),
]

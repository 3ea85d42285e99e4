from django.utils.translation import gettext_lazy as _

from utsyn.core.exports import Column


def _yes(value):
    return _("Yes") if value else ""


# The columns of the list of activities, on screen and in the downloads.
ACTIVITY_COLUMNS = [
    Column(_("Title"), lambda activity: activity.title),
    Column(_("Kind"), lambda activity: activity.get_kind_display()),
    Column(_("Start"), lambda activity: activity.starts_on),
    Column(_("End"), lambda activity: activity.ends_on),
    Column(_("Place"), lambda activity: activity.location),
    Column(_("Counterpart"), lambda activity: activity.counterpart),
    Column(_("Status"), lambda activity: activity.get_status_display()),
    Column(_("Responsible unit"), lambda activity: activity.responsible_unit or ""),
    Column(_("Participants"), lambda activity: activity.participant_count),
    Column(
        _("Illustrative example"), lambda activity: _yes(activity.is_illustrative), demo_only=True
    ),
]

# The columns of the coordinator's list of delegation requests.
REQUEST_COLUMNS = [
    Column(_("Organisation or delegation"), lambda request: request.delegation_name),
    Column(_("Received"), lambda request: request.created_at.date()),
    Column(_("Country"), lambda request: request.country.name),
    Column(_("Contact person"), lambda request: request.contact_name),
    Column(_("E-mail"), lambda request: request.email),
    Column(_("From"), lambda request: request.preferred_from),
    Column(_("To"), lambda request: request.preferred_to),
    Column(_("Number of people"), lambda request: request.group_size),
    Column(_("Language"), lambda request: request.get_language_display()),
    Column(_("Status"), lambda request: request.get_status_display()),
]

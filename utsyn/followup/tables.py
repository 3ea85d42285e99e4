from django.utils.translation import gettext_lazy as _

from utsyn.core.exports import Column

# The columns of a round's status updates, in the downloads.
UPDATE_COLUMNS = [
    Column(_("Plan"), lambda update: update.item.plan.title),
    Column(_("Identifier"), lambda update: update.item.identifier),
    Column(_("Title"), lambda update: update.item.title),
    Column(_("Responsible unit"), lambda update: update.unit or ""),
    Column(_("State"), lambda update: update.get_state_display()),
    Column(_("Status"), lambda update: update.get_status_display()),
    Column(_("Progress (%)"), lambda update: "" if update.progress is None else update.progress),
    Column(_("Status update"), lambda update: update.text),
]

from django.utils.translation import gettext_lazy as _

from utsyn.core.exports import Column

# The columns of the plan page's item table, on screen and in the downloads.
ITEM_COLUMNS = [
    Column(_("Identifier"), lambda item: item.identifier),
    Column(_("Level"), lambda item: item.level_name),
    Column(_("Title"), lambda item: item.title),
    Column(_("Responsible unit"), lambda item: item.responsible_unit or ""),
    Column(_("Status"), lambda item: item.get_status_display()),
    Column(
        _("Progress (%)"),
        lambda item: "" if item.rolled_up_progress is None else item.rolled_up_progress,
    ),
]

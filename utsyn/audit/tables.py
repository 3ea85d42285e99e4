from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from utsyn.core.exports import Column


def _when(entry):
    return timezone.localtime(entry.timestamp).strftime("%Y-%m-%d %H:%M")


def _object(entry):
    return f"{capfirst(entry.content_type.name)}: {entry.object_repr}"


def _fields_changed(entry):
    return ", ".join(str(label) for label, _old, _new in entry.changed_fields())


# The columns of the history of changes and of the bin, on screen and in the downloads.
LOG_COLUMNS = [
    Column(_("When"), _when),
    Column(_("Who"), lambda entry: entry.who),
    Column(_("What"), lambda entry: entry.get_action_display()),
    Column(_("Object"), _object),
    Column(_("Fields changed"), _fields_changed),
]

BIN_COLUMNS = [
    Column(_("Object"), _object),
    Column(_("Deleted"), _when),
    Column(_("By"), lambda entry: entry.who),
]

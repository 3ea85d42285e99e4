"""The history of changes and the bin, with their downloads: for administrators."""

from django.utils.translation import gettext_lazy as _

from utsyn.core.listing import ListPage

from .models import LogEntry
from .tables import BIN_COLUMNS, LOG_COLUMNS

ADMINISTER = "organisation.administer"


def log_entries():
    return LogEntry.objects.select_related("user", "content_type")


def bin_entries():
    return log_entries().filter(action=LogEntry.Action.DELETED, restored_at__isnull=True)


LOG = ListPage(
    key="audit.log",
    template="audit/log_list.html",
    heading=_("History of changes"),
    title=_("History of changes"),
    query=lambda request: log_entries(),
    columns=LOG_COLUMNS,
    permission=ADMINISTER,
    page_size=100,  # entries are short; a day's work on one page
    download_url="audit:log_export",
)

BIN = ListPage(
    key="audit.bin",
    template="audit/bin_list.html",
    heading=_("Bin"),
    title=_("Bin"),
    query=lambda request: bin_entries(),
    columns=BIN_COLUMNS,
    permission=ADMINISTER,
    paginate=False,
    object_name="entries",
    download_url="audit:bin_export",
    row_actions=ADMINISTER,
)

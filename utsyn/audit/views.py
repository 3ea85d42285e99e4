from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from utsyn.core.decorators import organisation_view
from utsyn.core.exports import FORMATS, rows_of, table_response

from .models import LogEntry
from .services import RestoreError, restore
from .tables import BIN_COLUMNS, LOG_COLUMNS


def _log_entries():
    return LogEntry.objects.select_related("user", "content_type")


def _bin_entries():
    return _log_entries().filter(action=LogEntry.Action.DELETED, restored_at__isnull=True)


@organisation_view("organisation.administer", read_only=True)
def log_list(request):
    page = Paginator(_log_entries(), 100).get_page(request.GET.get("page"))
    return render(
        request,
        "audit/log_list.html",
        {
            "page": page,
            "columns": LOG_COLUMNS,
            "rows": list(zip(page, rows_of(LOG_COLUMNS, page), strict=True)),
        },
    )


@organisation_view("organisation.administer", read_only=True)
def log_export(request, fmt):
    if fmt not in FORMATS:
        raise Http404
    return table_response(fmt, LOG_COLUMNS, _log_entries(), _("History of changes"))


@organisation_view("organisation.administer", read_only=True)
def bin_list(request):
    entries = list(_bin_entries())
    return render(
        request,
        "audit/bin_list.html",
        {
            "entries": entries,
            "columns": BIN_COLUMNS,
            "rows": list(zip(entries, rows_of(BIN_COLUMNS, entries), strict=True)),
        },
    )


@organisation_view("organisation.administer", read_only=True)
def bin_export(request, fmt):
    if fmt not in FORMATS:
        raise Http404
    return table_response(fmt, BIN_COLUMNS, _bin_entries(), _("Bin"))


@organisation_view("organisation.administer")
def bin_restore(request, pk):
    entry = get_object_or_404(
        LogEntry, pk=pk, action=LogEntry.Action.DELETED, restored_at__isnull=True
    )
    if request.method != "POST":
        return render(request, "audit/restore_confirm.html", {"entry": entry})
    try:
        restore(entry, request.user)
    except RestoreError:
        messages.error(
            request,
            _("“%(name)s” could not be restored: something with the same name exists now.")
            % {"name": entry.object_repr},
        )
    else:
        messages.success(request, _("“%(name)s” was restored.") % {"name": entry.object_repr})
    return redirect("audit:bin", organisation=request.organisation.slug)

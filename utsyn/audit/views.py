from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from utsyn.core.decorators import organisation_view

from .lists import BIN, LOG
from .models import LogEntry
from .services import RestoreError, restore

log_list = LOG.page
log_export = LOG.download
bin_list = BIN.page
bin_export = BIN.download


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

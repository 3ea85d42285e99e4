from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from utsyn.organisations.decorators import organisation_view

from .models import LogEntry
from .services import RestoreError, restore


@organisation_view("organisation.administer")
def log_list(request):
    entries = LogEntry.objects.select_related("user", "content_type")
    page = Paginator(entries, 100).get_page(request.GET.get("page"))
    return render(request, "audit/log_list.html", {"page": page})


@organisation_view("organisation.administer")
def bin_list(request):
    entries = LogEntry.objects.filter(
        action=LogEntry.Action.DELETED, restored_at__isnull=True
    ).select_related("user", "content_type")
    return render(request, "audit/bin_list.html", {"entries": entries})


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

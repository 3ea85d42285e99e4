"""The activities' and the delegation requests' list pages and their downloads."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from utsyn.core.listing import ListPage

from .filters import ActivityFilter, RequestFilter
from .queries import activities_for_list, requests_for_list
from .tables import ACTIVITY_COLUMNS, REQUEST_COLUMNS

HANDLE_REQUESTS = "organisation.handle_requests"


def _can_handle_requests(request):
    return {"can_handle_requests": request.user.has_perm(HANDLE_REQUESTS, request.organisation)}


def _public_form_url(request):
    # Shown to the coordinator, to link to from the municipality's own web site.
    url = reverse("activities:request_visit", kwargs={"organisation": request.organisation.slug})
    return {"form_url": request.build_absolute_uri(url)}


ACTIVITIES = ListPage(
    key="activities.activities",
    template="activities/activity_list.html",
    heading=_("Activities"),
    title=_("Activities"),
    query=lambda request: activities_for_list(),
    columns=ACTIVITY_COLUMNS,
    filters=ActivityFilter,
    download_url="activities:export",
    add_permission="organisation.add_activity",
    context=_can_handle_requests,
)

REQUESTS = ListPage(
    key="activities.requests",
    template="activities/request_list.html",
    heading=_("Visit requests"),
    title=_("Delegation requests"),
    query=lambda request: requests_for_list(),
    columns=REQUEST_COLUMNS,
    filters=RequestFilter,
    permission=HANDLE_REQUESTS,
    download_url="activities:request_export",
    context=_public_form_url,
)

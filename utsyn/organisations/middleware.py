from django.http import Http404
from django.urls import Resolver404, resolve
from django_scopes import scope

from .models import Organisation
from .permissions import membership_for


class OrganisationMiddleware:
    """Finds the organisation named in the URL and opens its data scope for the request.

    Every URL below `/<organisation>/` runs inside `scope(organisation=...)`, so a query on a
    scoped model that forgets to filter by organisation can only ever see this organisation's
    rows, and one outside any scope fails loudly.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.organisation = None
        request.membership = None
        try:
            slug = resolve(request.path_info).kwargs.get("organisation")
        except Resolver404:
            slug = None
        if slug is None:
            return self.get_response(request)

        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            raise Http404("No such organisation")
        request.organisation = organisation
        with scope(organisation=organisation):
            # Inside the scope: an editor's units are organisation rows like any other.
            request.membership = membership_for(request.user, organisation.pk)
            return self.get_response(request)

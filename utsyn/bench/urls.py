"""The URLs of the benchmark's own process: the application's, plus the floor.

Selected with ROOT_URLCONF in `bench_measure` only; production never serves the floor.
"""

from django.http import HttpResponse
from django.urls import include, path


def floor(request, organisation):
    """The least a page can cost: the same middleware (session, user, organisation and
    membership are looked up), and no work of its own."""
    return HttpResponse("floor")


urlpatterns = [
    path("<slug:organisation>/bench-floor/", floor, name="bench_floor"),
    path("", include("utsyn.urls")),
]

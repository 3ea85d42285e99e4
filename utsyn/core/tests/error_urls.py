"""The project's URLs and one page that fails, for the test of the 500 page."""

from django.urls import path

from utsyn.urls import urlpatterns as project_urlpatterns


def fail(request):
    raise RuntimeError("A failing page, for the test of the 500 page")


urlpatterns = [path("test-failure/", fail, name="test_failure"), *project_urlpatterns]

"""Every list page declared with `ListPage` runs the same number of queries for 10 rows as for
500, on screen and in both downloads, and holds them all. The pages are found from their
registration: a new list page without a row builder here makes the test fail."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from utsyn.activities.testing import many_activities, many_requests
from utsyn.arenas.testing import many_arenas, many_assessments
from utsyn.audit.testing import many_bin_entries, many_log_entries
from utsyn.core.listing import LIST_PAGES
from utsyn.followup.testing import many_rounds
from utsyn.indicators.testing import many_indicators
from utsyn.organisations.testing import many_members, many_people, many_units
from utsyn.plans.testing import many_plans
from utsyn.projects.testing import many_projects

# {list page key: (world, count) → that many more rows on the page}
ROW_BUILDERS = {
    "activities.activities": many_activities,
    "activities.requests": many_requests,
    "arenas.arenas": many_arenas,
    "arenas.assessments": many_assessments,
    "audit.bin": many_bin_entries,
    "audit.log": many_log_entries,
    "followup.rounds": many_rounds,
    "indicators.indicators": many_indicators,
    "organisations.members": many_members,
    "organisations.people": many_people,
    "organisations.units": many_units,
    "plans.plans": many_plans,
    "projects.projects": many_projects,
}

# Session, user, organisation, membership, the count, the page, the filters' choices and the
# rows' prefetches: a list page that needs more joins something per row or per column.
MOST_QUERIES = 10


def _url_names(patterns=None, namespace=""):
    """{view function: its namespaced URL name}, over every URL of the product."""
    names = {}
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names.update(_url_names(pattern.url_patterns, inner))
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.setdefault(pattern.callback, f"{namespace}{pattern.name}")
    return names


def test_every_list_page_has_a_row_builder_and_an_address():
    names = _url_names()  # loads every app's URLs, and so its list pages
    assert set(LIST_PAGES) == set(ROW_BUILDERS)
    for key, list_page in LIST_PAGES.items():
        assert list_page.page in names, f"{key} has no address"
        assert names.get(list_page.download) == list_page.download_url, key


def _rows_on_screen(response, list_page):
    page = response.context["page"]
    return page.paginator.count if page else len(response.context[list_page.object_name])


def _measure(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries), response


@pytest.mark.parametrize("key", sorted(ROW_BUILDERS))
def test_a_list_page_runs_as_many_queries_for_500_rows_as_for_10(key, alpha, login):
    names = _url_names()
    list_page = LIST_PAGES[key]
    client = login(alpha.administrator)
    page_url = reverse(names[list_page.page], kwargs={"organisation": alpha.slug})
    download_urls = {
        fmt: reverse(list_page.download_url, kwargs={"organisation": alpha.slug, "fmt": fmt})
        for fmt in ("csv", "xlsx")
    }
    ROW_BUILDERS[key](alpha, 10)
    on_screen, response = _measure(client, page_url)
    before = _rows_on_screen(response, list_page)
    downloads = {fmt: _measure(client, url)[0] for fmt, url in download_urls.items()}

    ROW_BUILDERS[key](alpha, 490)
    queries, response = _measure(client, page_url)
    assert _rows_on_screen(response, list_page) == before + 490
    assert queries == on_screen
    assert on_screen <= MOST_QUERIES
    for fmt, url in download_urls.items():
        queries, response = _measure(client, url)
        assert queries == downloads[fmt], fmt
    text = client.get(download_urls["csv"]).content.decode("utf-8-sig")
    assert len(list(csv.reader(io.StringIO(text)))) == 1 + before + 490

"""What `bench_measure` measures, inside one process: the main pages and the reports.

Pages are requested through django.test.Client, so the time is the server's own (no network),
with every middleware. The requests go round the pages in turn, so that a burst of load from
elsewhere on the machine falls on all of them alike rather than on one.
"""

import cProfile
import math
import resource
import statistics
import time

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from django_scopes import scopes_disabled

from utsyn.arenas.models import Arena
from utsyn.followup.models import Round
from utsyn.organisations.models import Organisation
from utsyn.plans.models import Plan

# (page, URL name, who asks, which object): the main pages, and the floor they are judged by.
FLOOR = "floor"
PAGES = [
    (FLOOR, "bench_floor", "administrator", None),
    ("dashboard", "overview:dashboard", "administrator", None),
    ("arena list", "arenas:list", "administrator", None),
    ("arena detail", "arenas:detail", "administrator", "arena"),
    ("plan page", "plans:detail", "administrator", "plan"),
    ("to-do list", "followup:todo", "editor-1", "round"),
    ("published plan", "overview:public_plan", None, "plan"),
    ("project list", "projects:list", "administrator", None),
    ("activity list", "activities:list", "administrator", None),
]
REPORTS = ["arena-review", "annual", "vlr"]
WARM_UP = 2


def _objects(organisation):
    """The objects the detail pages show: the busiest arena, the action plan, the open round."""
    with scopes_disabled():
        arenas = Arena.objects.filter(organisation=organisation)
        plans = Plan.objects.filter(organisation=organisation, type=Plan.Type.ACTION_PLAN)
        return {
            "arena": arenas.annotate(n=Count("assessments")).order_by("-n", "pk").first().pk,
            "plan": plans.get().pk,
            "round": Round.objects.get(organisation=organisation, status=Round.Status.OPEN).pk,
        }


def _client(slug, who):
    client = Client()
    if who:
        client.force_login(get_user_model().objects.get(username=f"{slug}-{who}"))
    return client


def _get(client, url):
    response = client.get(url, secure=True)
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered {response.status_code}")
    return response


def percentile(values, share):
    """The nearest-rank percentile: the smallest value with `share` of the values at or below."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def _plan(slug):
    """(page, URL, client) for each page, each client logged in as the page's reader."""
    objects = _objects(Organisation.objects.get(slug=slug))
    clients, plan = {}, []
    for name, url_name, who, obj in PAGES:
        kwargs = {"organisation": slug, **({"pk": objects[obj]} if obj else {})}
        if who not in clients:
            clients[who] = _client(slug, who)
        plan.append((name, reverse(url_name, kwargs=kwargs), clients[who]))
    return plan


@override_settings(ROOT_URLCONF="utsyn.bench.urls")
def pages(slug, requests):
    plan = _plan(slug)
    for _ in range(WARM_UP):
        for _name, url, client in plan:
            _get(client, url)
    times = {name: [] for name, _url, _client in plan}
    for _ in range(requests):
        for name, url, client in plan:
            start = time.perf_counter()
            _get(client, url)
            times[name].append((time.perf_counter() - start) * 1000)
    results = {}
    for name, url, client in plan:
        with CaptureQueriesContext(connection) as queries:
            _get(client, url)
        results[name] = {
            "url": url,
            "median_ms": round(statistics.median(times[name]), 1),
            "p95_ms": round(percentile(times[name], 0.95), 1),
            "queries": len(queries.captured_queries),
        }
    return results


@override_settings(ROOT_URLCONF="utsyn.bench.urls")
def profile(slug, page, requests):
    """cProfile's view of `requests` requests of one page, after a warm-up: where time goes."""
    name, url, client = next(entry for entry in _plan(slug) if entry[0] == page)
    _get(client, url)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(requests):
        _get(client, url)
    profiler.disable()
    return profiler


def reports(slug, formats, runs=3):
    """Each report in each format: the best and the median of `runs` builds, after a warm-up
    (fonts, matplotlib); and the process's peak memory."""
    from utsyn.reports.building import build, make_request

    organisation = Organisation.objects.get(slug=slug)
    build(make_request(organisation, REPORTS[0], formats[0]))
    results = []
    for report in REPORTS:
        for fmt in formats:
            request = make_request(organisation, report, fmt)
            seconds = []
            for _ in range(runs):
                start = time.perf_counter()
                build(request)
                seconds.append(time.perf_counter() - start)
            results.append(
                {
                    "report": report,
                    "format": fmt,
                    "best_s": round(min(seconds), 2),
                    "median_s": round(statistics.median(seconds), 2),
                }
            )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"builds": results, "peak_memory_mb": round(peak)}

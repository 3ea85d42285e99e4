"""Gunicorn's settings for Utsyn: `gunicorn utsyn.wsgi` reads this file from the working
directory (or name it with `-c`). Each setting can be changed from the environment.

Processes give the Python code every core; threads (gthread) let a process answer other
requests while one waits for the database, hashes a password or builds a report file. One
process per core plus one, four threads each: 3 × 4 on the two cores `make load` measures.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", (os.cpu_count() or 1) + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 4))
# Without a task worker, report files (PDF, Word) are built in the request.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 120))
graceful_timeout = 30
keepalive = 5
# A worker is replaced now and then, which returns memory that PDF and chart building took.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 10000))
max_requests_jitter = max_requests // 10
# The load balancer or reverse proxy in front, whose X-Forwarded-* headers are believed.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"


def post_worker_init(worker):
    """Loads, before a new worker takes requests, what Django and Utsyn otherwise load on first
    use: the URLs with every view, the translations and the report classes (matplotlib). On a
    busy two-core machine the first visitor would wait seconds for it."""
    from django.conf import settings
    from django.urls import get_resolver
    from django.utils import translation

    from utsyn.reports.base import all_reports

    get_resolver().reverse_dict  # noqa: B018 – imports every view and builds the URL index
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Log in")
    all_reports()

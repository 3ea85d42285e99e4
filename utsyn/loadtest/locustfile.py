"""The people `make load` simulates: anonymous visitors, readers and editors (50/35/15).

Run by run.py, which passes the set-up made by `manage.py prepare_load` in UTSYN_LOAD_SETUP
(a JSON file). Every page is fetched without following redirects and must answer exactly what
it answers a real person: 200 for a page, 302 after a login or a saved form. Anything else, a
redirect to the login page included, counts as a failure.
"""

import csv
import itertools
import json
import os
import random
import time
from urllib.parse import urlsplit

from locust import HttpUser, between, events, task

from utsyn.loadtest.pages import Unexpected, form_with, links_matching, outstanding_updates

STATUSES = ["on_track", "delayed", "continuous", "not_started"]


def _setup():
    path = os.environ.get("UTSYN_LOAD_SETUP")
    if not path:
        raise RuntimeError("Set UTSYN_LOAD_SETUP to the JSON of `manage.py prepare_load --json`.")
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


SETUP = _setup()
ORGANISATION = SETUP["organisation"]
# Anonymous visitors read the published pages of every demo organisation.
PUBLIC_ORGANISATIONS = SETUP.get("public_organisations", [ORGANISATION])


@events.init.add_listener
def _log_each_request(environment, **kwargs):
    """With UTSYN_LOAD_REQUEST_LOG, writes every request (start, name, ms, failed) to a CSV
    file, from which run.py reads how response times changed during the run."""
    path = os.environ.get("UTSYN_LOAD_REQUEST_LOG")
    if not path:
        return
    log = open(path, "w", encoding="utf-8", newline="")  # noqa: SIM115 – open while locust runs
    writer = csv.writer(log)

    @environment.events.request.add_listener
    def _write(request_type, name, response_time, exception, start_time=None, **kwargs):
        start = round(start_time or time.time(), 3)
        writer.writerow(
            [start, f"{request_type} {name}", round(response_time, 1), int(bool(exception))]
        )

    environment.events.quitting.add_listener(lambda **kwargs: log.close())


def _unexpected(response, expected):
    if not response.status_code:  # no answer at all
        return f"{type(response.error).__name__}: {response.error}"
    return f"{response.status_code} instead of {expected}"


class Person(HttpUser):
    abstract = True
    wait_time = between(1, 3)

    def on_start(self):
        self.loopback = urlsplit(self.host).hostname in ("127.0.0.1", "localhost", "::1")

    def send_secure_cookies(self):
        """Production marks its cookies Secure; browsers send them to http://127.0.0.1 all the
        same, since they count loopback as a secure context. requests does not, so the flag is
        dropped here, on loopback only."""
        if self.loopback:
            for cookie in self.client.cookies:
                cookie.secure = False

    def page(self, url, name=None, expect=200, read=None):
        """GETs a page. Anything but `expect` fails (a redirect to the login page too), and so
        does a page from which `read(text)`, which returns what the caller needs from it,
        raises Unexpected. Returns that, or the response without `read`; None on failure."""
        return self._request("GET", url, name or url, expect, read)

    def post(self, url, data, name, expect=302):
        return self._request("POST", url, name, expect, data=data)

    def _request(self, method, url, name, expect, read=None, **kwargs):
        self.send_secure_cookies()
        with self.client.request(
            method, url, name=name, allow_redirects=False, catch_response=True, **kwargs
        ) as response:
            if response.status_code != expect:
                response.failure(_unexpected(response, expect))
                return None
            if read is None:
                return response
            try:
                return read(response.text)
            except Unexpected as problem:
                response.failure(str(problem))
                return None

    def open_one_of(self, list_url, list_name, pattern, detail_name, read=None):
        """Opens a list page, then one of the pages it links to that match `pattern`."""
        urls = self.page(list_url, list_name, read=links_matching(pattern))
        return self.page(random.choice(urls), detail_name, read=read) if urls else None


class Member(Person):
    """Logs in through the real login form with an account of the set-up."""

    abstract = True
    accounts = []
    _numbers = None

    def on_start(self):
        super().on_start()
        cls = type(self)
        if cls._numbers is None:
            cls._numbers = itertools.count()
        self.username = self.accounts[next(cls._numbers) % len(self.accounts)]
        self.log_in()

    def log_in(self):
        form = self.page("/accounts/login/", "login form", read=form_with(field_name="username"))
        if form is None:
            return
        self.wait()  # typing the user name and password
        data = form.data(username=self.username, password=SETUP["password"])
        self.post("/accounts/login/", data, "login")

    def url(self, path):
        return f"/{ORGANISATION}/{path}"

    def name(self, path):
        return f"/[org]/{path}"


class AnonymousVisitor(Person):
    """Reads the published pages: front page, plans, register, visit information, calendar."""

    weight = 50

    def on_start(self):
        super().on_start()
        self.organisation = random.choice(PUBLIC_ORGANISATIONS)

    @task(3)
    def front_page(self):
        self.page(f"/{self.organisation}/", "/[org]/")

    @task(3)
    def published_plan(self):
        org = self.organisation
        self.open_one_of(
            f"/{org}/published/plans/",
            "/[org]/published/plans/",
            rf"/{org}/published/plans/\d+/",
            "/[org]/published/plans/[id]/",
        )

    @task(3)
    def public_register(self):
        org = self.organisation
        self.open_one_of(
            f"/{org}/register/",
            "/[org]/register/",
            rf"/{org}/register/\d+/",
            "/[org]/register/[id]/",
        )

    @task(1)
    def visit_information(self):
        self.page(f"/{self.organisation}/visit/how-visits-work/", "/[org]/visit/how-visits-work/")

    @task(1)
    def calendar_feed(self):
        self.page(f"/{self.organisation}/calendar.ics", "/[org]/calendar.ics")


class Reader(Member):
    """A viewer: dashboard, the register, plans and their items, rounds, reports."""

    weight = 35
    accounts = SETUP["readers"]

    @task(2)
    def dashboard(self):
        self.page(self.url("dashboard/"), self.name("dashboard/"))

    @task(3)
    def arena(self):
        self.open_one_of(
            self.url("arenas/"),
            self.name("arenas/"),
            rf"/{ORGANISATION}/arenas/\d+/",
            self.name("arenas/[id]/"),
        )

    @task(3)
    def plan_and_item(self):
        items = self.open_one_of(
            self.url("plans/"),
            self.name("plans/"),
            rf"/{ORGANISATION}/plans/\d+/",
            self.name("plans/[id]/"),
            read=links_matching(rf"/{ORGANISATION}/items/\d+/"),
        )
        if items:
            self.page(random.choice(items), self.name("items/[id]/"))

    @task(1)
    def round(self):
        self.open_one_of(
            self.url("rounds/"),
            self.name("rounds/"),
            rf"/{ORGANISATION}/rounds/\d+/",
            self.name("rounds/[id]/"),
        )

    @task(1)
    def reports(self):
        self.page(self.url("reports/"), self.name("reports/"))


class Editor(Member):
    """An editor of one unit: opens the to-do list of the open round, opens one of the tasks
    still owed, changes its status update and saves it as a draft or submits it."""

    weight = 15
    accounts = SETUP["editors"]

    @task
    def update_a_task(self):
        owed = self.page(
            self.url(f"rounds/{SETUP['round']}/todo/"),
            self.name("rounds/[id]/todo/"),
            read=outstanding_updates,
        )
        if not owed:
            return
        url = random.choice(owed)
        name = self.name("rounds/[id]/update/[id]/")
        action = "submit" if random.random() < 1 / 3 else "save"
        form = self.page(url, name, read=form_with(button=("action", action)))
        if form is None:
            return
        data = form.data(
            button=("action", action),
            status=form.value("status") or random.choice(STATUSES),
            progress=random.randint(0, 100),
            text=f"Status fra lasttesten: {random.randint(1, 10**6)}.",
        )
        saved = self.post(url, data, f"{name} ({action})")
        if saved is not None:
            self.page(saved.headers["Location"], f"{name} (after {action})")

"""Headless Chromium for the browser tests: Debian's own build, driven by Playwright.

One browser serves each test module; each test opens its own contexts (a context is a
fresh profile: its own cookies). Pages log in through a session cookie made on the server,
except where the test is the login itself.
"""

import os

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connections
from django.test import Client

from .tools import AXE, CHROMIUM, missing, need_file

# Playwright's sync API runs an event loop in the test's thread while the browser is open, and
# Django refuses database queries beside a running loop unless told that it is safe. It is: the
# test's own queries run in this thread one at a time. The browser lives for one test module,
# so the loop (and the permission) end with it and never reach the rest of the suite.
ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"


@pytest.fixture(scope="module")
def browser(django_db_setup, django_db_blocker):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("Playwright (the Python package, in the dev extra)")
    need_file(CHROMIUM, f"Chromium ({CHROMIUM}; Debian's package chromium)")
    # Django keeps its connections in context variables, and the code after Playwright starts
    # runs in another context: without this the test would open new connections, which lack
    # the test database's serialized contents that put the UN goals back after each test.
    with django_db_blocker.unblock():
        originals = {alias: connections[alias] for alias in connections}
    previous = os.environ.get(ASYNC_UNSAFE)
    os.environ[ASYNC_UNSAFE] = "true"
    try:
        with sync_playwright() as playwright:
            for alias, connection in originals.items():
                connections[alias] = connection
            # The browser's language decides the order of a date field's parts, which the
            # keyboard tests type: month, day, year in American English. (The interface
            # language of the pages is chosen with Utsyn's language cookie.)
            chromium = playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=["--lang=en-US"]
            )
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            del os.environ[ASYNC_UNSAFE]
        else:
            os.environ[ASYNC_UNSAFE] = previous


@pytest.fixture
def open_context(browser, live_server):
    """open_context(language, username=None, axe=False): a browser profile with the interface
    language chosen (the cookie the language switcher sets), for a username logged in, and
    with axe-core in every page if asked for."""
    contexts = []

    def open_(language, username=None, axe=False):
        context = browser.new_context(base_url=live_server.url, locale="en-US")
        cookies = [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language}]
        if username:
            client = Client()
            client.force_login(get_user_model().objects.get(username=username))
            session = client.cookies[settings.SESSION_COOKIE_NAME].value
            cookies.append({"name": settings.SESSION_COOKIE_NAME, "value": session})
        context.add_cookies([{**cookie, "url": live_server.url} for cookie in cookies])
        if axe:
            # An init script, not a <script> tag: it runs in every page without being subject
            # to the page's Content-Security-Policy, which forbids inline scripts.
            context.add_init_script(path=need_file(AXE, "axe-core (npm package)"))
        contexts.append(context)
        return context

    yield open_
    for context in contexts:
        context.close()

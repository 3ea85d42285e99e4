"""What the simulated people read from Utsyn's pages. Each reader takes a page's HTML and
returns what the person needs from it, or raises Unexpected, which the locustfile counts as a
failed request. Kept apart from the locustfile so that tests import them without locust (whose
import patches the standard library for gevent)."""

import re

from .htmlforms import find_form, parse_links, parse_rows

# The to-do list marks each task's state with a class; these are still owed by the unit.
OUTSTANDING = {"state--to_do", "state--draft", "state--returned"}


class Unexpected(Exception):
    """A page that answered, but not with what a person needs from it."""


def links_matching(pattern, required=True):
    """Reads the links of a page that match `pattern`; none is a failure when `required`."""

    def read(text):
        urls = sorted({url for url in parse_links(text) if re.fullmatch(pattern, url)})
        if required and not urls:
            raise Unexpected(f"no link matching {pattern}")
        return urls

    return read


def form_with(button=None, field_name=None):
    """Reads the page's form with that submit button (name, value) or that field."""

    def read(text):
        form = find_form(text, button=button, field_name=field_name)
        if form is None:
            raise Unexpected(f"no form with {button or field_name}")
        return form

    return read


def outstanding_updates(text):
    """The status updates a to-do list shows as still owed (to do, draft or returned)."""
    owed = [
        link
        for row in parse_rows(text)
        if row["classes"] & OUTSTANDING
        for link in row["links"]
        if "/update/" in link
    ]
    if not owed:
        raise Unexpected("no status update left to fill in")
    return owed

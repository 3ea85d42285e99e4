"""Nothing a user can type breaks a page.

Every form of the URL walk (`test_isolation.COVERAGE`) is opened as the administrator and
posted back with one field at a time replaced by a boundary value: empty, 100,000 characters,
a NUL byte, right-to-left text with emoji, negative and huge numbers, the years 1 and 9999,
malformed, huge and another organisation's ids. Required: never a server error; a refused post
changes nothing; and afterwards every page that shows what was saved (lists, details, public
pages, downloads, the calendar feed, the reports) still answers. A new form is walked without
a line added here.
"""

import itertools

import pytest
from django.template import Template
from django.test import Client
from django.test.utils import _TestState
from django.urls import reverse

from utsyn.loadtest.htmlforms import parse_forms
from utsyn.testing.shared import shared_worlds

from .test_isolation import COVERAGE, _state
from .test_methods import _url

# The two organisations, built once for the module's hundreds of tests.
alpha, beta = shared_worlds()

NUMBERS = ["-1", "-99999999999999999999", "99999999999999999999", "1e308", "NaN"]
DATES = ["0001-01-01", "9999-12-31"]
TIMES = ["0001-01-01 00:00", "9999-12-31 23:59"]
TEXTS = ["", "x" * 100_000, "a\x00b", "\u202bשלום مرحبا 👩🏽‍💻\u202c"]
CRAFTED = ["", "abc", "a\x00b"]  # what a crafted post sends where the browser keeps to a kind
# The values tried in each kind of field: free text gets texts; a field the browser keeps to
# numbers or dates gets those and crafted text; a text input or a hidden one, which may hold
# a number or a date, gets everything.
BY_KIND = {
    "textarea": TEXTS,
    "number": CRAFTED + NUMBERS,
    "date": CRAFTED + NUMBERS[:1] + DATES,
    "datetime-local": CRAFTED + TIMES,
    "checkbox": CRAFTED[:1] + TEXTS[1:3],
}
EVERYTHING = TEXTS + NUMBERS + DATES + TIMES
IDS = ["", "99999999999999999999", "-1", "0", "abc", "a\x00b"]
HIDDEN = {"csrfmiddlewaretoken"}  # the test client does not check it
# Fields whose stored value must be unique: each post gets its own, so that a create form's
# post is refused for the value under test, not for a clash with the one saved before.
UNIQUE = {"name", "identifier", "title", "short_name", "delegation_name"}
# Forms whose every boundary post is refused, and why.
NEVER_SAVED = {
    "indicators:target_create": "the world's indicator has a target for its one year already",
    "organisations:member_create": "the form adds an existing account, which the walk has not",
    "projects:document_create": "a document needs an uploaded file (tested in projects)",
}
# Pages read after the posts: everything but the forms themselves.
READ_PAGES = [
    name
    for name in COVERAGE
    if not any(word in name for word in ("create", "edit", "delete", "move", "reorder"))
    and name not in {"followup:close", "followup:remind", "audit:restore", "reports:build"}
]


def _forms_on(client, url):
    response = client.get(url)
    if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
        return []
    # The page's own forms, which post back to it (not the language switcher in the header).
    return [
        form
        for form in parse_forms(response.content.decode())
        if form.method == "post" and form.action in ("", url)
    ]


def _form_pages(world, client):
    """(URL name, URL) of every page in the walk that shows a form to post."""
    return [(name, _url(name, world)) for name in COVERAGE if _forms_on(client, _url(name, world))]


def _cases(form, foreign_options):
    """(field, value) pairs: every boundary value for every field of the form."""
    offered = {**form.choices, **form.options}
    for name in dict.fromkeys([*form.names, *offered]):
        if name in HIDDEN:
            continue
        if name in offered and offered[name] != ["on"]:  # a choice of rows or values
            foreign = [value for value in foreign_options.get(name, []) if value]
            for value in IDS + foreign[-1:]:
                yield name, value
        else:
            for value in BY_KIND.get(form.kinds.get(name), EVERYTHING):
                yield name, value


def _post(client, url, form, field, value, counter):
    data = {}
    for name, given in form.fields:
        data.setdefault(name, []).append(given)
    for name in UNIQUE & set(data):
        data[name] = [f"{data[name][0]} {counter}"[:100]]
    if field is not None:
        data[field] = [value]
    button = form.buttons[0] if form.buttons else None
    if button:
        data[button[0]] = [button[1]]
    return client.post(url, data)


def _baseline(client, name, world, form):
    """A create form filled in with the values of its edit form, so that posts that change
    one field at a time get as far as saving; any other form as it is shown."""
    edit = name.replace("create", "edit")
    if edit == name or edit not in COVERAGE:
        return form
    shown = _forms_on(client, _url(edit, world))[0]
    values = {key: value for key, value in shown.fields if key != "opened_state"}
    form.fields = [(key, values.get(key, value)) for key, value in form.fields]
    form.fields += [(key, value) for key, value in shown.fields if key not in form.names]
    return form


def _read_everything(client, anonymous, world, extra_urls):
    for name in READ_PAGES:
        public = COVERAGE[name][0]
        response = (anonymous if public else client).get(_url(name, world))
        assert response.status_code < 500, name
    for url in extra_urls:
        assert client.get(url).status_code < 500, url
    for report in ("arena-review", "annual", "vlr"):
        url = reverse("reports:show", kwargs={"organisation": world.slug, "report": report})
        assert client.get(url).status_code < 500, report


@pytest.fixture
def _uninstrumented_templates(monkeypatch):
    # The test runner copies the whole context for every template rendered, so that tests can
    # read `response.context`; this walk never does, and a form page renders a template for
    # every widget. Rendering as in production halves the walk's time.
    monkeypatch.setattr(Template, "_render", _TestState.saved_data.template_render)


# The walk's pages, each its own test; the ones without a form are skipped.
@pytest.mark.parametrize("name", sorted(COVERAGE))
@pytest.mark.usefixtures("_uninstrumented_templates")
def test_no_boundary_value_breaks_a_form_or_a_page(name, alpha, beta, client):
    client.force_login(alpha.administrator)
    url = _url(name, alpha)
    forms = _forms_on(client, url)
    if not forms:
        pytest.skip("no form on this page")
    foreign_client = Client()
    foreign_client.force_login(beta.administrator)
    foreign_forms = _forms_on(foreign_client, _url(name, beta))
    foreign_options = (
        {**foreign_forms[0].choices, **foreign_forms[0].options} if foreign_forms else {}
    )
    counter = itertools.count()
    saved_pages = []
    form = _baseline(client, name, alpha, forms[0])
    before = _state()
    cases = [(None, None), *_cases(forms[0], foreign_options)]  # first as it is, then hostile
    for field, value in cases:
        response = _post(client, url, form, field, value, next(counter))
        assert response.status_code < 500, (field, (value or "")[:40])
        if response.status_code == 302:
            saved_pages.append(response["Location"])
            # Posted again as opened now: an edit form carries the state it was opened with.
            form = next(iter(_forms_on(client, url)), None)
            if form is None:  # the object is gone (deleted, answered): nothing more to post
                break
            before = _state()
        else:
            assert _state() == before, f"{field}={value!r:.40} was refused but saved something"
    # The walk reached the saving code, not only the form's checks.
    assert saved_pages or name in NEVER_SAVED, "no boundary value was saved: check the baseline"
    _read_everything(client, Client(), alpha, saved_pages)


# The fields the outside test found: a huge id in a multiple choice was a server error.
HUGE_ID_FIELDS = [
    ("arenas:edit", "themes"),
    ("arenas:edit", "sdg_goals"),
    ("activities:edit", "plan_items"),
    ("activities:request_triage", "plan_items"),
    ("indicators:edit", "items"),
    ("plans:item_edit", "serves"),
    ("plans:item_edit", "sdg_goals"),
    ("projects:edit", "sdg_goals"),
]


@pytest.mark.parametrize("value", ["99999999999999999999", "9223372036854775808", "-1e30"])
@pytest.mark.parametrize("name, field", HUGE_ID_FIELDS)
def test_a_huge_id_in_a_multiple_choice_is_a_form_error(name, field, value, alpha, client):
    client.force_login(alpha.administrator)
    url = _url(name, alpha)
    form = _forms_on(client, url)[0]
    assert field in {**form.choices, **form.options}, f"{name} has no field {field}"
    before = _state()
    response = _post(client, url, form, field, value, 0)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert _state() == before

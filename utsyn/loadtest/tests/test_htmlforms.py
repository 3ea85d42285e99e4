"""The load test's editors post back the forms they are shown: the parser must read every
control of a real rendered form, and the app must accept what it reads."""

import re
from urllib.parse import urlencode

from django.urls import reverse

from utsyn.followup.models import TaskState
from utsyn.loadtest.htmlforms import find_form, parse_forms, parse_links, parse_rows


def _task_url(world, task, kind="update"):
    kwargs = {"organisation": world.slug, "round_pk": task.round_id, "kind": kind, "pk": task.pk}
    return reverse("followup:task", kwargs=kwargs)


def _control_names(form_html):
    """Every named control of a form's HTML, submit buttons left out."""
    names = set()
    for tag, attributes in re.findall(r"<(input|select|textarea|button)\b([^>]*)>", form_html):
        name = re.search(r'\bname="([^"]+)"', attributes)
        kind = re.search(r'\btype="([^"]+)"', attributes)
        is_button = tag == "button" or (kind and kind.group(1) in {"submit", "image"})
        if name and not is_button:
            names.add(name.group(1))
    return names


def _post(client, url, pairs):
    """Posts the (name, value) pairs as a browser posts a form."""
    return client.post(url, urlencode(pairs), content_type="application/x-www-form-urlencoded")


def _log_in(client, username, password):
    """Logs in through the login form, as the load test's readers and editors do."""
    form = find_form(client.get(reverse("login")).content.decode(), field_name="username")
    response = _post(client, reverse("login"), form.data(username=username, password=password))
    assert response.status_code == 302, response.content.decode()[:500]


def test_the_parser_reads_every_control_of_the_task_form_and_the_app_accepts_them(alpha, client):
    _log_in(client, alpha.editor.username, "secret-password")
    url = _task_url(alpha, alpha.update)
    response = client.get(url)
    html = response.content.decode()

    form = find_form(html, button=("action", "submit"))
    assert form is not None and form.method == "post"
    (form_html,) = [
        part for part in re.findall(r"<form\b.*?</form>", html, re.S) if 'value="submit"' in part
    ]
    assert form.names == _control_names(form_html)
    django_form = response.context["form"]
    assert {field.html_name for field in django_form} | {"csrfmiddlewaretoken"} <= form.names
    assert form.has_button("action", "save")
    assert form.value("status") == (alpha.update.status or "")
    assert "on_track" in form.options["status"]

    data = form.data(button=("action", "save"), status="on_track", progress=55, text="Nytt.")
    saved = _post(client, url, data)
    assert saved.status_code == 302 and saved["Location"] == url
    alpha.update.refresh_from_db()
    assert (alpha.update.state, alpha.update.progress, alpha.update.text) == (
        TaskState.DRAFT,
        55,
        "Nytt.",
    )

    # The draft's values come back in the form; posted back unchanged they submit it.
    form = find_form(client.get(url).content.decode(), button=("action", "submit"))
    assert (form.value("status"), form.value("progress"), form.value("text")) == (
        "on_track",
        "55",
        "Nytt.",
    )
    assert _post(client, url, form.data(button=("action", "submit"))).status_code == 302
    alpha.update.refresh_from_db()
    assert alpha.update.state == TaskState.SUBMITTED and alpha.update.text == "Nytt."


def test_the_editors_to_do_list_rows_name_each_task_and_its_state(alpha, client):
    _log_in(client, alpha.editor.username, "secret-password")
    url = reverse("followup:todo", kwargs={"organisation": alpha.slug, "pk": alpha.round.pk})
    rows = [row for row in parse_rows(client.get(url).content.decode()) if row["links"]]
    assert [(row["links"], "state--to_do" in row["classes"]) for row in rows] == [
        ([_task_url(alpha, alpha.update)], True),
        ([_task_url(alpha, alpha.arena_review, kind="review")], True),
    ]


def test_the_parser_submits_what_a_browser_submits():
    html = """
    <form method="post" action="/x/"><input type="hidden" name="token" value="t&amp;1">
      <input name="plain"><input type="text" name="disabled" value="no" disabled>
      <input type="checkbox" name="tick" checked><input type="checkbox" name="untick" value="1">
      <input type="radio" name="choice" value="a">
      <input type="radio" name="choice" value="b" checked>
      <input type="file" name="upload"><input type="submit" name="go" value="Go">
      <select name="first"><option value="">–<option value="x">X</select>
      <select name="chosen"><option value="a">A</option>
        <option value="b" selected>B</option></select>
      <select name="many" multiple><option selected>one</option><option>two</option></select>
      <textarea name="text">
line one
line two</textarea>
      <button type="submit" name="action" value="save">Save</button>
      <button type="button" name="nothing">No</button>
    </form>
    <form><input name="q"></form>
    """
    first, second = parse_forms(html)
    assert (first.method, first.action, second.method) == ("post", "/x/", "get")
    assert first.fields == [
        ("token", "t&1"),
        ("plain", ""),
        ("tick", "on"),
        ("choice", "b"),
        ("first", ""),
        ("chosen", "b"),
        ("many", "one"),
        ("text", "line one\nline two"),
    ]
    assert first.buttons == [("go", "Go"), ("action", "save")]
    assert first.options == {"first": ["", "x"], "chosen": ["a", "b"], "many": ["one", "two"]}
    assert first.data(button=("action", "save"), plain="typed")[-2:] == [
        ("plain", "typed"),
        ("action", "save"),
    ]
    assert find_form(html, field_name="q") == second
    assert find_form(html, button=("action", "delete")) is None


def test_links_are_read_in_order():
    html = '<p><a href="/a/">A</a> <a>no link</a><a href="/b/?x=1&amp;y=2">B</a></p>'
    assert parse_links(html) == ["/a/", "/b/?x=1&y=2"]

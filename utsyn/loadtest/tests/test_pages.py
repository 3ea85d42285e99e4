"""What the simulated editors and readers read from real pages."""

import pytest
from django.urls import reverse

from utsyn.loadtest.pages import Unexpected, form_with, links_matching, outstanding_updates


def test_an_editor_finds_the_updates_still_owed_and_their_form(alpha, client):
    client.force_login(alpha.editor)
    todo = reverse("followup:todo", kwargs={"organisation": alpha.slug, "pk": alpha.round.pk})
    (url,) = outstanding_updates(client.get(todo).content.decode())
    assert url.endswith(f"/update/{alpha.update.pk}/")
    form = form_with(button=("action", "submit"))(client.get(url).content.decode())
    assert {"status", "progress", "text", "csrfmiddlewaretoken"} <= form.names

    alpha.update.state = "submitted"
    alpha.update.save()
    with pytest.raises(Unexpected, match="no status update left"):
        outstanding_updates(client.get(todo).content.decode())
    with pytest.raises(Unexpected, match="no form"):
        form_with(button=("action", "submit"))(client.get(url).content.decode())


def test_a_list_without_the_links_looked_for_is_a_failure():
    read = links_matching(r"/alpha/arenas/\d+/")
    page = '<a href="/alpha/arenas/7/">A</a><a href="/alpha/arenas/">all</a>'
    assert read(page) == ["/alpha/arenas/7/"]
    with pytest.raises(Unexpected):
        read('<a href="/alpha/">home</a>')
    assert links_matching(r"/x/\d+/", required=False)("<p>none</p>") == []

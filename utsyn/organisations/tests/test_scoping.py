import pytest
from django_scopes import scope, scopes_disabled
from django_scopes.exceptions import ScopeError

from utsyn.arenas.models import Arena
from utsyn.audit.models import LogEntry


@pytest.mark.parametrize("model", [Arena, LogEntry])
def test_a_query_outside_an_organisation_scope_fails_loudly(model, municipality):
    # An active scope that names no organisation, as in a request to a page outside any
    # organisation or a command that forgot to open one.
    with scope(), pytest.raises(ScopeError):
        list(model.objects.all())


def test_inside_a_scope_only_that_organisations_rows_are_seen(alpha, beta):
    with scope(organisation=alpha.organisation):
        names = set(Arena.objects.values_list("name", flat=True))
    assert alpha.published_arena.name in names
    assert beta.published_arena.name not in names
    with scopes_disabled():
        assert Arena.objects.filter(name=beta.published_arena.name).exists()

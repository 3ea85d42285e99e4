"""Shared test fixtures. A test asks for what it needs: the `municipality` (one organisation
with its units and its administrator, editor and viewer) and the `outsider` of another
organisation, or an app's fixtures (`arena`, `measure`, `follow_up_round`, `indicator`,
`project`, `activity`), each from its app's `testing` module. The walkers that go through
every page (isolation, hostile input, escaping, concurrency, the bin) take `alpha` and `beta`:
two organisations with one of everything (`utsyn.testing.World`)."""

import pytest

# Each app's fixtures, built only when a test names them (registered before `utsyn.testing`
# imports them, so that pytest can still rewrite their asserts).
pytest_plugins = [
    "utsyn.organisations.testing",
    "utsyn.arenas.testing",
    "utsyn.plans.testing",
    "utsyn.followup.testing",
    "utsyn.indicators.testing",
    "utsyn.projects.testing",
    "utsyn.activities.testing",
]
pytest.register_assert_rewrite(*pytest_plugins)

from django.test import Client, RequestFactory  # noqa: E402  # after the registration above
from django_scopes import scopes_disabled  # noqa: E402

from utsyn.testing import build_world  # noqa: E402


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Real hashers are slow by design; the suite creates many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


class LoginClient(Client):
    """The test client, whose `login()` goes through django-axes like the login page: axes'
    backend refuses to authenticate without a request, and Django's `Client.login` has none."""

    def login(self, **credentials):
        credentials.setdefault("request", RequestFactory().post("/accounts/login/"))
        return super().login(**credentials)


@pytest.fixture
def client():
    return LoginClient()


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path_factory):
    # Built report files go to a folder of the test's own, never into var/.
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _unscoped_setup():
    # Test set-up creates rows of several organisations directly. Requests still run inside
    # the organisation scope that the middleware opens, so leaks in views are caught.
    with scopes_disabled():
        yield


@pytest.fixture
def alpha(db):
    return build_world("alpha", "Alpha kommune")


@pytest.fixture
def beta(db):
    return build_world("beta", "Beta kommun", country="SE", language="sv")


@pytest.fixture
def login(client):
    def as_user(user):
        client.force_login(user)
        return client

    return as_user

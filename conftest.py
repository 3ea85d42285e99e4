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

import io  # noqa: E402

from django.core.management import call_command  # noqa: E402
from django.test import Client, RequestFactory  # noqa: E402  # after the registration above
from django_scopes import scopes_disabled  # noqa: E402

from utsyn.testing import build_world  # noqa: E402
from utsyn.testing.shared import (  # noqa: E402
    FAST_PASSWORD_HASHERS,
    copy_for_test,
    shared_rows,
)


def pytest_make_parametrize_id(config, val, argname):
    # Bytes are named by their parameter, not their content: a zip file's bytes hold the time
    # it was made, and the test processes (pytest-xdist) must agree on every test's name.
    if isinstance(val, bytes):
        return argname
    return None


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = FAST_PASSWORD_HASHERS


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


def _alpha():
    return build_world("alpha", "Alpha kommune")


def _beta():
    return build_world("beta", "Beta kommun", country="SE", language="sv")


@pytest.fixture
def alpha(db):
    return _alpha()


@pytest.fixture
def beta(db):
    return _beta()


# The walkers, hundreds of tests on the same two organisations, build them once per module
# (`utsyn.testing.shared`): such a module takes them with `alpha, beta = shared_worlds()`.
shared_alpha_and_beta = shared_rows(lambda: (_alpha(), _beta()))

# Both demo organisations as `make demo` loads them, loaded once per module.
shared_demo = shared_rows(lambda: call_command("load_demo", stdout=io.StringIO()))


@pytest.fixture
def demo(shared_demo, db, settings):
    copy_for_test(shared_demo, settings)


@pytest.fixture
def login(client):
    def as_user(user):
        client.force_login(user)
        return client

    return as_user

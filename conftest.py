"""Shared test fixtures: two organisations, each with an administrator, an editor attached to
one unit, a viewer, and some data; plus a person who belongs to neither."""

import pytest
from django.test import Client, RequestFactory
from django_scopes import scopes_disabled

from utsyn.testing import build_world


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

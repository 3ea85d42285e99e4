"""Rows built once for a whole test module, for the modules that run hundreds of tests on the
same rows: the walkers over every page (two organisations with one of everything) and the
tests of the demo (both demo organisations, a few seconds to load).

The rows are built in a transaction that stays open while the module runs. Each test runs
inside it in a savepoint of its own (pytest-django's `db`), rolled back after the test, so a
test that changes rows leaves nothing for the next one; the whole transaction is rolled back
after the module. Each test gets its own copy of the Python objects, as Django's
`setUpTestData` gives, so that a test changing an object's attribute does not change the next
test's. Files the rows need are written to a folder of the module's own.

Not for modules with transactional tests (`transaction=True`, the live server): those empty the
database after themselves, which would take the shared rows with them.
"""

import copy
from operator import itemgetter

import pytest
from django.db import transaction
from django.test import override_settings
from django_scopes import scopes_disabled

# Real hashers are slow by design, and tests create many users: every test hashes with this one
# (the conftest), and so do the rows built for a module, whose users the tests then log in.
FAST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def shared_rows(build):
    """A module-scoped fixture of what `build()` returns, built once for the module. A test
    asks for it through a function-scoped fixture made with `copy_for_test`."""

    @pytest.fixture(scope="module")
    def rows(django_db_setup, django_db_blocker, tmp_path_factory):
        media = tmp_path_factory.mktemp("shared-media")
        with django_db_blocker.unblock():
            block = transaction.atomic()
            block.__enter__()
        try:
            with (
                django_db_blocker.unblock(),
                override_settings(MEDIA_ROOT=media, PASSWORD_HASHERS=FAST_PASSWORD_HASHERS),
            ):
                with scopes_disabled():
                    built = build()
            yield built, media
        finally:
            with django_db_blocker.unblock():
                transaction.set_rollback(True)
                block.__exit__(None, None, None)

    return rows


def copy_for_test(shared, settings, pick=lambda built: built):
    """The test's own copy of the shared rows' objects (or the part `pick` chooses), with the
    module's folder for the files the rows refer to."""
    built, media = shared
    settings.MEDIA_ROOT = media
    return copy.deepcopy(pick(built))


def shared_worlds():
    """`alpha` and `beta` for a walker module, from the two organisations built once for it
    (`shared_alpha_and_beta` in the conftest): `alpha, beta = shared_worlds()`."""

    @pytest.fixture
    def alpha(shared_alpha_and_beta, db, settings):
        return copy_for_test(shared_alpha_and_beta, settings, itemgetter(0))

    @pytest.fixture
    def beta(shared_alpha_and_beta, db, settings):
        return copy_for_test(shared_alpha_and_beta, settings, itemgetter(1))

    return alpha, beta

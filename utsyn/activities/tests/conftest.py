import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # The rate limit of the public form lives in the cache, which outlives a test's database.
    cache.clear()
    yield
    cache.clear()

"""REDIS_URL moves cache and sessions to Redis; without it nothing changes."""

import json
import os
import subprocess
import sys

from django.conf import settings

PRODUCTION = {
    "UTSYN_DEBUG": "0",
    "SECRET_KEY": "a-long-random-production-key-for-the-check-0123456789abcdefghijkl",
    "ALLOWED_HOSTS": "utsyn.example.org",
}
SHOW = (
    "import json; from django.conf import settings; "
    "print(json.dumps([settings.CACHES['default'], settings.SESSION_ENGINE]))"
)


def _manage(tmp_path, *args, **env):
    environment = {
        key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "REDIS_URL"}
    }
    # Never near the developer's database under var/.
    environment.update(UTSYN_VAR_DIR=str(tmp_path), **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _cache_and_sessions(tmp_path, **env):
    result = _manage(tmp_path, "shell", "--no-imports", "-c", SHOW, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_redis_url_puts_cache_and_sessions_in_redis(tmp_path):
    cache, sessions = _cache_and_sessions(tmp_path, REDIS_URL="redis://cache.internal:6379/2")
    assert cache["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert cache["LOCATION"] == "redis://cache.internal:6379/2"
    assert sessions == "django.contrib.sessions.backends.cached_db"


def test_without_redis_url_each_process_has_its_own_cache_and_sessions_are_in_the_database(
    tmp_path,
):
    cache, sessions = _cache_and_sessions(tmp_path)
    assert cache["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert sessions == "django.contrib.sessions.backends.db"


def test_production_with_redis_passes_the_deployment_check(tmp_path):
    result = _manage(
        tmp_path,
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        REDIS_URL="redis://cache:6379/0",
        **PRODUCTION,
    )
    assert result.returncode == 0, result.stdout + result.stderr

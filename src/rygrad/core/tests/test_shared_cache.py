"""The cache that holds the login limit's counts is shared by every worker process and
survives a restart: it is the database (made by `migrate`), or Redis when CACHE_URL says so.
"""

import os
import runpy
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from allauth.core.internal.ratelimit import parse_rates

BASE_SETTINGS = Path(__file__).resolve().parents[2] / "config/settings/base.py"
RYGRAD = str(Path(sys.executable).with_name("rygrad"))

# One gunicorn worker in miniature: its own process, its own Django, the shared database.
WORKER = """
import sys
import django
django.setup()
from django.contrib.auth import get_user_model
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
email, password, times = sys.argv[1], sys.argv[2], int(sys.argv[3])
get_user_model().objects.get_or_create(email=email, defaults={"password": "!"})
if password == "right":
    user = get_user_model().objects.get(email=email)
    user.set_password("right")
    user.save()
client = Client()
for _ in range(times):
    client.post("/accounts/login/", {"login": email, "password": password})
print("signed-in" if "_auth_user_id" in client.session else "refused")
"""


def _environment(database: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"CACHE_URL", "DJANGO_SETTINGS_MODULE"}}
    return {**env, "DJANGO_SETTINGS_MODULE": "rygrad.config.settings.test",
            "DATABASE_URL": f"sqlite:///{database}", "RYGRAD_VAR_DIR": str(database.parent)}


def _run(args: list[str], env: dict) -> str:
    result = subprocess.run(args, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout.strip()


@pytest.fixture(scope="module")
def installation(tmp_path_factory) -> dict:
    """A new installation's database, made by `rygrad migrate` and nothing else; the
    environment a worker process of it runs with."""
    database = tmp_path_factory.mktemp("installation") / "rygrad.sqlite3"
    env = _environment(database)
    _run([RYGRAD, "migrate", "--no-input", "-v", "0"], env)
    return env


def test_migrate_alone_creates_the_cache_table(installation):
    """Given an installation made by `rygrad migrate` alone, when its tables are listed,
    then the database cache's table is among them (no `createcachetable` step needed)."""
    from django.conf import settings

    database = installation["DATABASE_URL"].removeprefix("sqlite:///")
    with sqlite3.connect(database) as connection:
        tables = {row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert settings.CACHES["default"]["LOCATION"] in tables


def test_failed_logins_counted_in_one_worker_are_seen_by_another(installation):
    """Given two worker processes of one installation, when the first counts as many wrong
    passwords for an account as the limit allows, then the second refuses that account's
    right password (as a restarted worker would), while it lets another account in."""
    from django.conf import settings

    key_limit = next(rate for rate in parse_rates(settings.ACCOUNT_RATE_LIMITS["login_failed"])
                     if rate.per == "key").amount
    worker = [sys.executable, "-c", WORKER]
    assert _run([*worker, "locked@example.org", "wrong", str(key_limit)], installation) == (
        "refused")
    assert _run([*worker, "locked@example.org", "right", "1"], installation) == "refused"
    assert _run([*worker, "other@example.org", "right", "1"], installation) == "signed-in"


def _settings_with(monkeypatch, **env) -> dict:
    monkeypatch.delenv("CACHE_URL", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(BASE_SETTINGS))


def test_the_default_cache_is_the_database(monkeypatch):
    """Given no CACHE_URL, when the settings are read, then the cache is Django's database
    cache (never the per-process memory cache)."""
    cache = _settings_with(monkeypatch)["CACHES"]["default"]
    assert cache["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"


def test_a_redis_cache_url_selects_djangos_redis_cache(monkeypatch):
    """Given CACHE_URL=redis://…, when the settings are read, then the cache is Django's
    built-in Redis backend at that address."""
    cache = _settings_with(monkeypatch, CACHE_URL="redis://cache.internal:6379/1")["CACHES"]
    assert cache["default"] == {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                "LOCATION": "redis://cache.internal:6379/1"}


def test_an_unknown_cache_url_stops_with_a_clear_message(monkeypatch):
    """Given CACHE_URL with a scheme Rygrad does not know, when the settings are read, then
    Django stops with a message naming CACHE_URL and the scheme, without the rest of the
    URL (it may hold a password)."""
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured) as refused:
        _settings_with(monkeypatch, CACHE_URL="memcached://user:secret@cache:11211")
    assert "CACHE_URL" in str(refused.value) and "'memcached'" in str(refused.value)
    assert "secret" not in str(refused.value)

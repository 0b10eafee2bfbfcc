"""Which database the suite ran on, so CI proves it exercised PostgreSQL."""

import os

import pytest
from django.db import connection


def test_suite_runs_on_postgresql_when_ci_requires_it(db):
    """Given RYGRAD_REQUIRE_POSTGRES=1 (the PostgreSQL run of `.ci/run`), when the tests
    run, then the database connection is PostgreSQL, not a silent fallback to SQLite."""
    if os.environ.get("RYGRAD_REQUIRE_POSTGRES") != "1":
        pytest.skip(f"ran on {connection.vendor}; set DATABASE_URL and "
                    "RYGRAD_REQUIRE_POSTGRES=1 to require PostgreSQL")
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        assert cursor.fetchone()[0].startswith("PostgreSQL")

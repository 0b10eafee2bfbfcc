"""What the benchmarks share: a scratch database (a SQLite file or a fresh PostgreSQL
database, created and dropped) with Django set up on it, migrated, and thrown away at the
end, also on Ctrl-C or failure."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path


def scratch_postgres(url: str, *, prefix: str = "rygrad_bench") -> tuple[str, Callable[[], None]]:
    """A fresh database on the server of `url`, and a function that drops it."""
    import psycopg

    name = f"{prefix}_{os.getpid()}"
    base = url.partition("?")[0].rpartition("/")[0]
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')

    def drop():
        from django.db import connections

        connections.close_all()
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return f"{base}/{name}", drop


@contextmanager
def scratch_django(database_url: str | None = None) -> Iterator[Path]:
    """Django (test settings) on a migrated scratch database: a SQLite file (WAL, as the
    embedded mode), or a new database on the PostgreSQL server of `database_url`. Yields
    the scratch folder (var/ and survey snapshots)."""
    workdir = Path(tempfile.mkdtemp(prefix="rygrad-bench-"))
    drop = None
    try:
        if database_url:
            os.environ["DATABASE_URL"], drop = scratch_postgres(database_url)
            os.environ.setdefault("CONN_MAX_AGE", "600")
        else:
            os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
        os.environ.setdefault("ALLOWED_HOSTS", "testserver")
        os.environ.setdefault("LOG_LEVEL", "WARNING")  # not a line per background task
        os.environ["DJANGO_SETTINGS_MODULE"] = "rygrad.config.settings.test"
        os.environ["RYGRAD_VAR_DIR"] = str(workdir)
        sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command

        settings.RYGRAD_SURVEY_DIR = workdir / "survey"
        call_command("migrate", verbosity=0)
        yield workdir
    finally:
        if drop:
            drop()
        shutil.rmtree(workdir, ignore_errors=True)

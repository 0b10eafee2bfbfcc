"""Faults to send a write into, shared by the survey's and the ideas' tests: a real SQLite
file whose write lock another process holds, statements that fail as on a lost
connection, and PostgreSQL dropping the app's connection (its backend terminated, or the
whole server restarted when RYGRAD_PG_RESTART_COMMAND says how).

Each test that uses them also states the count property: a success page means the row is
stored (once), a "not saved" page means it is not, and nothing is a server error.
"""

from __future__ import annotations

import os
import shlex
import sqlite3
import subprocess
import threading
import time
from contextlib import contextmanager

import pytest
from django.db import OperationalError, connection, connections

RESTART_COMMAND = "RYGRAD_PG_RESTART_COMMAND"


@pytest.fixture
def file_database(transactional_db, tmp_path):
    """For this test, the default database is a real SQLite file in WAL mode (as in
    production), with a busy timeout of 0.2 s instead of production's 20 s."""
    default = connections["default"]
    if default.vendor != "sqlite":
        pytest.skip("locks an SQLite file; on PostgreSQL the restart tests run instead")
    path = tmp_path / "rygrad.sqlite3"
    default.ensure_connection()
    copy = sqlite3.connect(path)
    default.connection.backup(copy)
    copy.close()
    wrapper = type(default)({**default.settings_dict, "NAME": str(path), "OPTIONS": {
        "timeout": 0.2, "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL;"}}, alias="default")
    connections["default"] = wrapper
    yield path
    wrapper.close()
    connections["default"] = default


@contextmanager
def held_lock(path):
    """Another process's write lock on the file (BEGIN EXCLUSIVE from a thread's own
    connection), held until the block ends or `release` is set."""
    ready, release = threading.Event(), threading.Event()

    def hold():
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN EXCLUSIVE")
        ready.set()
        release.wait(60)
        other.execute("ROLLBACK")
        other.close()

    thread = threading.Thread(target=hold)
    thread.start()
    assert ready.wait(10)
    try:
        yield release, thread
    finally:
        release.set()
        thread.join()


def failing(statements: tuple[str, ...], times: int | None = None):
    """An execute wrapper raising OperationalError, as a lost PostgreSQL connection does,
    for statements starting with one of `statements` (the first `times` of them)."""
    failures = []

    def wrapper(execute, sql, params, many, context):
        keyword = sql.lstrip().split(None, 1)[0].upper()
        if keyword in statements and (times is None or len(failures) < times):
            failures.append(sql)
            raise OperationalError("server closed the connection unexpectedly")
        return execute(sql, params, many, context)

    return wrapper, failures


@pytest.fixture
def postgres(transactional_db):
    """PostgreSQL only, with committed data (a killed backend cannot roll back a test's
    transaction); skips, saying why, on SQLite."""
    if connection.vendor != "postgresql":
        pytest.skip("drops PostgreSQL connections; SQLite has no server to restart "
                    "(its locked-file tests run instead)")


def _admin_connection():
    import psycopg

    settings = connection.settings_dict
    return psycopg.connect(dbname=settings["NAME"], user=settings["USER"] or None,
                           password=settings["PASSWORD"] or None,
                           host=settings["HOST"] or None, port=settings["PORT"] or None,
                           autocommit=True)


def kill_backends() -> int:
    """Terminate every server process of the test database but the one asking, as a
    restart does to the app's open connection; the number terminated."""
    with _admin_connection() as admin:
        rows = admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()").fetchall()
    return sum(1 for (done,) in rows if done)


def killing_before(statement: str):
    """An execute wrapper that, at the first statement starting with `statement` (e.g.
    'INSERT INTO "ideas_idea"'), terminates the app's backend from a second connection
    and then lets the statement run into it."""
    killed = []

    def wrapper(execute, sql, params, many, context):
        if not killed and sql.lstrip().upper().startswith(statement.upper()):
            killed.append(kill_backends())
        return execute(sql, params, many, context)

    return wrapper, killed


def restart_command() -> list[str]:
    command = os.environ.get(RESTART_COMMAND, "")
    if not command:
        pytest.skip(f"restarts the PostgreSQL server only when {RESTART_COMMAND} is set "
                    "(e.g. 'pg_ctlcluster 15 main restart'); pg_terminate_backend tests "
                    "cover the dropped connection")
    return shlex.split(command)


def restart_postgres(command: list[str]) -> None:
    """Restart the server and wait until it answers again (at most 60 s)."""
    subprocess.run(command, check=True, capture_output=True, timeout=120)
    deadline = time.monotonic() + 60
    while True:
        try:
            with _admin_connection() as admin:
                admin.execute("SELECT 1")
            return
        except Exception:  # noqa: BLE001 - any refusal while it starts
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)

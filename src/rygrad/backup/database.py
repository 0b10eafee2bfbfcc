"""The database part of a backup: SQLite through its online backup API, PostgreSQL through
pg_dump and pg_restore, with the state the manifest records (row counts of every table
and the migrations applied) read from exactly the data that was copied."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.db import DatabaseError, connection, transaction
from django.db.backends.postgresql.client import DatabaseClient
from django.db.migrations.loader import MigrationLoader

from .errors import BackupError

ENGINES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
MEMBERS = {"sqlite": "database/rygrad.sqlite3", "postgresql": "database/rygrad.pgdump"}


@dataclass(frozen=True)
class DatabaseState:
    tables: dict[str, int]  # row count of every table
    migrations: dict[str, list[str]]  # the migrations applied, per app


@dataclass(frozen=True)
class DatabaseCopy:
    member: str
    path: Path
    state: DatabaseState


def database_engine() -> str:
    """The engine of the configured database, as the manifest names it."""
    if connection.vendor not in ENGINES:
        raise BackupError(f"Backups work with SQLite and PostgreSQL, not "
                          f"{connection.vendor}.")
    return connection.vendor


def _tables(cursor, vendor: str) -> list[str]:
    if vendor == "sqlite":
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                       "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")
        return [row[0] for row in cursor.fetchall()]
    return sorted(connection.introspection.table_names(cursor))


def _state(cursor, vendor: str) -> DatabaseState:
    tables = {}
    for table in _tables(cursor, vendor):
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
        tables[table] = cursor.fetchone()[0]
    migrations: dict[str, list[str]] = {}
    if "django_migrations" in tables:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
        for app, name in cursor.fetchall():
            migrations.setdefault(app, []).append(name)
    return DatabaseState(tables=tables, migrations=migrations)


def database_state() -> DatabaseState:
    """The live database's row counts and migrations."""
    try:
        with connection.cursor() as cursor:
            return _state(cursor, connection.vendor)
    except DatabaseError as error:
        raise BackupError(f"The database cannot be read: {error}".strip()) from None


def _outside_a_transaction(action: str) -> None:
    if connection.in_atomic_block:
        raise BackupError(f"A {action} cannot run inside a database transaction.")


def database_dump(*, folder: Path) -> DatabaseCopy:
    """Copy the live database into a file in `folder`. Safe while Rygrad runs: SQLite's
    backup API copies a consistent database while others write (WAL); pg_dump reads one
    snapshot, the same one the row counts are read from."""
    vendor = database_engine()
    _outside_a_transaction("backup")
    target = folder / Path(MEMBERS[vendor]).name
    try:
        state = _sqlite_dump(target) if vendor == "sqlite" else _postgresql_dump(target)
    except DatabaseError as error:
        raise BackupError(f"The database cannot be read: {error}".strip()) from None
    return DatabaseCopy(member=MEMBERS[vendor], path=target, state=state)


def _sqlite_dump(target: Path) -> DatabaseState:
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
        # The copy stands alone: no write-ahead log beside it.
        copy.execute("PRAGMA journal_mode=DELETE")
        return _state(copy.cursor(), "sqlite")
    finally:
        copy.close()


def _program(name: str) -> str:
    program = shutil.which(name)
    if program is None:
        raise BackupError(f"{name} was not found: install PostgreSQL's client programs, "
                          f"the same major version as the server (Debian: apt install "
                          f"postgresql-client), or put {name} on the PATH.")
    return program


def _run(program: str, arguments: list[str]) -> None:
    """Run a PostgreSQL client program with the connection settings of the configured
    database; the password goes through the environment (PGPASSWORD), never the command
    line, where other users of the machine could read it."""
    settings_dict = connection.settings_dict
    _args, variables = DatabaseClient.settings_to_cmd_args_env(settings_dict, [])
    options = []
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings_dict.get(key):
            options += [option, str(settings_dict[key])]
    if settings_dict.get("NAME"):
        options += ["--dbname", settings_dict["NAME"]]
    try:
        result = subprocess.run([program, *options, "--no-password", *arguments],
                                env={**os.environ, **(variables or {})},
                                capture_output=True, text=True, check=False)
    except OSError as error:
        raise BackupError(f"{program} could not be started: {error}.") from None
    if result.returncode != 0:
        detail = result.stderr.strip() or f"exit code {result.returncode}"
        raise BackupError(f"{Path(program).name} failed: {detail}")


def _postgresql_dump(target: Path) -> DatabaseState:
    program = _program("pg_dump")
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            state = _state(cursor, "postgresql")
        # pg_dump reads the snapshot this transaction exported, so what it copies is
        # exactly what was counted; the transaction stays open until it is done.
        _run(program, ["--format=custom", f"--snapshot={snapshot}", "--file", str(target)])
    return state


def database_check(manifest: dict) -> list[str]:
    """Refuse a backup this installation cannot take: another engine, or migrations the
    code does not have (a backup from a newer Rygrad). Returns the code's migrations the
    backup lacks (an older backup: `rygrad migrate` brings it up to date)."""
    engine = database_engine()
    theirs = manifest.get("engine")
    if theirs != engine:
        raise BackupError(f"This backup holds a {ENGINES.get(theirs, theirs)} database, but "
                          f"this installation uses {ENGINES[engine]}; nothing was restored. "
                          "Restore it into an installation with the same database engine.")
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    applied = {(app, name) for app, names in manifest.get("migrations", {}).items()
               for name in names}
    unknown = sorted(applied - known)
    if unknown:
        listed = ", ".join(f"{app}.{name}" for app, name in unknown[:5])
        raise BackupError(f"This backup was made by a newer version of Rygrad: its database "
                          f"has migrations this code does not know ({listed}"
                          f"{', …' if len(unknown) > 5 else ''}); nothing was restored. "
                          "Install that version (or newer) first.")
    return [f"{app}.{name}" for app, name in sorted(known - applied)]


def database_restore(*, path: Path, manifest: dict) -> None:
    """Replace the configured database with the copy at `path`."""
    vendor = database_engine()
    _outside_a_transaction("restore")
    try:
        if vendor == "sqlite":
            _sqlite_restore(path)
        else:
            _postgresql_restore(path, manifest)
    except DatabaseError as error:
        raise BackupError(f"The database could not be restored: {error}".strip()) from None


def _sqlite_restore(path: Path) -> None:
    connection.close()  # a fresh connection, in no transaction
    connection.ensure_connection()
    copy = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        # One step: the configured database changes from the old content to the backup's
        # in one write transaction, which other connections see whole or not at all.
        copy.backup(connection.connection)
    finally:
        copy.close()


def _postgresql_restore(path: Path, manifest: dict) -> None:
    program = _program("pg_restore")
    # Tables the backup does not have (made by migrations after it) go first: pg_restore
    # drops only what the backup holds, and `rygrad migrate` must find them gone.
    with transaction.atomic(), connection.cursor() as cursor:
        extra = sorted(set(connection.introspection.table_names(cursor))
                       - set(manifest.get("tables", {})))
        for table in extra:
            cursor.execute(f"DROP TABLE IF EXISTS {connection.ops.quote_name(table)} CASCADE")
    connection.close()  # hold no lock pg_restore would wait for
    _run(program, ["--clean", "--if-exists", "--no-owner", "--no-privileges",
          "--single-transaction", "--exit-on-error", str(path)])

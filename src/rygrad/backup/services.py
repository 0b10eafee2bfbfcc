"""Writes: `backup_create` (what `rygrad backup` runs) and `backup_restore` (`rygrad
restore`)."""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import django
from django.utils import timezone

from .archive import FORMAT, archive_open, archive_verify, archive_writing, os_error_message
from .database import (
    database_check,
    database_dump,
    database_engine,
    database_restore,
    database_state,
)
from .errors import BackupError
from .files import media_add, media_restore, survey_add, survey_stage, survey_swap


@dataclass(frozen=True)
class BackupResult:
    path: Path
    manifest: dict


@dataclass(frozen=True)
class RestoreResult:
    manifest: dict
    media_written: int
    media_removed: int
    survey_files: int
    migrations_missing: list[str]  # the code's migrations the backup predates


def backup_file_name(moment: dt.datetime) -> str:
    return f"rygrad-backup-{timezone.localtime(moment):%Y%m%d-%H%M%S}.tar"


def _version() -> str:
    try:
        return importlib.metadata.version("rygrad")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def _target(output: Path | None, moment: dt.datetime) -> Path:
    if output is None:
        return Path.cwd() / backup_file_name(moment)
    if output.is_dir():
        return output / backup_file_name(moment)
    return output


def backup_create(*, output: Path | None = None) -> BackupResult:
    """Write one archive holding the database, every file of the default storage and the
    survey folder, with a manifest. `output` is the archive's path or a folder to write
    rygrad-backup-<time>.tar into (default: the current folder). Nothing is left behind
    when it fails."""
    engine = database_engine()
    moment = timezone.now()
    target = _target(output, moment).absolute()
    if not target.parent.is_dir():
        raise BackupError(f"The folder {target.parent} does not exist; no backup was "
                          "written.")
    if target.exists():
        raise BackupError(f"{target} already exists; choose another name. No backup was "
                          "written.")
    try:
        # The database copy is made beside the archive (same disk), not in /tmp.
        scratch = tempfile.TemporaryDirectory(prefix=".rygrad-backup-", dir=target.parent)
    except OSError as error:
        raise BackupError(os_error_message(error, target.parent)
                          + " No backup was written.") from None
    with scratch as folder, archive_writing(target) as writer:
        # The database first, the files after: a file is saved before the row naming it
        # commits, so every file a copied row names is already there to be copied.
        copy = database_dump(folder=Path(folder))
        writer.add_file(copy.member, copy.path)
        copy.path.unlink()
        media = media_add(writer)
        survey = survey_add(writer)
        manifest = {
            "format": FORMAT,
            "rygrad_version": _version(),
            "django_version": django.get_version(),
            "created": moment.isoformat(),
            "engine": engine,
            "database": copy.member,
            "migrations": copy.state.migrations,
            "tables": copy.state.tables,
            "media_files": media,
            "survey_files": survey,
        }
        writer.finish(manifest)
    return BackupResult(path=target, manifest={**manifest, "members": writer.members})


def backup_restore(*, path: Path, confirm: Callable[[dict], bool]) -> RestoreResult | None:
    """Put the installation back to the state of the archive at `path`: its database, the
    files of the default storage and the survey folder, exactly.

    Everything is checked before anything changes: every member's checksum, the engine,
    the migrations. `confirm(manifest)` is asked next; None is returned when it says no.
    Afterwards the row count of every table is checked against the manifest.
    """
    manifest = archive_verify(path)
    migrations_missing = database_check(manifest)
    if not confirm(manifest):
        return None
    with archive_open(path) as tar, \
            tempfile.TemporaryDirectory(prefix="rygrad-restore-") as folder:
        try:
            database_file = Path(folder) / Path(manifest["database"]).name
            with tar.extractfile(manifest["database"]) as source, \
                    database_file.open("xb") as copy:
                shutil.copyfileobj(source, copy)
            staged = survey_stage(tar, manifest)
        except OSError as error:
            raise BackupError(os_error_message(error, error.filename or folder)
                              + " Nothing was restored.") from None
        try:
            database_restore(path=database_file, manifest=manifest)
        except BaseException:
            shutil.rmtree(staged, ignore_errors=True)
            raise
        try:
            written, removed = media_restore(tar, manifest)
            survey_swap(staged)
        except OSError as error:
            shutil.rmtree(staged, ignore_errors=True)
            raise BackupError("The database was restored, but the files were not: "
                              + os_error_message(error, error.filename or "the storage")
                              + " Fix that and restore again.") from None
    _check_counts(manifest)
    return RestoreResult(manifest=manifest, media_written=written, media_removed=removed,
                         survey_files=sum(name.startswith("survey/")
                                          for name in manifest["members"]),
                         migrations_missing=migrations_missing)


def _check_counts(manifest: dict) -> None:
    expected = manifest["tables"]
    found = database_state().tables
    for table in sorted(set(expected) | set(found)):
        if expected.get(table) != found.get(table):
            raise BackupError(
                f"After the restore, the table {table} has {found.get(table, 'no')} rows, "
                f"but the backup had {expected.get(table, 'no such table')}: the restore is "
                "incomplete. Restore again, and keep this archive.")

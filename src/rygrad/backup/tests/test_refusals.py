"""What `rygrad backup` and `rygrad restore` refuse, and how they fail: a clear message and
an exit code, nothing half-written, and nothing restored from an archive that is not
exactly what a backup of this installation wrote."""

import errno
import io
import os
import subprocess
import sys
import tarfile
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from rygrad.backup import archive as archive_module
from rygrad.backup import services
from rygrad.core.testing import build_world

from .helpers import archive_rewrite, sha256

ON_POSTGRESQL = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
needs_postgresql = pytest.mark.skipif(
    not ON_POSTGRESQL,
    reason="pg_dump runs only against PostgreSQL: run with DATABASE_URL=postgres://… "
           "(CI's PostgreSQL run does)")
OTHER_ENGINE = {"sqlite": ("postgresql", "PostgreSQL"), "postgresql": ("sqlite", "SQLite")}
DOCUMENT = "agenda/knowledge/referat.pdf"


@pytest.fixture
def archive(transactional_db, tmp_path) -> Path:
    """A backup of a world with one uploaded file; after it, a person was added and the
    file removed, so a refused restore can be seen to have changed nothing."""
    build_world()
    default_storage.save(DOCUMENT, ContentFile(b"%PDF-1.7 referat"))
    path = tmp_path / "backup.tar"
    call_command("backup", output=str(path), stdout=StringIO())
    get_user_model().objects.create_user(email="efter@example.org", password="pw")
    default_storage.delete(DOCUMENT)
    return path


def _nothing_restored():
    assert get_user_model().objects.filter(email="efter@example.org").exists()
    assert not default_storage.exists(DOCUMENT)


def _restore(path, **options):
    call_command("restore", str(path), stdout=StringIO(), **options)


def test_a_changed_member_is_refused_naming_it_and_nothing_is_restored(archive):
    """Given a backup whose uploaded file was changed after it was written, when it is
    restored, then the restore is refused naming that member and its checksum, and the
    database and the storage are as they were."""
    archive_rewrite(archive, members=lambda name, data: data + b"!" if name.endswith(
        DOCUMENT) else data)
    with pytest.raises(CommandError, match=f"checksum of media/{DOCUMENT} differs"):
        _restore(archive, yes=True)
    _nothing_restored()


def test_a_damaged_database_copy_is_refused_naming_it(archive):
    """Given a backup whose database copy has one byte flipped, when it is restored, then
    the restore is refused naming the database member."""
    def flip(name, data):
        if not name.startswith("database/"):
            return data
        return data[:100] + bytes([data[100] ^ 0xFF]) + data[101:]

    archive_rewrite(archive, members=flip)
    with pytest.raises(CommandError, match=r"checksum of database/rygrad\.\w+ differs"):
        _restore(archive, yes=True)
    _nothing_restored()


def test_a_member_added_to_the_archive_is_refused(archive):
    """Given a backup with a file slipped in that its manifest does not list, when it is
    restored, then the restore is refused naming the file."""
    archive_rewrite(archive, extra={"media/evil.html": b"<script>alert(1)</script>"})
    with pytest.raises(CommandError, match="media/evil.html is in the archive but not in"):
        _restore(archive, yes=True)
    _nothing_restored()


@pytest.mark.parametrize("name", ["media/../../escaped.txt", "/etc/rygrad-escaped",
                                  "elsewhere/file.txt"])
def test_a_member_outside_the_backup_folders_is_refused_even_with_its_checksum(archive, name):
    """Given a backup with a member named to land outside the storage or the survey
    folder, listed in the manifest with its right checksum, when it is restored, then the
    restore is refused naming it and nothing is written anywhere."""
    data = b"written outside"
    archive_rewrite(archive, extra={name: data}, manifest=lambda manifest: manifest[
        "members"].update({name: {"sha256": sha256(data), "size": len(data)}}))
    with pytest.raises(CommandError, match="not a file a backup of Rygrad writes"):
        _restore(archive, yes=True)
    _nothing_restored()
    assert not (archive.parent.parent / "escaped.txt").exists()


def test_a_member_missing_from_the_archive_is_refused(archive):
    """Given a backup from which the uploaded file was taken out, when it is restored,
    then the restore is refused naming the missing member."""
    with tarfile.open(archive) as tar:
        contents = {m.name: tar.extractfile(m).read() for m in tar}
    del contents[f"media/{DOCUMENT}"]
    with tarfile.open(archive, "w") as tar:
        for name, data in contents.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    with pytest.raises(CommandError, match=f"media/{DOCUMENT} is listed in the manifest but "
                                           "missing"):
        _restore(archive, yes=True)
    _nothing_restored()


def test_a_backup_of_the_other_database_engine_is_refused(archive):
    """Given a backup whose manifest says it holds the other engine's database, when it is
    restored here, then the restore is refused naming both engines."""
    other, label = OTHER_ENGINE[connection.vendor]
    archive_rewrite(archive, manifest=lambda manifest: manifest.update(engine=other))
    with pytest.raises(CommandError, match=f"holds a {label} database, but this "
                                           "installation uses"):
        _restore(archive, yes=True)
    _nothing_restored()


def test_a_backup_from_a_newer_rygrad_is_refused_naming_the_migration(archive):
    """Given a backup whose database has a migration this code does not have, when it is
    restored, then the restore is refused naming the migration."""
    archive_rewrite(archive, manifest=lambda manifest: manifest["migrations"][
        "core"].append("9999_from_the_future"))
    with pytest.raises(CommandError, match=r"newer version of Rygrad.*core\.9999_from_the_"):
        _restore(archive, yes=True)
    _nothing_restored()


@pytest.mark.parametrize("answer", ["nej", "", EOFError])
def test_a_restore_not_confirmed_changes_nothing(archive, monkeypatch, answer):
    """Given a valid backup, when the operator does not answer yes to the question (says
    no, just presses enter, or there is no terminal), then nothing is restored and the
    command says so."""
    def ask(prompt):
        if answer is EOFError:
            raise EOFError
        return answer

    monkeypatch.setattr("builtins.input", ask)
    with pytest.raises(CommandError, match="Nothing was restored"):
        _restore(archive)
    _nothing_restored()


def test_a_confirmed_restore_puts_back_what_the_backup_holds(archive, monkeypatch):
    """Given a valid backup, when the operator answers yes, then the person added since is
    gone and the file removed since is back."""
    monkeypatch.setattr("builtins.input", lambda prompt: "yes")
    _restore(archive)
    assert not get_user_model().objects.filter(email="efter@example.org").exists()
    with default_storage.open(DOCUMENT, "rb") as restored:
        assert restored.read() == b"%PDF-1.7 referat"


def test_a_restore_that_leaves_rows_missing_is_reported(archive, monkeypatch):
    """Given a valid backup and a database restore that put nothing back (simulated),
    when the restore checks the row counts, then it fails naming the table whose count
    differs from the manifest."""
    monkeypatch.setattr(services, "database_restore", lambda **kwargs: None)
    User = get_user_model()
    with pytest.raises(CommandError, match=f"table {User._meta.db_table} has "
                                           f"{User.objects.count()} rows, but the backup "
                                           f"had {User.objects.count() - 1}"):
        _restore(archive, yes=True)


def _leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def test_a_backup_never_overwrites_an_existing_file(transactional_db, tmp_path):
    """Given a file already at the output path, when a backup is written there, then it is
    refused and the file is untouched."""
    target = tmp_path / "backup.tar"
    target.write_bytes(b"yesterday's backup")
    with pytest.raises(CommandError, match="already exists"):
        call_command("backup", output=str(target), stdout=StringIO())
    assert target.read_bytes() == b"yesterday's backup"
    assert _leftovers(tmp_path) == ["backup.tar"]


def test_a_full_disk_leaves_no_archive(transactional_db, tmp_path, monkeypatch):
    """Given a disk that fills up while the uploaded files are written into the archive,
    when a backup runs, then it says the disk is full and no backup was written, and the
    folder holds no archive, no partial file and no scratch copy of the database."""
    build_world()
    default_storage.save(DOCUMENT, ContentFile(b"%PDF-1.7 referat"))
    add = archive_module.ArchiveWriter.add

    def fill_up(self, name, source, size):
        if name.startswith("media/"):
            raise OSError(errno.ENOSPC, "No space left on device")
        return add(self, name, source, size)

    monkeypatch.setattr(archive_module.ArchiveWriter, "add", fill_up)
    with pytest.raises(CommandError, match="is full. No backup was written"):
        call_command("backup", output=str(tmp_path), stdout=StringIO())
    assert _leftovers(tmp_path) == []


@needs_postgresql
def test_a_failing_pg_dump_gives_its_reason_and_leaves_no_file(transactional_db, tmp_path,
                                                               monkeypatch):
    """Given pg_dump pointed at a database that does not exist, when a backup runs, then
    it fails with pg_dump's own reason, naming the database, and leaves nothing in the
    output folder."""
    connection.ensure_connection()  # Django's own connection stays on the real database
    monkeypatch.setitem(connection.settings_dict, "NAME", "rygrad_h3_no_such_database")
    with pytest.raises(CommandError, match="pg_dump failed: .*rygrad_h3_no_such_database"):
        call_command("backup", output=str(tmp_path), stdout=StringIO())
    assert _leftovers(tmp_path) == []


@needs_postgresql
def test_a_missing_pg_dump_is_named_with_how_to_install_it(transactional_db, tmp_path,
                                                           monkeypatch):
    """Given a machine without PostgreSQL's client programs, when a backup runs, then it
    says pg_dump was not found and how to install it, and leaves nothing."""
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(CommandError, match="pg_dump was not found: install PostgreSQL's "
                                           "client programs"):
        call_command("backup", output=str(tmp_path), stdout=StringIO())
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize(("command", "named"), [
    (["backup", "--output", "/nonexistent-rygrad-folder/backup.tar"],
     "The folder /nonexistent-rygrad-folder does not exist"),
    (["restore", str(Path(__file__)), "--yes"], f"{Path(__file__)} is not a backup archive"),
])
def test_the_command_line_answers_a_bad_path_with_a_message_and_an_exit_code(
        tmp_path, command, named):
    """Given a path that does not exist or is not a backup, when `rygrad backup` or
    `rygrad restore` is run on it, then it exits non-zero with a message naming the path,
    and no stack trace."""
    environment = {**os.environ, "RYGRAD_VAR_DIR": str(tmp_path),
                   "DJANGO_SETTINGS_MODULE": "rygrad.config.settings.dev"}
    environment.pop("DATABASE_URL", None)  # a SQLite file in the scratch folder
    result = subprocess.run([str(Path(sys.executable).with_name("rygrad")), *command],
                            capture_output=True, text=True, timeout=120, env=environment)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert named in result.stderr

"""The round trip: a backup restored after the data and the files changed gives back the
installation as it was, every table row by row and every file byte for byte — on SQLite
and, in the PostgreSQL run (DATABASE_URL=postgres://…), through pg_dump and pg_restore."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection

from rygrad.alliance.models import Organisation
from rygrad.backup.files import survey_dir
from rygrad.ideas.models import Idea
from rygrad.measurement.models import Response

from .helpers import MEDIA, database_rows, media_bytes, small_world, survey_bytes

# pg_dump reads only committed rows: the world is committed, not in a test transaction.
pytestmark = pytest.mark.django_db(transaction=True)


def test_restore_gives_back_every_row_of_every_table_and_every_file_byte_for_byte(tmp_path):
    """Given a world with rows in every capability, uploaded files and published survey
    releases, and a backup of it, when rows are deleted, changed and added, uploaded files
    removed, rewritten and added, survey files removed and added, and the backup is
    restored, then every table (the apps' and Django's own) holds exactly the rows it held
    at the backup, the id counters stand where they stood, the storage and the survey
    folder hold exactly the files they held, byte for byte, and the next new row gets an
    id no restored row has."""
    world = small_world()
    tables = database_rows()
    media, survey = media_bytes(), survey_bytes()
    filled = [table for table, rows in tables.items() if rows]
    assert len(filled) >= 25, filled  # the comparison below is not vacuous
    assert set(MEDIA) <= set(media)
    assert any(name.endswith(".cube.parquet") for name in survey)  # a release is there
    out = StringIO()
    call_command("backup", output=str(tmp_path), stdout=out)
    [archive] = tmp_path.glob("rygrad-backup-*.tar")
    assert str(archive) in out.getvalue()

    User = get_user_model()
    Idea.objects.filter(initiative=world.initiative).delete()
    Response.objects.filter(wave__year=2020).delete()
    Organisation.objects.filter(initiative=world.initiative).update(name="Omdøbt")
    newcomer = User.objects.create_user(email="efter@example.org", password="pw")
    default_storage.delete("agenda/knowledge/rapport.pdf")
    default_storage.delete("communication/news/billede.png")
    default_storage.save("communication/news/billede.png", ContentFile(b"another picture"))
    default_storage.save("uploaded/since.txt", ContentFile(b"uploaded after the backup"))
    release = next(survey_dir().glob("*.cube.parquet"))
    release.unlink()
    (survey_dir() / "0123456789abcdef0123456789abcdef.parquet").write_bytes(b"newer")
    assert database_rows() != tables
    assert media_bytes() != media
    assert survey_bytes() != survey

    call_command("restore", str(archive), yes=True, stdout=out)

    restored = database_rows()
    assert sorted(restored) == sorted(tables)
    for table, rows in tables.items():
        assert restored[table] == rows, f"{table} differs after the restore"
    assert media_bytes() == media
    assert survey_bytes() == survey
    assert "every count checked" in out.getvalue()
    later = User.objects.create_user(email="senere@example.org", password="pw")
    assert later.pk >= newcomer.pk  # the counter was not set back below a used id…
    assert not User.objects.filter(email="efter@example.org").exists()  # …the row was
    assert connection.vendor in {"sqlite", "postgresql"}

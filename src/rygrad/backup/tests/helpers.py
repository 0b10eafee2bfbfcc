"""What the backup tests share: a small world with rows in most apps, uploaded files and
published survey waves; the whole state of the installation (every table row by row,
every file byte for byte) to compare before and after; and rewriting an archive."""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
from pathlib import Path

import numpy as np
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection

from rygrad.activities.tests.factories import ActivityFactory, CommitmentFactory
from rygrad.agenda.tests.factories import ActionItemFactory, KnowledgeDocumentFactory
from rygrad.alliance.tests.factories import MembershipFactory, OrganisationFactory
from rygrad.backup.files import storage_files, survey_dir, survey_files
from rygrad.communication.tests.factories import NewsPostFactory
from rygrad.core.testing import build_world
from rygrad.ideas.tests.factories import IdeaFactory
from rygrad.measurement.tests.factories import import_data, instrument, random_data
from rygrad.meetings.tests.factories import DecisionFactory

# Every byte value, and a name with Danish letters and a space in a nested folder.
MEDIA = {
    "agenda/knowledge/rapport.pdf": b"%PDF-1.7\n" + bytes(range(256)) * 40,
    "evaluation/reports/læringsrapport 2019.docx": b"PK\x03\x04" + bytes(range(255, -1, -1)),
    "communication/news/billede.png": b"\x89PNG\r\n\x1a\n" + b"\x00" * 5000,
}


def small_world():
    """Two initiatives with a role per user, an organisation with members, a track with
    an action, an activity with a commitment, an idea, a decision, a news post, a
    knowledge document, uploaded files, and two published survey years (releases with
    their stored tables and changes in the survey folder)."""
    world = build_world()
    initiative = world.initiative
    organisation = OrganisationFactory(initiative=initiative, name="Egelund Skole")
    MembershipFactory(initiative=initiative, person__organisation=organisation)
    action = ActionItemFactory(track__initiative=initiative)
    activity = ActivityFactory(initiative=initiative, driver=organisation,
                               tracks=[action.track])
    CommitmentFactory(activity=activity, organisation=organisation)
    IdeaFactory(initiative=initiative, title="Mere tid i skolegården")
    DecisionFactory(meeting__initiative=initiative)
    NewsPostFactory(initiative=initiative)
    KnowledgeDocumentFactory(initiative=initiative)
    for name, content in MEDIA.items():
        # The test settings' in-memory storage lives as long as the worker: an earlier
        # test's file of the same name would make this one's a renamed copy.
        default_storage.delete(name)
        saved = default_storage.save(name, ContentFile(content))
        assert saved == name
    inst = instrument(initiative)
    rng = np.random.default_rng(17)
    for year in (2019, 2020):
        import_data(initiative, inst, year, random_data(rng, n=120, width=5))
    return world


def database_rows() -> dict[str, list]:
    """Every row of every table (the apps' and Django's own), sorted, plus where each
    table's id counter stands (sqlite_sequence, PostgreSQL's sequences): a restore that
    put the rows back but not the counters would hand out ids already used."""
    rows = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            rows[table] = sorted((tuple(_plain(value) for value in row)
                                  for row in cursor.fetchall()), key=repr)
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name, seq FROM sqlite_sequence ORDER BY name")
        else:
            cursor.execute("SELECT sequencename, last_value FROM pg_sequences "
                           "WHERE schemaname = current_schema() ORDER BY sequencename")
        rows["(id counters)"] = cursor.fetchall()
    return rows


def _plain(value):
    return bytes(value) if isinstance(value, memoryview) else value


def media_bytes() -> dict[str, bytes]:
    contents = {}
    for name in storage_files():
        with default_storage.open(name, "rb") as source:
            contents[name] = source.read()
    return contents


def survey_bytes() -> dict[str, bytes]:
    directory = survey_dir()
    return {path.relative_to(directory).as_posix(): path.read_bytes()
            for path in survey_files(directory)}


def archive_rewrite(path: Path, *, members=None, manifest=None,
                    extra: dict[str, bytes] | None = None) -> None:
    """Rewrite the archive at `path`: `members(name, data)` returns a member's new bytes,
    `manifest(dict)` changes the manifest; `extra` adds members."""
    with tarfile.open(path) as tar:
        contents = {member.name: tar.extractfile(member).read() for member in tar}
    data = json.loads(contents.pop("manifest.json"))
    if members:
        contents = {name: members(name, value) for name, value in contents.items()}
    if manifest:
        manifest(data)
    contents.update(extra or {})
    contents["manifest.json"] = json.dumps(data).encode()
    with tarfile.open(path, "w") as tar:
        for name, value in contents.items():
            info = tarfile.TarInfo(name)
            info.size = len(value)
            tar.addfile(info, io.BytesIO(value))


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()

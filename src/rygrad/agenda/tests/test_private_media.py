"""Knowledge base files are private: stored under random names, sent only by the download
view after the permission check (by Django, or by nginx/Apache when configured), never from
/media/, and downloaded under the name they were uploaded with."""

import importlib
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib import admin
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import clear_url_caches, reverse

from rygrad.agenda import services
from rygrad.agenda.models import KnowledgeVersion
from rygrad.agenda.tests.factories import KnowledgeDocumentFactory
from rygrad.core.permissions import Actor
from rygrad.core.testing import PARTNER_UP, ROLES

CONTENT = b"Hver tiende elev er ofte ensom."


@pytest.fixture
def media_on_disk(settings, tmp_path):
    """Uploaded files on disk in a throw-away MEDIA_ROOT, as in development and production
    (the test settings keep them in memory)."""
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage"}}
    return tmp_path


@pytest.fixture
def development_urls(settings, media_on_disk):
    """The project's URLs as `rygrad demo` builds them: DEBUG on, files on disk."""
    # Re-running the URL module may also set attributes on the admin site (its login);
    # put them back as they were so no other test sees them applied twice.
    admin_site = dict(vars(admin.site))
    was = settings.DEBUG
    settings.DEBUG = True
    module = importlib.reload(importlib.import_module(settings.ROOT_URLCONF))
    vars(admin.site).update(admin_site)
    clear_url_caches()
    yield module
    settings.DEBUG = was
    importlib.reload(module)
    vars(admin.site).update(admin_site)
    clear_url_caches()


def upload(world, name, content=CONTENT, initiative=None):
    """A document with one version holding the file `name`, uploaded by the secretariat."""
    initiative = initiative or world.initiative
    user = world.users["secretariat" if initiative == world.initiative else "stranger"]
    document = services.knowledge_document_create(
        initiative=initiative, by=Actor(user=user, initiative=initiative), title="Notat",
        file=SimpleUploadedFile(name, content))
    return document.versions.get()


def file_url(initiative, version):
    return reverse("agenda:knowledge_file", kwargs={"slug": initiative.slug, "pk": version.pk})


def body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def test_a_file_is_stored_under_a_random_name_in_its_initiatives_folder(world):
    """Given two uploads both called "Referat om Sofie H. 2017.pdf", when they are stored,
    then each lies under the initiative's id by its own random name with the extension,
    and neither stored name says anything of the uploader's name."""
    first = upload(world, "Referat om Sofie H. 2017.pdf", b"%PDF-1.4 referat")
    second = upload(world, "Referat om Sofie H. 2017.pdf", b"%PDF-1.4 referat")
    for version in (first, second):
        assert re.fullmatch(rf"{world.initiative.pk}/knowledge/[0-9a-f]{{32}}\.pdf",
                            version.file.name), version.file.name
        assert "Referat" not in version.file.name and "Sofie" not in version.file.name
        assert version.file_name == "Referat om Sofie H. 2017.pdf"
    assert first.file.name != second.file.name


@pytest.mark.parametrize(("name", "disposition"), [
    ("Referat fra maj.txt", 'attachment; filename="Referat fra maj.txt"'),
    ("Trivsel på skolen 2024.txt",
     "attachment; filename*=utf-8''Trivsel%20p%C3%A5%20skolen%202024.txt"),
])
def test_the_download_has_the_name_the_file_was_uploaded_with(world, client_as, name,
                                                              disposition):
    """Given a file uploaded as `name` (spaces, Danish letters), when a partner downloads
    it, then it is an attachment named exactly so (RFC 5987 encoding when not ASCII), with
    the file's bytes."""
    version = upload(world, name)
    response = client_as("partner").get(file_url(world.initiative, version))
    assert response.status_code == 200
    assert response["Content-Disposition"] == disposition
    assert body(response) == CONTENT


def test_a_version_without_a_new_file_downloads_under_the_same_name(world, client_as):
    """Given a document whose first version had a file, when a second version adds only
    text, then its download is still called as the file was uploaded."""
    first = upload(world, "Vidensgrundlag ensomhed.pdf", b"%PDF-1.4")
    second = services.knowledge_version_add(
        document=first.document, by=Actor(user=world.users["secretariat"],
                                          initiative=world.initiative), body="<p>Ny tekst</p>")
    response = client_as("member").get(file_url(world.initiative, second))
    assert response["Content-Disposition"] == 'attachment; filename="Vidensgrundlag ensomhed.pdf"'


def test_the_download_is_kept_from_shared_caches_and_never_sniffed(world, client_as):
    """Given a file, when it is downloaded, then no proxy may keep it (Cache-Control:
    private) and no browser may guess it is a page (nosniff)."""
    version = upload(world, "notat.txt")
    response = client_as("member").get(file_url(world.initiative, version))
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("role", ROLES)
def test_only_the_initiatives_partners_and_up_get_a_knowledge_file_by_any_address(
        world, client, development_urls, role):
    """Given a file in Egelund's knowledge base (partners and up read it) and the URLs of
    development, when `role` tries the download view and the file's path under /media/,
    then partners and up of Egelund get the bytes from the view only; anonymous visitors,
    young people and Andeby's secretariat get them from neither, nor through Andeby's
    address; and nobody gets a file of Andeby through Egelund's address (404 for those
    who may read Egelund's knowledge base)."""
    version = upload(world, "Referat.txt")
    andebys = upload(world, "andeby.txt", b"Andeby", initiative=world.other_initiative)
    if world.users[role] is not None:
        client.force_login(world.users[role])
    response = client.get(file_url(world.initiative, version))
    if role in PARTNER_UP:
        assert response.status_code == 200 and body(response) == CONTENT
    else:
        assert response.status_code in {302, 403}
        assert CONTENT not in body(response)
    direct = client.get(f"/media/{version.file.name}")
    assert direct.status_code == 404 and CONTENT not in body(direct)
    through_own = client.get(file_url(world.other_initiative, version))
    assert through_own.status_code in {302, 403, 404}
    assert CONTENT not in body(through_own)
    other = client.get(file_url(world.initiative, andebys))
    assert other.status_code in ({404} if role in PARTNER_UP else {302, 403})
    assert b"Andeby" not in body(other)


@pytest.mark.parametrize("path", ["{stored}", "knowledge/Referat.txt"])
def test_nothing_is_served_under_media_even_in_development(world, client, development_urls,
                                                           media_on_disk, path):
    """Given files on disk under MEDIA_ROOT (one by its stored name, one by the flat name
    files used to have) and DEBUG on, when anyone asks for /media/<path>, then it is 404."""
    version = upload(world, "Referat.txt")
    (media_on_disk / "knowledge").mkdir(exist_ok=True)
    (media_on_disk / "knowledge" / "Referat.txt").write_bytes(CONTENT)
    response = client.get("/media/" + path.format(stored=version.file.name))
    assert response.status_code == 404
    assert CONTENT not in body(response)


def test_behind_nginx_the_view_only_names_the_file_for_an_internal_location(
        world, client_as, settings):
    """Given MEDIA_ACCEL_REDIRECT=/protected-media/, when a partner downloads a file, then
    the answer has no body, an X-Accel-Redirect to the file under that prefix and the
    download's headers; a refused person gets no such header."""
    settings.MEDIA_ACCEL_REDIRECT = "/protected-media/"
    version = upload(world, "Referat fra maj.txt")
    response = client_as("partner").get(file_url(world.initiative, version))
    assert response.status_code == 200
    assert response.content == b""
    assert response["X-Accel-Redirect"] == f"/protected-media/{version.file.name}"
    assert response["Content-Disposition"] == 'attachment; filename="Referat fra maj.txt"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "private" in response["Cache-Control"]
    refused = client_as("youth").get(file_url(world.initiative, version))
    assert refused.status_code == 403 and not refused.has_header("X-Accel-Redirect")


def test_behind_apache_the_view_only_names_the_file_on_disk(world, client_as, settings,
                                                            media_on_disk):
    """Given MEDIA_SENDFILE on and files on disk, when a member downloads a file, then the
    answer has no body and an X-Sendfile with the file's path under MEDIA_ROOT."""
    settings.MEDIA_SENDFILE = True
    version = upload(world, "notat.txt")
    response = client_as("member").get(file_url(world.initiative, version))
    assert response.status_code == 200
    assert response.content == b""
    assert Path(response["X-Sendfile"]) == media_on_disk / version.file.name
    assert Path(response["X-Sendfile"]).read_bytes() == CONTENT
    assert response["Content-Disposition"] == 'attachment; filename="notat.txt"'


def test_a_file_missing_from_the_storage_is_not_found_rather_than_an_error(world, client_as):
    """Given a version whose file has gone from the storage (a database restored without
    its media), when it is downloaded, then the answer is 404, not a server error."""
    version = upload(world, "notat.txt")
    default_storage.delete(version.file.name)
    assert client_as("member").get(file_url(world.initiative, version)).status_code == 404


def migrate_files():
    """Run the data step of the migration on the current models, with the on-commit
    deletion of the old files."""
    migration = importlib.import_module("rygrad.agenda.migrations.0002_private_knowledge_files")
    migration.move_to_private_names(apps, SimpleNamespace(connection=connection))


def _old_style_version(world, document, number, name):
    return KnowledgeVersion.objects.create(initiative=world.initiative, document=document,
                                           number=number, file=name)


def test_the_migration_moves_flat_files_to_random_names_and_keeps_their_names(
        world, media_on_disk, django_capture_on_commit_callbacks):
    """Given files stored the old way, `knowledge/<name>` (two versions sharing one, one
    whose file is missing), when the migration runs, then the shared file is copied once
    to a random name in the initiative's folder, both versions point to it and keep the
    uploader's name, the old file is gone once the migration committed, and the version
    with the missing file keeps its record."""
    document = KnowledgeDocumentFactory(initiative=world.initiative)
    default_storage.save("knowledge/Referat_om_Sofie.txt", ContentFile(CONTENT))
    first = _old_style_version(world, document, 1, "knowledge/Referat_om_Sofie.txt")
    second = _old_style_version(world, document, 2, "knowledge/Referat_om_Sofie.txt")
    gone = _old_style_version(world, document, 3, "knowledge/borte.pdf")

    with django_capture_on_commit_callbacks(execute=True):
        migrate_files()

    first.refresh_from_db()
    second.refresh_from_db()
    gone.refresh_from_db()
    assert re.fullmatch(rf"{world.initiative.pk}/knowledge/[0-9a-f]{{32}}\.txt", first.file.name)
    assert second.file.name == first.file.name
    assert (first.file_name, second.file_name) == ("Referat_om_Sofie.txt",) * 2
    assert (media_on_disk / first.file.name).read_bytes() == CONTENT
    assert not (media_on_disk / "knowledge" / "Referat_om_Sofie.txt").exists()
    assert (gone.file.name, gone.file_name) == ("knowledge/borte.pdf", "borte.pdf")


def test_the_migration_runs_on_an_empty_media_folder(world, settings, tmp_path,
                                                     django_capture_on_commit_callbacks):
    """Given a MEDIA_ROOT that does not exist yet and no files, when the migration runs,
    then it finishes and creates nothing."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage"}}
    KnowledgeVersion.objects.create(initiative=world.initiative, number=1,
                                    document=KnowledgeDocumentFactory(initiative=world.initiative))
    with django_capture_on_commit_callbacks(execute=True):
        migrate_files()
    assert not (tmp_path / "media").exists()

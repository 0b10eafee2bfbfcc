"""A person's data: every app's section of one zip holds theirs, and nothing of another
person or another initiative; the files come along under clean names."""

import io
import json
import zipfile

import pytest
from django.urls import reverse

from rygrad.core.personal_data import personal_data_providers

from .people import person_everywhere

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(world):
    gitte = person_everywhere(world.initiative, name="Gitte Rasmussen",
                              email="gitte@example.org", tag="GITTE")
    person_everywhere(world.initiative, name="Hans Olsen", email="hans@example.org",
                      tag="HANS")
    # Gitte's login in the other initiative too, with a person and data of its own there.
    person_everywhere(world.other_initiative, name="Gitte Andeby",
                      email="gitte.andeby@example.org", tag="ANDEBY", user=gitte.user)
    return gitte


def _zip(response) -> zipfile.ZipFile:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    return zipfile.ZipFile(io.BytesIO(response.content))


def test_the_secretariat_downloads_everything_held_about_a_person_as_one_zip(world, client_as,
                                                                             people):
    """Given a person with records in every app, another person with the same kinds of
    records, and the person's login also in another initiative, when the secretariat
    downloads the person's data, then each app's section of data.json holds the person's
    records, and nothing in the zip belongs to the other person or the other
    initiative."""
    response = client_as("secretariat").get(reverse(
        "privacy:person_export", kwargs={"slug": world.initiative.slug, "pk": people.pk}))
    archive = _zip(response)
    data = json.loads(archive.read("data.json"))
    [initiative] = data["initiatives"]
    assert initiative["slug"] == world.initiative.slug
    sections = initiative["sections"]
    assert set(sections) == {p.key for p in personal_data_providers()}
    records = {key: section["records"] for key, section in sections.items()}
    assert records["alliance"]["people"][0]["name"] == "Gitte Rasmussen"
    assert records["alliance"]["people"][0]["email"] == "gitte@example.org"
    assert records["alliance"]["memberships"][0]["from"] == "2016-01-01"
    assert records["alliance"]["memberships"][0]["reason_for_leaving"] == "Sygdom GITTE"
    assert [r["initiative"] for r in records["initiatives"]["roles"]] == [
        world.initiative.name]
    assert records["meetings"]["meetings_attended"][0]["meeting"] == "Møde GITTE"
    assert records["meetings"]["action_items_owned"][0]["action"] == "Opgave GITTE"
    assert len(records["meetings"]["calendar_addresses"]) == 1
    assert records["ideas"]["ideas_sent"][0]["title"] == "Idé GITTE"
    assert records["ideas"]["ideas_sent"][0]["nickname"] == "Gitte"
    assert records["ideas"]["ideas_supported"][0]["title"] == "Idé GITTE"
    assert records["activities"]["learning_notes"][0]["tried"] == "Prøvede GITTE"
    assert records["agenda"]["knowledge_versions_written"][0]["document"] == "Viden GITTE"
    assert records["evaluation"]["learning_reports_requested"][0]["from"] == "2017-01-01"
    assert records["communication"]["newsletter_subscriptions"][0]["email"] == \
        "gitte@example.org"
    assert records["earlywarning"]["notice_settings"] == [{"muted": False, "email": False}]
    # The files: Gitte's knowledge base file and report, under clean names.
    files = [name for name in archive.namelist() if name != "data.json"]
    assert len(files) == 2
    assert {archive.read(name) for name in files} == {b"%PDF viden GITTE",
                                                      b"<p>Rapport GITTE</p>"}
    whole = b"".join(archive.read(name) for name in archive.namelist()).decode()
    for other in ("HANS", "Hans Olsen", "hans@example.org", "ANDEBY", "Gitte Andeby"):
        assert other not in whole
    assert data["account"] is None


def test_no_name_in_the_zip_climbs_out_of_its_folder(world, client_as, people):
    """Given a file uploaded as "../../../etc/passwd-GITTE.pdf", when the person's data is
    downloaded, then every name in the zip is relative, without "..", a backslash or a
    leading dot, and the file is kept as "passwd-GITTE.pdf" under its app's folder."""
    archive = _zip(client_as("secretariat").get(reverse(
        "privacy:person_export", kwargs={"slug": world.initiative.slug, "pk": people.pk})))
    for name in archive.namelist():
        parts = name.split("/")
        assert not name.startswith("/") and "\\" not in name
        assert ".." not in parts and not any(part.startswith(".") for part in parts)
    assert any(name.startswith(f"files/{world.initiative.slug}/agenda/")
               and name.endswith("passwd-GITTE.pdf") for name in archive.namelist())


def test_a_login_downloads_its_own_data_from_every_initiative_and_the_login(world, client,
                                                                            people):
    """Given Gitte's login, with data in two initiatives, when she downloads her own data
    from her account page, then the zip has a section per app for each initiative and
    the login's own section — and nothing of the other person."""
    client.force_login(people.user)
    page = client.get(reverse("privacy_account:my_data"))
    assert world.other_initiative.name in page.content.decode()
    archive = _zip(client.get(reverse("privacy_account:my_data_download")))
    data = json.loads(archive.read("data.json"))
    assert sorted(i["slug"] for i in data["initiatives"]) == sorted(
        [world.initiative.slug, world.other_initiative.slug])
    account = data["account"]["sections"]
    assert account["account"]["records"]["login"][0]["email"] == "gitte@example.org"
    whole = b"".join(archive.read(name) for name in archive.namelist()).decode()
    assert "GITTE" in whole and "ANDEBY" in whole
    assert "HANS" not in whole and "hans@example.org" not in whole


def test_the_secretariat_of_another_initiative_cannot_download_the_person(world, client_as,
                                                                          people):
    """Given the secretariat of the other initiative, when they ask for Gitte's data by
    her id in this initiative, or with their own initiative's address, then they get
    nothing."""
    stranger = client_as("stranger")
    here = reverse("privacy:person_export",
                   kwargs={"slug": world.initiative.slug, "pk": people.pk})
    theirs = reverse("privacy:person_export",
                     kwargs={"slug": world.other_initiative.slug, "pk": people.pk})
    assert stranger.get(here).status_code == 403
    assert stranger.get(theirs).status_code == 404

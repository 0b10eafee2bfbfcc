"""The common agenda: vision and endorsements, a versioned knowledge base, tracks and action
plans that can be checked off by the right people."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from rygrad.agenda import services
from rygrad.agenda.models import KnowledgeVersion, Vision
from rygrad.agenda.tests.factories import (
    ActionItemFactory,
    OrganisationFactory,
    TrackFactory,
)
from rygrad.alliance.models import Person
from rygrad.core.permissions import Actor

D = dt.date


def actor(world, role):
    return Actor(user=world.users[role], initiative=world.initiative)


def url(world, name, **kwargs):
    return reverse(f"agenda:{name}", kwargs={"slug": world.initiative.slug, **kwargs})


def test_the_vision_is_written_by_the_secretariat_only(world):
    """Given a member, when they save the vision, it is refused; the secretariat's is kept."""
    with pytest.raises(ValidationError):
        services.vision_save(initiative=world.initiative, by=actor(world, "member"),
                             problem="p", vision="v")
    services.vision_save(initiative=world.initiative, by=actor(world, "secretariat"),
                         problem="Mange børn er ensomme.", vision="Alle børn har et fællesskab.",
                         adopted_on=D(2016, 11, 1))
    assert Vision.objects.get(initiative=world.initiative).adopted_on == D(2016, 11, 1)


def test_an_organisation_endorses_the_vision_once(world):
    library = OrganisationFactory(initiative=world.initiative, name="Egelund Bibliotek")
    by = actor(world, "secretariat")
    services.endorsement_add(initiative=world.initiative, by=by, organisation=library,
                             endorsed_on=D(2016, 11, 1))
    with pytest.raises(ValidationError) as error:
        services.endorsement_add(initiative=world.initiative, by=by, organisation=library,
                                 endorsed_on=D(2017, 1, 1))
    assert "Egelund Bibliotek" in error.value.message_dict["organisation"][0]


def test_each_edit_of_a_knowledge_document_adds_a_version(world):
    """Given a document with a file, when its text is edited, then version 2 holds the new
    text (as written, in Markdown) and keeps the file, and version 1 is unchanged."""
    by = actor(world, "secretariat")
    upload = SimpleUploadedFile("vidensgrundlag.pdf", b"%PDF-1.4 data")
    document = services.knowledge_document_create(
        initiative=world.initiative, by=by, title="Ensomhed blandt børn",
        body="Hver **tiende** elev", file=upload,
        sources="VIVE 2017\nhttps://www.sst.dk/")
    services.knowledge_version_add(document=document, by=by, body="Hver ottende elev",
                                   change_note="Nye tal")
    first, second = KnowledgeVersion.objects.filter(document=document).order_by("number")
    assert (first.body, first.body_format) == ("Hver **tiende** elev", "markdown")
    assert second.body == "Hver ottende elev"
    assert second.file.name == first.file.name
    assert first.source_lines == ["VIVE 2017", "https://www.sst.dk/"]


@pytest.mark.parametrize(("name", "content", "expected"), [
    ("program.exe", b"MZ\x90\x00\x03\x00\x00\x00", "af en type, Rygrad ikke tager"),
    ("rapport.pdf", b"<html><script>alert(1)</script></html>", "en webside, en SVG"),
    ("rapport.pdf", b"%PDF-1.4" + b"0" * (21 * 1024 * 1024), "filen er for stor (21,0"),
])
def test_a_wrong_or_too_large_file_is_refused_and_nothing_is_saved(world, name, content,
                                                                   expected):
    """Given a program, a page named .pdf and a 21 MB PDF, when each is uploaded to the
    knowledge base, then it is refused on the file field, by its content or size, and no
    version is saved."""
    by = actor(world, "secretariat")
    with pytest.raises(ValidationError) as error:
        services.knowledge_document_create(initiative=world.initiative, by=by, title="Notat",
                                           file=SimpleUploadedFile(name, content))
    assert expected in str(error.value.message_dict["file"])
    assert not KnowledgeVersion.objects.exists()


def test_the_knowledge_page_shows_history_and_an_older_version(world, client_as):
    by = actor(world, "secretariat")
    document = services.knowledge_document_create(initiative=world.initiative, by=by,
                                                  title="Notat", body="Første")
    services.knowledge_version_add(document=document, by=by, body="Anden")
    client = client_as("partner")
    page = client.get(url(world, "knowledge_detail", pk=document.pk)).content.decode()
    assert "Anden" in page and "Første" not in page
    older = client.get(url(world, "knowledge_detail", pk=document.pk), {"version": 1})
    assert "Første" in older.content.decode()


def test_a_knowledge_file_uploaded_through_the_form_can_be_downloaded(world, client_as):
    client = client_as("secretariat")
    response = client.post(url(world, "knowledge_create"), {
        "title": "Trivselsmåling 2017", "body": "Resumé", "sources": "VIVE",
        "file": SimpleUploadedFile("maaling.txt", b"resultater")})
    assert response.status_code == 302
    version = KnowledgeVersion.objects.get()
    download = client.get(url(world, "knowledge_file", pk=version.pk))
    assert b"".join(download.streaming_content) == b"resultater"


def test_the_responsible_organisation_checks_its_action_off(world, client_as):
    """Given an action item of the club, when the club's partner checks it off it is done;
    an item of another organisation is refused."""
    club = OrganisationFactory(initiative=world.initiative)
    Person.objects.create(initiative=world.initiative, name="Hanne",
                          user=world.users["partner"], organisation=club)
    track = TrackFactory(initiative=world.initiative)
    theirs = ActionItemFactory(track=track, organisation=club)
    other = ActionItemFactory(track=track, organisation=OrganisationFactory(
        initiative=world.initiative))
    client = client_as("partner")
    assert client.post(url(world, "action_check", pk=theirs.pk)).status_code == 302
    assert client.post(url(world, "action_check", pk=other.pk)).status_code == 403
    theirs.refresh_from_db()
    other.refresh_from_db()
    assert theirs.is_done and not other.is_done


def test_the_overview_counts_open_and_overdue_actions_per_track(world, client_as):
    """Given a track with one done, one overdue and one future action, then the overview
    shows 2 open and 1 overdue."""
    track = TrackFactory(initiative=world.initiative, name="Forældre som medspillere")
    ActionItemFactory(track=track, due_on=D(2000, 1, 1), done_on=D(2000, 1, 1))
    ActionItemFactory(track=track, due_on=D(2000, 1, 1))
    ActionItemFactory(track=track, due_on=D(2999, 1, 1))
    response = client_as("partner").get(url(world, "overview"))
    row = next(t for t in response.context["tracks"] if t.pk == track.pk)
    assert (row.open_actions, row.overdue_actions, row.activity_count) == (2, 1, 0)


@pytest.mark.parametrize("count", [3, 60])
def test_the_agenda_pages_stay_within_their_query_budget(world, client_as, count,
                                                         django_assert_max_num_queries):
    """Given 3 or 60 tracks with actions and as many knowledge documents in two versions,
    the overview, the knowledge base and the list of actions need the same number of
    queries."""
    by = actor(world, "secretariat")
    for n in range(count):
        track = TrackFactory(initiative=world.initiative)
        ActionItemFactory(track=track)
        document = services.knowledge_document_create(initiative=world.initiative, by=by,
                                                      title=f"Notat {n}", body="v1")
        services.knowledge_version_add(document=document, by=by, body="v2")
    client = client_as("partner")
    with django_assert_max_num_queries(9):
        assert len(client.get(url(world, "overview")).context["tracks"]) == count
    with django_assert_max_num_queries(9):
        assert len(client.get(url(world, "knowledge_list")).context["documents"]) == count
    with django_assert_max_num_queries(9):
        assert len(client.get(url(world, "action_list")).context["items"]) == count


def test_the_endorsement_signal_counts_organisations_as_of_a_date(world):
    """Given endorsements in November 2016 (two) and February 2017 (one), then the signal
    is 0 in October 2016, 2 at the end of 2016 and 3 at the end of 2017."""
    from rygrad.core.signals import get_signal

    by = actor(world, "secretariat")
    for on in (D(2016, 11, 24), D(2016, 11, 24), D(2017, 2, 2)):
        services.endorsement_add(initiative=world.initiative, by=by, endorsed_on=on,
                                 organisation=OrganisationFactory(initiative=world.initiative))
    signal = get_signal("agenda.vision_endorsements")
    values = [signal.compute(world.initiative, at)
              for at in (D(2016, 10, 31), D(2016, 12, 31), D(2017, 12, 31))]
    assert values == [0, 2, 3]


def test_the_list_of_all_actions_filters_and_exports_the_overdue_ones(world, client_as):
    """Given a done, an overdue and a future action on two tracks, when a partner filters on
    overdue, then only the overdue one is listed and the CSV holds just that row."""
    first, second = TrackFactory(initiative=world.initiative), TrackFactory(
        initiative=world.initiative)
    ActionItemFactory(track=first, what="Kortlægning", due_on=D(2000, 1, 1),
                      done_on=D(2000, 1, 1))
    ActionItemFactory(track=second, what="Forældrenetværk", due_on=D(2000, 1, 1))
    ActionItemFactory(track=second, what="Trivselsdag", due_on=D(2999, 1, 1))
    client = client_as("partner")
    response = client.get(url(world, "action_list"), {"status": "overdue"})
    assert [i.what for i in response.context["items"]] == ["Forældrenetværk"]
    csv_lines = b"".join(client.get(url(world, "action_list"), {
        "status": "overdue", "format": "csv"}).streaming_content).decode(
        "utf-8-sig").strip().splitlines()
    assert len(csv_lines) == 2
    assert csv_lines[1].startswith(f"{second.name};Forældrenetværk;")


def test_the_secretariat_corrects_an_action_and_removes_a_mistaken_endorsement(world,
                                                                               client_as):
    """Given an action and an endorsement, when the secretariat moves the action's deadline
    and removes the endorsement, then both changes are kept; a member may do neither."""
    item = ActionItemFactory(track=TrackFactory(initiative=world.initiative),
                             what="Forældrenetværk", due_on=D(2018, 1, 15))
    library = OrganisationFactory(initiative=world.initiative)
    endorsement = services.endorsement_add(initiative=world.initiative,
                                           by=actor(world, "secretariat"),
                                           organisation=library, endorsed_on=D(2016, 11, 24))
    with pytest.raises(ValidationError):
        services.endorsement_remove(endorsement=endorsement, by=actor(world, "member"))
    client = client_as("secretariat")
    response = client.post(url(world, "action_edit", pk=item.pk), {
        "what": "Forældrenetværk i alle 0. klasser", "due_on": "2018-03-01"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.what, item.due_on) == ("Forældrenetværk i alle 0. klasser", D(2018, 3, 1))
    assert client.post(url(world, "endorsement_remove", pk=endorsement.pk)).status_code == 302
    assert not library.endorsements.exists()


@pytest.mark.parametrize("count", [3, 120])
def test_a_tracks_activities_come_a_page_at_a_time(world, client_as, count,
                                                   django_assert_max_num_queries):
    """Given 3 or 120 activities on a track, its page lists at most 50 of them, in title
    order, with the total and the way to the next page, in the same number of queries;
    the last page holds the rest."""
    from rygrad.activities.tests.factories import ActivityFactory

    track = TrackFactory(initiative=world.initiative)
    titles = sorted(f"Aktivitet {n:03}" for n in range(count))
    for title in titles:
        ActivityFactory(initiative=world.initiative, title=title, tracks=[track])
    client = client_as("secretariat")
    with django_assert_max_num_queries(16):
        response = client.get(url(world, "track_detail", pk=track.pk))
    shown = [a.title for a in response.context["activities"]]
    assert shown == titles[:50]
    text = response.content.decode()
    assert f"{count} aktivitet" in text
    if count <= 50:
        assert "page=2" not in text
        return
    assert "Side 1 af 3" in text and "page=2" in text
    last = client.get(url(world, "track_detail", pk=track.pk) + "?page=3")
    assert [a.title for a in last.context["activities"]] == titles[100:]

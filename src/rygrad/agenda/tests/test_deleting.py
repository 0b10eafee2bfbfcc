"""Deleting from the agenda: a track takes its action plan with it while its activities
stay (off the track); a knowledge base document takes every version and file with it."""

from django.urls import reverse

from rygrad.activities.models import Activity
from rygrad.activities.tests.factories import ActivityFactory
from rygrad.agenda.models import ActionItem, Track
from rygrad.agenda.tests.factories import ActionItemFactory, TrackFactory


def test_deleting_a_track_keeps_its_activities_and_removes_its_actions(client_as, world):
    """Given a track with an action and an activity, when the secretariat confirms its
    deletion, then the page listed the track and the action, and afterwards the track and
    action are gone while the activity remains, on no track."""
    track = TrackFactory(initiative=world.initiative)
    ActionItemFactory(track=track)
    activity = ActivityFactory(initiative=world.initiative)
    activity.tracks.add(track)
    url = reverse("agenda:track_delete", kwargs={"slug": world.initiative.slug,
                                                 "pk": track.pk})
    client = client_as("secretariat")
    removes = dict(client.get(url).context["plan"].removes)
    assert removes["spor"] == 1 and removes["handlinger"] == 1
    assert "aktiviteter" not in removes
    assert client.post(url).status_code == 302
    assert not Track.objects.filter(pk=track.pk).exists()
    assert not ActionItem.objects.filter(track_id=track.pk).exists()
    assert Activity.objects.get(pk=activity.pk).tracks.count() == 0


def test_a_member_cannot_delete_a_track(client_as, world):
    """Given a member, when they post the deletion, then it is refused (403)."""
    track = TrackFactory(initiative=world.initiative)
    url = reverse("agenda:track_delete", kwargs={"slug": world.initiative.slug,
                                                 "pk": track.pk})
    assert client_as("member").post(url).status_code == 403
    assert Track.objects.filter(pk=track.pk).exists()


def test_deleting_a_document_removes_its_versions_and_files(client_as, world,
                                                            django_capture_on_commit_callbacks):
    """Given a document with two versions, one with a stored file, when the secretariat
    confirms its deletion, then the page listed the document and both versions, and
    afterwards they are gone and so is the file in storage (once the deletion committed)."""
    from django.core.files.base import ContentFile

    from rygrad.agenda.models import KnowledgeDocument, KnowledgeVersion
    from rygrad.agenda.tests.factories import KnowledgeDocumentFactory

    document = KnowledgeDocumentFactory(initiative=world.initiative)
    first = KnowledgeVersion.objects.create(initiative=world.initiative, document=document,
                                            number=1, body="Første", file_name="notat.txt")
    first.file.save("notat.txt", ContentFile(b"notat"), save=True)
    KnowledgeVersion.objects.create(initiative=world.initiative, document=document,
                                    number=2, body="Anden")
    storage, name = first.file.storage, first.file.name
    assert storage.exists(name)
    url = reverse("agenda:knowledge_delete", kwargs={"slug": world.initiative.slug,
                                                     "pk": document.pk})
    client = client_as("secretariat")
    removes = dict(client.get(url).context["plan"].removes)
    assert removes["versioner"] == 2
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 302
    assert not KnowledgeDocument.objects.filter(pk=document.pk).exists()
    assert not KnowledgeVersion.objects.filter(document_id=document.pk).exists()
    assert not storage.exists(name)

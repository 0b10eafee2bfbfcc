"""Smoke test of the demo's common agenda: it builds on its own, its pages open, and its
story holds in words (a vision adopted in 2016 and endorsed by partners over the year after,
strategic tracks with cross-cutting ones beside them, a knowledge base revised after its
first edition). The agenda's logic is pinned on constructed data in the other test files."""

import datetime as dt
import random

import pytest
from django.urls import reverse

from rygrad.agenda.demo import build
from rygrad.agenda.models import ActionItem, Endorsement, KnowledgeDocument, Track, Vision


@pytest.fixture
def demo(world):
    """The agenda demo on its own in the world's initiative (without the alliance demo, it
    creates the organisations it needs)."""
    build(world.initiative, random.Random(2015))
    return world.initiative


def test_the_demo_agenda_builds_and_its_pages_open(demo, client_as):
    """Given the demo agenda, when the secretariat opens the agenda, the action list, the
    knowledge base and every track's and document's page, then each answers 200."""
    client = client_as("secretariat")
    slug = {"slug": demo.slug}
    for name in ("overview", "action_list", "knowledge_list"):
        assert client.get(reverse(f"agenda:{name}", kwargs=slug)).status_code == 200, name
    tracks = list(Track.objects.for_initiative(demo))
    documents = list(KnowledgeDocument.objects.for_initiative(demo))
    assert tracks and documents
    for track in tracks:
        url = reverse("agenda:track_detail", kwargs={**slug, "pk": track.pk})
        assert client.get(url).status_code == 200, track.name
    for document in documents:
        url = reverse("agenda:knowledge_detail", kwargs={**slug, "pk": document.pk})
        assert client.get(url).status_code == 200, document.title


def test_the_demo_agenda_tells_the_story_of_a_shared_vision(demo):
    """Given the demo agenda, then the vision was adopted in 2016 and partners endorsed it
    from that day on, for the better part of a year after; there are more strategic tracks
    than cross-cutting ones (and both kinds), each with an action, some done and some not;
    and the knowledge base has a document revised after its first edition."""
    vision = Vision.objects.for_initiative(demo).get()
    assert vision.adopted_on.year == 2016 and vision.problem and vision.vision
    endorsed = sorted(Endorsement.objects.for_initiative(demo)
                      .values_list("endorsed_on", flat=True))
    assert endorsed[0] == vision.adopted_on
    assert dt.timedelta(days=180) < endorsed[-1] - endorsed[0] < dt.timedelta(days=2 * 365)
    tracks = Track.objects.for_initiative(demo)
    strategic = tracks.filter(is_cross_cutting=False).count()
    assert strategic > tracks.filter(is_cross_cutting=True).count() > 0
    assert not tracks.filter(action_items=None).exists()
    actions = ActionItem.objects.for_initiative(demo)
    assert actions.filter(done_on__isnull=False).exists()
    assert actions.filter(done_on__isnull=True).exists()
    revised = [d for d in KnowledgeDocument.objects.for_initiative(demo)
               if d.versions.count() > 1]
    assert revised

"""Smoke test of the demo's ideas: it builds, its pages open, and its numbers tell the
seed's story in relations (most adopted ideas land on the secretariat; only a fraction of
the ideas are realised; the hackathon's hundred ideas fall into several themes; answers
were published together in one release). The signals' logic is pinned on constructed
histories in test_signals.py."""

import datetime as dt
import random

import pytest
from django.db import transaction
from django.urls import reverse

from rygrad.activities.demo import build as build_activities
from rygrad.agenda.demo import build as build_agenda
from rygrad.alliance.demo import build as build_alliance
from rygrad.ideas import measures
from rygrad.ideas.demo import build as build_ideas
from rygrad.ideas.models import (
    AnswerRelease,
    Idea,
    Moderation,
    Source,
    Status,
    StatusChange,
    Theme,
)
from rygrad.meetings.demo import build as build_meetings

# The demo is built once for the module (module_world); every test reads it.
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(module_world, django_db_blocker):
    """The demos the ideas build on, then the ideas', in the order `rygrad demo` runs;
    built once for the module."""
    rng = random.Random(2015)
    with django_db_blocker.unblock(), transaction.atomic():  # as demo_build
        for build in (build_alliance, build_agenda, build_activities, build_meetings,
                      build_ideas):
            build(module_world.initiative, rng)
    return module_world.initiative


@pytest.fixture
def world(module_world, db):
    return module_world


def test_the_demo_ideas_build_and_their_pages_open(demo, client_as):
    """Given the demo's ideas, when the secretariat opens every list page and a sample of
    idea pages, and the public opens "you said — we did" and every public idea page, then
    each answers 200."""
    client = client_as("secretariat")
    slug = {"slug": demo.slug}
    for name in ("list", "themes", "signals", "moderation", "releases", "templates",
                 "public_list"):
        assert client.get(reverse(f"ideas:{name}", kwargs=slug)).status_code == 200, name
    ideas = list(Idea.objects.for_initiative(demo))
    for idea in ideas[::7]:
        page = client.get(reverse("ideas:detail", kwargs={**slug, "pk": idea.pk}))
        assert page.status_code == 200, idea.title
    public = client_as("anonymous")
    for idea in ideas:
        expected = 200 if idea.moderation == Moderation.APPROVED else 404
        page = public.get(reverse("ideas:public_detail", kwargs={**slug,
                                                                 "number": idea.number}))
        assert page.status_code == expected, idea.title


def test_the_demo_tells_the_seeds_story(demo):
    """Given the demo, then about a hundred hackathon ideas came in and fell into six to
    ten themes; a few near-duplicates were merged; the hackathon's answers came in one
    release; most adopted ideas are the secretariat's; only a fraction is realised; the
    realised ones lead to activities; one web idea waits for moderation."""
    today = dt.date.today()
    hackathon = Idea.objects.for_initiative(demo).filter(source=Source.HACKATHON)
    assert 90 <= hackathon.count() <= 110
    assert 6 <= Theme.objects.for_initiative(demo).count() <= 10
    assert Idea.objects.for_initiative(demo).filter(merged_into__isnull=False).count() >= 3
    release = AnswerRelease.objects.for_initiative(demo).get()
    assert release.published_on == dt.date(2017, 5, 15) and release.changes.count() > 40
    assert measures.backbone_owned_share(initiative=demo, at=today) > 0.5
    assert 0.05 < measures.realised_share(initiative=demo, at=today) < 0.35
    assert measures.youth_share(initiative=demo, at=today) > 0.5
    realised = Idea.objects.for_initiative(demo).filter(status=Status.REALISED)
    assert realised.exists() and not realised.filter(activity__isnull=True).exists()
    assert measures.awaiting_answer(initiative=demo, at=today, days=30) > 10
    assert Idea.objects.for_initiative(demo).filter(moderation=Moderation.PENDING).count() == 1


def test_the_demo_ideas_come_from_the_demo_meetings(demo):
    """Given the meetings demo, then every hackathon and Youth-bus idea names its event
    (the bus's visit on its own school's day), and the trail of an idea the alliance took
    up leads through the meeting's decision to the activity."""
    ideas = Idea.objects.for_initiative(demo)
    hackathon = ideas.filter(source=Source.HACKATHON)
    assert not hackathon.filter(event__isnull=True).exists()
    assert set(hackathon.values_list("event__title", flat=True)) == {"Hackathon på skolerne"}
    friskole = ideas.get(title="Natbus i weekenden")
    assert (friskole.event.title, friskole.submitted_on) == (
        "Ungebussen på Egelund Friskole", dt.date(2016, 9, 16))
    jobs = ideas.get(title__startswith="Første fritidsjob til unge")
    realised = jobs.changes.get(status=Status.REALISED)
    assert realised.decision.meeting.held_on == dt.date(2018, 3, 8)
    assert realised.decision.activity == jobs.activity
    assert StatusChange.objects.filter(initiative=demo, release__isnull=False,
                                       decision__isnull=False).exists()

"""Smoke test of the demo's meetings: they build on the alliance, agenda and activities
demos, their pages open, the events other demos look for are there, and the numbers tell
the seed's story (no youth briefings at first, most items briefed later; some action
items overdue; the next alliance meeting to come, with its briefings). The signals' logic
is pinned on constructed meetings in test_signals.py."""

import datetime as dt
import random

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from rygrad.activities.demo import build as build_activities
from rygrad.agenda.demo import build as build_agenda
from rygrad.alliance.demo import build as build_alliance
from rygrad.meetings import measures
from rygrad.meetings.demo import build as build_meetings
from rygrad.meetings.models import Kind, Meeting

D = dt.date

# The demo is built once for the module (module_world); every test reads it.
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(module_world, django_db_blocker):
    """The demos the meetings build on, then the meetings'; built once for the module."""
    rng = random.Random(2015)
    with django_db_blocker.unblock(), transaction.atomic():  # as demo_build
        for build in (build_alliance, build_agenda, build_activities, build_meetings):
            build(module_world.initiative, rng)
    return module_world.initiative


@pytest.fixture
def world(module_world, db):
    return module_world


def test_the_events_other_demos_look_for_are_there(demo):
    """Given the demo, then the hackathon, the vision workshop, the Youth bus's visits and
    the alliance meetings the ideas demo names are found by title and date."""
    meetings = Meeting.objects.for_initiative(demo)
    assert meetings.get(title="Hackathon på skolerne").held_on == D(2017, 3, 1)
    assert meetings.get(title="Visionsværksted med unge").kind == Kind.WORKSHOP
    assert meetings.get(title="Ungebussen på Egelund Skole").held_on == D(2016, 9, 12)
    assert meetings.get(title="Ungebussen på Egelund Friskole").held_on == D(2016, 9, 16)
    for on in (D(2016, 11, 24), D(2017, 9, 14), D(2018, 3, 8)):
        assert meetings.filter(title="Alliancemøde", held_on=on, kind=Kind.ALLIANCE).exists()
    for on in (D(2016, 10, 12), D(2017, 10, 11), D(2018, 10, 10)):
        assert meetings.filter(title="Ungemøde i Fællesrådet", held_on=on).exists()


def test_the_demo_tells_the_story_of_youth_preparation_and_follow_up(demo):
    """Given the demo, then no alliance agenda item of 2016 had a youth briefing and most
    of the last year's did; young people's share of attendance grew; some action items
    are overdue today; and the next alliance meeting is still to come, with most of its
    agenda briefed."""
    today = timezone.localdate()
    assert measures.youth_briefed_share(initiative=demo, at=D(2016, 12, 31)) == 0
    assert measures.youth_briefed_share(initiative=demo, at=today) >= 0.6
    assert (measures.youth_attendance_share(initiative=demo, at=D(2016, 12, 31))
            < measures.youth_attendance_share(initiative=demo, at=D(2019, 12, 31)))
    assert measures.overdue_actions_at(initiative=demo, at=today) >= 1
    upcoming = Meeting.objects.for_initiative(demo).filter(
        kind=Kind.ALLIANCE, held_on__gt=today).get()
    assert upcoming.items.exclude(youth_briefing="").count() == 3
    assert not upcoming.attendance.exists()


def test_every_page_of_the_demo_meetings_opens(demo, client_as, world):
    """Given the demo, when the secretariat opens the list, the action items, the youth
    briefings and every meeting's page, then each answers 200."""
    client = client_as("secretariat")
    slug = {"slug": demo.slug}
    for name in ("list", "actions", "briefings", "calendar_feed"):
        assert client.get(reverse(f"meetings:{name}", kwargs=slug)).status_code == 200
    for meeting in Meeting.objects.for_initiative(demo):
        response = client.get(reverse("meetings:detail", kwargs={**slug, "pk": meeting.pk}))
        assert response.status_code == 200, meeting

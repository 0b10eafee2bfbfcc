"""The meetings pages full of the demo's story in Debian's Chromium: no WCAG 2.1 AA
violation found by axe-core (also on a refused form), and recording and ticking off work
with JavaScript turned off."""

import datetime as dt
import random

import pytest
from django.urls import reverse
from django.utils import timezone

from rygrad.activities.demo import build as build_activities
from rygrad.agenda.demo import build as build_agenda
from rygrad.alliance.demo import build as build_alliance
from rygrad.core.browser import axe_violations, describe_violations
from rygrad.meetings.demo import build as build_meetings
from rygrad.meetings.models import Kind, Meeting
from rygrad.meetings.tests.factories import ActionFactory, MeetingFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def story(world):
    rng = random.Random(2015)
    for build in (build_alliance, build_agenda, build_activities, build_meetings):
        build(world.initiative, rng)
    return world


def test_pages_full_of_the_demo_story_have_no_wcag21_aa_violations(page, story, login):
    """Given the demo's meetings, when the secretariat opens the list, a full alliance
    meeting, its attendance, the action items, the briefings and the calendar page — and
    a young person the briefings and a youth meeting — then axe-core reports no WCAG 2.1
    A or AA violation; neither on a refused form."""
    slug = {"slug": story.initiative.slug}
    meetings = Meeting.objects.for_initiative(story.initiative)
    alliance = meetings.get(kind=Kind.ALLIANCE, held_on=dt.date(2016, 11, 24))
    youth = meetings.filter(kind=Kind.YOUTH).first()
    pages = {
        "list": reverse("meetings:list", kwargs=slug) + "?kind=alliance",
        "meeting": reverse("meetings:detail", kwargs={**slug, "pk": alliance.pk}),
        "attendance": reverse("meetings:attendance", kwargs={**slug, "pk": alliance.pk}),
        "actions": reverse("meetings:actions", kwargs=slug),
        "briefings": reverse("meetings:briefings", kwargs=slug),
        "calendar": reverse("meetings:calendar_address", kwargs=slug),
    }
    found = {}
    login(page, story.users["secretariat"])
    for name, url in pages.items():
        page.goto(url)
        if violations := axe_violations(page):
            found[name] = describe_violations(violations)
    page.goto(reverse("meetings:create", kwargs=slug))
    page.fill("#id_title", "Alliancemøde")
    page.fill("#id_starts_at", "18:00")
    page.fill("#id_ends_at", "16:00")
    with page.expect_navigation():
        page.get_by_role("button", name="Gem").click()
    assert page.locator(".errorlist").count() >= 1
    if violations := axe_violations(page):
        found["refused meeting"] = describe_violations(violations)
    login(page, story.users["youth"])
    for name, url in {"youth briefings": pages["briefings"],
                      "youth meeting": reverse("meetings:detail",
                                               kwargs={**slug, "pk": youth.pk})}.items():
        page.goto(url)
        if violations := axe_violations(page):
            found[name] = describe_violations(violations)
    assert not found, found


def test_recording_and_ticking_off_work_without_javascript(new_page, world, login):
    """Given a browser without JavaScript, when the secretariat adds an agenda item with a
    youth briefing and ticks off an overdue action item from the overdue list, then the
    briefing shows on the meeting and the list is empty."""
    today = timezone.localdate()
    meeting = MeetingFactory(initiative=world.initiative, held_on=today - dt.timedelta(30))
    ActionFactory(meeting=meeting, due_on=today - dt.timedelta(days=2), title="Sende referat")
    page = new_page(java_script_enabled=False)
    login(page, world.users["secretariat"])
    slug = {"slug": world.initiative.slug}
    page.goto(reverse("meetings:item_add", kwargs={**slug, "pk": meeting.pk}))
    page.fill("#id_title", "Sommerferien")
    page.fill("#id_youth_briefing", "Hvad skal der ske i sommerferien?")
    with page.expect_navigation():
        page.get_by_role("button", name="Gem").click()
    assert "Hvad skal der ske i sommerferien?" in page.content()
    page.goto(reverse("meetings:actions", kwargs=slug) + "?status=overdue")
    with page.expect_navigation():
        page.locator("tbody form.inline button[type=submit]").click()
    assert "overdue" in page.url
    assert page.locator("tbody tr").count() == 0

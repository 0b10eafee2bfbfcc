"""The agenda and activity pages with the demo's story in Debian's Chromium: no WCAG 2.1 AA
violation found by axe-core (also on a refused form), and the overview's filter works with
JavaScript turned off."""

import random

import pytest
from django.urls import reverse

from rygrad.activities.demo import build as build_activities
from rygrad.activities.models import Activity
from rygrad.agenda.demo import build as build_agenda
from rygrad.agenda.models import KnowledgeDocument, Track
from rygrad.core.browser import axe_violations, describe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def story(world):
    rng = random.Random(2015)
    build_agenda(world.initiative, rng)
    build_activities(world.initiative, rng)
    return world


def test_pages_full_of_the_demo_story_have_no_wcag21_aa_violations(page, story, login):
    """Given the demo's agenda and 41 activities, when the secretariat opens each page, then
    axe-core reports no WCAG 2.1 A or AA violation."""
    initiative = story.initiative
    slug = {"slug": initiative.slug}
    reading = Activity.objects.get(initiative=initiative, title="Læseheste i dagtilbud")
    track = Track.objects.for_initiative(initiative).first()
    document = KnowledgeDocument.objects.for_initiative(initiative).first()
    pages = {
        "overview": reverse("activities:list", kwargs=slug),
        "timeline": reverse("activities:timeline", kwargs=slug),
        "signals": reverse("activities:signals", kwargs=slug) + "?year=2017",
        "activity": reverse("activities:detail", kwargs={**slug, "pk": reading.pk}),
        "agenda": reverse("agenda:overview", kwargs=slug),
        "track": reverse("agenda:track_detail", kwargs={**slug, "pk": track.pk}),
        "knowledge": reverse("agenda:knowledge_detail", kwargs={**slug, "pk": document.pk}),
        "dashboard": reverse("initiatives:dashboard", kwargs=slug) + "?at=2017-12-31",
    }
    login(page, story.users["secretariat"])
    found = {}
    for name, url in pages.items():
        page.goto(url)
        violations = axe_violations(page)
        if violations:
            found[name] = describe_violations(violations)
    page.goto(reverse("activities:stage_change", kwargs={**slug, "pk": reading.pk}))
    page.select_option("#id_to", "stopped")  # without the reason stopping needs
    with page.expect_navigation():
        page.get_by_role("button", name="Gem").click()
    assert page.locator(".errorlist").count() >= 1
    if violations := axe_violations(page):
        found["refused stage change"] = describe_violations(violations)
    assert not found, found


def test_the_overview_filter_works_without_javascript(new_page, story, login):
    """Given a browser without JavaScript, when a member filters on the stage anchored,
    then exactly the two anchored activities are listed."""
    page = new_page(java_script_enabled=False)
    login(page, story.users["member"])
    page.goto(reverse("activities:list", kwargs={"slug": story.initiative.slug}))
    page.select_option("#id_stage", "anchored")
    with page.expect_navigation():
        page.locator("form.filters button[type=submit]").click()
    titles = page.locator("tbody th[scope=row]").all_inner_texts()
    assert sorted(titles) == ["Læseheste i dagtilbud",
                              "Sammenhængende samarbejdsmodel for trivsel"]

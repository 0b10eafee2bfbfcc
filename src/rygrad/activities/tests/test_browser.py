"""The agenda and activity pages with the demo's story in Debian's Chromium: no WCAG 2.1 AA
violation found by axe-core (also on a refused form), the overview's filter works with
JavaScript turned off, and an activity is proposed with the keyboard alone."""

import datetime as dt
import random

import pytest
from django.urls import reverse

from rygrad.activities.demo import build as build_activities
from rygrad.activities.models import Activity
from rygrad.agenda.demo import build as build_agenda
from rygrad.agenda.models import KnowledgeDocument, Track
from rygrad.core.browser import (
    axe_violations,
    describe_violations,
    description,
    form_fields,
    tab_until,
)

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


def test_the_secretariat_proposes_an_activity_with_the_keyboard_only(page, story, login):
    """Given the new-activity form, when the secretariat uses only the keyboard, then Tab
    reaches every field and the save button with the focus visible at each stop; sending
    it empty (Enter on the button) marks the missing title and start date as invalid and
    reads out each error with its field (aria-describedby); and once the title, the start
    date and a driver are typed and chosen with keys, Enter saves the activity."""
    slug = {"slug": story.initiative.slug}
    login(page, story.users["secretariat"])
    page.goto(reverse("activities:create", kwargs=slug))
    form = "main form[method=post]"
    stops = tab_until(page, f"{form} button[type=submit]")
    missing = set(form_fields(page, form)) - {stop["name"] for stop in stops}
    assert not missing, f"Tab never reached {missing}"

    page.keyboard.press("Enter")
    page.wait_for_selector(".errorlist")
    for field in ("#id_title", "#id_starts_on"):
        assert page.get_attribute(field, "aria-invalid") == "true", field
        assert "Dette felt er påkrævet." in description(page, field), field
    assert Activity.objects.filter(initiative=story.initiative).count() == 41

    tab_until(page, "#id_title")
    page.keyboard.type("Tastaturets lektiecafé")
    tab_until(page, "#id_starts_on")
    page.keyboard.type("09092025")  # day and month alike: either order of the two fields
    tab_until(page, "#id_driver")
    page.keyboard.press("ArrowDown")
    driver = page.eval_on_selector("#id_driver", "el => el.selectedOptions[0].textContent")
    tab_until(page, f"{form} button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    activity = Activity.objects.get(initiative=story.initiative,
                                    title="Tastaturets lektiecafé")
    assert activity.starts_on == dt.date(2025, 9, 9)
    assert activity.driver.name == driver.strip()
    assert page.url.endswith(reverse("activities:detail", kwargs={**slug, "pk": activity.pk}))

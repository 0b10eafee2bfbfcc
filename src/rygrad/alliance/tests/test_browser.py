"""The alliance pages in Debian's Chromium: no WCAG 2.1 AA violations found by axe-core,
and the as-of filter works with JavaScript turned off."""

import datetime as dt

import pytest
from django.urls import reverse

from rygrad.core.browser import axe_violations, describe_violations

from .factories import PartnershipFactory
from .history import build_history

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _pages(world, history):
    slug = {"slug": world.initiative.slug}
    return {
        "overview": reverse("alliance:overview", kwargs=slug) + "?at=2017-06-30",
        "over time": reverse("alliance:over_time", kwargs=slug),
        "organisations": reverse("alliance:organisation_list", kwargs=slug),
        "organisation": reverse("alliance:organisation_detail",
                                kwargs={**slug, "pk": history["club"].pk}),
        "person": reverse("alliance:person_detail", kwargs={**slug, "pk": history["ann"].pk}),
        "people": reverse("alliance:person_list", kwargs=slug),
        "import": reverse("alliance:import", kwargs=slug),
        "membership form": reverse("alliance:membership_create",
                                   kwargs={**slug, "pk": history["ann"].pk}),
    }


def test_alliance_pages_have_no_wcag21_aa_violations(page, world, login):
    """Given the constructed history, when the secretariat opens each alliance page, then
    axe-core reports no WCAG 2.1 A or AA violation."""
    history = build_history(world.initiative)
    PartnershipFactory(initiative=world.initiative, organisation_a=history["club"],
                       organisation_b=history["school"], started_on=dt.date(2017, 3, 1))
    login(page, world.users["secretariat"])
    found = {}
    for name, url in _pages(world, history).items():
        page.goto(url)
        violations = axe_violations(page)
        if violations:
            found[name] = describe_violations(violations)
    assert not found, found


def test_the_as_of_filter_works_without_javascript(new_page, world, login):
    """Given a browser without JavaScript, when a member picks 1 July 2017 and presses
    Show, then the alliance of that day is listed (Bo and Cim, not Ann)."""
    build_history(world.initiative)
    page = new_page(java_script_enabled=False)
    login(page, world.users["member"])
    page.goto(reverse("alliance:overview", kwargs={"slug": world.initiative.slug}))
    page.fill("#at", "2017-07-01")
    with page.expect_navigation():
        page.get_by_role("button", name="Vis").click()
    names = page.locator("tbody th[scope=row]").all_inner_texts()
    assert sorted(names) == ["Bo", "Cim"]

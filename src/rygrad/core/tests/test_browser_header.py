"""The header on a phone (320 x 568 px, the smallest common screen), in Debian's Chromium
with JavaScript turned off: it takes at most a fifth of the screen, and its menu opens
with the keyboard alone."""

import pytest
from django.urls import reverse

from rygrad.core.browser import axe_violations, describe_violations

pytestmark = pytest.mark.browser

PHONE = {"width": 320, "height": 568}


def test_the_header_takes_at_most_a_fifth_of_a_phone_screen(new_page, world, login):
    """Given the secretariat on a 320 x 568 phone, when they open the dashboard and any
    page of the front, then the header (brand, initiative, menu button) is at most 20 % of
    the screen's height, and the navigation is folded away until asked for."""
    page = new_page(viewport=PHONE, java_script_enabled=False)
    login(page, world.users["secretariat"])
    for url in (reverse("initiatives:dashboard", kwargs={"slug": world.initiative.slug}),
                reverse("front_page")):
        page.goto(url)
        height = page.locator(".site-header").bounding_box()["height"]
        assert height <= 0.2 * PHONE["height"], f"{url}: the header is {height} px high"
    page.goto(reverse("initiatives:dashboard", kwargs={"slug": world.initiative.slug}))
    assert not page.get_by_role("navigation", name="Initiativ").is_visible()


def test_the_menu_opens_and_is_walked_with_the_keyboard_without_javascript(new_page, world,
                                                                           login):
    """Given a phone without JavaScript on the dashboard, when the secretariat tabs to the
    menu button and presses Enter, then the menu opens without covering its button, the
    next Tab stops reach every link of the initiative's navigation, each visible; Enter on
    the button folds it again."""
    page = new_page(viewport=PHONE, java_script_enabled=False)
    login(page, world.users["secretariat"])
    page.goto(reverse("initiatives:dashboard", kwargs={"slug": world.initiative.slug}))
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.tagName") == "SUMMARY":
            break
    else:
        pytest.fail("the menu button cannot be reached with Tab")
    summary = page.locator("details.menu > summary")
    assert summary.get_attribute("aria-expanded") in (None, "false")
    page.keyboard.press("Enter")
    assert page.locator("details.menu").get_attribute("open") is not None
    assert summary.is_visible()

    nav_links = page.get_by_role("navigation", name="Initiativ").get_by_role("link")
    expected = nav_links.all_inner_texts()
    assert expected, "the navigation has links"
    reached = []
    for _ in range(len(expected) + 8):
        page.keyboard.press("Tab")
        focused = page.evaluate("""() => {
            const el = document.activeElement, box = el.getBoundingClientRect();
            return [el.closest('nav') ? el.textContent.trim() : null,
                    box.width > 0 && box.height > 0];
        }""")
        if focused[0] is not None:
            assert focused[1], f"{focused[0]} is focused but not shown"
            reached.append(focused[0])
    assert reached[:len(expected)] == [text.strip() for text in expected]

    summary.focus()
    page.keyboard.press("Enter")
    assert page.locator("details.menu").get_attribute("open") is None


def test_the_open_menu_has_no_wcag21_aa_violations(new_page, world, login):
    """Given the dashboard on a phone, when the menu is opened with Enter, then axe-core
    finds no WCAG 2.1 AA violation (axe needs JavaScript; the menu does not)."""
    page = new_page(viewport=PHONE)
    login(page, world.users["secretariat"])
    page.goto(reverse("initiatives:dashboard", kwargs={"slug": world.initiative.slug}))
    page.locator("details.menu > summary").focus()
    page.keyboard.press("Enter")
    assert page.get_by_role("navigation", name="Initiativ").is_visible()
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)

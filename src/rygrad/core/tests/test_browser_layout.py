"""The shared layout in a real browser (Debian's Chromium): accessible to axe-core, usable
with the keyboard alone, switchable between Danish and English without JavaScript, and
narrow enough for a phone."""

import pytest
from django.urls import reverse

from rygrad.core.browser import axe_violations, describe_violations

pytestmark = pytest.mark.browser

PAGES = {
    "front page": ("anonymous", lambda world: reverse("front_page")),
    "login page": ("anonymous", lambda world: reverse("account_login")),
    "dashboard": ("secretariat", lambda world: reverse(
        "initiatives:dashboard", kwargs={"slug": world.initiative.slug})),
    "accessibility statement": ("anonymous", lambda world: reverse("core:accessibility")),
}


@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_wcag21_aa_violations(name, page, world, login):
    """Given a shared page opened by the person who normally sees it, when axe-core checks
    it against WCAG 2.1 A and AA, then it reports no violation."""
    role, url = PAGES[name]
    if world.users[role] is not None:
        login(page, world.users[role])
    page.goto(url(world))
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(page, world):
    """Given the front page, when a keyboard user presses Tab, then the skip link is
    focused first and visible; when they press Enter, then focus is on the main content."""
    page.goto(reverse("front_page"))
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.getAttribute('href')")
    assert focused == "#main"
    box = page.locator(".skip-link").bounding_box()
    assert box is not None and box["x"] >= 0, "the focused skip link is on screen"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"


def test_language_switch_works_without_javascript(new_page, world):
    """Given a browser with JavaScript turned off showing the dashboard in Danish, when the
    visitor presses "English", then the same page comes back in English, and "Dansk"
    switches it back."""
    page = new_page(java_script_enabled=False)
    url = reverse("initiatives:dashboard", kwargs={"slug": world.initiative.slug})
    page.goto(url)
    assert page.locator("html").get_attribute("lang") == "da"
    assert page.get_by_role("link", name="Tilgængelighedserklæring").is_visible()

    with page.expect_navigation():
        page.get_by_role("button", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.url.endswith(url)
    assert page.get_by_role("link", name="Accessibility statement").is_visible()

    with page.expect_navigation():
        page.get_by_role("button", name="Dansk").click()
    assert page.locator("html").get_attribute("lang") == "da"


def test_a_member_can_log_in_with_the_keyboard_only(page, world):
    """Given the login page, when the secretariat tabs to the fields, types email and
    password and presses Enter, then they are signed in (a log-out button appears)."""
    page.goto(reverse("account_login"))
    email = page.get_by_label("E-mail")
    for _ in range(30):
        page.keyboard.press("Tab")
        if email.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("the email field cannot be reached with Tab")
    page.keyboard.type("secretariat@example.org")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.type") == "password"
    page.keyboard.type("pw")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_role("button", name="Log ud").is_visible()


def test_dashboard_does_not_scroll_sideways_on_a_phone(new_page, world, login):
    """Given a 375 px wide phone screen, when the secretariat opens the dashboard, then the
    page fits its width (no horizontal scrolling)."""
    page = new_page(viewport={"width": 375, "height": 740}, is_mobile=True)
    login(page, world.users["secretariat"])
    page.goto(reverse("initiatives:dashboard", kwargs={"slug": world.initiative.slug}))
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], f"page is {widths[0]} px wide on a {widths[1]} px screen"


def test_keyboard_focus_is_visible_on_every_tab_stop(page, world, login):
    """Given the dashboard, when a keyboard user tabs through the first controls (skip
    link, header links, language switch, navigation), then each focused element shows a
    focus outline of at least 2 px."""
    login(page, world.users["secretariat"])
    page.goto(reverse("initiatives:dashboard", kwargs={"slug": world.initiative.slug}))
    seen = []
    for _ in range(8):
        page.keyboard.press("Tab")
        outline = page.evaluate("""() => {
            const el = document.activeElement, style = getComputedStyle(el);
            return [el.tagName + ' ' + (el.textContent || '').trim().slice(0, 30),
                    style.outlineStyle, parseFloat(style.outlineWidth)];
        }""")
        seen.append(outline)
    invisible = [name for name, style, width in seen if style == "none" or width < 2]
    assert not invisible, f"no visible focus on: {invisible}"


def test_layout_has_one_banner_one_main_and_one_footer_landmark(page, world):
    """Given the front page, when a screen reader lists its landmarks, then there is one
    banner (header), one main region and one content-info region (footer)."""
    page.goto(reverse("front_page"))
    assert page.get_by_role("banner").count() == 1
    assert page.get_by_role("main").count() == 1
    assert page.get_by_role("contentinfo").count() == 1


ACCOUNT_PAGES = ["/accounts/password/reset/", "/accounts/password/change/", "/accounts/email/",
                 "/accounts/2fa/", "/accounts/logout/"]


def test_account_pages_are_accessible_on_a_phone(new_page, world, login):
    """Given the secretariat on a 320 px screen, when they open the account pages
    (password, email, two-factor login, log out) and set up an authenticator app, then
    axe-core finds no WCAG 2.1 AA violation and no page scrolls sideways."""
    page = new_page(viewport={"width": 320, "height": 640})
    login(page, world.users["secretariat"])
    report = []

    def check(url):
        violations = axe_violations(page)
        if violations:
            report.append(f"{url}: {describe_violations(violations)}")
        if page.evaluate("() => document.documentElement.scrollWidth") > 320:
            report.append(f"{url}: scrolls sideways")

    page.goto("/accounts/2fa/totp/activate/")
    check(page.url)  # allauth asks for the password again first
    page.get_by_label("Adgangskode").fill("pw")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/2fa/totp/activate" in page.url
    check(page.url)
    for url in ACCOUNT_PAGES:
        page.goto(url)
        check(url)
    assert not report, "\n".join(report)

"""The early-warning pages and the dashboard's trend lines with a history to show, in
Chromium: axe-core finds no WCAG 2.1 AA violation and nothing scrolls sideways on a 320 px
screen, in Danish and in English."""

import pytest
from django.conf import settings
from django.urls import reverse

from rygrad.core.browser import axe_violations, describe_violations
from rygrad.earlywarning.tests.test_views import LOAD, recent  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("locale", ["da-DK", "en-GB"])
def test_pages_with_trend_lines_charts_and_the_path_are_accessible(
        world, recent, new_page, login, locale, live_server):  # noqa: F811
    """Given a history of two years with backbone load in warning throughout, when the
    secretariat opens the dashboard, the overview, backbone load's page and the path of
    change on a narrow screen, then axe-core reports nothing, the pages fit the screen, and
    the trend lines and charts are there to check."""
    slug = world.initiative.slug
    page = login(new_page(viewport={"width": 320, "height": 640}, locale=locale),
                 world.users["secretariat"])
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": locale[:2],
                               "url": live_server.url}])
    report = []
    for name, kwargs, needs in [
            ("initiatives:dashboard", {}, "svg.sparkline"),
            ("earlywarning:overview", {}, "svg.sparkline"),
            ("earlywarning:signal", {"key": LOAD}, ".chart svg"),
            ("earlywarning:path", {}, "table.path-table td.level-1")]:
        url = reverse(name, kwargs={"slug": slug, **kwargs})
        assert page.goto(url).status == 200
        assert page.get_attribute("html", "lang") == locale[:2]
        assert page.locator(needs).count(), f"{url}: no {needs}"
        violations = axe_violations(page)
        if violations:
            report.append(f"{url}: {describe_violations(violations)}")
        width, screen = page.evaluate("() => [document.documentElement.scrollWidth, "
                                      "document.documentElement.clientWidth]")
        if width > screen:
            report.append(f"{url}: {width} px wide on a {screen} px screen")
    assert not report, "\n".join(report)

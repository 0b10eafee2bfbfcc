"""Every page of the permission matrix in a real browser, on a 320 px wide screen (the
width WCAG 1.4.10 asks pages to reflow to): axe-core finds no WCAG 2.1 AA violation, the
page does not scroll sideways, nothing loads from another host, and the Content Security
Policy blocks nothing (a blocked script or style would be a page that silently fails).

One test per app (its matrix setup is built once, its pages visited in turn), so the
whole project is checked in a few seconds per app.
"""

import pytest
from django.urls import reverse

from rygrad.core.browser import axe_violations, describe_violations
from rygrad.core.tests.test_access_matrix import SETUPS
from rygrad.core.tests.test_pages_in_both_languages import PAGES, viewer

pytestmark = pytest.mark.browser

APPS = sorted({app for app, _case in PAGES})


def _problems(page, live_server, url) -> list[str]:
    foreign, errors = [], []

    def on_request(request):
        if not request.url.startswith((live_server.url, "data:", "about:")):
            foreign.append(request.url)

    def on_console(message):
        if message.type == "error":
            errors.append(message.text)

    page.on("request", on_request)
    page.on("console", on_console)
    try:
        response = page.goto(url)
        if response.status != 200:
            return [f"answered {response.status}"]
        violations = axe_violations(page)
        width, screen = page.evaluate("() => [document.documentElement.scrollWidth, "
                                      "document.documentElement.clientWidth]")
    finally:
        page.remove_listener("request", on_request)
        page.remove_listener("console", on_console)
    problems = [describe_violations(violations)] if violations else []
    if width > screen:
        problems.append(
            f"scrolls sideways: {width} px wide on a {screen} px screen (WCAG 1.4.10); wrap "
            'wide tables in <div class="table-scroll" tabindex="0" role="region" '
            'aria-label="..."> as core/chart.html does')
    problems += [f"loaded from another host: {u}" for u in foreign]
    problems += [f"console error: {e}" for e in errors]
    return problems


@pytest.mark.parametrize("app", APPS, ids=lambda app: app.rsplit(".", 1)[-1])
def test_every_page_of_the_app_is_accessible_and_self_contained(
    app, new_page, world, login, live_server
):
    """Given each page of an app opened on a narrow screen by someone allowed to see it,
    when it has loaded in Chromium, then axe-core reports no WCAG 2.1 AA violation, the
    page fits the screen's width, every request went to this site, and the console shows
    no error (such as a Content Security Policy refusal)."""
    objects = SETUPS[app](world)
    pages, report = {}, []
    for _app, case in (item for item in PAGES if item[0] == app):
        kwargs = {"slug": world.initiative.slug} if case.in_initiative else {}
        if case.kwargs:
            kwargs.update(case.kwargs(world, objects))
        url = reverse(case.url_name, kwargs=kwargs) + (f"?{case.query}" if case.query else "")
        role = viewer(case)
        if role not in pages:
            pages[role] = new_page(viewport={"width": 320, "height": 640})
            if world.users[role] is not None:
                login(pages[role], world.users[role])
        page = pages[role]
        if not page.request.get(url).headers.get("content-type", "").startswith("text/html"):
            continue  # a download (CSV, Excel, a document), not a page
        report += [f"{url}: {problem}" for problem in _problems(page, live_server, url)]
    assert not report, "\n".join(report)

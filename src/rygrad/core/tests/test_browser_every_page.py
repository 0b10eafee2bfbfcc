"""Every page of the permission matrix in a real browser, as each role allowed to see it,
in Danish and in English, on a 320 px wide screen (the width WCAG 1.4.10 asks pages to
reflow to): axe-core finds no WCAG 2.1 A/AA violation, the page does not scroll sideways,
says its language in `<html lang>`, nothing loads from another host, and the Content
Security Policy blocks nothing (a blocked script or style would be a page that silently
fails). The sweep itself is browser_a11y.Sweep: it renders and checks each distinct page
once, so a page that looks alike to several roles is not checked again for each.

One test per app (its matrix setup is built once, its pages visited in turn). The API's
JSON endpoints are not pages and are left out (test_api*.py test them).
"""

import os

import pytest
from django.urls import reverse

from rygrad.core.tests.test_access_matrix import SETUPS
from rygrad.core.tests.test_pages_in_both_languages import PAGES

from .browser_a11y import Sweep

pytestmark = pytest.mark.browser

APPS = sorted({app for app, _case in PAGES})


@pytest.mark.parametrize("app", APPS, ids=lambda app: app.rsplit(".", 1)[-1])
def test_every_page_of_the_app_is_accessible_to_each_role_in_both_languages(
    app, new_page, world, login, live_server
):
    """Given each page of an app opened on a narrow screen by each role allowed to see it,
    in Danish and in English, when it has loaded in Chromium, then axe-core reports no
    WCAG 2.1 A/AA violation, the page fits the screen's width, its `<html lang>` is the
    language asked for, every request went to this site, and the console shows no error
    (such as a Content Security Policy refusal)."""
    objects = SETUPS[app](world)
    sweep = Sweep(new_page, login, live_server, world.users)
    for _app, case in (item for item in PAGES if item[0] == app and not item[1].api):
        kwargs = {"slug": world.initiative.slug} if case.in_initiative else {}
        if case.kwargs:
            kwargs.update(case.kwargs(world, objects))
        url = reverse(case.url_name, kwargs=kwargs) + (f"?{case.query}" if case.query else "")
        for role in sorted(case.allowed):
            sweep.check(role, url)
    if os.environ.get("RYGRAD_SWEEP_REPORT"):
        print(f"\n{app}: {sweep.report()}")
    assert sweep.counts["rendered"], "no page was rendered"
    assert not sweep.problems, "\n".join(sweep.problems)

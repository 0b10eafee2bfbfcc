"""Every page of the permission matrix renders in Danish and in English, and says so in
its `<html lang>` (screen readers pick their voice from it)."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from rygrad.core.tests.test_access_matrix import CASES, SETUPS

HTML_LANG = re.compile(r'<html[^>]*\slang="([^"]+)"')
# Pages, not actions: POST-only URLs of the matrix answer with a redirect.
# Pages someone may open (a case no role may open, e.g. an unsent newsletter, has no page).
PAGES = [(app, case) for app, case in CASES if case.method == "get" and case.allowed]


def viewer(case) -> str:
    """The secretariat sees the most; a page only for others is opened by one of them."""
    if "secretariat" in case.allowed:
        return "secretariat"
    return sorted(case.allowed)[0]


@pytest.mark.parametrize(("app", "case"), PAGES, ids=[str(c) for _a, c in PAGES])
def test_page_renders_in_danish_and_english(app, case, client, world):
    """Given a page someone may open, when they open it with Danish and then English
    chosen, then it answers 200 both times with the chosen language in `<html lang>`."""
    objects = SETUPS[app](world)
    kwargs = {"slug": world.initiative.slug} if case.in_initiative else {}
    if case.kwargs:
        kwargs.update(case.kwargs(world, objects))
    url = reverse(case.url_name, kwargs=kwargs) + (f"?{case.query}" if case.query else "")
    user = world.users[viewer(case)]
    if user is not None:
        client.force_login(user)
    for language in ("da", "en"):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200, f"{url} in {language}: {response.status_code}"
        if response["Content-Type"].startswith("text/html"):
            found = HTML_LANG.search(response.content.decode())
            assert found, f"{url} has no <html lang>"
            assert found.group(1) == language, f"{url} in {language} says lang={found.group(1)}"

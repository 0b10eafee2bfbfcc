"""The error pages a visitor may meet (403, 404, 500) are plain, translated pages of the
site: never a stack trace, in the visitor's language."""

import pytest
from django.conf import settings
from django.test import RequestFactory, override_settings
from django.urls import get_resolver, reverse
from django.utils import translation

from rygrad.core.tests.test_access_matrix import CASES, SETUPS

HEADINGS = {
    403: {"da": "Du har ikke adgang til denne side", "en": "You do not have access to this page"},
    404: {"da": "Siden blev ikke fundet", "en": "Page not found"},
    500: {"da": "Noget gik galt", "en": "Something went wrong"},
}
LEAKS = ("Traceback", "Exception Value", "technical_500", "settings.py")


def _assert_plain(content: str, status: int, language: str):
    assert f'lang="{language}"' in content
    assert HEADINGS[status][language] in content
    assert not any(leak in content for leak in LEAKS), content[:500]


@pytest.mark.parametrize("language", ["da", "en"])
@override_settings(DEBUG=False)
def test_missing_page_shows_the_translated_404_page(language, client, world):
    """Given DEBUG off, when a visitor opens an address that does not exist, then they get
    404 with the site's own page in their language."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get("/i/egelund/no-such-page/")
    assert response.status_code == 404
    _assert_plain(response.content.decode(), 404, language)


def _refused_case():
    """A page of the matrix that a young person may not open (a 403 for them)."""
    return next((app, case) for app, case in CASES
                if case.method == "get" and "youth" not in case.allowed
                and "secretariat" in case.allowed)


@pytest.mark.parametrize("language", ["da", "en"])
@override_settings(DEBUG=False)
def test_refused_page_shows_the_translated_403_page(language, client, world):
    """Given DEBUG off and a young person signed in, when they open a page for the
    alliance only, then they get 403 with the site's own page in their language."""
    try:
        app, case = _refused_case()
    except StopIteration:
        pytest.skip("no page in the permission matrix is closed to young people yet")
    objects = SETUPS[app](world)
    kwargs = {"slug": world.initiative.slug} if case.in_initiative else {}
    if case.kwargs:
        kwargs.update(case.kwargs(world, objects))
    client.force_login(world.users["youth"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(reverse(case.url_name, kwargs=kwargs))
    assert response.status_code == 403
    _assert_plain(response.content.decode(), 403, language)


@pytest.mark.parametrize("language", ["da", "en"])
@override_settings(DEBUG=False)
def test_server_error_page_is_plain_and_translated(language, db):
    """Given an unexpected error, when the 500 handler answers, then the page is the
    site's own short page in the visitor's language, rendered without the context
    processors (which may be what failed)."""
    handler = get_resolver().resolve_error_handler(500)
    with translation.override(language):
        response = handler(RequestFactory().get("/"))
    assert response.status_code == 500
    _assert_plain(response.content.decode(), 500, language)

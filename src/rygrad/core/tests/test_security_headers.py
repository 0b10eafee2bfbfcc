"""Every page tells the browser what it may not do: no camera, microphone, location,
payment or device access (Permissions-Policy), no MIME sniffing, no referrer to other
sites, no shared browsing context with other origins."""

import pytest
from django.urls import reverse

from rygrad.core.middleware import DISABLED_FEATURES

PAGES = ["front_page", "account_login"]


def _policy(response) -> dict[str, str]:
    header = response.headers.get("Permissions-Policy", "")
    return dict(item.strip().split("=", 1) for item in header.split(",") if item.strip())


@pytest.mark.parametrize("url_name", PAGES)
def test_a_page_turns_off_the_browser_features_rygrad_does_not_use(client, db, url_name):
    """Given a page, when it is fetched, then its Permissions-Policy allows nobody the
    camera, microphone, location, payment, USB or ad-topics APIs."""
    policy = _policy(client.get(reverse(url_name)))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb",
                    "browsing-topics"):
        assert policy.get(feature) == "()", feature


def test_a_signed_in_page_and_an_error_page_have_the_policy_too(client_as, world):
    """Given the secretariat's dashboard and a page that does not exist, when they are
    fetched, then both carry the same Permissions-Policy."""
    client = client_as("secretariat")
    dashboard = client.get(reverse("initiatives:dashboard",
                                   kwargs={"slug": world.initiative.slug}))
    missing = client.get("/no-such-page/")
    assert missing.status_code == 404
    assert _policy(dashboard) == _policy(missing) == {f: "()" for f in DISABLED_FEATURES}


def test_a_page_forbids_sniffing_foreign_referrers_and_shared_windows(client, db):
    """Given a page, when it is fetched, then the headers Django's SecurityMiddleware sets
    are there: nosniff, a same-origin referrer policy and a same-origin opener policy."""
    response = client.get(reverse("front_page"))
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.browser
def test_chromium_accepts_every_feature_of_the_policy(page, db):
    """Given Debian's Chromium, when it opens the login page, then it logs no error about
    the Permissions-Policy header (an unknown or misspelt feature would be one)."""
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    page.goto(reverse("account_login"))
    page.wait_for_load_state("load")
    assert not [text for text in messages if "Permissions-Policy" in text], messages

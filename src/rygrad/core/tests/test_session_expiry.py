"""Signing in does not last for ever, and guessing does not either: an account is locked
after 5 wrong passwords with a plain message; a session ends after 2 hours without a
request and 8 hours after login however busy, and the person is told why."""

import runpy
import time
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

BASE_SETTINGS = Path(__file__).resolve().parents[2] / "config/settings/base.py"


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def _login(client, password="pw"):
    return client.post(reverse("account_login"),
                       {"login": "member@example.org", "password": password})


@pytest.fixture
def clock(monkeypatch):
    """`clock.move(seconds)`: every later `time.time()` is that much later."""

    class Clock:
        offset = 0.0

        def move(self, seconds):
            self.offset += seconds

    clock, real = Clock(), time.time
    monkeypatch.setattr(time, "time", lambda: real() + clock.offset)
    return clock


def _dashboard(world) -> str:
    return reverse("initiatives:dashboard", kwargs={"slug": world.initiative.slug})


def _members_page(world) -> str:
    return reverse("initiatives:roles", kwargs={"slug": world.initiative.slug})


# --- Lockout ------------------------------------------------------------------------------


@pytest.mark.parametrize("language, message", [
    ("da", "For mange mislykkede forsøg på at logge ind. Prøv igen senere."),
    ("en", "Too many failed login attempts. Try again later."),
])
def test_five_wrong_passwords_lock_the_account_with_a_plain_message(
        client, world, language, message):
    """Given a member's account, when five wrong passwords are given in a row, then the
    sixth try — with the right password — does not sign in, and the login page says, in
    the person's language, that there were too many failed attempts and to try later."""
    client.cookies["django_language"] = language
    for attempt in range(5):
        response = _login(client, password=f"wrong-{attempt}")
        assert response.status_code == 200 and not _signed_in(client)
        assert message not in response.content.decode()  # a wrong password, said as such
    with translation.override(language):
        locked = _login(client)
    assert not _signed_in(client)
    assert locked.status_code == 200
    assert message in locked.content.decode()


def test_four_wrong_passwords_do_not_lock_the_account(client, world):
    """Given four wrong passwords for the member, when the right one comes next, then they
    are signed in: the lock starts at the fifth."""
    for attempt in range(4):
        _login(client, password=f"wrong-{attempt}")
    assert _login(client).status_code == 302
    assert _signed_in(client)


# --- Idle and absolute session expiry ----------------------------------------------------


def test_a_session_left_idle_for_two_hours_is_signed_out(client, world, clock):
    """Given a member who logged in and then left the computer, when the next request comes
    two hours and a minute later, then they are signed out, sent to log in from the page
    they asked for, and told why."""
    _login(client)
    assert client.get(_members_page(world)).status_code in {200, 403}
    clock.move(2 * 60 * 60 + 60)
    response = client.get(_members_page(world))
    assert not _signed_in(client)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    page = client.get(response["Location"]).content.decode()
    assert "Du blev logget ud, fordi der ikke skete noget i 120 minutter." in page


def test_a_session_in_use_stays_open_past_the_idle_limit(client, world, clock):
    """Given a member who makes a request every 50 minutes, when four hours have passed,
    then they are still signed in: only idleness ends a session early."""
    _login(client)
    for _step in range(5):
        clock.move(50 * 60)
        assert client.get(_dashboard(world)).status_code == 200
        assert _signed_in(client)


def test_a_session_ends_eight_hours_after_login_however_busy(client, world, clock):
    """Given a member working all day (a request every 50 minutes), when eight hours and a
    minute have passed since the login, then the session ends and they are told so."""
    _login(client)
    for _step in range(10):  # 500 minutes
        clock.move(50 * 60)
        page = client.get(_dashboard(world)).content.decode()  # public: shown to anyone
        if clock.offset <= 8 * 60 * 60:
            assert _signed_in(client), clock.offset
    assert not _signed_in(client)
    assert "Du blev logget ud: en session varer 8 timer." in page


def test_with_no_idle_limit_only_the_session_age_ends_it(client, world, clock, settings):
    """Given RYGRAD_SESSION_IDLE_SECONDS=0, when a member comes back after seven idle
    hours, then they are still signed in (the eight-hour limit has not passed)."""
    settings.RYGRAD_SESSION_IDLE_SECONDS = 0
    _login(client)
    clock.move(7 * 60 * 60)
    assert client.get(_dashboard(world)).status_code == 200
    assert _signed_in(client)


def test_the_idle_mark_is_written_at_most_once_a_minute(client, world, clock):
    """Given a signed-in member, when they make requests seconds apart, then the session's
    last-request time is not rewritten (no database write per request); a minute later it
    is."""
    from rygrad.core.accounts import LAST_SEEN

    _login(client)
    first = client.session[LAST_SEEN]
    clock.move(20)
    client.get(_dashboard(world))
    assert client.session[LAST_SEEN] == first
    clock.move(50)
    client.get(_dashboard(world))
    assert client.session[LAST_SEEN] > first


@pytest.mark.parametrize("variable, value, setting, expected", [
    ("SESSION_COOKIE_AGE", None, "SESSION_COOKIE_AGE", 8 * 60 * 60),
    ("SESSION_COOKIE_AGE", "3600", "SESSION_COOKIE_AGE", 3600),
    ("RYGRAD_SESSION_IDLE_SECONDS", None, "RYGRAD_SESSION_IDLE_SECONDS", 2 * 60 * 60),
    ("RYGRAD_SESSION_IDLE_SECONDS", "900", "RYGRAD_SESSION_IDLE_SECONDS", 900),
])
def test_the_limits_come_from_the_environment(monkeypatch, variable, value, setting,
                                              expected):
    """Given the variable unset or set, when the settings are read, then the limit is the
    default (8 hours, 2 hours) or the value given."""
    monkeypatch.delenv("CACHE_URL", raising=False)
    if value is None:
        monkeypatch.delenv(variable, raising=False)
    else:
        monkeypatch.setenv(variable, value)
    assert runpy.run_path(str(BASE_SETTINGS))[setting] == expected

"""Logging in as an attacker found it (issue 8): the admin's login goes through allauth's
rate limit and second factor, and failed logins are counted per account and per client,
with the client's address read correctly behind a configured number of proxies."""

import runpy
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from allauth.core.internal.ratelimit import parse_rates
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.conf import settings
from django.test import Client
from django.urls import reverse

BASE_SETTINGS = Path(__file__).resolve().parents[2] / "config/settings/base.py"


def _login_rate(per: str):
    """The configured limit on failed logins counted per `ip` or per `key` (account)."""
    rates = parse_rates(settings.ACCOUNT_RATE_LIMITS["login_failed"])
    return next(rate for rate in rates if rate.per == per)


def _post_login(client, url, email, password, **headers):
    # Both forms' field names: allauth's `login` and the admin's own `username`.
    return client.post(url, {"login": email, "username": email, "password": password},
                       **headers)


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def _login_page_the_admin_sends_to(client) -> str:
    chain = client.get("/admin/", follow=True).redirect_chain
    return chain[-1][0]


# --- 1. the admin's login -----------------------------------------------------------------


def test_the_admin_login_form_checks_no_password_and_sends_to_the_account_login(client, world):
    """Given an operator, when the right password is posted to /admin/login/, then nobody is
    signed in: the answer is a redirect to allauth's login, keeping /admin/ as `next`."""
    response = _post_login(client, "/admin/login/?next=/admin/", "operator@example.org", "pw")
    assert not _signed_in(client)
    assert response.status_code == 302
    target = urlsplit(response["Location"])
    assert target.path == reverse("account_login")
    assert parse_qs(target.query)["next"] == ["/admin/"]


def test_wrong_passwords_through_the_admin_path_are_rate_limited(client, world):
    """Given an attacker who starts at /admin/, when they send as many wrong passwords as
    the per-account limit allows to the login /admin/ leads to, then the right password is
    refused next and /admin/ stays closed."""
    login_url = _login_page_the_admin_sends_to(client)
    for _attempt in range(_login_rate("key").amount):
        _post_login(client, login_url, "operator@example.org", "wrong")
    refused = _post_login(client, login_url, "operator@example.org", "pw")
    assert not _signed_in(client)
    assert refused.status_code == 200 and refused.context["form"].errors
    assert client.get("/admin/").status_code == 302


def test_an_operator_with_totp_must_give_the_second_factor_to_reach_the_admin(
        client, world, settings):
    """Given an operator with TOTP turned on, when they sign in to /admin/ with the right
    password, then they are not signed in yet but asked for the code; when they give the
    code, then the admin opens."""
    settings.MFA_TOTP_TOLERANCE = 1  # a code made just before a 30 s boundary still counts
    secret = generate_totp_secret()
    TOTP.activate(world.users["operator"], secret)

    login_url = _login_page_the_admin_sends_to(client)
    after_password = _post_login(client, login_url, "operator@example.org", "pw")
    assert not _signed_in(client)
    assert after_password.status_code == 302
    assert after_password["Location"] == reverse("mfa_authenticate")
    assert client.get("/admin/").status_code == 302

    counter = int(time.time()) // 30
    code = format_hotp_value(hotp_value(secret, counter))
    after_code = client.post(reverse("mfa_authenticate"), {"code": code})
    assert after_code.status_code == 302 and after_code["Location"] == "/admin/"
    assert _signed_in(client)
    assert client.get("/admin/").status_code == 200


# --- 2. counted per account and per client --------------------------------------------------


def test_one_locked_account_does_not_lock_other_accounts_from_the_same_client(client, world):
    """Given one client (everyone behind the proxy has its address) that has locked one
    account with wrong passwords, when another person from that address logs in with the
    right password, then they are let in — while the locked account stays locked."""
    url = reverse("account_login")
    for _attempt in range(_login_rate("key").amount):
        _post_login(client, url, "member@example.org", "wrong")
    _post_login(client, url, "member@example.org", "pw")
    assert not _signed_in(client)

    _post_login(client, url, "secretariat@example.org", "pw")
    assert client.session.get("_auth_user_id") == str(world.users["secretariat"].pk)


def _spray(client, count: int, **headers) -> None:
    """Wrong passwords for `count` different (unknown) accounts: only the per-client count
    grows, never one account's."""
    for number in range(count):
        _post_login(client, reverse("account_login"), f"nobody-{number}@example.org", "wrong",
                    **headers)


def test_behind_one_trusted_proxy_two_clients_are_counted_apart(world, settings):
    """Given one trusted proxy and a client behind it that has used up the per-client limit,
    when a second client behind the same proxy (another X-Forwarded-For) logs in, then it
    is let in, while the first client is refused even with a right password."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    first, second = Client(), Client()
    _spray(first, _login_rate("ip").amount, HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy)
    _post_login(first, reverse("account_login"), "member@example.org", "pw",
                HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy)
    assert not _signed_in(first)

    _post_login(second, reverse("account_login"), "member@example.org", "pw",
                HTTP_X_FORWARDED_FOR="203.0.113.8", **proxy)
    assert _signed_in(second)


def test_without_trusted_proxies_a_forged_forwarded_for_is_ignored(client, world, settings):
    """Given no trusted proxy (the default), when one client sprays wrong passwords with a
    new forged X-Forwarded-For on each try, then they all count against its own address and
    its next try is refused."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    for number in range(_login_rate("ip").amount):
        _post_login(client, reverse("account_login"), f"nobody-{number}@example.org", "wrong",
                    HTTP_X_FORWARDED_FOR=f"198.51.100.{number}")
    _post_login(client, reverse("account_login"), "member@example.org", "pw",
                HTTP_X_FORWARDED_FOR="198.51.100.250")
    assert not _signed_in(client)


def test_a_forwarded_for_shorter_than_the_proxy_count_is_no_server_error(
        client, world, settings):
    """Given two trusted proxies configured, when a request arrives with only one address
    in X-Forwarded-For (it went round a proxy), then the login still works (counted under
    the address it came from) instead of failing with a server error."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 2
    response = _post_login(client, reverse("account_login"), "member@example.org", "pw",
                           HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert response.status_code == 302
    assert _signed_in(client)


@pytest.mark.parametrize("value, expected", [(None, 0), ("1", 1), ("2", 2)])
def test_the_trusted_proxy_count_comes_from_the_environment(monkeypatch, value, expected):
    """Given TRUSTED_PROXY_COUNT unset or set, when the settings are read, then allauth's
    ALLAUTH_TRUSTED_PROXY_COUNT is that number (0, trusting no header, when unset)."""
    monkeypatch.delenv("CACHE_URL", raising=False)
    if value is None:
        monkeypatch.delenv("TRUSTED_PROXY_COUNT", raising=False)
    else:
        monkeypatch.setenv("TRUSTED_PROXY_COUNT", value)
    assert runpy.run_path(str(BASE_SETTINGS))["ALLAUTH_TRUSTED_PROXY_COUNT"] == expected

"""Logging in: email and password, a TOTP second factor available, failed logins limited."""

from django.core.cache import cache
from django.urls import reverse


def test_login_with_email_and_password(client, world):
    response = client.post(reverse("account_login"),
                           {"login": "member@example.org", "password": "pw"})
    assert response.status_code == 302
    assert client.session.get("_auth_user_id") == str(world.users["member"].pk)


def test_repeated_failed_logins_are_rate_limited(client, world):
    """Given five wrong passwords for one account, when a sixth try comes, then it is refused
    with a "too many attempts" error even though the password is now right."""
    cache.clear()
    for _attempt in range(5):
        response = client.post(reverse("account_login"),
                               {"login": "member@example.org", "password": "wrong"})
        assert response.status_code == 200
    response = client.post(reverse("account_login"),
                           {"login": "member@example.org", "password": "pw"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert response.context["form"].errors
    cache.clear()


def test_a_signed_in_person_can_set_up_a_totp_second_factor(client, world):
    client.force_login(world.users["secretariat"])
    overview = client.get(reverse("mfa_index"))
    assert overview.status_code == 200
    activate = client.get(reverse("mfa_activate_totp"))
    # allauth asks for the password again (reauthentication) or shows the QR secret form
    assert activate.status_code in (200, 302)


def test_public_sign_up_is_closed(client, db):
    response = client.get(reverse("account_signup"))
    assert b"password1" not in response.content

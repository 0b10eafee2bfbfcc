"""Logging in: email and password, a TOTP second factor available, failed logins limited."""

import pytest
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


def test_the_login_page_offers_no_sign_up(client, db):
    response = client.get(reverse("account_login"))
    assert response.status_code == 200
    assert reverse("account_signup").encode() not in response.content


def test_an_invited_person_can_turn_on_totp_after_setting_their_password(
    client, world, django_capture_on_commit_callbacks
):
    """Given an invitation, when the person sets their password through the link and then
    visits their email settings, then allauth still lets them start TOTP setup (the address
    counts as verified: the link proved they read it)."""
    import re

    from allauth.account.models import EmailAddress
    from django.core import mail

    from rygrad.initiatives.models import Role
    from rygrad.initiatives.services import person_invite

    with django_capture_on_commit_callbacks(execute=True):
        person_invite(initiative=world.initiative, email="ny@egelund.dk", name="Ny",
                      role=Role.MEMBER, base_url="http://testserver/")
    link = re.search(r"http://testserver(\S+/key/\S+)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    client.post(form_page.redirect_chain[-1][0] if form_page.redirect_chain else link,
                {"password1": "Lang-adgangskode-2026", "password2": "Lang-adgangskode-2026"})
    assert EmailAddress.objects.get(email="ny@egelund.dk").verified
    client.get(reverse("account_email"))
    # allauth's own gate before a TOTP authenticator may be added:
    from allauth.mfa.internal.flows.add import validate_can_add_authenticator
    from django.core.exceptions import ValidationError

    user = EmailAddress.objects.get(email="ny@egelund.dk").user
    validate_can_add_authenticator(user)  # does not raise
    EmailAddress.objects.filter(user=user).update(verified=False)
    with pytest.raises(ValidationError):  # the control: unverified would be refused
        validate_can_add_authenticator(user)


def test_choosing_a_new_password_by_link_still_asks_for_the_second_factor(
    client, world, django_capture_on_commit_callbacks
):
    """Given the secretariat with an authenticator app, when they reset their password by
    the emailed link, then choosing it does not log them in on its own: the login waits
    for the authenticator code (the reset link logs in, but only through allauth's stages)."""
    import re

    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.core import mail

    user = world.users["secretariat"]
    TOTP.activate(user, generate_totp_secret())
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": user.email})
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+)",
                     mail.outbox[-1].body).group(1)
    form_page = client.get(link, follow=True)
    response = client.post(form_page.redirect_chain[-1][0], {
        "password1": "Lang-adgangskode-2026", "password2": "Lang-adgangskode-2026"})
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session

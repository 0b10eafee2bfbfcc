"""Single sign-on through OpenID Connect (config/settings/sso.py, core/sso.py), against a
real provider that the test starts on loopback (oidc-provider-mock): the browser's part
of the authorization-code flow is played by the test client and `requests`, and allauth
exchanges the code, reads the ID token and asks the userinfo endpoint over HTTP."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
import requests
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import get_user_model
from django.test import override_settings
from django.urls import reverse
from oidc_provider_mock import User as ProviderUser
from oidc_provider_mock import run_server_in_thread

from rygrad.config.settings.sso import sso_providers
from rygrad.core.tenancy import Role, tenancy

pytestmark = pytest.mark.django_db

PROVIDER_NAME = "Egelund Kommune"
ANNA = ProviderUser(sub="anna-7f3c", claims={
    "email": "anna.holm@egelund.dk", "email_verified": True, "name": "Anna Holm"})
UNVERIFIED = ProviderUser(sub="bo-1a2b", claims={
    "email": "bo@egelund.dk", "email_verified": False, "name": "Bo Berg"})


@pytest.fixture(scope="module")
def provider_url():
    with run_server_in_thread(user_claims=[ANNA, UNVERIFIED], require_nonce=False) as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture
def oidc(provider_url):
    """Rygrad configured for the test provider exactly as the environment would."""
    providers = sso_providers({
        "RYGRAD_OIDC_SERVER_URL": provider_url,
        "RYGRAD_OIDC_CLIENT_ID": "rygrad-egelund",
        "RYGRAD_OIDC_CLIENT_SECRET": "not-a-real-secret",
        "RYGRAD_OIDC_NAME": PROVIDER_NAME,
    })
    with override_settings(SOCIALACCOUNT_PROVIDERS=providers):
        yield providers


def sign_in(client, sub: str):
    """Start at the login page's button, authorize `sub` at the provider's own form, and
    come back with the code; the response of Rygrad's callback."""
    login_page = client.get(reverse("account_login")).content.decode()
    action = re.search(r'<form method="post" action="([^"]*/oidc/[^"]*)"', login_page)
    assert action, "no OpenID Connect button on the login page"
    to_provider = client.post(action.group(1))
    assert to_provider.status_code == 302, to_provider.content[:500]
    authorize_url = to_provider["Location"]
    with requests.Session() as browser:
        form = browser.get(authorize_url, timeout=10)
        assert form.status_code == 200 and 'name="sub"' in form.text
        back = browser.post(authorize_url, data={"sub": sub}, allow_redirects=False,
                            timeout=10)
    assert back.status_code == 302, back.text[:500]
    callback = urlsplit(back.headers["Location"])
    assert callback.path == reverse("openid_connect_callback", kwargs={"provider_id": "oidc"})
    return client.get(f"{callback.path}?{callback.query}")


def test_the_login_page_offers_the_provider_only_when_it_is_configured(client, settings):
    """Given no provider in the environment, when the login page is opened, then it has no
    single sign-on button; given one, then it has a POST form "Log in with <name>"."""
    settings.SOCIALACCOUNT_PROVIDERS = sso_providers({})
    page = client.get(reverse("account_login"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Log in with" not in page
    settings.SOCIALACCOUNT_PROVIDERS = sso_providers({
        "RYGRAD_OIDC_SERVER_URL": "https://login.egelund.dk/realms/staff",
        "RYGRAD_OIDC_CLIENT_ID": "rygrad", "RYGRAD_OIDC_CLIENT_SECRET": "x",
        "RYGRAD_OIDC_NAME": PROVIDER_NAME})
    client.cookies["django_language"] = "en"
    page = client.get(reverse("account_login")).content.decode()
    form = re.search(r'<form method="post" action="([^"]+)">(.*?)</form>', page, re.S)
    assert form and form.group(1) == "/accounts/oidc/oidc/login/"
    assert "csrfmiddlewaretoken" in form.group(2)
    assert f"Log in with {PROVIDER_NAME}" in form.group(2)


def test_a_new_person_gets_an_account_without_any_role_until_one_is_granted(client, oidc,
                                                                            world):
    """Given a person the provider knows with a verified address, when they sign in
    through it, then an account with that address and name exists, linked to the
    provider's subject, with no role anywhere; the front page says so and the initiative
    shows them only its public face. When the secretariat grants a role, they get in."""
    response = sign_in(client, ANNA.sub)

    assert response.status_code == 302 and response["Location"] == "/"
    user = get_user_model().objects.get(email="anna.holm@egelund.dk")
    assert user.display_name == "Anna Holm"
    assert not user.has_usable_password()
    account = SocialAccount.objects.get(user=user)
    assert (account.provider, account.uid) == ("oidc", ANNA.sub)
    assert not user.role_grants.exists()
    assert user.emailaddress_set.get().verified

    client.cookies["django_language"] = "en"
    front = client.get("/")
    assert front.context["user"] == user
    assert front.context["without_role"] is True
    assert "no role in any initiative yet" in front.content.decode()
    dashboard = reverse("initiatives:dashboard", kwargs={"slug": world.initiative.slug})
    assert client.get(dashboard).context["internal"] is False

    tenancy().role_grant(initiative=world.initiative, user=user, role=Role.MEMBER)

    assert client.get(dashboard).context["internal"] is True
    assert client.get("/").context["without_role"] is False


def test_a_verified_address_signs_in_to_the_account_that_has_it(client, oidc, world):
    """Given a person the secretariat invited (a role, no password yet), when they sign
    in through the provider with that verified address, then they are in their own
    account, now linked to the provider, with their role — no second account."""
    User = get_user_model()
    invited = User.objects.create_user(email="Anna.Holm@egelund.dk", password=None)
    tenancy().role_grant(initiative=world.initiative, user=invited, role=Role.PARTNER)

    response = sign_in(client, ANNA.sub)

    assert response.status_code == 302
    assert User.objects.filter(email__iexact="anna.holm@egelund.dk").count() == 1
    assert SocialAccount.objects.get(provider="oidc", uid=ANNA.sub).user == invited
    assert int(client.session["_auth_user_id"]) == invited.pk
    assert tenancy().role_of(user=invited, initiative=world.initiative) == Role.PARTNER


def test_an_address_the_provider_does_not_vouch_for_makes_no_account(client, oidc):
    """Given a person whose address the provider marks unverified, when they sign in,
    then no account is made and the page says why (the secretariat grants roles by
    address, so a typed address could be someone else's)."""
    client.cookies["django_language"] = "en"
    response = sign_in(client, UNVERIFIED.sub)

    assert response.status_code == 403
    assert "did not confirm an email address" in response.content.decode()
    assert not get_user_model().objects.filter(email="bo@egelund.dk").exists()
    assert not SocialAccount.objects.exists()
    assert "_auth_user_id" not in client.session


def test_a_trusted_domain_counts_as_vouched_for(client, provider_url):
    """Given the operator trusts the provider for its municipality's domain, when a person
    whose address it does not mark verified signs in, then the account is made."""
    with override_settings(SOCIALACCOUNT_PROVIDERS=sso_providers({
        "RYGRAD_OIDC_SERVER_URL": provider_url, "RYGRAD_OIDC_CLIENT_ID": "rygrad",
        "RYGRAD_OIDC_CLIENT_SECRET": "x", "RYGRAD_OIDC_TRUSTED_EMAIL_DOMAINS": "egelund.dk"})):
        response = sign_in(client, UNVERIFIED.sub)

    assert response.status_code == 302
    assert get_user_model().objects.get(email="bo@egelund.dk").socialaccount_set.exists()


def test_an_operator_account_is_never_linked_by_address(client, oidc):
    """Given an operator (installation administrator) with the provider's address, when
    someone signs in through the provider with it, then they are not let in to the
    operator's account, and no second account is made."""
    User = get_user_model()
    operator = User.objects.create_superuser(email="anna.holm@egelund.dk", password="pw-9x!")

    response = sign_in(client, ANNA.sub)

    assert response.status_code == 403
    assert "_auth_user_id" not in client.session
    assert not SocialAccount.objects.exists()
    assert list(User.objects.all()) == [operator]
    operator.refresh_from_db()
    assert operator.has_usable_password()

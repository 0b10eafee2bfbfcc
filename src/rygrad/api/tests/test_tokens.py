"""API tokens: made on the person's own page (the secret shown once, only a hash kept),
used as `Authorization: Bearer`, revoked there — after which the token gets 401."""

import hashlib

from django.urls import reverse

from rygrad.api.models import ApiToken


def _activities(world):
    return reverse("api:activity-list", kwargs={"slug": world.initiative.slug})


def test_a_token_is_made_on_the_page_shown_once_and_stored_hashed(client_as, world):
    """Given the member on their token page, when they make a token, then the page shows
    the secret once, the database holds only its SHA-256 and prefix, and the list page
    later shows the prefix but not the secret."""
    client = client_as("member")
    response = client.post(reverse("api:tokens"), {"name": "Datavarehus"})
    assert response.status_code == 200
    secret = response.context["secret"]
    assert secret in response.content.decode()
    token = ApiToken.objects.get(user=world.users["member"])
    assert token.key_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in {token.name, token.prefix, token.key_hash}
    assert secret.startswith(token.prefix)
    later = client.get(reverse("api:tokens")).content.decode()
    assert token.prefix in later and secret not in later


def test_the_token_acts_as_its_user_with_their_roles(client, world, token_for):
    """A member's token reads what a member reads; a youth's token is refused (403)."""
    member = token_for(world.users["member"])
    youth = token_for(world.users["youth"])
    assert client.get(_activities(world), HTTP_AUTHORIZATION=f"Bearer {member}"
                      ).status_code == 200
    assert client.get(_activities(world), HTTP_AUTHORIZATION=f"Bearer {youth}"
                      ).status_code == 403
    token = ApiToken.objects.get(user=world.users["member"])
    assert token.last_used_at is not None


def test_a_revoked_token_gets_401(client_as, client, world, token_for):
    """Given a token that worked, when its owner revokes it on their page, then the next
    request with it is 401 with WWW-Authenticate, and the page says it is revoked."""
    secret = token_for(world.users["secretariat"])
    assert client.get(_activities(world), HTTP_AUTHORIZATION=f"Bearer {secret}"
                      ).status_code == 200
    token = ApiToken.objects.get(user=world.users["secretariat"])
    page = client_as("secretariat")
    response = page.post(reverse("api:token_revoke"), {"token": token.pk}, follow=True)
    assert "trukket tilbage" in response.content.decode()
    page.logout()
    refused = client.get(_activities(world), HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert refused.status_code == 401
    assert refused["WWW-Authenticate"].startswith("Bearer")


def test_nobody_revokes_another_persons_token(client_as, client, world, token_for):
    """Given the member's token, when the secretariat posts its id to revoke, then it
    still works."""
    secret = token_for(world.users["member"])
    token = ApiToken.objects.get(user=world.users["member"])
    client_as("secretariat").post(reverse("api:token_revoke"), {"token": token.pk})
    client.logout()
    token.refresh_from_db()
    assert token.revoked_at is None
    assert client.get(_activities(world), HTTP_AUTHORIZATION=f"Bearer {secret}"
                      ).status_code == 200


def test_an_unknown_or_malformed_token_is_401_never_the_public(client, world):
    """A wrong secret on a public endpoint is 401, not an anonymous answer."""
    url = reverse("api:meeting-list", kwargs={"slug": world.initiative.slug})
    assert client.get(url).status_code == 200
    assert client.get(url, HTTP_AUTHORIZATION="Bearer rygrad_nope").status_code == 401
    assert client.get(url, HTTP_AUTHORIZATION="Bearer a b").status_code == 401


def test_a_deactivated_users_token_is_401(client, world, token_for):
    secret = token_for(world.users["member"])
    world.users["member"].is_active = False
    world.users["member"].save()
    assert client.get(_activities(world), HTTP_AUTHORIZATION=f"Bearer {secret}"
                      ).status_code == 401


def test_the_token_page_is_in_danish_and_english(client_as):
    client = client_as("youth")
    assert "Dine nøgler" in client.get(reverse("api:tokens")).content.decode()
    english = client.get(reverse("api:tokens"), HTTP_ACCEPT_LANGUAGE="en")
    assert "Your tokens" in english.content.decode()

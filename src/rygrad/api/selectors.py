"""Reads on API tokens."""

from __future__ import annotations

from .models import ApiToken
from .services import secret_hash


def tokens_of(*, user):
    return ApiToken.objects.filter(user=user)


def token_for_secret(*, secret: str) -> ApiToken | None:
    """The token whose secret this is (revoked ones too: the caller refuses them)."""
    return (ApiToken.objects.select_related("user")
            .filter(key_hash=secret_hash(secret)).first())

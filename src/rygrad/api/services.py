"""Writes on API tokens: make one (its secret is returned once and never stored) and
revoke one. A person manages only their own tokens."""

from __future__ import annotations

import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import ApiToken

SECRET_PREFIX = "rygrad_"
PREFIX_LENGTH = len(SECRET_PREFIX) + 6  # shown in the list: "rygrad_" and six characters


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, user, name: str) -> tuple[ApiToken, str]:
    """Make a token for `user`; returns it with its secret, which only this answer holds."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the token a name.")})
    if not getattr(user, "is_authenticated", False):
        raise ValidationError(_("Only a signed-in person may make API tokens."))
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user=user, name=name, prefix=secret[:PREFIX_LENGTH],
                     key_hash=secret_hash(secret))
    token.full_clean()
    token.save()
    return token, secret


@transaction.atomic
def api_token_revoke(*, token: ApiToken, by) -> ApiToken:
    """Revoke a token: every request with it is refused (401) from now on."""
    if token.user_id != getattr(by, "pk", None):
        raise ValidationError(_("You may only revoke your own tokens."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def api_token_touch(*, token: ApiToken) -> None:
    """Note when a token was last used, at most once a minute (a write per request would
    make every read a write)."""
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now

"""A per-client limit on ideas sent without an account, kept without tracking anyone.

A school class at a hackathon may share one address, so the limit is generous (setting
RYGRAD_IDEAS_RATE_LIMIT, ideas per seconds; default 20 per 10 minutes) and the form is
refused with a friendly message, never an error page. Supports without an account have
their own limit (RYGRAD_IDEAS_SUPPORT_RATE_LIMIT; default 60 per 10 minutes). The count
is kept in Django's cache under a SHA-256 of the address with a purpose (never the address
itself) and expires with its window. The address is the one allauth's login limit uses
(`ALLAUTH_TRUSTED_PROXY_COUNT` behind a proxy). Signed-in people with a role here are not
limited: they are known.
"""

from __future__ import annotations

import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied

DEFAULT_LIMIT = (20, 600)
DEFAULT_SUPPORT_LIMIT = (60, 600)
logger = logging.getLogger(__name__)


def _client_key(request) -> str:
    from allauth.account.adapter import get_adapter

    try:
        address = get_adapter(request).get_client_ip(request)
    except PermissionDenied:
        address = "unknown"
    return hashlib.sha256(f"rygrad-ideas:{address}".encode()).hexdigest()


def _take(request, *, purpose: str, setting: str, default: tuple[int, int]) -> bool:
    """Count one more of `purpose` for this client in the current window, unless the
    limit is reached (then False, and nothing counted). A cache that cannot be reached
    allows it: a limit must never be why an idea is lost."""
    amount, seconds = getattr(settings, setting, default)
    window = int(time.time() // seconds)
    key = f"rygrad:ideas-{purpose}:{window}:{_client_key(request)}"
    try:
        if (cache.get(key) or 0) >= amount:
            return False
        cache.add(key, 0, timeout=seconds)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr: a new window has begun
            cache.set(key, 1, timeout=seconds)
    except Exception as error:  # noqa: BLE001 - any cache backend's failure
        logger.warning("Ideas rate limit not checked, the cache failed: %s", error)
    return True


def idea_allowed(request) -> bool:
    """Whether this client may send one more idea now, counting it when it may. Asked
    only for a valid form, just before the idea is stored, so a refusal stores nothing."""
    return _take(request, purpose="sent", setting="RYGRAD_IDEAS_RATE_LIMIT",
                 default=DEFAULT_LIMIT)


def support_allowed(request) -> bool:
    """Whether this client may support one more idea without an account now (beyond the
    limit per browser session, which a robot escapes by dropping its cookies)."""
    return _take(request, purpose="supported", setting="RYGRAD_IDEAS_SUPPORT_RATE_LIMIT",
                 default=DEFAULT_SUPPORT_LIMIT)

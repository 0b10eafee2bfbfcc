"""Per-client limits on what people without an account may send, kept without tracking anyone.

The survey's class-code answers and the ideas app's public form and supports are open to
anyone, so each is limited per client (network address): generous, because a school's
classrooms share one address, and refused kindly by the caller, never with an error page.

The count is kept in buckets of a tenth of the limit's span, and a client is refused once
the buckets that overlap the last span hold the limit. So no span of `seconds` ever holds
more than the limit, even across a bucket's edge (a fixed window would let a client send
twice the limit: at the end of one window and the start of the next), and a refused client
can send again after at most 1.1 spans. Requests that arrive at the same moment are each
checked before either is counted, so both may pass: the limit is a brake on a client
sending one thing after another, not a lock.

Counts are kept in Django's cache under a SHA-256 of the address with a purpose (never the
address itself) and expire once they are out of the span. The address is the one
allauth's login limit uses (`ALLAUTH_TRUSTED_PROXY_COUNT` behind a proxy). A cache that
cannot be reached allows what is sent: a limit must never be why an answer or an idea is
lost.
"""

from __future__ import annotations

import hashlib
import logging
import math
import time

from django.core.cache import cache
from django.core.exceptions import PermissionDenied

logger = logging.getLogger(__name__)


BUCKETS = 10


def _keys(request, purpose: str, seconds: int) -> list[str]:
    """The keys of the buckets that overlap the last `seconds`, this moment's first."""
    from allauth.account.adapter import get_adapter

    try:
        address = get_adapter(request).get_client_ip(request)
    except PermissionDenied:
        address = "unknown"
    client = hashlib.sha256(f"rygrad-{purpose}:{address}".encode()).hexdigest()
    now = int(time.time() * BUCKETS // seconds)
    return [f"rygrad:limit:{purpose}:{bucket}:{client}"
            for bucket in range(now, now - BUCKETS - 1, -1)]


def _within(keys: list[str], amount: int, purpose: str) -> bool:
    try:
        counts = cache.get_many(keys)
    except Exception as error:  # noqa: BLE001 - any cache backend's failure
        logger.warning("Rate limit for %s not checked, the cache failed: %s", purpose, error)
        return True
    return sum(counts.values()) < amount


def _count(key: str, seconds: int, purpose: str) -> None:
    lasts = seconds + 2 * math.ceil(seconds / BUCKETS)
    try:
        cache.add(key, 0, timeout=lasts)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=lasts)
    except Exception as error:  # noqa: BLE001 - any cache backend's failure
        logger.warning("Rate limit for %s not counted, the cache failed: %s", purpose, error)


def within_limit(request, *, purpose: str, limit: tuple[int, int]) -> bool:
    """Whether this client has sent fewer than `limit` (amount, seconds) of `purpose`
    within the buckets that overlap the last `seconds`, counting nothing."""
    amount, seconds = limit
    return _within(_keys(request, purpose, seconds), amount, purpose)


def count(request, *, purpose: str, limit: tuple[int, int]) -> None:
    """Count one more of `purpose` for this client, in this moment's bucket."""
    _count(_keys(request, purpose, limit[1])[0], limit[1], purpose)


def take(request, *, purpose: str, limit: tuple[int, int]) -> bool:
    """Count one more of `purpose` unless the limit is reached (then False, and nothing
    counted: a refused client does not push its own wait further out)."""
    amount, seconds = limit
    keys = _keys(request, purpose, seconds)
    if not _within(keys, amount, purpose):
        return False
    _count(keys[0], seconds, purpose)
    return True

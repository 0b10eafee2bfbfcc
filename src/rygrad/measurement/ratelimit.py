"""A generous per-address limit on answers sent with a class code.

A class code is shared by a class, so without a limit one device could send answer after
answer until the class is full. A school's classrooms usually share one address behind
the school's router, so the limit is high enough for two classes answering at once
(setting RYGRAD_SURVEY_RATE_LIMIT, answers per seconds; default 60 per 10 minutes).

The count is kept in Django's cache under a SHA-256 of the address (never the address
itself) and expires with its window. The address is
the one allauth's login limit uses (`ALLAUTH_TRUSTED_PROXY_COUNT` behind a proxy).
"""

from __future__ import annotations

import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied

DEFAULT_LIMIT = (60, 600)
logger = logging.getLogger(__name__)


def _client_key(request) -> str:
    from allauth.account.adapter import get_adapter

    try:
        address = get_adapter(request).get_client_ip(request)
    except PermissionDenied:
        address = "unknown"
    return hashlib.sha256(f"rygrad-survey:{address}".encode()).hexdigest()


def survey_answer_allowed(request, *, consume: bool = True) -> bool:
    """Whether this client may send one more class-code answer now (and count it).

    A cache that cannot be reached (the database cache while the database is busy, a
    Redis that is down) allows the answer: a limit must never be why answers are lost.
    """
    amount, seconds = getattr(settings, "RYGRAD_SURVEY_RATE_LIMIT", DEFAULT_LIMIT)
    window = int(time.time() // seconds)
    key = f"rygrad:survey-answers:{window}:{_client_key(request)}"
    try:
        if not consume:
            return (cache.get(key) or 0) < amount
        cache.add(key, 0, timeout=seconds)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr: a new window has begun
            cache.set(key, 1, timeout=seconds)
            count = 1
    except Exception as error:  # noqa: BLE001 - any cache backend's failure
        logger.warning("Survey rate limit not checked, the cache failed: %s", error)
        return True
    return count <= amount

"""The ideas app's limits per client on what is sent without an account.

A school class at a hackathon may share one address, so the limit is generous (setting
RYGRAD_IDEAS_RATE_LIMIT, ideas per seconds; default 20 per 10 minutes) and the form is
refused with a friendly message, never an error page. Supports without an account have
their own limit (RYGRAD_IDEAS_SUPPORT_RATE_LIMIT; default 60 per 10 minutes). How the
count is kept without tracking anyone: `rygrad.core.ratelimit`. Signed-in people with a
role here are not limited: they are known.
"""

from __future__ import annotations

from django.conf import settings

from rygrad.core import ratelimit

DEFAULT_LIMIT = (20, 600)
DEFAULT_SUPPORT_LIMIT = (60, 600)


def idea_allowed(request) -> bool:
    """Whether this client may send one more idea now, counting it when it may. Asked
    only for a valid form, just before the idea is stored, so a refusal stores nothing."""
    return ratelimit.take(request, purpose="ideas-sent", limit=getattr(
        settings, "RYGRAD_IDEAS_RATE_LIMIT", DEFAULT_LIMIT))


def support_allowed(request) -> bool:
    """Whether this client may support one more idea without an account now (beyond the
    limit per browser session, which a robot escapes by dropping its cookies)."""
    return ratelimit.take(request, purpose="ideas-supported", limit=getattr(
        settings, "RYGRAD_IDEAS_SUPPORT_RATE_LIMIT", DEFAULT_SUPPORT_LIMIT))

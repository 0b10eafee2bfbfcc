"""The per-client limit on what people without an account send: never more than the limit
in any span, across the edges of the buckets it is counted in, and never a refusal that
the span does not explain."""

from unittest import mock

from django.core.cache import cache
from django.test import RequestFactory, override_settings
from hypothesis import given, settings
from hypothesis import strategies as st

from rygrad.core import ratelimit

LOCAL_CACHE = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                           "LOCATION": "rygrad-ratelimit-tests"}}
AMOUNT, SECONDS = 5, 600
BUCKET = SECONDS / ratelimit.BUCKETS


def _send_at(moments, address="10.0.0.7"):
    """Send at each moment (seconds since the epoch, in order); the moments taken."""
    request = RequestFactory().post("/", REMOTE_ADDR=address)
    taken = []
    for moment in moments:
        with mock.patch.object(ratelimit.time, "time", return_value=moment):
            if ratelimit.take(request, purpose="test", limit=(AMOUNT, SECONDS)):
                taken.append(moment)
    return taken


# Eighths of a second: exact in floating point, so a moment on a bucket's edge is on it.
moments = st.lists(st.integers(0, 4 * SECONDS * 8), max_size=40).map(
    lambda found: [1_800_000_000 + m / 8 for m in sorted(found)])


@given(moments)
@settings(max_examples=300, deadline=None)
def test_no_span_holds_more_than_the_limit_and_every_refusal_is_explained(sent):
    """Given a client sending at any moments, then no span of the limit's seconds holds
    more than the limit of what was taken, and each refusal had the limit taken within
    the span and one bucket before it: a refused client waits at most 1.1 spans."""
    with override_settings(CACHES=LOCAL_CACHE):
        cache.clear()
        taken = _send_at(sent)
    for moment in taken:
        assert sum(moment - SECONDS < other <= moment for other in taken) <= AMOUNT
    for moment in sorted(set(sent) - set(taken)):
        assert sum(moment - SECONDS - BUCKET < other <= moment for other in taken) >= AMOUNT


def test_a_burst_across_a_window_edge_gets_the_limit_not_twice_it():
    """Given a client that sends the limit just before a ten-minute mark and again just
    after it, then only the first burst is taken (a fixed ten-minute window took both)."""
    edge = 1_800_000_000 // SECONDS * SECONDS + SECONDS
    with override_settings(CACHES=LOCAL_CACHE):
        cache.clear()
        taken = _send_at([edge - 1] * AMOUNT + [edge + 1] * AMOUNT)
    assert taken == [edge - 1] * AMOUNT


def test_clients_are_counted_apart_and_no_address_is_stored():
    """Given one address that has reached the limit, then another address may still
    send, and no key in the cache names either address."""
    with override_settings(CACHES=LOCAL_CACHE):
        cache.clear()
        assert len(_send_at([1_800_000_000] * (AMOUNT + 2))) == AMOUNT
        assert len(_send_at([1_800_000_000], address="10.0.0.8")) == 1
        keys = list(cache._cache)
    assert keys and not any("10.0.0" in key for key in keys)

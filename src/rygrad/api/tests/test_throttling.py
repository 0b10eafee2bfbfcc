"""Throttling: past the rate, a token's or an anonymous address's next request is 429 with
Retry-After; the counts are per token (another token goes on) and per address."""

import pytest
from django.urls import reverse

from rygrad.api.throttling import ClientRateThrottle


@pytest.fixture
def low_rates(monkeypatch):
    monkeypatch.setattr(ClientRateThrottle, "THROTTLE_RATES",
                        {"api": "3/minute", "api_anonymous": "2/minute"})


def test_a_token_past_its_rate_gets_429_with_retry_after(client, world, token_for, low_rates):
    url = reverse("api:activity-list", kwargs={"slug": world.initiative.slug})
    first = token_for(world.users["member"], name="Første")
    second = token_for(world.users["member"], name="Anden")
    answers = [client.get(url, HTTP_AUTHORIZATION=f"Bearer {first}").status_code
               for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    throttled = client.get(url, HTTP_AUTHORIZATION=f"Bearer {first}")
    assert throttled.status_code == 429
    assert 0 < int(throttled["Retry-After"]) <= 60
    # Counted per token: the member's other token is not slowed down.
    assert client.get(url, HTTP_AUTHORIZATION=f"Bearer {second}").status_code == 200


def test_an_anonymous_client_is_counted_by_its_address(client, world, low_rates):
    url = reverse("api:meeting-list", kwargs={"slug": world.initiative.slug})
    answers = [client.get(url, REMOTE_ADDR="192.0.2.7").status_code for _ in range(3)]
    assert answers == [200, 200, 429]
    assert "Retry-After" in client.get(url, REMOTE_ADDR="192.0.2.7")
    assert client.get(url, REMOTE_ADDR="192.0.2.8").status_code == 200

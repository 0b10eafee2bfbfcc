"""The API's tests: a client asking as each role of the world, by session or by token."""

import pytest
from django.core.cache import cache

from rygrad.api.services import api_token_create

from . import access


@pytest.fixture(autouse=True)
def fresh_counts(db):
    """Each test starts with no request counted against any client (throttling)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def objects(world):
    """The permission matrix's records: activities (one the partner's organisation takes
    part in), commitments, a seat, meetings of two kinds, an idea, an instrument."""
    return access.setup(world)


@pytest.fixture
def api_as(client, world):
    """`api_as("member")`: a test client signed in as that role (None: anonymous)."""

    def sign_in(role: str):
        client.logout()
        if world.users[role] is not None:
            client.force_login(world.users[role])
        return client

    return sign_in


@pytest.fixture
def token_for():
    """`token_for(user)`: the secret of a new API token of `user`."""

    def make(user, name="Datavarehus"):
        return api_token_create(user=user, name=name)[1]

    return make

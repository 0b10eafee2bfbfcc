"""Fixtures for every app's tests."""

import pytest

from rygrad.core.testing import build_world


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def client_as(client, world):
    """`client_as("member")` returns the test client logged in as that role of the world."""

    def login(role: str):
        client.logout()
        user = world.users[role]
        if user is not None:
            client.force_login(user)
        return client

    return login

"""The navigation registry: one entry per URL, shown in order to those who may use it."""

import pytest

from rygrad.core import navigation
from rygrad.core.navigation import register_nav


@pytest.fixture
def entries(monkeypatch):
    """The registry emptied for one test (the apps' entries come back afterwards)."""
    monkeypatch.setattr(navigation, "_ENTRIES", [])
    return navigation._ENTRIES


def test_a_url_registered_twice_is_an_error(entries):
    """Given an entry for the dashboard, when an app registers the same URL again, then
    registering fails (like the rule and signal registries) and the first entry stays."""
    register_nav(label="Overview", url_name="initiatives:dashboard",
                 permission="initiative.view", order=0)
    with pytest.raises(ValueError, match="initiatives:dashboard"):
        register_nav(label="Home", url_name="initiatives:dashboard",
                     permission="initiative.manage", order=5)
    assert [(e.label, e.permission) for e in entries] == [("Overview", "initiative.view")]


def test_entries_are_shown_in_their_order_to_those_who_may(world, entries):
    """Given entries registered out of order, one for the secretariat only, when a partner's
    navigation is built, then it lists the partner's entries in order, the current marked."""
    from rygrad.core.permissions import Actor

    register_nav(label="Settings", url_name="initiatives:settings",
                 permission="initiative.manage", order=95)
    register_nav(label="Agenda", url_name="agenda:overview", permission="initiative.view",
                 order=20)
    register_nav(label="Overview", url_name="initiatives:dashboard",
                 permission="initiative.view", order=0)
    partner = Actor(user=world.users["partner"], initiative=world.initiative)
    items = navigation.nav_for(partner, current_path="/i/egelund/agenda/tracks/")
    assert [(item["label"], item["current"]) for item in items] == [
        ("Overview", False), ("Agenda", True)]

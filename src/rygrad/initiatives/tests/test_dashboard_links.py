"""Acting from the dashboard: every signal links to the page or filtered list behind it,
for those who may open it, and a condition nothing measures yet says where its numbers
will come from."""

import datetime as dt

import pytest
from django.urls import reverse

from rygrad.activities.tests.factories import ActivityFactory
from rygrad.agenda.tests.factories import TrackFactory
from rygrad.core.permissions import Actor
from rygrad.core.signals import Condition, all_signals

URL = reverse("initiatives:dashboard", kwargs={"slug": "egelund"})


def _links(client):
    cards = client.get(URL).context["cards"]
    return {value.signal.key: link for card in cards for value, link in card.values}


def test_every_signal_names_a_page_that_exists_and_its_role_may_open(client, world):
    """Given every registered signal, when the secretariat follows its link, then the
    page answers 200 — no signal is left without a place to act."""
    client.force_login(world.users["secretariat"])
    links = _links(client)
    assert set(links) == {signal.key for signal in all_signals()}
    for key, link in links.items():
        assert link, f"{key} has no link"
        assert client.get(link).status_code == 200, (key, link)


@pytest.mark.parametrize("role", ["youth", "partner", "member", "secretariat"])
def test_a_role_sees_only_the_links_its_role_may_follow(client_as, world, role):
    """Given a role, when it opens the dashboard, then each signal links exactly when the
    link's permission allows that role, and every link it gets opens (no 403)."""
    client = client_as(role)
    actor = Actor(user=world.users[role], initiative=world.initiative)
    for signal in all_signals():
        assert (signal.link_for(actor) is not None) == actor.can(signal.link.rule), signal.key
    for key, link in _links(client).items():
        if link:
            assert client.get(link).status_code == 200, (role, key)


def test_activities_on_no_track_link_to_exactly_those_activities(client_as, world):
    """Given two activities on no track and one on a track, when the member follows the
    signal "activities on no track", then the list shows the two and not the third, and
    the signal says 2."""
    track = TrackFactory(initiative=world.initiative)
    lost = [ActivityFactory(initiative=world.initiative, title=f"Uden spor {n}")
            for n in (1, 2)]
    placed = ActivityFactory(initiative=world.initiative, title="På sporet")
    placed.tracks.add(track)
    client = client_as("member")
    cards = client.get(URL).context["cards"]
    value, link = next((v, link) for card in cards for v, link in card.values
                       if v.signal.key == "agenda.activities_without_track")
    assert value.value == 2
    listed = {a.title for a in client.get(link).context["page"].object_list}
    assert listed == {a.title for a in lost}


def test_the_backbone_load_links_to_the_running_activities_the_secretariat_drives(
        client_as, world):
    """Given a running activity the secretariat drives and one a club drives, when the
    member follows the backbone load, then the list holds the secretariat's one only."""
    from rygrad.alliance.tests.factories import OrganisationFactory

    backbone = OrganisationFactory(initiative=world.initiative, is_backbone=True)
    ours = ActivityFactory(initiative=world.initiative, driver=backbone, stage="running")
    ActivityFactory(initiative=world.initiative, stage="running")
    ActivityFactory(initiative=world.initiative, driver=backbone, stage="stopped")
    client = client_as("member")
    link = _links(client)["activities.backbone_load"]
    assert [a.pk for a in client.get(link).context["page"].object_list] == [ours.pk]


def test_a_condition_nothing_measures_yet_says_where_its_numbers_will_come_from(
        client_as, world, monkeypatch):
    """Given an installation without the communication capability's signals (as before
    it was installed), when the member opens the dashboard, then that card says the
    communication capability will measure it."""
    from rygrad.core import signals

    monkeypatch.setattr(signals, "_REGISTRY", {
        key: signal for key, signal in signals._REGISTRY.items()
        if signal.condition != Condition.COMMUNICATION})
    cards = {card.condition: card for card in client_as("member").get(URL).context["cards"]}
    communication = cards[Condition.COMMUNICATION]
    assert not communication.values
    assert "kommunikationsdelen" in str(communication.not_yet_measured)
    content = client_as("member").get(URL).content.decode()
    assert str(communication.not_yet_measured) in content


def test_the_dashboard_link_text_names_its_signal_for_screen_readers(client_as, world):
    """Given the dashboard, then each "See and act" link carries its signal's label in
    text hidden only visually, so a list of links makes sense on its own."""
    content = client_as("secretariat").get(URL + "?at=" + dt.date.today().isoformat()
                                             ).content.decode()
    for signal in all_signals():
        assert f'<span class="visually-hidden">: {signal.label}</span>' in content, signal.key

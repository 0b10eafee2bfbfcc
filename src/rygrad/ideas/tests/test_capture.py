"""Sending ideas: the public form without an account (moderated, rate-limited, with a
honeypot), the form for signed-in people, and supports."""

import datetime as dt

import pytest
from django.urls import reverse

from rygrad.agenda.tests.factories import TrackFactory
from rygrad.ideas import services
from rygrad.ideas.models import Idea, Moderation, Source, Status, SubmitterGroup, Support
from rygrad.ideas.tests.factories import IdeaFactory
from rygrad.initiatives.models import Role


def _url(world, name, **kwargs):
    return reverse(f"ideas:{name}", kwargs={"slug": world.initiative.slug, **kwargs})


def _send(client, world, **fields):
    data = {"title": "Venskabsbænk i skolegården", "submitter_group": "young_person",
            "age_band": "13-15", "nickname": "Sofie", **fields}
    return client.post(_url(world, "submit"), data, follow=True)


def test_an_idea_sent_without_an_account_waits_for_moderation(client, world):
    """Given a visitor without an account, when they send an idea, then it is stored as a
    web idea from a young person, waiting for moderation: not on "you said — we did", its
    page unknown to other visitors, but shown to its sender as waiting."""
    response = _send(client, world)
    idea = Idea.objects.get()
    assert (idea.moderation, idea.source, idea.submitter_group, idea.status) == (
        Moderation.PENDING, Source.WEB, SubmitterGroup.YOUNG_PERSON, Status.NEW)
    assert idea.submitted_by is None and idea.nickname == "Sofie"
    assert f"nummer {idea.number}" in response.content.decode()
    assert "Venskabsbænk" not in client.get(_url(world, "public_list")).content.decode()
    page = client.get(_url(world, "public_detail", number=idea.number))
    assert page.status_code == 200 and "læser din idé" in page.content.decode()
    client.cookies.clear()
    assert client.get(_url(world, "public_detail", number=idea.number)).status_code == 404


def test_an_approved_idea_is_public_without_the_nickname(client_as, world):
    """Given an idea waiting for moderation, when the secretariat approves it, then
    everybody finds it on "you said — we did" and its page, which never show the
    nickname."""
    idea = services.idea_submit(initiative=world.initiative, by=_public(world),
                                title="Lys på stien", submitter_group="child",
                                nickname="Hemmelige Hans")
    secretariat = client_as("secretariat")
    secretariat.post(_url(world, "moderate", pk=idea.pk), {"approve": "1"})
    idea.refresh_from_db()
    assert idea.moderation == Moderation.APPROVED
    client = client_as("anonymous")
    for page in (client.get(_url(world, "public_list")),
                 client.get(_url(world, "public_detail", number=idea.number))):
        text = page.content.decode()
        assert "Lys på stien" in text and "Hemmelige Hans" not in text


def _public(world):
    from rygrad.core.permissions import Actor

    return Actor.anonymous(world.initiative)


def test_the_honeypot_quietly_stores_nothing(client, world):
    """Given a robot that fills in every field, the hidden one too, when it sends the
    form, then it is thanked like anyone and nothing is stored."""
    response = _send(client, world, website="http://spam.example")
    assert response.status_code == 200
    assert Idea.objects.count() == 0


def test_fifty_ideas_in_a_minute_from_one_client_are_throttled_kindly(client, world):
    """Given one client (one address), when it sends 50 ideas in a row, then the first 20
    are stored and each later one gets a friendly message — no error page — and stores
    nothing at all (no idea, no status change)."""
    responses = [_send(client, world, title=f"Idé nummer {n}") for n in range(50)]
    assert Idea.objects.count() == 20
    assert [r.status_code for r in responses] == [200] * 50
    refused = responses[20].content.decode()
    assert "vent ti minutter" in refused and "ikke tabt" in refused
    assert Idea.objects.filter(title="Idé nummer 20").count() == 0
    assert sorted(Idea.objects.values_list("number", flat=True)) == list(range(1, 21))


def test_signed_in_people_with_a_role_are_not_throttled_or_moderated(client_as, world):
    """Given a young person with an account, when they send 25 ideas on the public form,
    then all are stored, approved at once."""
    client = client_as("youth")
    for n in range(25):
        _send(client, world, title=f"Idé {n}")
    assert Idea.objects.filter(moderation=Moderation.APPROVED).count() == 25


def test_the_form_refuses_an_empty_idea_and_names_the_field(client, world):
    """Given an empty idea, when it is sent, then the form comes back with the field's
    error and nothing is stored."""
    response = _send(client, world, title="")
    assert response.context["form"].errors["title"]
    assert Idea.objects.count() == 0


def test_a_signed_in_member_records_an_idea_from_a_meeting(client_as, world):
    """Given a member, when they record an idea from an alliance meeting with a date and a
    track, then it is approved, numbered and on the track, its first status *new* on that
    date."""
    track = TrackFactory(initiative=world.initiative)
    response = client_as("member").post(_url(world, "create"), {
        "title": "Fast punkt om trivsel", "source": "alliance_meeting",
        "submitter_group": "professional", "submitted_on": "2017-09-14",
        "tracks": [track.pk]})
    idea = Idea.objects.get()
    assert response.status_code == 302
    assert (idea.moderation, idea.submitted_on, list(idea.tracks.all())) == (
        Moderation.APPROVED, dt.date(2017, 9, 14), [track])
    assert idea.changes.get().status == Status.NEW


def test_members_and_young_people_support_an_idea_once(world):
    """Given a young person and a member, when each supports an idea twice, then each
    counts once and the second time is refused."""
    from django.core.exceptions import ValidationError

    from rygrad.core.permissions import Actor

    idea = IdeaFactory(initiative=world.initiative)
    for role in ("youth", "member"):
        actor = Actor(user=world.users[role], initiative=world.initiative)
        services.idea_support(idea=idea, by=actor)
        with pytest.raises(ValidationError):
            services.idea_support(idea=idea, by=actor)
    assert Support.objects.filter(idea=idea).count() == 2


def test_anonymous_supports_are_limited_per_browser_session(client, world):
    """Given a visitor without an account, when they support the same idea twice and then
    eleven others, then the idea counts one support, ten ideas in all are supported, and
    the later ones are refused with a message; nothing about the visitor is stored."""
    ideas = [IdeaFactory(initiative=world.initiative) for _ in range(12)]
    support = lambda idea: client.post(_url(world, "support", number=idea.number),  # noqa: E731
                                       follow=True)
    support(ideas[0])
    assert "allerede" in support(ideas[0]).content.decode()
    for idea in ideas[1:]:
        last = support(idea)
    assert Support.objects.count() == 10
    assert Support.objects.filter(user__isnull=False).count() == 0
    assert "så mange" in last.content.decode()


def test_a_stranger_from_another_initiative_is_moderated_like_the_public(world):
    """Given the secretariat of another initiative (nobody here), when they send an idea
    here, then it waits for moderation."""
    from rygrad.core.permissions import Actor

    stranger = Actor(user=world.users["stranger"], initiative=world.initiative)
    assert stranger.role == Role.PUBLIC
    idea = services.idea_submit(initiative=world.initiative, by=stranger, title="Idé",
                                submitter_group="other")
    assert idea.moderation == Moderation.PENDING and idea.submitted_by is None


def test_supports_without_cookies_are_limited_per_client(client, world, settings):
    """Given a robot that drops its cookies before each support, when it supports one
    idea 8 times with a limit of 5 per client, then 5 supports count and the rest are
    refused with a message."""
    settings.RYGRAD_IDEAS_SUPPORT_RATE_LIMIT = (5, 600)
    idea = IdeaFactory(initiative=world.initiative)
    url = _url(world, "support", number=idea.number)
    for _ in range(8):
        client.cookies.clear()
        last = client.post(url, follow=True)
    assert Support.objects.filter(idea=idea).count() == 5
    assert "vent ti minutter" in last.content.decode().lower()

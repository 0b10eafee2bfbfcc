"""The permission chain: installation, then initiative, then object; a denial wins."""

import pytest

from rygrad.core.permissions import Actor, rule
from rygrad.initiatives.models import Role


@rule("test.own_thing")
def _own_thing(actor, obj=None):
    """Members may touch things of their own organisation; the secretariat anything."""
    if actor.role >= Role.SECRETARIAT:
        return True
    return actor.role >= Role.MEMBER and obj is not None and obj["org"] in actor.organisation_ids


def test_role_is_read_per_initiative(world):
    """Given the Egelund secretariat, when asked about Andeby, then they are public there."""
    user = world.users["secretariat"]
    assert Actor(user=user, initiative=world.initiative).role == Role.SECRETARIAT
    assert Actor(user=user, initiative=world.other_initiative).role == Role.PUBLIC


def test_operator_acts_as_secretariat_everywhere(world):
    operator = world.users["operator"]
    assert Actor(user=operator, initiative=world.initiative).role == Role.SECRETARIAT
    assert Actor(user=operator, initiative=world.other_initiative).role == Role.SECRETARIAT


def test_inactive_account_may_do_nothing(world):
    """Given a deactivated secretariat account, then the installation level denies it."""
    user = world.users["secretariat"]
    user.is_active = False
    user.save(update_fields=["is_active"])
    actor = Actor(user=user, initiative=world.initiative)
    assert actor.role == Role.PUBLIC
    assert not actor.can("initiative.manage")


@pytest.mark.parametrize(
    ("role", "view", "internal", "manage"),
    [
        ("anonymous", True, False, False),
        ("youth", True, False, False),
        ("partner", True, True, False),
        ("member", True, True, False),
        ("secretariat", True, True, True),
        ("operator", True, True, True),
        ("stranger", True, False, False),
    ],
)
def test_initiative_rules_for_every_role(world, role, view, internal, manage):
    user = world.users[role]
    actor = (Actor.anonymous(world.initiative) if user is None
             else Actor(user=user, initiative=world.initiative))
    assert actor.can("initiative.view") is view
    assert actor.can("initiative.view_internal") is internal
    assert actor.can("initiative.manage") is manage


def test_a_private_initiative_denies_everything_to_the_public(world):
    """Given an initiative that is not public, then even public rules deny strangers."""
    world.initiative.is_public = False
    world.initiative.save(update_fields=["is_public"])
    stranger = Actor(user=world.users["stranger"], initiative=world.initiative)
    assert not stranger.can("initiative.view")
    member = Actor(user=world.users["member"], initiative=world.initiative)
    assert member.can("initiative.view")


def test_object_rule_denies_a_member_outside_their_organisation(world, monkeypatch):
    """Given a member representing organisation 7, when they touch organisation 8's thing,
    then the object level denies it although the role would allow members."""
    actor = Actor(user=world.users["member"], initiative=world.initiative)
    monkeypatch.setattr(Actor, "organisation_ids", frozenset({7}))
    assert actor.can("test.own_thing", {"org": 7})
    assert not actor.can("test.own_thing", {"org": 8})


def test_unknown_rule_is_an_error_not_a_silent_allow(world):
    actor = Actor(user=world.users["secretariat"], initiative=world.initiative)
    with pytest.raises(KeyError, match="no.such.rule"):
        actor.can("no.such.rule")


def test_private_initiative_is_not_found_for_strangers(client, world):
    world.initiative.is_public = False
    world.initiative.save(update_fields=["is_public"])
    client.force_login(world.users["stranger"])
    assert client.get("/i/egelund/").status_code == 404
    client.force_login(world.users["youth"])
    assert client.get("/i/egelund/").status_code == 200


def test_a_list_of_a_model_without_a_scope_is_an_error_not_an_allow(world):
    """Given a model no app registered a scope for, when a page asks which of its objects
    an actor may see, then that is an error, never the whole list."""
    from rygrad.initiatives.models import RoleGrant

    actor = Actor(user=world.users["secretariat"], initiative=world.initiative)
    with pytest.raises(KeyError, match="No scope registered"):
        actor.visible(RoleGrant.objects.all())


def test_a_private_initiatives_lists_are_empty_for_those_outside_it(world):
    """Given a private initiative with an activity, when the secretariat of another
    initiative asks which activities they may see there, then none — the initiative level
    of the chain comes before the scope, as for one object."""
    from rygrad.activities.models import Activity
    from rygrad.activities.tests.factories import ActivityFactory

    ActivityFactory(initiative=world.initiative)
    world.initiative.is_public = False
    world.initiative.save(update_fields=["is_public"])
    stranger = Actor(user=world.users["stranger"], initiative=world.initiative)
    member = Actor(user=world.users["member"], initiative=world.initiative)
    activities = Activity.objects.for_initiative(world.initiative)
    assert stranger.visible(activities).count() == 0
    assert member.visible(activities).count() == 1

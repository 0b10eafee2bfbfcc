"""Creating initiatives and reading roles."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from rygrad.initiatives.models import Initiative, Role
from rygrad.initiatives.selectors import initiatives_visible_to, role_of
from rygrad.initiatives.services import role_grant


def test_initiative_create_command_makes_an_initiative(db):
    out = StringIO()
    call_command("initiative_create", slug="lejre", name="+DIG Lejre", stdout=out)
    assert Initiative.objects.get(slug="lejre").name == "+DIG Lejre"
    assert "/i/lejre/" in out.getvalue()


def test_initiative_create_refuses_a_taken_or_bad_slug(db):
    call_command("initiative_create", slug="lejre", name="A", stdout=StringIO())
    with pytest.raises(CommandError, match="slug"):
        call_command("initiative_create", slug="lejre", name="B")
    with pytest.raises(CommandError, match="slug"):
        call_command("initiative_create", slug="not a slug!", name="C")
    assert Initiative.objects.count() == 1


def test_a_person_holds_different_roles_in_different_initiatives(world):
    user = world.users["member"]
    role_grant(initiative=world.other_initiative, user=user, role=Role.YOUTH)
    assert role_of(user=user, initiative=world.initiative) == Role.MEMBER
    assert role_of(user=user, initiative=world.other_initiative) == Role.YOUTH


def test_role_grant_replaces_the_previous_role(world):
    user = world.users["youth"]
    role_grant(initiative=world.initiative, user=user, role=Role.PARTNER)
    assert role_of(user=user, initiative=world.initiative) == Role.PARTNER
    assert user.role_grants.count() == 1


def test_front_page_hides_private_initiatives_from_outsiders(world):
    world.other_initiative.is_public = False
    world.other_initiative.save(update_fields=["is_public"])
    visible = set(initiatives_visible_to(user=world.users["member"]).values_list("slug", flat=True))
    assert visible == {"egelund"}
    own = initiatives_visible_to(user=world.users["stranger"]).distinct()
    assert set(own.values_list("slug", flat=True)) == {"egelund", "andeby"}


def test_deleting_an_initiative_removes_its_protected_records_and_nothing_else(world):
    """Given two initiatives, each with an organisation that an activity and a membership
    protect, when one initiative is deleted, then all of its records go and the other
    initiative keeps every one of its own."""
    from rygrad.activities.models import Activity
    from rygrad.activities.tests.factories import ActivityFactory
    from rygrad.alliance.models import Membership, Organisation
    from rygrad.alliance.tests.factories import MembershipFactory
    from rygrad.initiatives.services import initiative_delete

    for initiative in (world.initiative, world.other_initiative):
        activity = ActivityFactory(initiative=initiative)
        MembershipFactory(initiative=initiative, organisation=activity.driver,
                          person__organisation=activity.driver)
    kept = (Organisation.objects.filter(initiative=world.other_initiative).count(),
            Activity.objects.filter(initiative=world.other_initiative).count(),
            Membership.objects.filter(initiative=world.other_initiative).count())

    initiative_delete(initiative=world.initiative)

    assert not Initiative.objects.filter(slug="egelund").exists()
    assert not Organisation.objects.filter(initiative_id=world.initiative.pk).exists()
    assert (Organisation.objects.filter(initiative=world.other_initiative).count(),
            Activity.objects.filter(initiative=world.other_initiative).count(),
            Membership.objects.filter(initiative=world.other_initiative).count()) == kept
    assert kept[0] >= 1 and kept[1] == 1 and kept[2] == 1


def test_initiative_delete_command_asks_for_confirmation(world):
    with pytest.raises(CommandError, match="--yes"):
        call_command("initiative_delete", slug="egelund")
    assert Initiative.objects.filter(slug="egelund").exists()
    call_command("initiative_delete", slug="egelund", yes=True, stdout=StringIO())
    assert not Initiative.objects.filter(slug="egelund").exists()

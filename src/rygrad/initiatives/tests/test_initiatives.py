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

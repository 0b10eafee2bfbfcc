"""The initiative is the tenant that core asks about through `core.tenancy`."""

import pytest

from rygrad.core.permissions import Actor
from rygrad.core.tenancy import Role as CoreRole
from rygrad.core.tenancy import Tenancy, register_tenancy, tenancy
from rygrad.initiatives.models import Initiative, Role
from rygrad.initiatives.selectors import role_of


def test_the_initiatives_app_provides_the_tenant_to_core(world):
    """Given the installed apps, when core asks for the tenant, then it gets the initiative
    model and the initiatives app's role lookup, and the roles are one and the same."""
    provided = tenancy()
    assert provided.model is Initiative
    assert provided.role_of is role_of
    assert provided.role_of(user=world.users["member"], initiative=world.initiative) == Role.MEMBER
    assert Role is CoreRole


def test_a_second_provider_of_the_tenant_is_refused():
    """Given the initiatives app's tenant, when another app registers a different one, then
    registering fails and core keeps asking the first."""
    first = tenancy()
    other = Tenancy(model=Initiative, role_of=lambda **kw: Role.SECRETARIAT,
                    role_grant=first.role_grant, tenant_delete=first.tenant_delete)
    with pytest.raises(ValueError, match="provided twice"):
        register_tenancy(other)
    assert tenancy() is first
    register_tenancy(first)  # the same provider again (apps set up twice) is accepted
    assert tenancy() is first


@pytest.mark.parametrize(("role", "sees"), [
    ("anonymous", False), ("stranger", False), ("youth", True), ("secretariat", True),
    ("operator", True),
])
def test_a_private_initiative_is_seen_only_with_a_role_in_it(world, role, sees):
    """Given an initiative that is not public, when each kind of visitor is asked about,
    then only those with a role in it (and operators) see it, and the others may nothing."""
    world.initiative.is_public = False
    world.initiative.save(update_fields=["is_public"])
    user = world.users[role]
    actor = (Actor.anonymous(world.initiative) if user is None
             else Actor(user=user, initiative=world.initiative))
    assert actor.sees_initiative is sees
    assert actor.can("initiative.view") is sees


def test_a_public_initiative_is_seen_by_everybody(world):
    """Given a public initiative, when an anonymous visitor is asked about, then they see
    it (and may view it) though they hold no role."""
    actor = Actor.anonymous(world.initiative)
    assert actor.sees_initiative
    assert actor.can("initiative.view")
    assert not actor.can("initiative.view_internal")


def test_anonymous_visitors_of_a_private_initiative_get_not_found_not_a_login(client, world):
    """Given a private initiative, when an anonymous visitor opens its pages, then it does
    not exist for them (404), rather than a login page that would betray it."""
    world.initiative.is_public = False
    world.initiative.save(update_fields=["is_public"])
    assert client.get("/i/egelund/").status_code == 404
    assert client.get("/i/egelund/settings/").status_code == 404
    assert client.get("/i/andeby/settings/").status_code == 302

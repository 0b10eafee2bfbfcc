"""Test helpers shared by every app: the world of roles and the permission matrix.

Each app describes who may open each of its pages in ``<app>/tests/access.py``:

    def setup(world):            # create the objects the URLs need; return anything
        return {"org": OrganisationFactory(initiative=world.initiative)}

    CASES = [
        AccessCase("alliance:organisation_detail", MEMBER_UP,
                   kwargs=lambda world, objs: {"pk": objs["org"].pk}),
    ]

`core/tests/test_access_matrix.py` visits every case as every role and fails when a URL of
the project is missing from all matrices.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model

from .tenancy import Role, Tenant, tenancy

ROLES = ["anonymous", "youth", "partner", "member", "secretariat", "operator", "stranger"]
EVERYONE = frozenset(ROLES)
YOUTH_UP = frozenset({"youth", "partner", "member", "secretariat", "operator"})
PARTNER_UP = frozenset({"partner", "member", "secretariat", "operator"})
MEMBER_UP = frozenset({"member", "secretariat", "operator"})
SECRETARIAT_UP = frozenset({"secretariat", "operator"})


@dataclass
class World:
    """Two initiatives and one user per role in the first; `stranger` is the secretariat
    of the *other* initiative, and so only a member of the public here."""

    initiative: Tenant
    other_initiative: Tenant
    users: dict[str, object]
    objects: dict[str, object] = field(default_factory=dict)


def build_world() -> World:
    User = get_user_model()
    tenant = tenancy()
    initiative = tenant.model.objects.create(slug="egelund", name="Egelund for alle børn")
    other = tenant.model.objects.create(slug="andeby", name="Andeby Trivsel")
    users: dict[str, object] = {"anonymous": None}
    for name, role in [("youth", Role.YOUTH), ("partner", Role.PARTNER),
                       ("member", Role.MEMBER), ("secretariat", Role.SECRETARIAT)]:
        user = User.objects.create_user(email=f"{name}@example.org", password="pw")
        tenant.role_grant(initiative=initiative, user=user, role=role)
        users[name] = user
    users["operator"] = User.objects.create_superuser(email="operator@example.org", password="pw")
    stranger = User.objects.create_user(email="stranger@example.org", password="pw")
    tenant.role_grant(initiative=other, user=stranger, role=Role.SECRETARIAT)
    users["stranger"] = stranger
    return World(initiative=initiative, other_initiative=other, users=users)


@dataclass(frozen=True)
class AccessCase:
    """Who may GET one URL: `allowed` roles get 200, anonymous others are sent to log in
    (302), signed-in others get 403."""

    url_name: str
    allowed: frozenset[str]
    kwargs: Callable[[World, dict], dict] | None = None
    query: str = ""
    # False for URLs outside an initiative (no slug in the URL).
    in_initiative: bool = True
    # POST-only URLs: allowed roles get 200 or a redirect that is not the login page.
    method: str = "get"
    data: Callable[[World, dict], dict] | None = None
    # Roles whose answer depends on the object (e.g. a partner's own activity); each
    # entry is a (role, kwargs-callable, allowed?) triple checked in addition.
    extra: tuple = ()

    def __str__(self) -> str:
        return self.url_name + (f"?{self.query}" if self.query else "")

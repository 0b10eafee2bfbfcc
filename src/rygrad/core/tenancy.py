"""The tenant as core knows it: the roles, and what core asks of the app that owns it.

`core` is the ground layer and imports no capability (core/tests/test_layers.py checks it).
Yet core cannot do without the tenant: `core.views.initiative_view` finds the initiative
named in the URL, the permission chain asks which role the actor holds in it, and the demo
and the test world create initiatives and give people roles. So core defines here what it
needs — `Role`, the ordered roles, and `Tenancy`, five things about the tenant — and the
app that owns the tenant model (`initiatives`, in its `apps.py`) plugs them in at start-up,
as every app plugs in its rules, signals and navigation.

The models stay where they are: `initiatives.Initiative` and `initiatives.RoleGrant` are
tables of the initiatives app (moving them would need data migrations); `Role` is plain
Python (its values are stored in `RoleGrant.role`), so it lives here and
`initiatives.models` re-exports it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.IntegerChoices):
    """Roles inside one initiative, ordered: a higher role may do what a lower one may.

    Operators are not a role here: they are installation administrators (User.is_operator).
    """

    PUBLIC = 0, _("Public")
    YOUTH = 10, _("Young person")
    PARTNER = 20, _("Partner")
    MEMBER = 30, _("Alliance member")
    SECRETARIAT = 40, _("Secretariat")


class Tenant(Protocol):
    """What core reads of an initiative (the tenant)."""

    pk: int
    slug: str
    name: str
    is_public: bool


@dataclass(frozen=True)
class Tenancy:
    """What the app owning the tenant provides to core (keyword-only callables)."""

    # The tenant model; every URL inside an initiative names one by its unique `slug`.
    model: type[models.Model]
    # role_of(*, user, initiative) -> Role: the role held there (PUBLIC when none).
    role_of: Callable[..., Role]
    # role_grant(*, initiative, user, role): give a role, replacing any held there.
    role_grant: Callable[..., object]
    # tenant_delete(*, initiative): delete an initiative with everything recorded in it.
    tenant_delete: Callable[..., None]
    # two_factor_required(*, user) -> bool: whether the user holds the secretariat's powers
    # in a tenant that requires them to log in with a second factor (core.accounts).
    two_factor_required: Callable[..., bool] | None = None


_TENANCY: list[Tenancy] = []


def register_tenancy(provided: Tenancy) -> None:
    """Plug in the tenant; only one app may provide it."""
    if _TENANCY and _TENANCY[0] != provided:
        raise ValueError(f"The tenant is provided twice: {_TENANCY[0].model} and {provided.model}.")
    _TENANCY[:] = [provided]


def tenancy() -> Tenancy:
    """The registered tenant; an error naming the missing app when there is none."""
    if not _TENANCY:
        raise ImproperlyConfigured(
            "No app provides the tenant: rygrad.initiatives must be in INSTALLED_APPS.")
    return _TENANCY[0]

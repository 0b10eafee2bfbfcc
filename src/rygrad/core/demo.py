"""The demo initiative, built by every capability in turn.

`rygrad demo` calls `build(initiative, rng)` in each Rygrad app's `demo.py`, in the order
of settings.RYGRAD_APPS, so the demo grows with every capability: alliance first, then
agenda and activities (which use the alliance's organisations), then measurement.
The random generator is seeded, so the demo is the same on every machine. When every app
has built its part, each `finish(initiative)` runs, in the same order: work over what all
apps made (the early-warning history of every signal), done once so the demo's first page
is as fast as its second.

The initiative itself and its people's roles are made through `core.tenancy` (the
initiatives app provides them), so core imports no app here either.
"""

from __future__ import annotations

import datetime as dt
import importlib
import random
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from .accounts import email_mark_verified
from .tenancy import Role, Tenant, tenancy

DEMO_SLUG = "demo"
DEMO_PASSWORD = "rygrad-demo"


@dataclass(frozen=True)
class DemoLogin:
    email: str
    name: str
    role: str


DEMO_USERS = [
    # (email, name, role in the demo initiative or None for the operator)
    ("sekretariat@demo.rygrad.dk", "Mette Sekretariat", Role.SECRETARIAT),
    ("medlem@demo.rygrad.dk", "Lars Skoleleder", Role.MEMBER),
    ("partner@demo.rygrad.dk", "Hanne Foreningsformand", Role.PARTNER),
    ("ung@demo.rygrad.dk", "Sofie (ung)", Role.YOUTH),
    ("operatoer@demo.rygrad.dk", "Drift (kommunal IT)", None),
]


@transaction.atomic
def demo_build() -> tuple[Tenant, list[DemoLogin]]:
    """(Re)build the demo initiative from scratch; running it twice gives the same result."""
    tenant = tenancy()
    for old in tenant.model.objects.filter(slug=DEMO_SLUG):
        tenant.tenant_delete(initiative=old)
    initiative = tenant.model.objects.create(
        slug=DEMO_SLUG,
        name="Fællesskab for alle børn",
        municipality="Egelund Kommune",
        problem_summary=(
            "For mange børn og unge i Egelund Kommune føler sig ensomme eller mistrives – "
            "ofte uden at det ses, fordi problemerne er diffuse: drillerier, uro derhjemme "
            "eller sygdom. Alliancen af kommune, skoler, dagtilbud, foreninger, virksomheder "
            "og de unge selv arbejder sammen om at alle børn får et fællesskab."
        ),
        started_on=dt.date(2015, 9, 1),
    )
    logins = _demo_users(initiative)
    rng = random.Random(2015)
    modules = [module for module in map(_demo_module, settings.RYGRAD_APPS)
               if module is not None and module.__name__ != __name__]
    for module in modules:
        if hasattr(module, "build"):
            module.build(initiative, rng)
    for module in modules:
        if hasattr(module, "finish"):
            module.finish(initiative)
    return initiative, logins


def _demo_module(app: str):
    """The app's `demo` module, or None for an app without one."""
    try:
        return importlib.import_module(f"{app}.demo")
    except ModuleNotFoundError as error:
        if error.name != f"{app}.demo":
            raise
        return None


def _demo_users(initiative: Tenant) -> list[DemoLogin]:
    User = get_user_model()
    logins = []
    for email, name, role in DEMO_USERS:
        user, _created = User.objects.get_or_create(email=email)
        user.display_name = name
        user.is_superuser = user.is_staff = role is None
        user.set_password(DEMO_PASSWORD)
        user.save()
        email_mark_verified(user=user)
        if role is not None:
            tenancy().role_grant(initiative=initiative, user=user, role=role)
        logins.append(DemoLogin(email=email, name=name,
                                role=str(role.label if role is not None else _("Operator"))))
    return logins

from django.contrib.auth import get_user_model

from rygrad.core.testing import EVERYONE, SECRETARIAT_UP, AccessCase
from rygrad.initiatives.models import Role
from rygrad.initiatives.services import role_grant


def setup(world):
    """An invitation not yet accepted (an account without a password)."""
    invited = get_user_model().objects.create_user(email="invited@example.org", password=None)
    return {"pending": role_grant(initiative=world.initiative, user=invited, role=Role.PARTNER)}


CASES = [
    AccessCase("initiatives:dashboard", EVERYONE),
    AccessCase("initiatives:roles", SECRETARIAT_UP),
    AccessCase("initiatives:settings", SECRETARIAT_UP),
    AccessCase("initiatives:thresholds", SECRETARIAT_UP),
    AccessCase("initiatives:thresholds", SECRETARIAT_UP, method="post",
               data=lambda world, objs: {"activities__backbone_load": "60"}),
    AccessCase(
        "initiatives:role_update", SECRETARIAT_UP, method="post",
        kwargs=lambda world, objs: {
            "pk": world.users["youth"].role_grants.get(initiative=world.initiative).pk},
        data=lambda world, objs: {"role": 10},
    ),
    # Sent again as often as the matrix asks; withdrawn only if pending, so the youth's
    # accepted invitation is refused (a redirect with a message) and stays for the others.
    AccessCase("initiatives:invitation_resend", SECRETARIAT_UP, method="post",
               kwargs=lambda world, objs: {"pk": objs["pending"].pk}),
    AccessCase(
        "initiatives:invitation_withdraw", SECRETARIAT_UP, method="post",
        kwargs=lambda world, objs: {
            "pk": world.users["youth"].role_grants.get(initiative=world.initiative).pk},
    ),
]

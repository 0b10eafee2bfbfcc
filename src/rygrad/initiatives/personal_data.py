"""A login's role in the initiative is personal data too: exported, and taken away when the
person is erased (core.personal_data). The login itself is the privacy app's concern."""

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.utils.translation import gettext_lazy as _

from rygrad.core.personal_data import (
    Held,
    day,
    register_personal_data,
    register_retention_kind,
)

from .models import RoleGrant


def _grants(subject):
    if subject.user is None:
        return RoleGrant.objects.none()
    return RoleGrant.objects.filter(initiative=subject.initiative, user=subject.user)


def export(subject) -> Held:
    return Held(records={"roles": [
        {"initiative": grant.initiative.name, "role": grant.get_role_display(),
         "granted_at": day(grant.granted_at)}
        for grant in _grants(subject).select_related("initiative")]})


def erase(subject) -> int:
    count = 0
    for grant in _grants(subject):
        grant.delete()
        count += 1
    return count


register_personal_data("initiatives", label=_("Roles"), export=export, erase=erase)


# --- Retention: invitations never used -----------------------------------------------------

def _pending_due(*, initiative, cutoff):
    """Roles given by an invitation whose login never set a password nor logged in
    (initiatives.services.invitation_is_pending), sent before the cut-off."""
    return RoleGrant.objects.filter(
        initiative=initiative, granted_at__date__lt=cutoff, user__last_login__isnull=True,
        user__password__startswith=UNUSABLE_PASSWORD_PREFIX)


def _pending_rows(queryset):
    for grant in queryset.select_related("user").order_by("pk"):
        yield {"email": grant.user.email, "name": grant.user.display_name,
               "role": grant.role, "granted_at": day(grant.granted_at)}


def _pending_remove(queryset) -> int:
    """Withdraw the invitations: the role goes, and the unused login with it when it holds
    no role anywhere else (as `invitation_withdraw` does)."""
    count = 0
    for grant in queryset.select_related("user"):
        user = grant.user
        grant.delete()
        count += 1
        if not user.is_superuser and not RoleGrant.objects.filter(user=user).exists():
            user.delete()
    return count


register_retention_kind(
    "initiatives.pending_invitations", label=_("Invitations never used"),
    explanation=_("Months after the invitation was sent. The role is withdrawn, and the "
                  "login with it when it has no role anywhere else."),
    default_months=6, due=_pending_due, since="granted_at", rows=_pending_rows,
    remove=_pending_remove)

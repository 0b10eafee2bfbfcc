"""Reads on initiatives and roles."""

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db.models import BooleanField, ExpressionWrapper, Q

from .models import Initiative, Role, RoleGrant


def role_of(*, user, initiative: Initiative) -> Role:
    """The role `user` holds in `initiative`; anonymous users and strangers are PUBLIC."""
    if not user.is_authenticated or not user.is_active:
        return Role.PUBLIC
    grant = RoleGrant.objects.filter(initiative=initiative, user=user).only("role").first()
    return Role(grant.role) if grant else Role.PUBLIC


def initiatives_visible_to(*, user):
    """Initiatives shown on the front page: public ones, and those the user has a role in."""
    qs = Initiative.objects.all()
    if getattr(user, "is_operator", False):
        return qs
    if user.is_authenticated:
        return qs.filter(is_public=True) | qs.filter(role_grants__user=user)
    return qs.filter(is_public=True)


def holds_a_role(*, user) -> bool:
    """Whether `user` holds a role in any initiative (an operator needs none); someone who
    came in through single sign-on holds none until the secretariat grants one."""
    if not user.is_authenticated:
        return False
    return getattr(user, "is_operator", False) or RoleGrant.objects.filter(user=user).exists()


def grants_of(*, initiative: Initiative):
    """The roles held in `initiative` with their logins, highest role first, each marked
    `pending` while its invitation is not accepted (no password chosen and never logged
    in: `services.invitation_is_pending` in one query)."""
    pending = Q(user__last_login__isnull=True,
                user__password__startswith=UNUSABLE_PASSWORD_PREFIX)
    return (RoleGrant.objects.filter(initiative=initiative).select_related("user")
            .annotate(pending=ExpressionWrapper(pending, output_field=BooleanField()))
            .order_by("-role", "user__email"))


def two_factor_required(*, user) -> bool:
    """Whether `user` holds the secretariat's powers in an initiative that requires its
    secretariat to log in with a second factor (an operator acts as the secretariat of
    every initiative)."""
    requiring = Initiative.objects.filter(require_two_factor=True)
    if getattr(user, "is_operator", False):
        return requiring.exists()
    return requiring.filter(role_grants__user=user,
                            role_grants__role__gte=Role.SECRETARIAT).exists()

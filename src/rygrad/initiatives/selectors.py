"""Reads on initiatives and roles."""

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

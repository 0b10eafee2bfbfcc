"""Writes on initiatives and roles."""

from django.db import transaction

from .models import Initiative, Role, RoleGrant


@transaction.atomic
def initiative_create(*, slug: str, name: str, municipality: str = "") -> Initiative:
    """Create an initiative; the slug becomes part of every URL inside it."""
    initiative = Initiative(slug=slug, name=name, municipality=municipality)
    initiative.full_clean()
    initiative.save()
    return initiative


@transaction.atomic
def role_grant(*, initiative: Initiative, user, role: Role) -> RoleGrant:
    """Give `user` `role` in `initiative`, replacing any role they held there."""
    grant, _created = RoleGrant.objects.update_or_create(
        initiative=initiative, user=user, defaults={"role": role}
    )
    return grant

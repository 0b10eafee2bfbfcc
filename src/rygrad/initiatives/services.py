"""Writes on initiatives and roles, and the one place an initiative's signal thresholds
are written."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from rygrad.core.signals import get_signal

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


def role_revoke(*, grant: RoleGrant, by) -> None:
    """Take a role away. The last secretariat of an initiative cannot be removed, or nobody
    could run it any more (an operator can still step in through the admin)."""
    _refuse_removing_last_secretariat(grant, by=by, new_role=None)
    grant.delete()


def role_change(*, grant: RoleGrant, role: Role, by) -> RoleGrant:
    _refuse_removing_last_secretariat(grant, by=by, new_role=role)
    grant.role = role
    grant.save(update_fields=["role"])
    return grant


def _refuse_removing_last_secretariat(grant: RoleGrant, *, by, new_role) -> None:
    if grant.role != Role.SECRETARIAT or new_role == Role.SECRETARIAT:
        return
    others = RoleGrant.objects.filter(initiative=grant.initiative, role=Role.SECRETARIAT)
    if not others.exclude(pk=grant.pk).exists():
        raise ValidationError(_("An initiative needs at least one secretariat account."))


@transaction.atomic
def person_invite(*, initiative: Initiative, email: str, name: str, role: Role,
                  base_url: str) -> RoleGrant:
    """Give someone a role, creating their account if needed, and email them a link to set
    their password. Accounts are never created by public sign-up."""
    User = get_user_model()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=None, display_name=name)
    grant = role_grant(initiative=initiative, user=user, role=role)
    path = reverse("account_login") if user.has_usable_password() else _password_link(user)
    link = base_url.rstrip("/") + path
    context = {"initiative": initiative, "user": user, "role": Role(role).label, "link": link}
    transaction.on_commit(lambda: send_mail(
        subject=_("You have been given access to %(name)s") % {"name": initiative.name},
        message=render_to_string("initiatives/email/invitation.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[user.email],
    ))
    return grant


def _password_link(user) -> str:
    from allauth.account.forms import default_token_generator
    from allauth.account.utils import user_pk_to_url_str

    return reverse("account_reset_password_from_key", kwargs={
        "uidb36": user_pk_to_url_str(user), "key": default_token_generator.make_token(user)})


@transaction.atomic
def initiative_update(*, initiative: Initiative, data: dict) -> Initiative:
    """Change an initiative's settings; the slug (its URLs) never changes."""
    fields = [name for name in data if name != "slug"]
    for name in fields:
        setattr(initiative, name, data[name])
    initiative.full_clean()
    initiative.save(update_fields=fields)
    return initiative


@transaction.atomic
def signal_thresholds_set(*, initiative: Initiative, thresholds: dict[str, float | None],
                          by) -> dict:
    """Set this initiative's warning thresholds for the given signal keys, of any app
    (None: back to the default). Other keys in `Initiative.signal_thresholds` are left as
    they are. Only the secretariat (`initiative.manage`) sets them."""
    if not by.can("initiative.manage"):
        raise ValidationError(_("Only the secretariat sets thresholds."))
    current = dict(initiative.signal_thresholds or {})
    for key, value in thresholds.items():
        if not get_signal(key).settable:  # an unknown key is a KeyError: a programming error
            raise ValueError(f"The threshold of {key!r} is not settable.")
        if value is None:
            current.pop(key, None)
        else:
            current[key] = float(value)
    initiative.signal_thresholds = current
    initiative.full_clean()
    initiative.save(update_fields=["signal_thresholds"])
    return current


@transaction.atomic
def initiative_delete(*, initiative: Initiative) -> None:
    """Delete an initiative with everything recorded in it.

    Records inside an initiative protect each other on purpose (an organisation cannot be
    deleted while a membership or an activity names it), so a plain delete is refused. Here
    whatever protects a record is deleted first, and so on down, refusing only if a
    protecting record belongs to *another* initiative — that would be a leak between
    tenants, never something to delete.
    """
    _delete_with_protectors(Initiative.objects.filter(pk=initiative.pk), initiative)


def _delete_with_protectors(queryset, initiative: Initiative) -> None:
    while True:
        try:
            with transaction.atomic():
                queryset.delete()
            return
        except (ProtectedError, RestrictedError) as error:
            blockers = getattr(error, "protected_objects", None) or error.restricted_objects
            by_model: dict = {}
            for blocker in blockers:
                owner = getattr(blocker, "initiative_id", initiative.pk)
                if owner != initiative.pk:
                    raise ValidationError(
                        f"{blocker._meta.label} {blocker.pk} of another initiative refers "
                        f"to {initiative.slug}; nothing was deleted.") from error
                by_model.setdefault(type(blocker), []).append(blocker.pk)
            for model, pks in by_model.items():
                _delete_with_protectors(model._base_manager.filter(pk__in=pks), initiative)

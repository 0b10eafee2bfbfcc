"""Writes on initiatives and roles, and the one place an initiative's signal thresholds
are written."""

import smtplib
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from rygrad.core.accounts import RegistryPerson, registry_link, registry_people
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


# The choice on the invitation form that links the login to nobody in the registry.
NO_REGISTRY_PERSON = "-"


@dataclass(frozen=True)
class Invitation:
    """What an invitation did: the role given, and the registry person the login was
    linked to (None when nobody in the registry has that email, or none was chosen)."""

    grant: RoleGrant
    person: RegistryPerson | None = None


@transaction.atomic
def person_invite(*, initiative: Initiative, email: str, name: str, role: Role,
                  base_url: str, person: str = "") -> Invitation:
    """Give someone a role, creating their account if needed, link the login to the
    person in the initiative's registry who has that email, and email them a link to set
    their password (or to log in, when they have one). Accounts are never created by
    public sign-up.

    `person` is the secretariat's choice among the registry's people with that email (a
    key of `core.accounts.registry_people`, or NO_REGISTRY_PERSON); left empty, the one
    person with that email who has no other login is linked, and anything less clear
    (several people, or one linked to another login) is refused on the `person` field so
    the form can offer the choice. Role, account and link are made together or not at all.
    """
    User = get_user_model()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=None, display_name=name)
    grant = role_grant(initiative=initiative, user=user, role=role)
    linked = _link_registry_person(initiative=initiative, user=user, choice=person)
    _send_invitation(grant, base_url=base_url)
    return Invitation(grant=grant, person=linked)


def _link_registry_person(*, initiative: Initiative, user, choice: str) -> RegistryPerson | None:
    if choice == NO_REGISTRY_PERSON:
        return None
    people = registry_people(initiative=initiative, email=user.email)
    if choice:
        chosen = next((p for p in people if p.key == choice), None)
        if chosen is None:
            raise ValidationError({"person": _("Choose one of the people listed.")})
    else:
        already = next((p for p in people if p.login_id == user.pk), None)
        if already is not None or not people:
            return already
        if len(people) > 1:
            raise ValidationError({"person": _(
                "Several people in the registry have this email address. Choose the one "
                "this login belongs to, or none.")})
        chosen = people[0]
        if chosen.login_id is not None:
            raise ValidationError({"person": _(
                "%(person)s in the registry has this email address but is linked to another "
                "login (%(login)s). Choose whether to link them to this login instead.")
                % {"person": chosen, "login": chosen.login}})
    if chosen.login_id != user.pk:
        registry_link(initiative=initiative, key=chosen.key, user=user)
    return chosen


def invitation_is_pending(user) -> bool:
    """An invitation is pending until its login has a password or has logged in once."""
    return user.last_login is None and not user.has_usable_password()


@transaction.atomic
def invitation_resend(*, grant: RoleGrant, base_url: str) -> RoleGrant:
    """Email a pending invitation again with a new link; the earlier link stops working
    (a set-password link is bound to the account's password field, which is renewed)."""
    user = grant.user
    if not invitation_is_pending(user):
        raise ValidationError(_("%(user)s has already chosen a password; they log in with "
                                "it (or use “Forgot your password?” on the login page).")
                              % {"user": user})
    user.set_unusable_password()
    user.save(update_fields=["password"])
    _send_invitation(grant, base_url=base_url)
    return grant


@transaction.atomic
def invitation_withdraw(*, grant: RoleGrant, by) -> None:
    """Take back a pending invitation: the role goes, and so does the unused account when
    it holds no role anywhere else (an account that was used stays; remove its role
    instead)."""
    user = grant.user
    if not invitation_is_pending(user):
        raise ValidationError(_("%(user)s has accepted the invitation; remove the role "
                                "instead.") % {"user": user})
    role_revoke(grant=grant, by=by)
    if not user.is_superuser and not RoleGrant.objects.filter(user=user).exists():
        user.delete()


def _send_invitation(grant: RoleGrant, *, base_url: str) -> None:
    """Email the invitation: a link that sets the password and lands on the initiative's
    dashboard, or the login page for an account that has a password already. It is sent
    inside the invitation's transaction, so a mail server that refuses it undoes the role
    and the account too, and the secretariat is told on the form rather than shown an
    error page with a role saved and no email sent."""
    initiative, user = grant.initiative, grant.user
    landing = urlencode({"next": reverse("initiatives:dashboard",
                                         kwargs={"slug": initiative.slug})})
    path = reverse("account_login") if user.has_usable_password() else _password_link(user)
    link = f"{base_url.rstrip('/')}{path}?{landing}"
    context = {"initiative": initiative, "user": user, "role": Role(grant.role).label,
               "link": link, "password": not user.has_usable_password(),
               "days": invitation_days()}
    try:
        send_mail(
            subject=_("You have been given access to %(name)s") % {"name": initiative.name},
            message=render_to_string("initiatives/email/invitation.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[user.email],
        )
    except (OSError, smtplib.SMTPException) as error:
        raise ValidationError(_(
            "The invitation email could not be sent (%(error)s), so nothing was saved. "
            "Try again in a moment, or ask the operator to check the mail settings.")
            % {"error": error.__class__.__name__}) from error


def invitation_days() -> int:
    """For how many days an invitation's link works (Django's PASSWORD_RESET_TIMEOUT)."""
    return max(1, settings.PASSWORD_RESET_TIMEOUT // 86400)


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

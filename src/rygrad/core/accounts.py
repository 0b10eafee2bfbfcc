"""Accounts through django-allauth: created by the secretariat (an invitation with a link to
set a password), never by public sign-up.

Setting the password through the invitation link proves that the person reads that email
address, so the address counts as verified — which allauth requires before someone may
turn on a TOTP second factor.

An invited address may be a person's in the initiative's registry of people; the app that
keeps that registry (the alliance) plugs it in below (`register_person_registry`), so the
invitation links the login to the person without the initiatives app importing the
alliance.
"""

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, replace

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from allauth.account.signals import password_reset
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from .tenancy import tenancy

logger = logging.getLogger(__name__)


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return False

    def get_client_ip(self, request) -> str:
        """The client's address for the rate limits. allauth raises ImproperlyConfigured
        when X-Forwarded-For has fewer hops than TRUSTED_PROXY_COUNT (a request that went
        round a proxy, or a count set too high); rather than a 500 on the login page, such
        a request is counted under the address it came from, which it cannot forge."""
        try:
            return super().get_client_ip(request)
        except ImproperlyConfigured:
            logger.warning("X-Forwarded-For has fewer addresses than TRUSTED_PROXY_COUNT; "
                           "counting the request under REMOTE_ADDR")
            if not request.META.get("REMOTE_ADDR"):
                raise PermissionDenied("Unable to determine client IP address") from None
            return request.META["REMOTE_ADDR"]


def email_mark_verified(*, user) -> None:
    """Record the account's email address as verified and primary."""
    EmailAddress.objects.filter(user=user).exclude(email__iexact=user.email).update(
        primary=False)
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True})


@receiver(password_reset, dispatch_uid="rygrad-invitation-verifies-email")
def _invitation_link_used(sender, request, user, **kwargs):
    email_mark_verified(user=user)


# --- Sessions: when they were last used (core.middleware.IdleSessionMiddleware) -----------

LAST_SEEN = "rygrad_last_seen"
SIGNED_IN_AT = "rygrad_signed_in_at"


def session_mark_seen(session, now: float | None = None) -> None:
    session[LAST_SEEN] = int(time.time() if now is None else now)


@receiver(user_logged_in, dispatch_uid="rygrad-session-seen-at-login")
def _logged_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        session_mark_seen(request.session)
        request.session[SIGNED_IN_AT] = request.session[LAST_SEEN]
        second_factor_check(request.session, user)


# --- A second factor, required of some ------------------------------------------------------
# Staff and operators (the admin, every initiative) must log in with TOTP when the setting
# RYGRAD_REQUIRE_TWO_FACTOR is on (production); the secretariat of an initiative must when
# that initiative's own setting says so (Initiative.require_two_factor, whose default is
# the same setting). core/middleware.py sends whoever must and has not to set it up.


def two_factor_required(user) -> bool:
    """Whether `user` must have a TOTP second factor before using any signed-in page."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if (user.is_staff or user.is_superuser) and settings.RYGRAD_REQUIRE_TWO_FACTOR:
        return True
    required_of = tenancy().two_factor_required
    return bool(required_of and required_of(user=user))


def has_totp(user) -> bool:
    return Authenticator.objects.filter(user_id=user.pk,
                                        type=Authenticator.Type.TOTP).exists()


# Whether a second factor is due is kept in the session: looked up at login, again at most
# once a minute while it is not due (so a requirement turned on reaches those signed in
# within a minute, without a query on every request), and on every request while it is
# (so turning TOTP on lets the person in at once).
SECOND_FACTOR = "rygrad_second_factor"
SECOND_FACTOR_RECHECK = 60  # seconds


def second_factor_check(session, user, now: float | None = None) -> bool:
    """Look up whether `user` must still set up a second factor; keep it in `session`."""
    now = time.time() if now is None else now
    due = two_factor_required(user) and not has_totp(user)
    session[SECOND_FACTOR] = {"due": due, "at": int(now)}
    return due


def second_factor_due(session, user) -> bool:
    """Whether `user` must set up a second factor before using a signed-in page."""
    now = time.time()
    known = session.get(SECOND_FACTOR)
    if isinstance(known, dict) and not known.get("due") and \
            0 <= now - known.get("at", 0) < SECOND_FACTOR_RECHECK:
        return False
    if isinstance(known, dict) and known.get("due"):
        due = two_factor_required(user) and not has_totp(user)
        if not due:
            session[SECOND_FACTOR] = {"due": False, "at": int(now)}
        return due
    return second_factor_check(session, user, now)


class MFAAdapter(DefaultMFAAdapter):
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "cannot_delete_authenticator": _(
            "Two-factor login cannot be turned off: it is required for your role."),
    }

    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        """Whoever must log in with a second factor cannot turn it off (they would only be
        sent to set it up again); recovery codes go with TOTP, so they stay too."""
        return not two_factor_required(authenticator.user)


# --- Invitations and the registry of people ---------------------------------------------
# The secretariat invites a login by email (initiatives.services.person_invite); the person
# may already be in the initiative's registry of people (the alliance app's), and linking
# the login to that record is what makes them represent its organisation
# (`Actor.organisation_ids`). The initiatives app may not import the alliance (see
# docs/architecture.md, Layers), so the app that keeps a registry of people plugs it in
# here, as apps plug in their rules and signals.


@dataclass(frozen=True)
class RegistryPerson:
    """A person in a registry whom an invited login may belong to."""

    key: str  # "<registry>:<id>", handed back to `registry_link`
    name: str
    organisation: str = ""  # the organisation they represent, "" when none
    login_id: int | None = None  # the login already linked to them
    login: str = ""  # that login's email

    def __str__(self) -> str:
        return f"{self.name}, {self.organisation}" if self.organisation else self.name


@dataclass(frozen=True)
class PersonRegistry:
    """What an app with a registry of people provides (keyword-only callables)."""

    # people(*, initiative, email) -> list[RegistryPerson]: the registry's people of this
    # initiative with this email address (any case); `key` is the registry's own id.
    people: Callable[..., list[RegistryPerson]]
    # link(*, initiative, key, user): link that person to the login, in one transaction
    # with the invitation (it runs inside it).
    link: Callable[..., None]


_REGISTRIES: dict[str, PersonRegistry] = {}


def register_person_registry(name: str, registry: PersonRegistry) -> None:
    """Plug in a registry of people under `name` (the app's label)."""
    if ":" in name:
        raise ValueError(f"A registry's name cannot contain ':' ({name!r}).")
    if name in _REGISTRIES and _REGISTRIES[name] != registry:
        raise ValueError(f"The person registry {name!r} is registered twice.")
    _REGISTRIES[name] = registry


def registry_people(*, initiative, email: str) -> list[RegistryPerson]:
    """The people of every registry in `initiative` with this email address."""
    found = []
    for name, registry in _REGISTRIES.items():
        for person in registry.people(initiative=initiative, email=email):
            found.append(replace(person, key=f"{name}:{person.key}"))
    return found


def registry_link(*, initiative, key: str, user) -> None:
    """Link the login `user` to the registry person `key` (from `registry_people`)."""
    name, _sep, own_key = key.partition(":")
    _REGISTRIES[name].link(initiative=initiative, key=own_key, user=user)

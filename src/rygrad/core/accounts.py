"""Accounts through django-allauth: created by the secretariat (an invitation with a link to
set a password), never by public sign-up.

Setting the password through the invitation link proves that the person reads that email
address, so the address counts as verified — which allauth requires before someone may
turn on a TOTP second factor.
"""

import logging

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from allauth.account.signals import password_reset
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.dispatch import receiver

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

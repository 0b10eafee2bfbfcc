"""Accounts through django-allauth: created by the secretariat (an invitation with a link to
set a password), never by public sign-up.

Setting the password through the invitation link proves that the person reads that email
address, so the address counts as verified — which allauth requires before someone may
turn on a TOTP second factor.
"""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from allauth.account.signals import password_reset
from django.dispatch import receiver


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return False


def email_mark_verified(*, user) -> None:
    """Record the account's email address as verified and primary."""
    EmailAddress.objects.filter(user=user).exclude(email__iexact=user.email).update(
        primary=False)
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True})


@receiver(password_reset, dispatch_uid="rygrad-invitation-verifies-email")
def _invitation_link_used(sender, request, user, **kwargs):
    email_mark_verified(user=user)

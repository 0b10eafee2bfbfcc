"""Single sign-on (OpenID Connect, SAML) through django-allauth's social accounts: who may
come in through the municipality's identity provider, and which account they get.

The rules, safest first (docs/deploy.md, "Single sign-on"):

- Someone the provider knows gets an account only with an email address the provider
  vouches for: marked verified by it (OIDC's `email_verified`, or a SAML attribute), or in
  a domain the operator trusts it for (RYGRAD_*_TRUSTED_EMAIL_DOMAINS). The address
  matters because the secretariat grants roles by email address: an address the person
  typed themselves could be someone else's, who would then receive that person's role.
- A vouched-for address that an account already has signs in to that account and links the
  provider to it (allauth's email authentication); allauth wipes the account's password
  if its own address was never verified, so nobody who merely typed the address keeps a
  way in. An operator's account is never linked this way: an operator links the provider
  from their own account page, signed in with password and second factor.
- An account made through the provider has no role anywhere: it sees what the public
  sees, and the front page tells it so, until the secretariat grants it a role (under
  "People and access", inviting the same email address).

Public sign-up of local accounts stays closed (core.accounts.AccountAdapter).
"""

from __future__ import annotations

from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.contrib.auth import get_user_model
from django.shortcuts import render

# Why a sign-in through the provider was refused (the page says it in words).
UNVERIFIED = "unverified"
TAKEN = "taken"


def vouched_email(sociallogin) -> str | None:
    """The address the new account would get, if the provider vouches for it."""
    addresses = sociallogin.email_addresses
    if addresses and addresses[0].verified:
        return addresses[0].email
    return None


def sso_refusal(request, sociallogin, *, reason: str, email: str = ""):
    """The page explaining why no account is made, with status 403."""
    return render(request, "account/sso_refused.html", {
        "provider": sociallogin.provider.name, "reason": reason, "email": email,
    }, status=403)


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request, sociallogin) -> bool:
        """A new account only for a vouched-for address that no account has yet (one
        that has it and could be linked was linked before this is asked)."""
        email = vouched_email(sociallogin)
        if email is None:
            raise ImmediateHttpResponse(sso_refusal(request, sociallogin, reason=UNVERIFIED))
        if get_user_model().objects.filter(email__iexact=email).exists():
            raise ImmediateHttpResponse(
                sso_refusal(request, sociallogin, reason=TAKEN, email=email))
        return True

    def authenticate_by_email(self, sociallogin):
        """The one account whose address (any case) is a vouched-for address of the login,
        with the address as that account spells it; None when none or several have it.
        (allauth's own lookup compares lower-cased addresses, but an invitation keeps the
        address as the secretariat typed it.)"""
        User = get_user_model()
        for address in sociallogin.email_addresses:
            email = address.email
            if not address.verified or not self.can_authenticate_by_email(sociallogin, email):
                continue
            users = {*User.objects.filter(email__iexact=email),
                     *User.objects.filter(emailaddress__email__iexact=email,
                                          emailaddress__verified=True)}
            if len(users) == 1:
                user = users.pop()
                own = user.emailaddress_set.filter(email__iexact=email).first()
                return user, own.email if own else user.email
        return None

    def can_authenticate_by_email(self, login, email: str) -> bool:
        operator = get_user_model().objects.filter(email__iexact=email, is_superuser=True)
        if operator.exists():
            return False
        return super().can_authenticate_by_email(login, email)

    def populate_user(self, request, sociallogin, data):
        user = super().populate_user(request, sociallogin, data)
        name = data.get("name") or " ".join(
            part for part in (data.get("first_name"), data.get("last_name")) if part)
        user.display_name = (name or "").strip()[:150]
        return user

"""Single sign-on through the municipality's identity provider (docs/deploy.md, "Single
sign-on"): OpenID Connect and SAML 2.0 through django-allauth's social accounts, each
switched on by its environment variables and off while they are unset.

`sso_providers(environ)` turns the variables into allauth's SOCIALACCOUNT_PROVIDERS; it
is a function so the tests can build the settings of a provider they start themselves.
Every variable is read as `env.<kind>("NAME")`, which core/tests/test_docs_complete.py
finds and checks is documented. Who may sign in, and which accounts are linked, is
decided in rygrad.core.sso.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

__all__ = [  # what settings/base.py takes over
    "SOCIALACCOUNT_ADAPTER", "SOCIALACCOUNT_EMAIL_AUTHENTICATION",
    "SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT", "SOCIALACCOUNT_EMAIL_REQUIRED",
    "SOCIALACCOUNT_AUTO_SIGNUP", "SOCIALACCOUNT_LOGIN_ON_GET", "SOCIALACCOUNT_STORE_TOKENS",
    "SOCIALACCOUNT_PROVIDERS",
]

# allauth's social accounts: the adapter refuses a new account without an email address
# the provider vouches for, and links a verified address to the account that has it.
SOCIALACCOUNT_ADAPTER = "rygrad.core.sso.SocialAccountAdapter"
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
SOCIALACCOUNT_EMAIL_REQUIRED = True
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_LOGIN_ON_GET = False  # a provider's login starts from a POST (CSRF)
SOCIALACCOUNT_STORE_TOKENS = False  # Rygrad never calls the provider's APIs afterwards


class _Env:
    """Reads of one environment (a mapping), each by the variable's literal name."""

    def __init__(self, environ: Mapping[str, str]):
        self.environ = environ

    def text(self, name: str, default: str = "") -> str:
        return self.environ.get(name, "").strip() or default

    def list(self, name: str) -> list[str]:
        return [item.strip() for item in self.text(name).split(",") if item.strip()]

    def flag(self, name: str, default: bool) -> bool:
        value = self.text(name).lower()
        return default if not value else value in {"1", "true", "yes", "on"}

    def pem(self, name: str) -> str | None:
        """A certificate or key given in the variable itself or as the path of a file."""
        value = self.text(name)
        if value and "-----BEGIN" not in value and not value.startswith("MII"):
            path = Path(value)
            if not path.is_file():
                raise ImproperlyConfigured(
                    f"{name} is neither a PEM text nor a readable file: {value!r}")
            value = path.read_text(encoding="ascii").strip()
        return value or None

    def trusted_email(self, name: str) -> bool | list[str]:
        """allauth's `verified_email`: "*" trusts every address the provider sends, a
        list of domains trusts those; empty trusts only what the provider marks verified."""
        domains = [domain.lower() for domain in self.list(name)]
        return True if domains == ["*"] else domains or False


def _complete(values: dict[str, str], kind: str) -> bool:
    """Whether a provider is configured: none of its required variables (off) or all."""
    missing = [name for name, value in values.items() if not value]
    if missing and len(missing) < len(values):
        raise ImproperlyConfigured(
            f"{kind} sign-on is half configured: set {', '.join(missing)} too.")
    return not missing


def _oidc(env: _Env) -> dict | None:
    required = {"RYGRAD_OIDC_SERVER_URL": env.text("RYGRAD_OIDC_SERVER_URL"),
                "RYGRAD_OIDC_CLIENT_ID": env.text("RYGRAD_OIDC_CLIENT_ID"),
                "RYGRAD_OIDC_CLIENT_SECRET": env.text("RYGRAD_OIDC_CLIENT_SECRET")}
    if not _complete(required, "OpenID Connect"):
        return None
    settings = {
        "server_url": required["RYGRAD_OIDC_SERVER_URL"],
        "oauth_pkce_enabled": True,
        "verified_email": env.trusted_email("RYGRAD_OIDC_TRUSTED_EMAIL_DOMAINS"),
    }
    if scopes := env.list("RYGRAD_OIDC_SCOPES"):
        settings["scope"] = scopes
    return {
        "provider_id": env.text("RYGRAD_OIDC_PROVIDER_ID", "oidc"),
        "name": env.text("RYGRAD_OIDC_NAME", "OpenID Connect"),
        "client_id": required["RYGRAD_OIDC_CLIENT_ID"],
        "secret": required["RYGRAD_OIDC_CLIENT_SECRET"],
        "settings": settings,
    }


def _saml_idp(env: _Env) -> dict:
    idp = {"entity_id": env.text("RYGRAD_SAML_IDP_ENTITY_ID")}
    if metadata_url := env.text("RYGRAD_SAML_IDP_METADATA_URL"):
        idp["metadata_url"] = metadata_url  # https://... or file:///path/metadata.xml
        return idp
    sso_url, cert = env.text("RYGRAD_SAML_IDP_SSO_URL"), env.pem("RYGRAD_SAML_IDP_X509_CERT")
    if not sso_url or not cert:
        raise ImproperlyConfigured(
            "SAML sign-on needs RYGRAD_SAML_IDP_METADATA_URL, or both "
            "RYGRAD_SAML_IDP_SSO_URL and RYGRAD_SAML_IDP_X509_CERT.")
    idp.update(sso_url=sso_url, x509cert=cert)
    if slo_url := env.text("RYGRAD_SAML_IDP_SLO_URL"):
        idp["slo_url"] = slo_url
    return idp


def _saml(env: _Env) -> dict | None:
    if not env.text("RYGRAD_SAML_IDP_ENTITY_ID"):
        return None
    # Which of the IdP's attributes hold what (each a comma-separated list of names, the
    # first present wins); unset, allauth's defaults (common URN/OID names) apply.
    mapping = {
        "uid": env.list("RYGRAD_SAML_ATTRIBUTE_UID"),
        "email": env.list("RYGRAD_SAML_ATTRIBUTE_EMAIL"),
        "email_verified": env.list("RYGRAD_SAML_ATTRIBUTE_EMAIL_VERIFIED"),
        "first_name": env.list("RYGRAD_SAML_ATTRIBUTE_FIRST_NAME"),
        "last_name": env.list("RYGRAD_SAML_ATTRIBUTE_LAST_NAME"),
        "name": env.list("RYGRAD_SAML_ATTRIBUTE_NAME"),
    }
    sp_key, sp_cert = env.pem("RYGRAD_SAML_SP_PRIVATE_KEY"), env.pem("RYGRAD_SAML_SP_X509_CERT")
    if bool(sp_key) != bool(sp_cert):
        raise ImproperlyConfigured(
            "Set RYGRAD_SAML_SP_PRIVATE_KEY and RYGRAD_SAML_SP_X509_CERT together.")
    settings = {
        "idp": _saml_idp(env),
        "advanced": {
            "want_assertion_signed": env.flag("RYGRAD_SAML_WANT_ASSERTION_SIGNED", True),
            # With a key of its own Rygrad signs its requests and can read encrypted
            # assertions (NemLog-in asks both).
            "authn_request_signed": bool(sp_key),
            "reject_idp_initiated_sso": True,
            **({"private_key": sp_key, "x509cert": sp_cert} if sp_key else {}),
        },
        "verified_email": env.trusted_email("RYGRAD_SAML_TRUSTED_EMAIL_DOMAINS"),
        # A NameID in email format is the address when no attribute carries it.
        "use_nameid_for_email": env.flag("RYGRAD_SAML_NAMEID_IS_EMAIL", False),
    }
    if any(mapping.values()):
        settings["attribute_mapping"] = {key: names for key, names in mapping.items() if names}
    if sp_entity_id := env.text("RYGRAD_SAML_SP_ENTITY_ID"):
        settings["sp"] = {"entity_id": sp_entity_id}
    return {
        # The slug in the provider's URLs: /accounts/saml/<slug>/acs/, .../metadata/ ...
        "client_id": env.text("RYGRAD_SAML_SLUG", "idp"),
        "name": env.text("RYGRAD_SAML_NAME", "SAML"),
        "settings": settings,
    }


def sso_providers(environ: Mapping[str, str]) -> dict:
    """allauth's SOCIALACCOUNT_PROVIDERS for the providers the environment configures."""
    env = _Env(environ)
    providers = {}
    if oidc := _oidc(env):
        providers["openid_connect"] = {"APPS": [oidc]}
    if saml := _saml(env):
        providers["saml"] = {"APPS": [saml]}
    return providers


SOCIALACCOUNT_PROVIDERS = sso_providers(os.environ)

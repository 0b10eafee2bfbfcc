"""The single sign-on variables become allauth's provider settings (config/settings/sso.py):
off while unset, refused at start-up while half set, certificates read from files."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from rygrad.config.settings.sso import sso_providers

OIDC = {"RYGRAD_OIDC_SERVER_URL": "https://login.egelund.dk/realms/staff",
        "RYGRAD_OIDC_CLIENT_ID": "rygrad", "RYGRAD_OIDC_CLIENT_SECRET": "s3cret"}


def test_no_variables_no_providers():
    """Given none of the variables, when the settings are built, then no provider is on."""
    assert sso_providers({}) == {}
    assert sso_providers({"RYGRAD_OIDC_NAME": "Egelund Kommune"}) == {}


def test_openid_connect_from_the_environment():
    """Given the three required variables and the optional ones, when the settings are
    built, then allauth gets one OpenID Connect app with PKCE and the trusted domains."""
    app = sso_providers({**OIDC, "RYGRAD_OIDC_NAME": "Egelund Kommune",
                         "RYGRAD_OIDC_TRUSTED_EMAIL_DOMAINS": "Egelund.dk, skole.egelund.dk",
                         "RYGRAD_OIDC_SCOPES": "openid,email"})["openid_connect"]["APPS"][0]
    assert (app["provider_id"], app["name"], app["client_id"], app["secret"]) == (
        "oidc", "Egelund Kommune", "rygrad", "s3cret")
    assert app["settings"] == {
        "server_url": "https://login.egelund.dk/realms/staff", "oauth_pkce_enabled": True,
        "verified_email": ["egelund.dk", "skole.egelund.dk"], "scope": ["openid", "email"]}
    everyone = sso_providers({**OIDC, "RYGRAD_OIDC_TRUSTED_EMAIL_DOMAINS": "*"})
    assert everyone["openid_connect"]["APPS"][0]["settings"]["verified_email"] is True


@pytest.mark.parametrize("missing", sorted(OIDC))
def test_half_configured_openid_connect_stops_start_up(missing):
    """Given one required OIDC variable left out, when the settings are built, then the
    error names it."""
    environ = {name: value for name, value in OIDC.items() if name != missing}
    with pytest.raises(ImproperlyConfigured, match=missing):
        sso_providers(environ)


def test_saml_reads_the_certificate_from_a_file_and_requires_one(tmp_path):
    """Given SAML with a login URL and the IdP's certificate in a file, when the settings
    are built, then the certificate's text is used; without it, start-up is refused."""
    cert = tmp_path / "idp.crt"
    cert.write_text("-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n")
    environ = {"RYGRAD_SAML_IDP_ENTITY_ID": "https://saml.nemlog-in.dk",
               "RYGRAD_SAML_IDP_SSO_URL": "https://saml.nemlog-in.dk/sso",
               "RYGRAD_SAML_IDP_X509_CERT": str(cert),
               "RYGRAD_SAML_ATTRIBUTE_EMAIL": "https://data.gov.dk/model/core/eid/email"}
    app = sso_providers(environ)["saml"]["APPS"][0]
    assert app["client_id"] == "idp"
    assert app["settings"]["idp"]["x509cert"].startswith("-----BEGIN CERTIFICATE-----")
    assert app["settings"]["attribute_mapping"] == {
        "email": ["https://data.gov.dk/model/core/eid/email"]}
    assert app["settings"]["advanced"]["want_assertion_signed"] is True
    with pytest.raises(ImproperlyConfigured, match="RYGRAD_SAML_IDP_X509_CERT"):
        sso_providers({**environ, "RYGRAD_SAML_IDP_X509_CERT": ""})
    with pytest.raises(ImproperlyConfigured, match="neither a PEM text nor a readable file"):
        sso_providers({**environ, "RYGRAD_SAML_IDP_X509_CERT": str(tmp_path / "none.crt")})
    with pytest.raises(ImproperlyConfigured, match="together"):
        sso_providers({**environ, "RYGRAD_SAML_SP_PRIVATE_KEY": str(cert)})

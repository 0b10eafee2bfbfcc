"""Single sign-on through SAML 2.0 (config/settings/sso.py, core/sso.py) with an identity
provider made in the test: a key pair and certificate generated here, the IdP's metadata
written to a file Rygrad reads, and a Response answering Rygrad's own AuthnRequest, its
assertion signed here with xmlsec and posted to allauth's assertion consumer service."""

from __future__ import annotations

import base64
import datetime as dt
import re
import uuid
from urllib.parse import parse_qs, urlsplit
from xml.etree import ElementTree

import pytest
from allauth.socialaccount.models import SocialAccount
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from django.contrib.auth import get_user_model
from django.test import override_settings
from django.urls import reverse
from onelogin.saml2.utils import OneLogin_Saml2_Utils

from rygrad.config.settings.sso import sso_providers
from rygrad.core.tenancy import Role, tenancy

pytestmark = pytest.mark.django_db

IDP_ENTITY_ID = "https://idp.test.egelund.dk/saml"
IDP_SSO_URL = "https://idp.test.egelund.dk/saml/sso"
EID = "https://data.gov.dk/model/core/eid/"  # OIOSAML 3 attribute names, as NemLog-in's
PERSON = {"uuid": "5f0e8a4c-3c1b-4d2a-9a53-0f1c2d3e4f50", "email": "karen.lund@egelund.dk",
          "name": "Karen Lund"}
NS = {"samlp": "urn:oasis:names:tc:SAML:2.0:protocol",
      "saml": "urn:oasis:names:tc:SAML:2.0:assertion"}


def key_and_certificate(common_name: str) -> tuple[str, str]:
    """A fresh RSA key and a self-signed certificate for it, both PEM."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=30))
            .sign(key, hashes.SHA256()))
    key_pem = key.private_bytes(serialization.Encoding.PEM,
                                serialization.PrivateFormat.TraditionalOpenSSL,
                                serialization.NoEncryption()).decode()
    return key_pem, cert.public_bytes(serialization.Encoding.PEM).decode()


def certificate_body(cert_pem: str) -> str:
    return "".join(line for line in cert_pem.splitlines() if "-----" not in line)


@pytest.fixture(scope="module")
def idp_keys():
    return key_and_certificate("idp.test.egelund.dk")


HOST = "rygrad.egelund.dk"  # python3-saml refuses single-label hosts such as "testserver"


@pytest.fixture
def saml(idp_keys, tmp_path, client):
    """Rygrad configured, as the environment would, with the test IdP's metadata file;
    the test client talks to it under a real host name."""
    client.defaults["HTTP_HOST"] = HOST
    _key, cert = idp_keys
    metadata = tmp_path / "idp-metadata.xml"
    metadata.write_text(f"""<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata"
    xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="{IDP_ENTITY_ID}">
  <md:IDPSSODescriptor WantAuthnRequestsSigned="false"
      protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data>
      <ds:X509Certificate>{certificate_body(cert)}</ds:X509Certificate>
    </ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
        Location="{IDP_SSO_URL}"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>""", encoding="utf-8")
    providers = sso_providers({
        "RYGRAD_SAML_IDP_ENTITY_ID": IDP_ENTITY_ID,
        "RYGRAD_SAML_IDP_METADATA_URL": metadata.as_uri(),
        "RYGRAD_SAML_NAME": "MitID Erhverv",
        "RYGRAD_SAML_ATTRIBUTE_UID": f"{EID}professional/uuid/persistent",
        "RYGRAD_SAML_ATTRIBUTE_EMAIL": f"{EID}email",
        "RYGRAD_SAML_ATTRIBUTE_NAME": f"{EID}fullName",
        "RYGRAD_SAML_TRUSTED_EMAIL_DOMAINS": "egelund.dk",
    })
    with override_settings(SOCIALACCOUNT_PROVIDERS=providers, ALLOWED_HOSTS=[HOST]):
        yield providers


def authn_request(client) -> tuple[ElementTree.Element, str]:
    """Press the login page's MitID Erhverv button; Rygrad's AuthnRequest as the IdP
    receives it (HTTP-Redirect binding), and the RelayState."""
    page = client.get(reverse("account_login")).content.decode()
    action = re.search(r'<form method="post" action="([^"]*/saml/[^"]*)"', page)
    assert action, "no SAML button on the login page"
    response = client.post(action.group(1))
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == IDP_SSO_URL
    query = parse_qs(location.query)
    xml = OneLogin_Saml2_Utils.decode_base64_and_inflate(query["SAMLRequest"][0])
    return ElementTree.fromstring(xml), query.get("RelayState", [""])[0]


def compact(xml: str) -> str:
    """XML written over several lines for reading, as one line without the layout."""
    xml = re.sub(r">\s+<", "><", xml.strip())
    xml = re.sub(r"\s*\n\s*>", ">", xml)  # a tag's ">" put on the next line
    xml = re.sub(r"<\s*\n\s*/", "</", xml)  # a closing tag's "<" left on the line before
    return re.sub(r"\s*\n\s*", " ", xml)  # attributes continued on the next line


def saml_response(request: ElementTree.Element, *, key: str, cert: str,
                  person: dict = PERSON, tamper=None) -> str:
    """The IdP's signed Response to `request`, base64 as the HTTP-POST binding sends it."""
    now = dt.datetime.now(dt.UTC)
    stamp = lambda moment: moment.strftime("%Y-%m-%dT%H:%M:%SZ")  # noqa: E731
    acs = request.get("AssertionConsumerServiceURL")
    audience = request.find("saml:Issuer", NS).text
    assertion_id, response_id = f"_{uuid.uuid4().hex}", f"_{uuid.uuid4().hex}"
    attributes = "".join(
        f'<saml:Attribute Name="{name}"><saml:AttributeValue>{value}</saml:AttributeValue>'
        f"</saml:Attribute>"
        for name, value in [(f"{EID}professional/uuid/persistent", person["uuid"]),
                            (f"{EID}email", person["email"]),
                            (f"{EID}fullName", person["name"])])
    in_response_to, until = request.get("ID"), stamp(now + dt.timedelta(minutes=5))
    assertion = compact(f"""
      <saml:Assertion xmlns:saml="{NS['saml']}" ID="{assertion_id}" Version="2.0"
          IssueInstant="{stamp(now)}">
        <saml:Issuer>{IDP_ENTITY_ID}</saml:Issuer>
        <saml:Subject>
          <saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"
            >{person['uuid']}</saml:NameID>
          <saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">
            <saml:SubjectConfirmationData InResponseTo="{in_response_to}"
                NotOnOrAfter="{until}" Recipient="{acs}"/>
          </saml:SubjectConfirmation>
        </saml:Subject>
        <saml:Conditions NotBefore="{stamp(now - dt.timedelta(minutes=1))}"
            NotOnOrAfter="{until}">
          <saml:AudienceRestriction><saml:Audience>{audience}</saml:Audience>
          </saml:AudienceRestriction>
        </saml:Conditions>
        <saml:AuthnStatement AuthnInstant="{stamp(now)}" SessionIndex="{assertion_id}">
          <saml:AuthnContext><saml:AuthnContextClassRef
            >urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport<
            /saml:AuthnContextClassRef></saml:AuthnContext>
        </saml:AuthnStatement>
        <saml:AttributeStatement>{attributes}</saml:AttributeStatement>
      </saml:Assertion>""")
    signed = OneLogin_Saml2_Utils.add_sign(assertion, key, cert).decode()
    signed = re.sub(r"^<\?xml[^>]*\?>\s*", "", signed)
    if tamper:
        signed = tamper(signed)
    response = compact(f"""
      <samlp:Response xmlns:samlp="{NS['samlp']}" xmlns:saml="{NS['saml']}"
          ID="{response_id}" Version="2.0" IssueInstant="{stamp(now)}" Destination="{acs}"
          InResponseTo="{in_response_to}">
        <saml:Issuer>{IDP_ENTITY_ID}</saml:Issuer>
        <samlp:Status>
          <samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/>
        </samlp:Status>
        SIGNED-ASSERTION
      </samlp:Response>""").replace("SIGNED-ASSERTION", signed)  # signed: not re-laid out
    return base64.b64encode(response.encode()).decode()


def post_to_acs(client, request, relay_state, encoded):
    """Post the Response as the browser would, and follow Rygrad to the end."""
    acs = urlsplit(request.get("AssertionConsumerServiceURL")).path
    assert acs == reverse("saml_acs", kwargs={"organization_slug": "idp"})
    response = client.post(acs, {"SAMLResponse": encoded, "RelayState": relay_state})
    assert response.status_code == 302
    return client.get(response["Location"])


def test_rygrad_publishes_its_service_provider_metadata(client, saml):
    """Given SAML configured, when the IdP's operator fetches Rygrad's metadata, then it
    names the assertion consumer service the IdP must post to."""
    response = client.get(reverse("saml_metadata", kwargs={"organization_slug": "idp"}))
    assert response.status_code == 200
    assert f"http://{HOST}/accounts/saml/idp/acs/".encode() in response.content


def test_a_signed_assertion_makes_an_account_without_a_role_until_one_is_granted(
        client, saml, idp_keys, world):
    """Given the IdP answers Rygrad's request with an assertion it signed, when it is
    posted back, then the person has an account with the asserted address and name,
    linked to their persistent id, logged in, holding no role; a granted role then gives
    them the initiative's internal pages."""
    key, cert = idp_keys
    request, relay_state = authn_request(client)

    response = post_to_acs(client, request, relay_state,
                           saml_response(request, key=key, cert=cert))

    assert response.status_code == 302 and response["Location"] == "/"
    user = get_user_model().objects.get(email=PERSON["email"])
    assert user.display_name == PERSON["name"]
    account = SocialAccount.objects.get(user=user)
    assert (account.provider, account.uid) == ("saml", PERSON["uuid"])
    assert int(client.session["_auth_user_id"]) == user.pk
    assert not user.role_grants.exists()
    assert client.get("/").context["without_role"] is True
    dashboard = reverse("initiatives:dashboard", kwargs={"slug": world.initiative.slug})
    assert client.get(dashboard).context["internal"] is False

    tenancy().role_grant(initiative=world.initiative, user=user, role=Role.SECRETARIAT)

    assert client.get(dashboard).context["internal"] is True


def test_an_assertion_for_an_invited_address_signs_in_to_that_account(client, saml, idp_keys,
                                                                      world):
    """Given the secretariat invited the address, when the IdP vouches for it (a trusted
    domain), then the invited account is signed in and linked, keeping its role."""
    invited = get_user_model().objects.create_user(email=PERSON["email"], password=None)
    tenancy().role_grant(initiative=world.initiative, user=invited, role=Role.MEMBER)
    key, cert = idp_keys
    request, relay_state = authn_request(client)

    post_to_acs(client, request, relay_state, saml_response(request, key=key, cert=cert))

    assert int(client.session["_auth_user_id"]) == invited.pk
    assert SocialAccount.objects.get(uid=PERSON["uuid"]).user == invited
    assert get_user_model().objects.filter(email__iexact=PERSON["email"]).count() == 1


@pytest.mark.parametrize("forgery", ["changed after signing", "signed by another key"])
def test_an_assertion_with_a_bad_signature_is_refused(client, saml, idp_keys, forgery):
    """Given an assertion whose email was changed after the IdP signed it, or one signed
    by a key that is not the IdP's, when it is posted, then nobody is logged in and no
    account is made."""
    key, cert = idp_keys
    if forgery == "signed by another key":
        key, cert = key_and_certificate("idp.test.egelund.dk")
        tamper = None
    else:
        def tamper(xml):
            return xml.replace(PERSON["email"], "mallory@egelund.dk")
    request, relay_state = authn_request(client)

    response = post_to_acs(client, request, relay_state,
                           saml_response(request, key=key, cert=cert, tamper=tamper))

    assert response.status_code == 401  # allauth's "login failure" page
    assert "_auth_user_id" not in client.session
    assert not get_user_model().objects.filter(email__endswith="@egelund.dk").exists()
    assert not SocialAccount.objects.exists()


def test_an_unsolicited_assertion_is_refused(client, saml, idp_keys):
    """Given a correctly signed assertion that answers no request of Rygrad's (IdP-initiated,
    or replayed into another browser), when it is posted, then nobody is logged in."""
    key, cert = idp_keys
    request, relay_state = authn_request(client)
    encoded = saml_response(request, key=key, cert=cert)
    client.cookies.clear()  # another browser, without the request's state

    post_to_acs(client, request, relay_state, encoded)

    assert "_auth_user_id" not in client.session
    assert not SocialAccount.objects.exists()

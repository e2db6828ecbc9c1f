"""SAML 2.0 through allauth's SAML provider, with answers the test signs itself as the IdP would (no
SAML IdP installs from the package registries here): a signed answer logs the person in with the
mapped roles (SSO-001); an unsigned answer, or one signed with another key, is refused (SSO-004)."""

from __future__ import annotations

import base64
import datetime
import zlib
from typing import Any
from urllib.parse import parse_qs, urlsplit
from xml.etree import ElementTree

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from django.contrib.auth.models import User
from django.test import Client
from onelogin.saml2.utils import OneLogin_Saml2_Utils

from styr.config.sso import providers_from_env
from styr.core.models import AuditEvent
from styr.organisation.models import RoleAssignment
from styr.organisation.services_sso import idp_role_mapping_create
from tests.conftest import World

IDP = "https://idp.kommun.test/saml"
ORG = "kommun"
ACS = f"http://styr.kommun.test/konto/saml/{ORG}/acs/"
SP = f"http://styr.kommun.test/konto/saml/{ORG}/metadata/"
GROUPS = "http://schemas.microsoft.com/ws/2008/06/identity/claims/groups"


def key_and_certificate() -> tuple[str, str]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "idp.kommun.test")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    pem_key = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()).decode()
    return pem_key, cert.public_bytes(serialization.Encoding.PEM).decode()


IDP_KEY, IDP_CERT = key_and_certificate()


@pytest.fixture
def saml_idp(settings: Any) -> None:
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "styr.kommun.test"]
    settings.SOCIALACCOUNT_PROVIDERS = providers_from_env(
        {
            "STYR_SAML_IDP_ENTITY_ID": IDP,
            "STYR_SAML_IDP_SSO_URL": f"{IDP}/sso",
            "STYR_SAML_IDP_X509CERT": IDP_CERT,
            "STYR_SAML_ORGANISATION": ORG,
            "STYR_SAML_NAME": "Kommunens SAML",
        }
    )


def _time(delta_minutes: int = 0) -> str:
    return (datetime.datetime.now(datetime.UTC) + datetime.timedelta(minutes=delta_minutes)).strftime("%Y-%m-%dT%H:%M:%SZ")


def assertion(request_id: str, subject: str, groups: list[str]) -> str:
    values = "".join(f"<saml:AttributeValue>{g}</saml:AttributeValue>" for g in groups)
    return f"""<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_a{request_id[1:]}" Version="2.0" IssueInstant="{_time()}">
<saml:Issuer>{IDP}</saml:Issuer>
<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">{subject}</saml:NameID>
<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">
<saml:SubjectConfirmationData NotOnOrAfter="{_time(5)}" Recipient="{ACS}" InResponseTo="{request_id}"/>
</saml:SubjectConfirmation></saml:Subject>
<saml:Conditions NotBefore="{_time(-1)}" NotOnOrAfter="{_time(5)}">
<saml:AudienceRestriction><saml:Audience>{SP}</saml:Audience></saml:AudienceRestriction></saml:Conditions>
<saml:AuthnStatement AuthnInstant="{_time()}" SessionIndex="_s1"><saml:AuthnContext>
<saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:Password</saml:AuthnContextClassRef>
</saml:AuthnContext></saml:AuthnStatement>
<saml:AttributeStatement>
<saml:Attribute Name="http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress">
<saml:AttributeValue>{subject}@kommun.test</saml:AttributeValue></saml:Attribute>
<saml:Attribute Name="http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname">
<saml:AttributeValue>{subject.title()}</saml:AttributeValue></saml:Attribute>
<saml:Attribute Name="{GROUPS}">{values}</saml:Attribute>
</saml:AttributeStatement></saml:Assertion>"""


def response(request_id: str, body: str) -> str:
    xml = f"""<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"
 ID="_r{request_id[1:]}" Version="2.0" IssueInstant="{_time()}" Destination="{ACS}" InResponseTo="{request_id}">
<saml:Issuer>{IDP}</saml:Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>{body}</samlp:Response>"""
    return base64.b64encode(xml.encode()).decode()


def signed(xml: str, key: str = IDP_KEY, cert: str = IDP_CERT) -> str:
    result = OneLogin_Saml2_Utils.add_sign(xml, key, cert)
    return result.decode() if isinstance(result, bytes) else str(result)


def start_login(client: Client) -> str:
    """Styr's SAML login sends the person to the IdP with an AuthnRequest; its id comes back in the answer."""
    start = client.post(f"/konto/saml/{ORG}/login/")
    assert start.status_code == 302 and start["Location"].startswith(f"{IDP}/sso?")
    raw = base64.b64decode(parse_qs(urlsplit(start["Location"]).query)["SAMLRequest"][0])
    request = ElementTree.fromstring(zlib.decompress(raw, -15))
    return request.attrib["ID"]


def post_answer(client: Client, saml_response: str) -> Any:
    to_finish = client.post(f"/konto/saml/{ORG}/acs/", {"SAMLResponse": saml_response})
    assert to_finish.status_code == 302
    return client.get(to_finish["Location"])


def test_a_signed_saml_answer_logs_the_person_in_with_the_mapped_roles(saml_idp: None, world: World) -> None:
    """SSO-001"""
    committee = world.unit("Omsorgsnämnden")
    idp_role_mapping_create(
        actor=world.users["administrator"], group=world.group, provider="saml", claim_value="omsorg-tjansteman", role="OFFICIAL", org_unit=committee
    )
    client = Client(HTTP_HOST="styr.kommun.test")
    request_id = start_login(client)

    landed = post_answer(client, response(request_id, signed(assertion(request_id, "dora", ["omsorg-tjansteman", "alla"]))))

    assert landed.status_code == 302 and landed["Location"] == "/att-gora/"
    user = User.objects.get(socialaccount__provider="saml", socialaccount__uid="dora")
    assert user.first_name == "Dora"
    assert set(RoleAssignment.objects.filter(user=user).values_list("role", "org_unit")) == {("OFFICIAL", committee.pk)}
    assert AuditEvent.objects.filter(action="sso.roles_applied", object_id=str(user.pk)).exists()
    assert client.get(f"/enheter/{committee.pk}/").status_code == 200


@pytest.mark.parametrize("how", ["unsigned", "signed with another key"])
def test_an_unsigned_or_wrongly_signed_saml_answer_is_refused(saml_idp: None, world: World, how: str) -> None:
    """SSO-004"""
    client = Client(HTTP_HOST="styr.kommun.test")
    request_id = start_login(client)
    body = assertion(request_id, "eve", ["omsorg-tjansteman"])
    if how != "unsigned":
        other_key, other_cert = key_and_certificate()
        body = signed(body, other_key, other_cert)

    page = post_answer(client, response(request_id, body))

    assert page.status_code == 401
    assert "Inloggningen misslyckades" in page.content.decode()
    assert not User.objects.filter(socialaccount__uid="eve").exists()
    assert "_auth_user_id" not in client.session

"""A real OpenID Connect provider in the live server (tests/sso/idp.py) and Styr pointed at it, the
way an installation is pointed at Entra ID: by the environment variables styr/config/sso.py reads."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.contrib.auth.models import Group, User

from styr.config.sso import providers_from_env
from tests.conftest import PASSWORD

PROVIDER_ID = "testkommun"
PROVIDER_NAME = "Testkommunens konto"


@dataclass
class Idp:
    base: str  # the provider's address: the live server under another host name, so its cookies are its own
    styr: str  # Styr's address
    client_id: str

    def person(self, username: str, groups: list[str]) -> User:
        """A person in the IdP's directory, member of the given groups."""
        user = User.objects.create_user(username=username, password=PASSWORD, first_name=username.title(), last_name="Idp")
        for name in groups:
            user.groups.add(Group.objects.get_or_create(name=name)[0])
        return user


def rsa_private_key_pem() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()).decode()


@pytest.fixture
def oidc_idp(live_server: Any, settings: Any) -> Idp:
    from oauth2_provider.models import Application

    styr = live_server.url
    # the provider under the other name of the loopback: a browser keeps its cookies apart from Styr's
    base = styr.replace("localhost", "127.0.0.1") if "localhost" in styr else styr.replace("127.0.0.1", "localhost")
    settings.ROOT_URLCONF = "tests.sso.urls"
    settings.OAUTH2_PROVIDER = {
        "OIDC_ENABLED": True,
        "OIDC_RSA_PRIVATE_KEY": rsa_private_key_pem(),
        "PKCE_REQUIRED": True,
        "OAUTH2_VALIDATOR_CLASS": "tests.sso.idp.GroupsClaimValidator",
        "SCOPES": {"openid": "OpenID Connect", "profile": "Profile", "email": "E-mail"},
    }
    client_id, secret = "styr-" + secrets.token_hex(4), secrets.token_urlsafe(24)
    callback = f"/konto/oidc/{PROVIDER_ID}/login/callback/"
    Application.objects.create(
        name="Styr",
        client_id=client_id,
        client_secret=secret,
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=f"{styr}{callback} http://testserver{callback}",
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
    )
    settings.SOCIALACCOUNT_PROVIDERS = providers_from_env(
        {
            "STYR_OIDC_SERVER_URL": f"{base}/o",
            "STYR_OIDC_CLIENT_ID": client_id,
            "STYR_OIDC_CLIENT_SECRET": secret,
            "STYR_OIDC_PROVIDER_ID": PROVIDER_ID,
            "STYR_OIDC_NAME": PROVIDER_NAME,
        },
        debug=True,  # the local provider is the live server, plain http
    )
    return Idp(base=base, styr=styr, client_id=client_id)

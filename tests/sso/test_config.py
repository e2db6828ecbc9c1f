"""The identity provider's addresses must be https outside DEBUG; the start-up error names the variable."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from styr.config.sso import providers_from_env

OIDC = {"STYR_OIDC_SERVER_URL": "http://login.kommun.test/v2.0", "STYR_OIDC_CLIENT_ID": "abc"}
SAML = {"STYR_SAML_IDP_ENTITY_ID": "https://idp.kommun.test/saml", "STYR_SAML_IDP_METADATA_URL": "http://idp.kommun.test/metadata.xml"}


@pytest.mark.parametrize(("env", "variable"), [(OIDC, "STYR_OIDC_SERVER_URL"), (SAML, "STYR_SAML_IDP_METADATA_URL")])
def test_a_plain_http_provider_is_refused_at_start_up_naming_the_variable(env: dict[str, str], variable: str) -> None:
    with pytest.raises(ImproperlyConfigured, match=f"^{variable} must be an https:// address"):
        providers_from_env(env)


@pytest.mark.parametrize("env", [OIDC, SAML])
def test_plain_http_is_accepted_with_debug(env: dict[str, str]) -> None:
    assert providers_from_env(env, debug=True)


def test_https_providers_are_accepted() -> None:
    env = {**OIDC, **SAML, "STYR_OIDC_SERVER_URL": "https://login.kommun.test/v2.0", "STYR_SAML_IDP_METADATA_URL": "https://idp.kommun.test/m.xml"}
    providers = providers_from_env(env)
    assert providers["openid_connect"]["APPS"][0]["settings"]["server_url"] == "https://login.kommun.test/v2.0"
    assert providers["saml"]["APPS"][0]["settings"]["idp"]["metadata_url"] == "https://idp.kommun.test/m.xml"

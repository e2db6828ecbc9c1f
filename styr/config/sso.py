"""Single sign-on through the municipality's identity provider, read from the environment.

``providers_from_env(os.environ)`` builds django-allauth's ``SOCIALACCOUNT_PROVIDERS``: an OpenID
Connect provider when ``STYR_OIDC_SERVER_URL`` is set, a SAML 2.0 provider when
``STYR_SAML_IDP_ENTITY_ID`` is set, nothing when neither is (local accounts only). The README's
section "Single sign-on" and docs/operations.md list the variables. Outside DEBUG the provider's
addresses must be https (a login's tokens and the IdP's metadata never travel in the clear); each
provider is tied to one municipal group (``STYR_OIDC_GROUP`` / ``STYR_SAML_GROUP``, the group's
slug; unset: the installation's first group), whose role mapping alone applies to its logins.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from django.core.exceptions import ImproperlyConfigured

#: The claims an OpenID Connect provider sends a person's groups and app roles in (Entra ID: both).
DEFAULT_OIDC_GROUP_CLAIMS = ["groups", "roles"]
#: The attributes a SAML provider sends a person's groups in (Entra ID's, then the common eduPerson one).
DEFAULT_SAML_GROUP_ATTRIBUTES = [
    "http://schemas.microsoft.com/ws/2008/06/identity/claims/groups",
    "http://schemas.microsoft.com/ws/2008/06/identity/claims/role",
    "urn:oid:1.3.6.1.4.1.5923.1.5.1.1",
]


def _get(env: Mapping[str, str], name: str, default: str = "") -> str:
    return env.get(name, "").strip() or default


def _required(env: Mapping[str, str], name: str, because: str) -> str:
    value = _get(env, name)
    if not value:
        raise ImproperlyConfigured(f"{name} must be set when {because} is set (see the README's section on single sign-on).")
    return value


def _https(name: str, value: str, debug: bool) -> str:
    """An address of the identity provider: https, unless the installation runs with DEBUG."""
    if not debug and not value.lower().startswith("https://"):
        raise ImproperlyConfigured(f"{name} must be an https:// address (it is {value!r}); plain http is only accepted with STYR_DEBUG=1.")
    return value


def _list(value: str) -> list[str]:
    return [part.strip() for part in value.replace(";", ",").split(",") if part.strip()]


def _certificate(env: Mapping[str, str], name: str) -> str:
    """A PEM certificate given in the variable itself or, with ``<name>_FILE``, in a file."""
    path = _get(env, f"{name}_FILE")
    if path:
        return Path(path).read_text(encoding="utf-8")
    return _get(env, name).replace("\\n", "\n")


def oidc_app(env: Mapping[str, str], *, debug: bool = False) -> dict[str, Any] | None:
    server_url = _get(env, "STYR_OIDC_SERVER_URL")
    if not server_url:
        return None
    _https("STYR_OIDC_SERVER_URL", server_url, debug)
    return {
        "provider_id": _get(env, "STYR_OIDC_PROVIDER_ID", "idp"),
        "name": _get(env, "STYR_OIDC_NAME", "kommunens konto"),
        "client_id": _required(env, "STYR_OIDC_CLIENT_ID", "STYR_OIDC_SERVER_URL"),
        "secret": _get(env, "STYR_OIDC_CLIENT_SECRET"),
        "settings": {
            "server_url": server_url,
            "scope": _list(_get(env, "STYR_OIDC_SCOPES", "openid,profile,email")),
            "oauth_pkce_enabled": _get(env, "STYR_OIDC_PKCE", "1").lower() in {"1", "true", "yes", "on"},
            "group_claims": _list(_get(env, "STYR_OIDC_GROUP_CLAIMS")) or list(DEFAULT_OIDC_GROUP_CLAIMS),
            # the slug of the municipal group whose role mapping applies ("": the installation's first)
            "group": _get(env, "STYR_OIDC_GROUP"),
        },
    }


def saml_app(env: Mapping[str, str], *, debug: bool = False) -> dict[str, Any] | None:
    entity_id = _get(env, "STYR_SAML_IDP_ENTITY_ID")
    if not entity_id:
        return None
    idp: dict[str, Any] = {"entity_id": entity_id}
    metadata_url = _get(env, "STYR_SAML_IDP_METADATA_URL")
    if metadata_url:
        idp["metadata_url"] = _https("STYR_SAML_IDP_METADATA_URL", metadata_url, debug)
    else:
        idp["sso_url"] = _https(
            "STYR_SAML_IDP_SSO_URL", _required(env, "STYR_SAML_IDP_SSO_URL", "STYR_SAML_IDP_ENTITY_ID (without STYR_SAML_IDP_METADATA_URL)"), debug
        )
        idp["x509cert"] = _certificate(env, "STYR_SAML_IDP_X509CERT")
        if not idp["x509cert"]:
            raise ImproperlyConfigured("STYR_SAML_IDP_X509CERT (or STYR_SAML_IDP_X509CERT_FILE) must be set: Styr takes only signed answers.")
        if _get(env, "STYR_SAML_IDP_SLO_URL"):
            idp["slo_url"] = _https("STYR_SAML_IDP_SLO_URL", _get(env, "STYR_SAML_IDP_SLO_URL"), debug)
    uid = _list(_get(env, "STYR_SAML_UID_ATTRIBUTE"))
    attribute_mapping: dict[str, list[str]] = {
        "uid": uid or ["urn:oasis:names:tc:SAML:attribute:subject-id", "http://schemas.microsoft.com/identity/claims/objectidentifier"],
        "email": _list(_get(env, "STYR_SAML_EMAIL_ATTRIBUTE"))
        or ["urn:oid:0.9.2342.19200300.100.1.3", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress"],
        "first_name": ["urn:oid:2.5.4.42", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname"],
        "last_name": ["urn:oid:2.5.4.4", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname"],
    }
    sp: dict[str, str] = {}
    if _get(env, "STYR_SAML_SP_ENTITY_ID"):
        sp["entity_id"] = _get(env, "STYR_SAML_SP_ENTITY_ID")
    return {
        "provider_id": _get(env, "STYR_SAML_PROVIDER_ID", "saml"),
        "name": _get(env, "STYR_SAML_NAME", "kommunens konto (SAML)"),
        "client_id": _get(env, "STYR_SAML_ORGANISATION", "kommun"),
        "settings": {
            "idp": idp,
            "sp": sp,
            "attribute_mapping": attribute_mapping,
            "group_claims": _list(_get(env, "STYR_SAML_GROUP_ATTRIBUTE")) or list(DEFAULT_SAML_GROUP_ATTRIBUTES),
            "group": _get(env, "STYR_SAML_GROUP"),
            "advanced": {
                # only answers whose assertion the IdP signed, never a login the IdP starts unasked
                "want_assertion_signed": True,
                "reject_idp_initiated_sso": True,
                "strict": True,
            },
        },
    }


def providers_from_env(env: Mapping[str, str], *, debug: bool = False) -> dict[str, dict[str, Any]]:
    """django-allauth's SOCIALACCOUNT_PROVIDERS for the identity providers the environment names
    (``debug``: the installation's DEBUG, which alone lets the provider's addresses be plain http)."""
    providers: dict[str, dict[str, Any]] = {}
    oidc = oidc_app(env, debug=debug)
    if oidc is not None:
        providers["openid_connect"] = {"OAUTH_PKCE_ENABLED": True, "APPS": [oidc]}
    saml = saml_app(env, debug=debug)
    if saml is not None:
        providers["saml"] = {"APPS": [saml]}
    return providers

"""django-allauth's adapters for Styr: logins through the municipality's identity provider (OpenID
Connect or SAML 2.0) create the person on first login, read the groups and app roles the provider
sends, and set the person's roles to what the role mapping gives them (SSO-001, through
``sso_roles_apply``). Local accounts stay: nobody signs up for one (SSO-004)."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialLogin
from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from styr.config.sso import DEFAULT_OIDC_GROUP_CLAIMS, DEFAULT_SAML_GROUP_ATTRIBUTES
from styr.core.permissions import has_any_role
from styr.domain.sso import claim_values
from styr.organisation.services_sso import sso_roles_apply


def claims_of(sociallogin: SocialLogin) -> set[str]:
    """The groups and app roles the identity provider sent: OpenID Connect's ``groups`` and ``roles``
    claims (userinfo and ID token), or the SAML attributes the provider's settings name."""
    account = sociallogin.account
    provider = account.get_provider()
    app_settings: dict[str, Any] = dict(getattr(getattr(provider, "app", None), "settings", None) or {})
    data = account.extra_data or {}
    if provider.id == "saml":
        names = app_settings.get("group_claims") or DEFAULT_SAML_GROUP_ATTRIBUTES
        return claim_values(data, names)
    names = app_settings.get("group_claims") or DEFAULT_OIDC_GROUP_CLAIMS
    found: set[str] = set()
    for part in ("userinfo", "id_token"):
        if isinstance(data.get(part), dict):
            found |= claim_values(data[part], names)
    return found | claim_values(data, names)


class AccountAdapter(DefaultAccountAdapter):  # type: ignore[misc]
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        """SSO-004: no self sign-up of local accounts; an administrator creates them."""
        return False

    def post_login(self, request: HttpRequest, user: Any, **kwargs: Any) -> HttpResponse:
        sociallogin = (kwargs.get("signal_kwargs") or {}).get("sociallogin")
        if sociallogin is not None:
            sso_roles_apply(user=user, provider=sociallogin.account.provider, claims=claims_of(sociallogin))
            if not has_any_role(user) and not user.is_superuser:
                kwargs["redirect_url"] = reverse("sso_no_role")
        response: HttpResponse = super().post_login(request, user, **kwargs)
        return response

    def add_message(self, *args: Any, **kwargs: Any) -> None:
        """allauth's "signed in as …" and "signed out" notes say nothing the page does not: left out."""


class SocialAccountAdapter(DefaultSocialAccountAdapter):  # type: ignore[misc]
    def is_open_for_signup(self, request: HttpRequest, sociallogin: SocialLogin) -> bool:
        """The identity provider vouches for the person: the first login creates them in Styr."""
        return True

    def populate_user(self, request: HttpRequest, sociallogin: SocialLogin, data: dict[str, Any]) -> Any:
        user = super().populate_user(request, sociallogin, data)
        username = user.username or (data.get("email") or "")
        # never the username of someone already here (a local account stays that person's)
        taken = bool(username) and get_user_model().objects.filter(username__iexact=username).exists()
        user.username = "" if taken else username[:150]
        return user

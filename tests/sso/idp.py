"""A real OpenID Connect provider for the tests: django-oauth-toolkit in the same live server, with a
login page of its own (the provider's, not Styr's) and the person's Django groups sent as the
``groups`` claim, as Entra ID sends a person's groups."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import views as auth_views
from django.http import HttpResponse
from django.template import RequestContext, Template
from django.urls import include, path
from oauth2_provider.oauth2_validators import OAuth2Validator
from oauth2_provider.views import AuthorizationView

from styr.config.urls import urlpatterns as styr_urlpatterns

IDP_LOGIN_PAGE = Template(
    """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test IdP</title></head><body><main>
<h1>Test identity provider</h1>
<form method="post">{% csrf_token %}
<label for="idp-username">User</label> <input id="idp-username" name="username" autocomplete="username">
<label for="idp-password">Password</label> <input id="idp-password" name="password" type="password" autocomplete="current-password">
<input type="hidden" name="next" value="{{ next }}"><button type="submit">Sign in to the IdP</button></form></main></body></html>"""
)


class IdpLoginView(auth_views.LoginView):
    def render_to_response(self, context: dict[str, Any], **kwargs: Any) -> HttpResponse:
        return HttpResponse(IDP_LOGIN_PAGE.render(RequestContext(self.request, context)))

    def get_default_redirect_url(self) -> str:
        return "/o/"


class IdpAuthorizationView(AuthorizationView):  # type: ignore[misc]
    login_url = "/idp/logga-in/"


class GroupsClaimValidator(OAuth2Validator):  # type: ignore[misc]
    oidc_claim_scope = {**OAuth2Validator.oidc_claim_scope, "groups": "profile"}

    def get_additional_claims(self, request: Any) -> dict[str, Any]:
        user = request.user
        return {
            "preferred_username": f"{user.username}@idp.test",
            "given_name": user.first_name,
            "family_name": user.last_name,
            "email": user.email,
            "groups": sorted(user.groups.values_list("name", flat=True)),
        }


urlpatterns = [
    path("idp/logga-in/", IdpLoginView.as_view(), name="idp_login"),
    path("o/authorize/", IdpAuthorizationView.as_view(), name="idp_authorize"),
    path("o/", include("oauth2_provider.urls", namespace="oauth2_provider")),
    *styr_urlpatterns,
]

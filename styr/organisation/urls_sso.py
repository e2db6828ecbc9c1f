"""Single sign-on's pages, and django-allauth's under /konto/: the identity providers' login,
callback and SAML endpoints, its error pages. Styr's own login (/konto/logga-in/, name "login") and
logout (/konto/logga-ut/, name "logout") stay the only ones: allauth's names point at them."""

from __future__ import annotations

from allauth.account import views as allauth_account_views
from allauth.urls import build_provider_urlpatterns
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

from styr.organisation import views_sso

urlpatterns = [
    path("installningar/inloggning/", views_sso.role_mappings, name="sso_role_mappings"),
    path("installningar/inloggning/<id:pk>/ta-bort/", views_sso.role_mapping_delete, name="sso_role_mapping_delete"),
    path("konto/ingen-roll/", views_sso.no_role, name="sso_no_role"),
    # allauth's own names for the login and logout pages lead to Styr's
    path("konto/login/", RedirectView.as_view(pattern_name="login", query_string=True), name="account_login"),
    path("konto/logout/", auth_views.LogoutView.as_view(), name="account_logout"),
    path("konto/inactive/", allauth_account_views.account_inactive, name="account_inactive"),
    path("konto/sso/", include("allauth.socialaccount.urls")),
    path("konto/", include(build_provider_urlpatterns())),
]

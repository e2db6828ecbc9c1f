from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from styr.api.api import api

urlpatterns = [
    path("", include("styr.public.urls")),
    path("konto/logga-in/", auth_views.LoginView.as_view(), name="login"),
    path("konto/logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("styr.organisation.urls")),
    path("", include("styr.planning.urls")),
    path("", include("styr.followup.urls")),
    path("", include("styr.economy.urls")),
    path("", include("styr.control.urls")),
    path("", include("styr.documents.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    path("", include("styr.planning.urls_kolada")),
    path("", include("styr.core.urls")),
]
urlpatterns += [path("", include("styr.organisation.urls_sso"))]  # single sign-on (issue 13 §2)
from styr.core import health  # noqa: E402

urlpatterns += [path("helse/", health.health, name="health")]  # the health probe (issue 14 §5)

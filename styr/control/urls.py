"""Internal control and KS's oversight (seed §7): the pages."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from styr.control import views_oversight

app_name = "control"

urlpatterns: list[URLPattern | URLResolver] = [
    path("internkontroll/uppsikt/<year:year>/", views_oversight.oversight_page, name="oversight"),
    path("internkontroll/uppsikt/<year:year>/anta/", views_oversight.oversight_adopt, name="oversight_adopt"),
    path("internkontroll/uppsikt/<year:year>/utvardering.<str:fmt>", views_oversight.evaluation_document, name="evaluation_document"),
]

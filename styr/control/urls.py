"""Internal control and KS's oversight (seed §7): the pages."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver

app_name = "control"

urlpatterns: list[URLPattern | URLResolver] = []

"""Internal control and KS's oversight (seed §7): the pages."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from styr.control import views_risks

app_name = "control"

urlpatterns: list[URLPattern | URLResolver] = [
    # risk analysis (issue 12 §1)
    path("internkontroll/<id:unit_pk>/risker/", views_risks.risks_current, name="risks_current"),
    path("internkontroll/<id:unit_pk>/risker/<year:year>/", views_risks.risks_page, name="risks"),
    path("internkontroll/<id:unit_pk>/risker/<year:year>/kopiera/", views_risks.risks_copy, name="risks_copy"),
    path("internkontroll/risker/<id:pk>/", views_risks.risk_page, name="risk"),
    path("internkontroll/risker/<id:pk>/ta-bort/", views_risks.risk_delete, name="risk_delete"),
]

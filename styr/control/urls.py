"""Internal control and KS's oversight (seed §7): the pages."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from styr.control import views_followup

app_name = "control"

urlpatterns: list[URLPattern | URLResolver] = [
    # §3 following up the controls (helper followup)
    path("internkontroll/<id:unit_pk>/uppfoljning/<year:year>/", views_followup.followup_year_page, name="followup_year"),
    path("internkontroll/kontroller/<id:pk>/", views_followup.control_page, name="control"),
    path("internkontroll/bilagor/<id:pk>/", views_followup.attachment_download, name="attachment"),
    path("internkontroll/<id:unit_pk>/rapport/<year:year>/", views_followup.report_page, name="report"),
    path("internkontroll/<id:unit_pk>/rapport/<year:year>.<str:fmt>", views_followup.report_document, name="report_document"),
]

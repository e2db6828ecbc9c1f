from django.urls import path

from styr.documents import views

app_name = "documents"
urlpatterns = [
    path("installningar/grafisk-profil/", views.graphic_profile, name="profile"),
    path("enheter/<id:unit_pk>/dokument/plan-<year:year>.<str:fmt>", views.unit_plan_document, name="unit_plan"),
    path("planer/<id:pk>/dokument.<str:fmt>", views.plan_document, name="plan"),
    path("offentlig/planer/<id:pk>/dokument.<str:fmt>", views.public_plan_document, name="public_plan"),
    path("enheter/<id:unit_pk>/rapportering/<id:period_pk>/rapport.<str:fmt>", views.report_document, name="report"),
    path("enheter/<id:unit_pk>/rapportering/<id:period_pk>/nationell-struktur/", views.national_quality_report, name="national_quality"),
]

from django.urls import path

from styr.documents import views

app_name = "documents"
urlpatterns = [
    path("installningar/grafisk-profil/", views.graphic_profile, name="profile"),
    path("enheter/<int:unit_pk>/dokument/plan-<int:year>.<str:fmt>", views.unit_plan_document, name="unit_plan"),
    path("planer/<int:pk>/dokument.<str:fmt>", views.plan_document, name="plan"),
    path("offentlig/planer/<int:pk>/dokument.<str:fmt>", views.public_plan_document, name="public_plan"),
    path("enheter/<int:unit_pk>/rapportering/<int:period_pk>/rapport.<str:fmt>", views.report_document, name="report"),
]

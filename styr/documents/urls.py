from django.urls import path

from styr.documents import views

app_name = "documents"
urlpatterns = [
    path("enheter/<int:unit_pk>/dokument/plan-<int:year>.pdf", views.plan_pdf, name="plan_pdf"),
]

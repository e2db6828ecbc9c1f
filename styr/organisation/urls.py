from django.urls import path

from styr.organisation import views

app_name = "organisation"
urlpatterns = [
    path("enheter/", views.tree, name="tree"),
    path("enheter/<id:pk>/", views.unit_detail, name="unit"),
    path("styrdokument/", views.documents, name="documents"),
    path("styrdokument/<id:pk>/andra/", views.document_edit, name="document_edit"),
    path("styrdokument/parallell-styrning/", views.parallel_steering, name="parallel_steering"),
    path("styrmodell/", views.model, name="model"),
]

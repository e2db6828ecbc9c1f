from django.urls import path

from styr.economy import views

app_name = "economy"
urlpatterns = [
    path("enheter/<id:unit_pk>/driftram/", views.frame_set, name="frame_set"),
    path("enheter/<id:unit_pk>/resultatrakning/", views.statement, name="statement"),
]

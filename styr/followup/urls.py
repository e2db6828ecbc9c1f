from django.urls import path

from styr.followup import views

app_name = "followup"
urlpatterns = [
    path("indikatorer/<int:pk>/varden/", views.measurement_create, name="measurement_create"),
]

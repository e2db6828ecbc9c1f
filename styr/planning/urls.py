from django.urls import path

from styr.planning import views

app_name = "planning"
urlpatterns = [
    path("enheter/<int:unit_pk>/mal/ny/", views.goal_create, name="goal_create"),
    path("mal/<int:pk>/", views.goal_detail, name="goal"),
    path("mal/<int:pk>/besluta/", views.goal_adopt, name="goal_adopt"),
    path("mal/<int:pk>/indikatorer/ny/", views.indicator_create, name="indicator_create"),
]

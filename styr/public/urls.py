from django.urls import path

from styr.public import views

app_name = "public"
urlpatterns = [
    path("", views.home, name="home"),
    path("offentlig/<slug:slug>/", views.goals, name="goals"),
    path("offentlig/<slug:slug>/planer/", views.plans, name="plans"),
]

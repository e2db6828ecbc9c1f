from django.urls import path

from styr.public import views, views_dialogue, views_open_data, views_verify

app_name = "public"
urlpatterns = [
    path("", views.home, name="home"),
    path("offentlig/<slug:slug>/", views.goals, name="goals"),
    path("offentlig/<slug:slug>/planer/", views.plans, name="plans"),
    path("offentlig/<slug:slug>/ekonomi/", views.economy, name="economy"),
    path("offentlig/<slug:slug>/dialog/", views_dialogue.dialogues, name="dialogues"),
    path("offentlig/<slug:slug>/dialog/<id:pk>/", views_dialogue.dialogue, name="dialogue"),
    path("offentlig/<slug:slug>/verifiera/", views_verify.verify, name="verify"),
    path("oppen-data/<slug:slug>/", views_open_data.open_data, name="open_data"),
    path("oppen-data/<slug:slug>/<slug:name>.<str:fmt>", views_open_data.data_file, name="data_file"),
]

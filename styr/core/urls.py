from django.urls import path

from styr.core import views

urlpatterns = [
    path("konto/", views.account, name="account"),
    path("konto/nycklar/<int:pk>/aterkalla/", views.account_token_revoke, name="account_token_revoke"),
]

from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "styr.api"
    label = "api"

from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "styr.public"
    label = "public"

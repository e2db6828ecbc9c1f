from django.apps import AppConfig


class ControlConfig(AppConfig):
    name = "styr.control"
    label = "control"

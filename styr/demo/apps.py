from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "styr.demo"
    label = "demo"
    verbose_name = "Demo"

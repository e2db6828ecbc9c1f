from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "styr.planning"
    label = "planning"

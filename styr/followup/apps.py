from django.apps import AppConfig


class FollowupConfig(AppConfig):
    name = "styr.followup"
    label = "followup"

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "styr.core"
    label = "core"
    verbose_name = "Styr"

    def ready(self) -> None:
        from styr.core import converters

        converters.register()

from django.apps import AppConfig


class WorkshopConfig(AppConfig):
    name = "coproduce.workshop"
    label = "workshop"
    verbose_name = "Workshop tools"

    def ready(self) -> None:
        from coproduce.workshop import rules  # noqa: F401  (registers the rules)

from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "coproduce.operations"
    label = "operations"
    verbose_name = "Operations: backup and restore"

    def ready(self) -> None:
        from coproduce.operations import checks  # noqa: F401  (registers the deploy checks)

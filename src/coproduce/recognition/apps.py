from typing import Any

from django.apps import AppConfig
from django.db.backends.signals import connection_created


class RecognitionConfig(AppConfig):
    name = "coproduce.recognition"
    label = "recognition"
    verbose_name = "Recognition: time credits, payments and expenses"

    def ready(self) -> None:
        from coproduce.recognition import guard, rules  # noqa: F401  (registers the rules)

        connection_created.connect(_register_sqlite_guard, dispatch_uid="recognition_guard")


def _register_sqlite_guard(sender: Any, connection: Any, **kwargs: Any) -> None:
    from coproduce.recognition.guard import install_sqlite_function

    if connection.vendor == "sqlite":
        install_sqlite_function(connection.connection)

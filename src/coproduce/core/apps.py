from pathlib import Path
from typing import Any

from django.apps import AppConfig, apps
from django.db.backends.signals import connection_created


class CoreConfig(AppConfig):
    name = "coproduce.core"
    label = "core"
    verbose_name = "Organisations and access"

    def ready(self) -> None:
        from coproduce.core import checks  # noqa: F401  (registers the deploy checks)
        from coproduce.core.labels import quicken
        from coproduce.core.translations import trim_site_languages

        trim_site_languages()
        quicken(model for model in apps.get_models() if model.__module__.startswith("coproduce."))

        connection_created.connect(_private_sqlite_files, dispatch_uid="private_sqlite")


def _private_sqlite_files(sender: Any, connection: Any, **kwargs: Any) -> None:
    """The SQLite database (and its WAL files) is readable by the server's user only."""
    if connection.vendor != "sqlite":
        return
    name = str(connection.settings_dict["NAME"])
    if name == ":memory:" or name.startswith("file:"):
        return
    for path in (Path(name), Path(f"{name}-wal"), Path(f"{name}-shm")):
        if path.exists() and path.stat().st_mode & 0o077:
            path.chmod(0o600)

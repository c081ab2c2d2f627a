from typing import Any

from django.apps import AppConfig
from django.db.backends.signals import connection_created


class LedgerConfig(AppConfig):
    name = "coproduce.ledger"
    label = "ledger"
    verbose_name = "Ledger: accounts, transactions and postings"

    def ready(self) -> None:
        connection_created.connect(_register_sqlite_guard, dispatch_uid="ledger_guard")


def _register_sqlite_guard(sender: Any, connection: Any, **kwargs: Any) -> None:
    from coproduce.ledger.guard import install_sqlite_function

    if connection.vendor == "sqlite":
        install_sqlite_function(connection.connection)

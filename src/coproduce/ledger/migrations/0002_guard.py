"""Database triggers that refuse UPDATE and DELETE of ledger rows (and, on
PostgreSQL, an unbalanced transaction at commit). See ledger/guard.py."""

from typing import Any

from django.db import migrations


def install(apps: Any, schema_editor: Any) -> None:
    from coproduce.ledger.guard import install_triggers

    install_triggers(schema_editor.connection)


def remove(apps: Any, schema_editor: Any) -> None:
    from coproduce.ledger.guard import remove_triggers

    remove_triggers(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("ledger", "0001_initial")]

    operations = [migrations.RunPython(install, remove)]

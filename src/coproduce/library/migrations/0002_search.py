"""The search index: an FTS5 table on SQLite, a tsvector table with a GIN index on
PostgreSQL. See library/search.py."""

from typing import Any

from django.db import migrations


def install(apps: Any, schema_editor: Any) -> None:
    from coproduce.library.search import install as install_index

    install_index(schema_editor.connection)


def remove(apps: Any, schema_editor: Any) -> None:
    from coproduce.library.search import remove as remove_index

    remove_index(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("library", "0001_initial")]

    operations = [migrations.RunPython(install, remove)]

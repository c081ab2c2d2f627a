"""The table the default cache lives in (settings.CACHES), so every worker shares it."""

from django.core.management import call_command
from django.db import migrations


def make_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


def drop_cache_table(apps, schema_editor):
    schema_editor.execute("DROP TABLE IF EXISTS coproduce_cache")


class Migration(migrations.Migration):
    dependencies = [("core", "0004_audit_action_plain")]

    operations = [migrations.RunPython(make_cache_table, drop_cache_table)]

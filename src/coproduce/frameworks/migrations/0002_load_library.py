"""Load the shipped framework library, so every new database starts with it."""

from django.db import migrations


def load(apps, schema_editor):
    from coproduce.frameworks import loader

    models = {
        name: apps.get_model("frameworks", name)
        for name in ("Framework", "FrameworkItem", "StatementSet", "Statement")
    }
    loader.sync(models, loader.read_packs())


class Migration(migrations.Migration):
    dependencies = [("frameworks", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

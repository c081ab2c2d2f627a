"""AuditEvent.action keeps its value without a list of choices: the words for each action
live in core.models.AuditAction, so a new kind of change needs no migration."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("core", "0003_idempotent_request")]

    operations = [
        migrations.AlterField(
            model_name="auditevent",
            name="action",
            field=models.CharField(max_length=60),
        ),
    ]

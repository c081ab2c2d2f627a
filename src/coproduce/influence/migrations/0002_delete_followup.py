"""People to tell in person now sit in the outbox with every other message (issue 18):
open follow-ups move there, then the old table goes."""

from django.db import migrations


def move_to_outbox(apps, schema_editor):
    FollowUp = apps.get_model("influence", "FollowUp")
    Message = apps.get_model("messaging", "Message")
    for follow_up in FollowUp.objects.filter(done_at__isnull=True).iterator():
        Message.objects.create(
            organisation_id=follow_up.organisation_id,
            person_id=follow_up.person_id,
            channel="in_person",
            kind="influence_update",
            subject="What happened to what you raised",
            body=follow_up.message,
            status="to_tell",
            created_at=follow_up.created_at,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("influence", "0001_initial"),
        ("messaging", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(move_to_outbox, migrations.RunPython.noop),
        migrations.DeleteModel(name="FollowUp"),
    ]

"""Create the shared 0 to 4 co-production scale with a descriptor for every point."""

from django.db import migrations

POINTS = [
    (0, "Not yet", "This does not happen yet."),
    (1, "Starting", "It happens now and then, or in one or two places."),
    (2, "Developing", "It happens often, but it depends on particular people."),
    (3, "Embedded", "It is how we usually work, and it would carry on if people left."),
    (4, "Leading", "We do it well and help others to do it too."),
]


def create(apps, schema_editor):
    Scale = apps.get_model("assessments", "Scale")
    ScalePoint = apps.get_model("assessments", "ScalePoint")
    scale, _created = Scale.objects.get_or_create(organisation=None, name="Co-production scale")
    for value, label, descriptor in POINTS:
        ScalePoint.objects.get_or_create(
            scale=scale, value=value, defaults={"label": label, "descriptor": descriptor}
        )


class Migration(migrations.Migration):
    dependencies = [("assessments", "0002_initial")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]

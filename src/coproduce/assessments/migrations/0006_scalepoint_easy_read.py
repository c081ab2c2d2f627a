"""Easy read for the shared scale (issue 19): people who asked for easy read saw
"Embedded" and "Developing" beside easy-read statements."""

from django.db import migrations, models

EASY_READ = {
    0: "No. This does not happen yet.",
    1: "A little. It happens now and then.",
    2: "Often. But only when some people make it happen.",
    3: "Yes. This is how we work.",
    4: "Yes, very well. We help others do it too.",
}


def fill(apps, schema_editor):
    ScalePoint = apps.get_model("assessments", "ScalePoint")
    for value, words in EASY_READ.items():
        ScalePoint.objects.filter(
            scale__organisation=None, scale__name="Co-production scale", value=value, easy_read=""
        ).update(easy_read=words)


class Migration(migrations.Migration):
    dependencies = [("assessments", "0005_respondent_reminded_at_and_more")]

    operations = [
        migrations.AddField(
            model_name="scalepoint",
            name="easy_read",
            field=models.CharField(blank=True, max_length=200),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]

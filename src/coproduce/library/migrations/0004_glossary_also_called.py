"""Other names for glossary terms (synonyms in search), and the spelling dictionary
of the library's own words with every published story's words counted in it."""

from typing import Any

from django.db import migrations, models


def install(apps: Any, schema_editor: Any) -> None:
    from coproduce.library import spelling
    from coproduce.library.search import install_spelling

    connection = schema_editor.connection
    install_spelling(connection)
    stories = apps.get_model("library", "CaseStudy").objects.filter(status="published")
    with connection.cursor() as cursor:
        for story in stories.prefetch_related("tags"):
            words = spelling.words_in(
                story.title,
                story.summary,
                story.problem,
                story.who_and_how,
                story.what_changed,
                story.cost,
                story.learning,
                story.place,
                *(tag.label for tag in story.tags.all()),
            )
            spelling.count(cursor, set(), words)
            if connection.vendor == "postgresql":
                cursor.execute(
                    "UPDATE library_search SET words = %s WHERE id = %s",
                    [" ".join(sorted(words)), story.pk],
                )


def remove(apps: Any, schema_editor: Any) -> None:
    from coproduce.library.search import remove_spelling

    remove_spelling(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("library", "0003_casestudy_welsh_glossaryterm_welsh_toolkitpage_welsh")]

    operations = [
        migrations.AddField(
            model_name="glossaryterm",
            name="also_called",
            field=models.JSONField(blank=True, default=list),
        ),
        migrations.RunPython(install, remove),
    ]

"""The quicker `get_<field>_display` gives what Django's own gives, for every choice of
every model, in English and Welsh."""

import pytest
from django.apps import apps
from django.utils import translation

from coproduce.core.labels import DJANGOS, choice_label

OURS = [model for model in apps.get_models() if model.__module__.startswith("coproduce.")]
WITH_CHOICES = [
    (model, field)
    for model in OURS
    for field in model._meta.concrete_fields
    if field.choices is not None
]


def test_every_field_with_choices_uses_the_quicker_label():
    # None of our models writes its own get_<field>_display, so each is the quicker one
    # (this fails if Django stops making the method as `quicken` expects).
    assert len(WITH_CHOICES) > 50
    for model, field in WITH_CHOICES:
        made = model.__dict__[f"get_{field.name}_display"]
        assert made.func is choice_label, (model, field)


@pytest.mark.parametrize("language", ["en-gb", "cy"])
def test_the_label_is_the_one_django_gives(language):
    with translation.override(language):
        for model, field in WITH_CHOICES:
            record = model()
            for value in [key for key, _label in field.flatchoices] + [None, "", "not-a-choice"]:
                setattr(record, field.attname, value)
                quick = getattr(record, f"get_{field.name}_display")()
                assert quick == DJANGOS(record, field), (model, field)
                assert type(quick) is type(DJANGOS(record, field))


def test_labels_follow_the_language_of_the_page():
    from coproduce.people.models import Person

    person = Person(contact_preference="email")
    with translation.override("en-gb"):
        english = person.get_contact_preference_display()
    with translation.override("cy"):
        welsh = person.get_contact_preference_display()
    assert english == "Email"
    assert welsh not in ("", english)

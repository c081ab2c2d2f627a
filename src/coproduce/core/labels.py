"""Each record's `get_<field>_display()`, quicker.

Django's own version builds a table of the field's choices on every call, and so
translates every choice's label to find one. A list of fifty people showing three
chosen values each translated about 1,500 labels: a fifth of the page's time (issue
23). Ours looks through the choices by value and translates only the one it shows.
The answer is the same (tests/core/test_labels.py checks every choice of every model
in both languages)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partialmethod
from typing import Any

from django.db import models
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable


def choice_label(record: models.Model, field: models.Field[Any, Any]) -> Any:
    """The label of the record's value in the field's choices (the value itself if it
    is not one of them), as Django's `_get_FIELD_display` gives it."""
    value = getattr(record, field.attname)
    wanted = make_hashable(value)
    label = value
    for key, text in field.flatchoices:
        if make_hashable(key) == wanted:
            label = text  # the last one, as Django's table would keep
    return force_str(label, strings_only=True)


DJANGOS = models.Model._get_FIELD_display  # type: ignore[attr-defined]


def quicken(models_: Iterable[type[models.Model]]) -> int:
    """Give these models the quicker `get_<field>_display` for each field with choices,
    where Django made the method (a model's own is left alone); how many were given."""
    given = 0
    for model in models_:
        for field in model._meta.get_fields():
            name = f"get_{getattr(field, 'name', '')}_display"
            made = model.__dict__.get(name)
            if isinstance(made, partialmethod) and made.func is DJANGOS:
                setattr(model, name, partialmethod(choice_label, field=field))
                given += 1
    return given

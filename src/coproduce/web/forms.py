"""Form pieces shared by every app's pages."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.http import HttpRequest, QueryDict
from django.utils.translation import gettext_lazy as _

from coproduce.core.ids import id_or_none
from coproduce.web.widgets import DateInput


class TableFileForm(forms.Form):
    """A CSV or .xlsx file to import (read by core.imports.read_table)."""

    MAX_BYTES = 10 * 1024 * 1024

    file = forms.FileField(
        label=_("CSV or Excel file (.csv or .xlsx)"),
        error_messages={"required": _("Choose a CSV or Excel file.")},
    )

    def __init__(self, *args: Any, columns_hint: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = columns_hint

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("The file must be 10 MB or smaller."))
        return upload


def _record_number(field: forms.Field, value: Any) -> int | None:
    """The record number sent for a choice, or None for an empty choice; anything that
    could never be a record (letters, "¹", a number too big for the database) is refused
    as an invalid choice before it reaches the database."""
    if value in field.empty_values:
        return None
    number = id_or_none(value)
    if number is None:
        raise forms.ValidationError(
            field.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
        )
    return number


class RecordChoiceField(forms.ModelChoiceField):
    """Choose one record by its number."""

    def to_python(self, value: Any) -> Any:
        if isinstance(value, self.queryset.model):  # type: ignore[union-attr]
            return super().to_python(value)
        number = _record_number(self, value)
        return None if number is None else super().to_python(number)


def choose_from(field: forms.ModelChoiceField, records: Iterable[Any]) -> None:
    """List these records, already read, as the field's choices, so the page does not
    read them again for each form that offers them. The field's queryset still checks
    what is sent."""
    empty = [("", field.empty_label)] if field.empty_label is not None else []
    field.choices = empty + [(record.pk, field.label_from_instance(record)) for record in records]


class RecordsChoiceField(forms.ModelMultipleChoiceField):
    """Choose any number of records by their numbers."""

    def _check_values(self, value: Any) -> Any:
        try:
            values = frozenset(value)
        except TypeError:
            raise forms.ValidationError(
                self.error_messages["invalid_list"], code="invalid_list"
            ) from None
        for item in values:
            if id_or_none(item) is None:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": item},
                )
        return super()._check_values(value)  # type: ignore[misc]


def posted(request: HttpRequest) -> QueryDict | None:
    """The form data sent, or None on a GET, so that one line binds a form only when sent."""
    return request.POST if request.method == "POST" else None


class PeriodForm(forms.Form):
    """A period from one day to another, either end optional; the end may not come first."""

    since = forms.DateField(
        label=_("From"),
        widget=DateInput(),
        required=False,
        error_messages={"invalid": _("Enter a real date.")},
    )
    until = forms.DateField(
        label=_("To"),
        widget=DateInput(),
        required=False,
        error_messages={"invalid": _("Enter a real date.")},
    )

    def defaults(self, data: dict[str, Any]) -> None:
        """Fill ends left empty, before they are checked; none by default."""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self.defaults(data)
        if data.get("since") and data.get("until") and data["until"] < data["since"]:
            self.add_error("until", _("The end must be on or after the start."))
        return data

"""Forms for reports."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from coproduce.initiatives.models import Initiative
from coproduce.web.forms import RecordChoiceField
from coproduce.web.widgets import DateInput


class PackForm(forms.Form):
    initiative = RecordChoiceField(
        label=_("Initiative"),
        queryset=Initiative.objects.none(),
        required=False,
        empty_label=_("The whole organisation"),
    )
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

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("since") and data.get("until") and data["until"] < data["since"]:
            self.add_error("until", _("The end must be on or after the start."))
        return data

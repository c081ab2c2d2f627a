"""Forms for reports."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from coproduce.initiatives.models import Initiative
from coproduce.web.forms import PeriodForm, RecordChoiceField


class PackForm(PeriodForm):
    initiative = RecordChoiceField(
        label=_("Initiative"),
        queryset=Initiative.objects.none(),
        required=False,
        empty_label=_("The whole organisation"),
    )


class ReviewStartForm(forms.Form):
    year = forms.IntegerField(
        label=_("Year the review starts"),
        help_text=_("The review runs from April of this year to March of the next."),
        error_messages={
            "required": _("Enter the year the review starts, like 2025."),
            "invalid": _("Enter the year the review starts, like 2025."),
        },
    )


class SectionForm(forms.Form):
    text = forms.CharField(
        label=_("What we say"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={"max_length": _("Keep this part under 20,000 characters.")},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

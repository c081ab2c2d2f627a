"""Forms for surveys and their questions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from coproduce.evidence.forms import OrganisationForm
from coproduce.evidence.models import (
    QuestionKind,
    SurveyStatus,
)
from coproduce.initiatives.models import Initiative
from coproduce.web.forms import RecordChoiceField


class SurveyForm(OrganisationForm):
    title = forms.CharField(
        label=_("Title"), max_length=200, error_messages={"required": _("Give the survey a title.")}
    )
    introduction = forms.CharField(
        label=_("What to tell people first (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )
    initiative = RecordChoiceField(
        label=_("Initiative (optional)"), queryset=Initiative.objects.none(), required=False
    )


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of question"),
        choices=[("", _("Choose"))] + list(QuestionKind.choices),
        required=False,
    )
    text = forms.CharField(label=_("Question"), max_length=300, required=False)
    choices = forms.CharField(
        label=_("Choices, one a line (for choose one)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )

    def spec(self) -> dict[str, Any] | None:
        data = self.cleaned_data
        if not data.get("kind") and not data.get("text"):
            return None
        return {
            "kind": data.get("kind", ""),
            "text": data.get("text", ""),
            "choices": data.get("choices", "").splitlines(),
        }


class SurveySettingsForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=SurveyStatus.choices)
    sent_count = forms.IntegerField(
        label=_("How many people were given it"),
        min_value=0,
        max_value=10_000_000,
        help_text=_("This is what the response rate is worked out from."),
        error_messages={"invalid": _("Enter a whole number.")},
    )
    share_words = forms.BooleanField(
        label=_("Show people's own words to viewers and in evidence packs"),
        required=False,
        help_text=_(
            "Leave this off if answers could name people or say more than they meant to share."
        ),
    )


QuestionFormSet = forms.formset_factory(QuestionForm, extra=6, max_num=30, absolute_max=30)

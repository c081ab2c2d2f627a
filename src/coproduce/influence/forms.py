from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from coproduce.core.models import Organisation
from coproduce.influence.models import InfluenceItem, ItemStatus
from coproduce.initiatives.models import Initiative
from coproduce.people.models import Person
from coproduce.web.forms import RecordChoiceField, RecordsChoiceField
from coproduce.web.widgets import DateInput


class ItemForm(forms.ModelForm):
    people = RecordsChoiceField(
        label=_("People who raised it (optional)"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("They will be told when it moves on, in the way they prefer."),
    )
    initiative = RecordChoiceField(
        label=_("Initiative (optional)"),
        queryset=Initiative.objects.none(),
        required=False,
        empty_label=_("None"),
    )

    class Meta:
        model = InfluenceItem
        fields = [
            "title",
            "description",
            "addressed_to",
            "raised_by_group",
            "raised_on",
            "is_public",
        ]
        widgets = {
            "description": forms.Textarea,
            "raised_on": DateInput(),
        }
        error_messages = {
            "title": {"required": _("Say in a few words what was raised.")},
            "addressed_to": {
                "required": _("Say which organisation or service it was raised with.")
            },
            "raised_on": {"invalid": _("Enter a real date.")},
        }

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = Person.objects.choosable(  # type: ignore[attr-defined]
            organisation
        )
        self.fields["initiative"].queryset = Initiative.objects.filter(  # type: ignore[attr-defined]
            organisation=organisation
        )


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("New status"),
        choices=ItemStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the new status.")},
    )
    response = forms.CharField(
        label=_("Our response"), widget=forms.Textarea, required=False, max_length=5000
    )
    evidence = forms.CharField(
        label=_("Evidence of the change"), widget=forms.Textarea, required=False, max_length=5000
    )
    reason_not_changed = forms.CharField(
        label=_("If nothing changed, why?"), widget=forms.Textarea, required=False, max_length=5000
    )
    note = forms.CharField(
        label=_("Note for the record (optional)"),
        help_text=_("Needed if you move it back, or change the answer: say why."),
        required=False,
        max_length=500,
    )


class TargetsForm(forms.Form):
    acknowledge_within_days = forms.IntegerField(
        label=_("Acknowledge within (days)"), min_value=1, max_value=365
    )
    answer_within_days = forms.IntegerField(
        label=_("Answer within (days)"), min_value=1, max_value=365
    )


class SaidForm(forms.Form):
    """What was raised, for an item made from a conversation, an answer or a story."""

    title = forms.CharField(label=_("What was raised, in a few words"), max_length=200)
    addressed_to = forms.CharField(label=_("Who it is raised with"), max_length=200)

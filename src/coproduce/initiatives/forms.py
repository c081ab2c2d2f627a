"""Forms for initiatives and their planning tools."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from coproduce.core.models import Organisation
from coproduce.frameworks.models import FrameworkItem
from coproduce.initiatives.models import (
    Charter,
    Initiative,
    Priority,
    Stakeholder,
    TeamRole,
)
from coproduce.initiatives.planning import RATING_MAX, RATING_MIN
from coproduce.initiatives.services import INITIATIVE_FIELDS, four_cos_items
from coproduce.people.forms import PersonChoiceField
from coproduce.people.models import Person
from coproduce.web.forms import RecordChoiceField, RecordsChoiceField
from coproduce.web.widgets import DateInput


class InitiativeForm(forms.ModelForm):
    partners = RecordsChoiceField(
        label=_("Partner organisations"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    stage = RecordChoiceField(
        label=_("Which stage is it at?"),
        queryset=FrameworkItem.objects.none(),
        required=False,
        widget=forms.RadioSelect,
        empty_label=None,
    )

    class Meta:
        model = Initiative
        fields = INITIATIVE_FIELDS
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "summary": forms.Textarea,
            "status": forms.RadioSelect,
            "planning": forms.RadioSelect,
            "delivery": forms.RadioSelect,
            "participation": forms.RadioSelect,
            "level": forms.RadioSelect,
        }
        error_messages = {
            "title": {"required": _("Enter a title for the initiative.")},
            "service_area": {"required": _("Choose the service area.")},
            "starts_on": {"invalid": _("Enter a real date.")},
            "ends_on": {"invalid": _("Enter a real date.")},
        }

    def __init__(self, *args: Any, organisation: Organisation, stages: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Partners: the organisation's networks, their members, and its own members.
        nearby = (
            Organisation.objects.filter(
                pk__in=list(organisation.networks.values_list("pk", flat=True))
                + list(organisation.members.values_list("pk", flat=True))
                + list(
                    Organisation.objects.filter(
                        networks__in=organisation.networks.all()
                    ).values_list("pk", flat=True)
                )
            )
            .exclude(pk=organisation.pk)
            .order_by("name")
        )
        self.fields["partners"].queryset = nearby  # type: ignore[attr-defined]
        self.fields["stage"].queryset = stages  # type: ignore[attr-defined]
        for name in ("planning", "delivery", "participation", "level"):
            field = self.fields[name]
            field.choices = [c for c in field.choices if c[0]]  # type: ignore[attr-defined]
        if self.instance.pk:
            self.initial["partners"] = list(self.instance.partners.values_list("pk", flat=True))
            self.initial["stage"] = self.instance.stage_id

    def details(self) -> dict[str, Any]:
        return {field: self.cleaned_data[field] for field in INITIATIVE_FIELDS}


class TeamMemberForm(forms.Form):
    person = PersonChoiceField(
        label=_("Who"),
        queryset=Person.objects.none(),
        error_messages={"required": _("Choose a person.")},
    )
    role = forms.ChoiceField(
        label=_("Role"), choices=TeamRole.choices, error_messages={"required": _("Choose a role.")}
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.choosable(  # type: ignore[attr-defined]
            organisation
        )


YES_NO = [(True, _("High")), (False, _("Low"))]


class StakeholderForm(forms.ModelForm):
    high_power = forms.TypedChoiceField(
        label=_("Power"),
        choices=YES_NO,
        coerce=lambda v: v == "True",
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose high or low power.")},
    )
    high_influence = forms.TypedChoiceField(
        label=_("Influence"),
        choices=YES_NO,
        coerce=lambda v: v == "True",
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose high or low influence.")},
    )

    class Meta:
        model = Stakeholder
        fields = ["name", "high_power", "high_influence", "attitude", "involved", "notes"]
        widgets = {"attitude": forms.RadioSelect, "notes": forms.Textarea}
        error_messages = {"name": {"required": _("Say who the stakeholder is.")}}


RATINGS = [(n, str(n)) for n in range(RATING_MIN, RATING_MAX + 1)]


class PriorityForm(forms.ModelForm):
    impact = forms.TypedChoiceField(
        label=_("Impact, from 1 (very little) to 4 (a great deal)"),
        choices=RATINGS,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Rate the impact.")},
    )
    effort = forms.TypedChoiceField(
        label=_("Effort, from 1 (very little) to 4 (a great deal)"),
        choices=RATINGS,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Rate the effort.")},
    )

    class Meta:
        model = Priority
        fields = ["title", "impact", "effort", "significant_spend"]
        error_messages = {"title": {"required": _("Say what the activity is.")}}


class CharterForm(forms.ModelForm):
    class Meta:
        model = Charter
        fields = [
            "roles",
            "commitments",
            "recognition",
            "time_limits",
            "insurance",
            "voluntariness",
        ]
        widgets = dict.fromkeys(fields, forms.Textarea)


class CoverageForm(forms.Form):
    """Which of the four Co's, and which of their sub-types, the initiative covers."""

    items = RecordsChoiceField(
        label=_("What this initiative does"), queryset=FrameworkItem.objects.none(), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["items"].queryset = FrameworkItem.objects.filter(  # type: ignore[attr-defined]
            pk__in=[item.pk for item in four_cos_items()]
        )

"""Forms for indicators, periods, comparisons and outcomes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from coproduce.core.models import Organisation
from coproduce.evidence.forms import OrganisationForm
from coproduce.evidence.models import (
    Direction,
    Indicator,
    Period,
    SelfReported,
)
from coproduce.frameworks.models import FrameworkItem, FrameworkKind
from coproduce.initiatives.models import Initiative
from coproduce.people.forms import PersonChoiceField
from coproduce.people.models import Person
from coproduce.web.forms import RecordChoiceField
from coproduce.web.widgets import DateInput


class IndicatorForm(OrganisationForm):
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        error_messages={"required": _("Give the indicator a name.")},
    )
    description = forms.CharField(
        label=_("What it counts, and where the figures come from"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
    )
    unit = forms.CharField(
        label=_("Unit"),
        max_length=60,
        help_text=_("For example: referrals, people, sessions."),
        error_messages={"required": _("Say what the figures count, like referrals.")},
    )
    direction = forms.ChoiceField(
        label=_("Which way is good?"), choices=Direction.choices, widget=forms.RadioSelect
    )
    baseline = forms.DecimalField(
        label=_("Baseline (optional)"),
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
        error_messages={"invalid": _("Enter the baseline as a number.")},
    )
    target = forms.DecimalField(
        label=_("Target (optional)"),
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
        error_messages={"invalid": _("Enter the target as a number.")},
    )
    initiative = RecordChoiceField(
        label=_("Initiative (optional)"),
        queryset=Initiative.objects.none(),
        required=False,
        empty_label=_("None: the whole organisation"),
    )


class PeriodForm(forms.Form):
    label = forms.CharField(
        label=_("Label"),
        max_length=60,
        help_text=_("For example: Sep 2009 to Aug 2010, or 2026 Q1."),
        error_messages={"required": _("Give the period a label.")},
    )
    starts_on = forms.DateField(
        label=_("First day"),
        widget=DateInput(),
        error_messages={"required": _("Enter the first day."), "invalid": _("Enter a real date.")},
    )
    ends_on = forms.DateField(
        label=_("Last day"),
        widget=DateInput(),
        error_messages={"required": _("Enter the last day."), "invalid": _("Enter a real date.")},
    )


class CompareForm(forms.Form):
    breakdown = forms.ChoiceField(label=_("Breakdown"), required=False)
    a = RecordChoiceField(label=_("First period"), queryset=Period.objects.none())
    b = RecordChoiceField(label=_("Second period"), queryset=Period.objects.none())

    def __init__(self, *args: Any, indicator: Indicator, breakdowns: list[str], **kwargs: Any):
        super().__init__(*args, **kwargs)
        periods = Period.objects.filter(organisation=indicator.organisation)
        self.fields["a"].queryset = periods  # type: ignore[attr-defined]
        self.fields["b"].queryset = periods  # type: ignore[attr-defined]
        self.fields["breakdown"].choices = [(d, d or _("Headline figure")) for d in breakdowns]  # type: ignore[attr-defined]


class OutcomeForm(OrganisationForm):
    item = RecordChoiceField(
        label=_("Outcome"),
        queryset=FrameworkItem.objects.none(),
        error_messages={"required": _("Choose the outcome.")},
    )
    person = PersonChoiceField(
        label=_("Person (optional)"), queryset=Person.objects.none(), required=False
    )
    initiative = RecordChoiceField(
        label=_("Initiative (optional)"), queryset=Initiative.objects.none(), required=False
    )
    baseline = forms.IntegerField(
        label=_("Score at the start, 1 to 10 (optional)"), min_value=1, max_value=10, required=False
    )
    follow_up = forms.IntegerField(
        label=_("Score at follow-up, 1 to 10 (optional)"),
        min_value=1,
        max_value=10,
        required=False,
    )
    self_reported = forms.ChoiceField(
        label=_("In their own words, things are (optional)"),
        choices=[("", _("Not asked"))] + list(SelfReported.choices),
        required=False,
    )
    note = forms.CharField(
        label=_("What changed (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
    )
    recorded_on = forms.DateField(
        label=_("Date"), widget=DateInput(), error_messages={"invalid": _("Enter a real date.")}
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, organisation=organisation, **kwargs)
        self.fields["item"].queryset = (  # type: ignore[attr-defined]
            FrameworkItem.objects.filter(
                Q(framework__organisation__isnull=True) | Q(framework__organisation=organisation),
                framework__kind=FrameworkKind.OUTCOMES,
                framework__is_current=True,
            )
            .select_related("framework")
            .order_by("framework__title", "position")
        )
        self.fields["item"].label_from_instance = lambda i: f"{i.framework.title}: {i.title}"  # type: ignore[attr-defined]
        self.fields["person"].queryset = Person.objects.choosable(organisation)  # type: ignore[attr-defined]

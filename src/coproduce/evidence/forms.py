"""Forms for evidence pages. They check shape; services keep the rules."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from coproduce.core.models import Organisation, User
from coproduce.evidence.models import (
    BenefitKind,
    Confidence,
    Direction,
    DocumentKind,
    Indicator,
    Period,
    QuestionKind,
    SelfReported,
    SpeakerGroup,
    SurveyStatus,
)
from coproduce.frameworks.models import Framework, FrameworkItem, FrameworkKind
from coproduce.initiatives.models import Initiative
from coproduce.people.forms import PersonChoiceField
from coproduce.people.models import Person
from coproduce.web.forms import RecordChoiceField

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _initiatives(organisation: Organisation) -> Any:
    return Initiative.objects.filter(organisation=organisation)


class OrganisationForm(forms.Form):
    """A form whose choices come from one organisation."""

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        if "initiative" in self.fields:
            self.fields["initiative"].queryset = _initiatives(organisation)  # type: ignore[attr-defined]


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
        widget=DATE,
        error_messages={"required": _("Enter the first day."), "invalid": _("Enter a real date.")},
    )
    ends_on = forms.DateField(
        label=_("Last day"),
        widget=DATE,
        error_messages={"required": _("Enter the last day."), "invalid": _("Enter a real date.")},
    )


class SettingsForm(forms.Form):
    not_recorded_threshold = forms.DecimalField(
        label=_('Flag a "not recorded" share above (%)'),
        min_value=0,
        max_value=100,
        max_digits=5,
        decimal_places=2,
        help_text=_("Ethnicity not recorded for 47% of people is the kind of gap to flag."),
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
        label=_("Date"), widget=DATE, error_messages={"invalid": _("Enter a real date.")}
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
        self.fields["person"].queryset = Person.objects.filter(organisation=organisation)  # type: ignore[attr-defined]


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


QuestionFormSet = forms.formset_factory(QuestionForm, extra=6, max_num=30, absolute_max=30)


class SurveySettingsForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=SurveyStatus.choices)
    sent_count = forms.IntegerField(
        label=_("How many people were given it"),
        min_value=0,
        max_value=10_000_000,
        help_text=_("This is what the response rate is worked out from."),
        error_messages={"invalid": _("Enter a whole number.")},
    )


class DocumentForm(OrganisationForm):
    title = forms.CharField(
        label=_("Title"), max_length=200, error_messages={"required": _("Give it a title.")}
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=DocumentKind.choices, widget=forms.RadioSelect
    )
    file = forms.FileField(
        label=_("Upload a file (optional)"),
        required=False,
        help_text=_("A Word file, a PDF with text in it, or plain text. Up to 5 MB."),
    )
    text = forms.CharField(
        label=_("Or paste the text"),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        max_length=500_000,
        help_text=_(
            "Leave a blank line between passages. Start a line with a name and a colon "
            "to say who spoke."
        ),
    )
    initiative = RecordChoiceField(
        label=_("Initiative (optional)"), queryset=Initiative.objects.none(), required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("file") and not (data.get("text") or "").strip():
            self.add_error("text", _("Upload a file or paste the text."))
        return data


class SpeakerForm(forms.Form):
    speaker_group = forms.ChoiceField(
        label=_("Who said it"),
        choices=[("", _("Not known"))] + list(SpeakerGroup.choices),
        required=False,
    )
    person = PersonChoiceField(
        label=_("Person on our records (optional)"),
        queryset=Person.objects.none(),
        required=False,
        help_text=_("Their agreement to be quoted then comes from their record."),
    )
    agreed_to_quote = forms.BooleanField(
        label=_("Someone not on our records who agreed to be quoted"), required=False
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(organisation=organisation)  # type: ignore[attr-defined]


class CodeForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=120, error_messages={"required": _("Name the code.")}
    )
    description = forms.CharField(
        label=_("What it covers (optional)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
    )


class FrameworkCodesForm(forms.Form):
    framework = RecordChoiceField(
        label=_("Add every item of a framework"),
        queryset=Framework.objects.none(),
        error_messages={"required": _("Choose a framework.")},
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["framework"].queryset = (  # type: ignore[attr-defined]
            Framework.objects.current()
            .filter(Q(organisation__isnull=True) | Q(organisation=organisation))
            .order_by("title")
        )


class AgreementForm(forms.Form):
    first = RecordChoiceField(label=_("First coder"), queryset=User.objects.none())
    second = RecordChoiceField(label=_("Second coder"), queryset=User.objects.none())

    def __init__(self, *args: Any, coders: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("first", "second"):
            self.fields[name].queryset = coders  # type: ignore[attr-defined]
            self.fields[name].label_from_instance = lambda u: u.email  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("first") and data.get("first") == data.get("second"):
            self.add_error("second", _("Choose two different coders."))
        return data


def pence(pounds: Decimal) -> int:
    return int((pounds * 100).to_integral_value())


class CostForm(forms.Form):
    description = forms.CharField(
        label=_("What it paid for"),
        max_length=200,
        error_messages={"required": _("Say what it paid for.")},
    )
    amount = forms.DecimalField(
        label=_("Amount in pounds"),
        required=False,
        min_value=Decimal("0.01"),
        max_digits=14,
        decimal_places=2,
        error_messages={"invalid": _("Enter an amount in pounds, like 1250.00.")},
    )
    hours = forms.DecimalField(
        label=_("Or hours of people's time"),
        required=False,
        min_value=Decimal("0.01"),
        max_digits=10,
        decimal_places=2,
    )
    hourly_rate = forms.DecimalField(
        label=_("at an hourly rate in pounds"),
        required=False,
        min_value=Decimal("0.01"),
        max_digits=8,
        decimal_places=2,
    )

    def service_args(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "description": data["description"],
            "amount_pence": pence(data["amount"]) if data.get("amount") is not None else None,
            "hours": data.get("hours"),
            "hourly_rate_pence": pence(data["hourly_rate"])
            if data.get("hourly_rate") is not None
            else None,
        }


class BenefitForm(forms.Form):
    description = forms.CharField(
        label=_("What the benefit is"),
        max_length=200,
        error_messages={"required": _("Say what the benefit is.")},
    )
    amount = forms.DecimalField(
        label=_("Pounds a year"),
        min_value=Decimal("0.01"),
        max_digits=14,
        decimal_places=2,
        error_messages={
            "required": _("Enter the amount a year."),
            "invalid": _("Enter an amount in pounds."),
        },
    )
    years = forms.IntegerField(label=_("For how many years"), min_value=1, max_value=10, initial=1)
    kind = forms.ChoiceField(
        label=_("Kind of benefit"), choices=BenefitKind.choices, widget=forms.RadioSelect
    )
    confidence = forms.ChoiceField(
        label=_("Confidence"), choices=Confidence.choices, widget=forms.RadioSelect
    )
    source = forms.CharField(
        label=_("Where the figure comes from"),
        max_length=300,
        error_messages={"required": _("Say where the figure comes from.")},
    )

    def service_args(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["amount_pence_per_year"] = pence(data.pop("amount"))
        return data


class AssumptionForm(forms.Form):
    text = forms.CharField(
        label=_("Assumption"),
        max_length=400,
        error_messages={"required": _("Write the assumption.")},
    )
    source = forms.CharField(label=_("Based on (optional)"), max_length=300, required=False)

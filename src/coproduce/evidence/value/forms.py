"""Forms for costs, benefits and assumptions."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from coproduce.evidence.models import (
    BenefitKind,
    Confidence,
)


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

from __future__ import annotations

import uuid
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from coproduce.core.models import Organisation
from coproduce.ledger.models import Unit
from coproduce.ledger.queries import amount_text
from coproduce.people.forms import PersonChoiceField
from coproduce.people.models import Person, RecognitionPreference
from coproduce.recognition.models import (
    ExpenseCategory,
    ExpenseKind,
    Listing,
    ListingKind,
    Offer,
    Rate,
    RecognitionPolicy,
)
from coproduce.web.forms import RecordChoiceField
from coproduce.web.widgets import DateInput


class PoundsField(forms.CharField):
    """An amount typed in pounds ("12.50", "£12.50", "12"), cleaned to whole pence."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 15)
        super().__init__(*args, **kwargs)

    def clean(self, value: Any) -> int | None:
        text = super().clean(value)
        if text in (None, ""):
            return None
        text = str(text).replace("£", "").replace(",", "").strip()
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise forms.ValidationError(_("Enter an amount in pounds, like 12.50.")) from None
        if not amount.is_finite() or amount.as_tuple().exponent < -2:  # type: ignore[operator]
            raise forms.ValidationError(_("Enter an amount in pounds and pence, like 12.50."))
        if amount < Decimal("0.01") or amount > Decimal("1000000"):
            raise forms.ValidationError(_("Enter an amount from £0.01 to £1,000,000."))
        return int(amount * 100)


class KeyedForm(forms.Form):
    """A form that carries its own idempotency key, so pressing the button twice, or
    going back and sending again, never posts twice."""

    key = forms.CharField(widget=forms.HiddenInput, max_length=100)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("key", uuid.uuid4().hex)


class ProposeForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=DateInput())
    end = forms.DateField(label=_("To"), widget=DateInput())


class DecideAwardsForm(forms.Form):
    over_caps_confirmed = forms.BooleanField(
        label=_("I have checked with each person over a limit and they are happy to go ahead"),
        required=False,
    )
    reason = forms.CharField(label=_("Reason, if not approving"), max_length=300, required=False)


class PolicyForm(forms.ModelForm):
    class Meta:
        model = RecognitionPolicy
        fields = [
            "starter_credits",
            "allow_negative_credits",
            "timebank_enabled",
            "payment_reference_prefix",
        ]


class RateForm(forms.ModelForm):
    class Meta:
        model = Rate
        fields = [
            "credits_per_hour",
            "pence_per_hour",
            "pence_per_session",
            "voucher_pence_per_hour",
        ]


class CategoryForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), choices=ExpenseKind.choices)
    limit = PoundsField(label=_("Most we pay for one claim, in pounds (optional)"), required=False)


class ChoiceForm(forms.Form):
    preference = forms.ChoiceField(
        label=_("How would you like to be recognised?"),
        choices=[
            c for c in RecognitionPreference.choices if c[0] != RecognitionPreference.NOT_ASKED
        ],
        widget=forms.RadioSelect,
        help_text=_("Payments can affect some benefits. Time credits and vouchers usually do not."),
    )
    weekly = PoundsField(
        label=_("Most in payments and vouchers per week, in pounds (optional)"),
        required=False,
        help_text=_("If a benefit has a weekly earnings limit, put it here."),
    )
    yearly = PoundsField(
        label=_("Most per tax year, in pounds (optional)"),
        required=False,
        help_text=_("The tax year starts on 6 April."),
    )


class ClaimForm(forms.Form):
    person = PersonChoiceField(label=_("Who is claiming"), queryset=Person.objects.none())
    category = RecordChoiceField(
        label=_("What kind of expense"), queryset=ExpenseCategory.objects.none()
    )
    description = forms.CharField(label=_("What it was for"), max_length=300)
    amount = PoundsField(label=_("Amount, in pounds"))
    incurred_on = forms.DateField(label=_("Date"), widget=DateInput())
    paid_up_front = forms.BooleanField(
        label=_("We will buy it for them, so they do not pay first"), required=False
    )
    receipt = forms.FileField(
        label=_("Receipt (optional)"),
        required=False,
        help_text=_("A photo (JPEG or PNG) or a PDF, up to 5 MB."),
    )

    def __init__(
        self, *args: Any, organisation: Organisation, person: Person | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        people = Person.objects.choosable(organisation)
        if person is not None:
            people = people.filter(pk=person.pk)
            self.initial["person"] = person.pk
        self.fields["person"].queryset = people  # type: ignore[attr-defined]
        self.fields["category"].queryset = ExpenseCategory.objects.filter(  # type: ignore[attr-defined]
            organisation=organisation
        )


class ClaimDecisionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (needed if not approving)"), max_length=300, required=False
    )


class ReverseForm(KeyedForm):
    reason = forms.CharField(label=_("Why is this being reversed?"), max_length=300)


class SpendForm(KeyedForm):
    offer = RecordChoiceField(label=_("Spend on"), queryset=Offer.objects.none())

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["offer"].queryset = Offer.objects.filter(  # type: ignore[attr-defined]
            organisation=organisation, active=True
        ).select_related("partner")
        self.fields["offer"].label_from_instance = (  # type: ignore[attr-defined]
            lambda offer: (
                f"{offer.title} at {offer.partner.name} ({amount_text(offer.credits, Unit.CREDITS)})"
            )
        )


class GiftForm(KeyedForm):
    receiver = PersonChoiceField(label=_("Give to"), queryset=Person.objects.none())
    amount = forms.IntegerField(label=_("Time credits"), min_value=1, max_value=10000)

    def __init__(
        self, *args: Any, organisation: Organisation, giver: Person, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["receiver"].queryset = Person.objects.choosable(  # type: ignore[attr-defined]
            organisation
        ).exclude(pk=giver.pk)


class PartnerForm(forms.Form):
    name = forms.CharField(label=_("Name of the venue or service"), max_length=200)
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    access = forms.CharField(label=_("Access at the venue"), widget=forms.Textarea, required=False)


class OfferForm(forms.Form):
    title = forms.CharField(label=_("What is on offer"), max_length=200)
    credits = forms.IntegerField(label=_("Time credits"), min_value=1, max_value=1000)
    description = forms.CharField(label=_("More about it"), widget=forms.Textarea, required=False)


class ListingForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Offer or request"), choices=ListingKind.choices, widget=forms.RadioSelect
    )
    title = forms.CharField(label=_("What"), max_length=200)
    description = forms.CharField(label=_("More about it"), widget=forms.Textarea, required=False)


class ExchangeForm(KeyedForm):
    helper = PersonChoiceField(label=_("Who gave their time"), queryset=Person.objects.none())
    helped = PersonChoiceField(label=_("Who was helped"), queryset=Person.objects.none())
    hours = forms.IntegerField(label=_("Hours"), min_value=1, max_value=24)
    # The offer or request the help answered, when there was one.
    listing = RecordChoiceField(label=_("Listing"), queryset=Listing.objects.none(), required=False)

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["listing"].queryset = Listing.objects.filter(  # type: ignore[attr-defined]
            organisation=organisation
        )
        people = Person.objects.choosable(organisation)
        self.fields["helper"].queryset = people  # type: ignore[attr-defined]
        self.fields["helped"].queryset = people  # type: ignore[attr-defined]


class OwnExchangeForm(KeyedForm):
    """A co-producer records an exchange they took part in, with someone who is in the
    time bank (has an offer or request up), never choosing from everyone's records."""

    direction = forms.ChoiceField(
        label=_("What happened"),
        choices=[("gave", _("I gave my time")), ("helped", _("I was helped"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether you gave your time or were helped.")},
    )
    other = PersonChoiceField(label=_("Who with"), queryset=Person.objects.none())
    hours = forms.IntegerField(
        label=_("Hours"),
        min_value=1,
        max_value=24,
        error_messages={"required": _("Enter the hours, from 1 to 24.")},
    )

    def __init__(self, *args: Any, own: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["other"].queryset = (  # type: ignore[attr-defined]
            Person.objects.filter(
                organisation_id=own.organisation_id,
                erased_at__isnull=True,
                listings__active=True,
            )
            .exclude(pk=own.pk)
            .distinct()
        )

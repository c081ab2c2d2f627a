"""Forms for the opportunities board."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from coproduce.core.models import Organisation
from coproduce.opportunities.models import Opportunity
from coproduce.opportunities.services import OPPORTUNITY_FIELDS
from coproduce.people.forms import PersonChoiceField
from coproduce.people.models import Person
from coproduce.sessions.models import Session
from coproduce.web.forms import RecordChoiceField, RecordsChoiceField
from coproduce.web.widgets import DateInput


class OpportunityForm(forms.ModelForm):
    session = RecordChoiceField(
        label=_("Session it leads to (optional)"),
        queryset=Session.objects.none(),
        required=False,
        empty_label=_("None yet"),
    )

    class Meta:
        model = Opportunity
        fields = list(OPPORTUNITY_FIELDS)
        widgets = {
            "involves": forms.Textarea,
            "access_support": forms.Textarea,
            "closes_on": DateInput(),
        }

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = Session.objects.filter(  # type: ignore[attr-defined]
            organisation=organisation
        ).order_by("-starts_at")


class InterestForm(forms.Form):
    person = PersonChoiceField(
        label=_("Who is interested"), queryset=Person.objects.none(), required=False
    )
    note = forms.CharField(
        label=_("Anything you would like us to know, such as support you need"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )

    def __init__(
        self, *args: Any, organisation: Organisation, on_behalf: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if on_behalf:
            self.fields["person"].required = True
            self.fields["person"].queryset = Person.objects.choosable(  # type: ignore[attr-defined]
                organisation
            )
        else:
            del self.fields["person"]


class SelectionForm(forms.Form):
    """Who takes part, chosen from the people who said they are interested."""

    selected = RecordsChoiceField(
        label=_("Select who takes part"), queryset=Person.objects.none(), required=False
    )

    def __init__(self, *args: Any, opportunity: Opportunity, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["selected"].queryset = Person.objects.filter(  # type: ignore[attr-defined]
            organisation=opportunity.organisation,
            pk__in=opportunity.interest.values("person"),
            erased_at__isnull=True,
        )


class OwnInterestForm(forms.Form):
    note = forms.CharField(
        label=_("Anything you would like us to know (optional)"),
        help_text=_("For example, the support you need to take part, or times that suit you."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

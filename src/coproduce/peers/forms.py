"""Forms for the peer network."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from coproduce.assessments.models import Assessment, AssessmentStatus
from coproduce.core.models import Organisation
from coproduce.core.queries import networks_around
from coproduce.peers import queries
from coproduce.peers.models import HelpKind, HelpRequest, LearningNote
from coproduce.sessions.models import Session
from coproduce.web.forms import RecordChoiceField


class ListingForm(forms.Form):
    offers = forms.MultipleChoiceField(
        label=_("What we can offer other organisations"),
        choices=HelpKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    offers_detail = forms.CharField(
        label=_("More about what we offer"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    looking_for = forms.MultipleChoiceField(
        label=_("What we are looking for"),
        choices=HelpKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    looking_for_detail = forms.CharField(
        label=_("More about what we are looking for"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    public = forms.BooleanField(
        label=_("Show our entry to everyone, not only to our networks"), required=False
    )


class RequestForm(forms.ModelForm):
    network = RecordChoiceField(
        label=_("Which network to ask"), queryset=Organisation.objects.none(), empty_label=None
    )
    assessment = RecordChoiceField(
        label=_("The self-assessment a peer reviewer would answer"),
        queryset=Assessment.objects.none(),
        required=False,
        empty_label=_("None"),
    )

    class Meta:
        model = HelpRequest
        fields = ["kind", "title", "detail", "network", "assessment"]
        widgets = {"kind": forms.RadioSelect, "detail": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["network"].queryset = networks_around(organisation).order_by("name")  # type: ignore[attr-defined]
        self.fields["assessment"].queryset = Assessment.objects.filter(  # type: ignore[attr-defined]
            organisation=organisation
        ).exclude(status=AssessmentStatus.CLOSED)


class OfferForm(forms.Form):
    message = forms.CharField(
        label=_("Your message to them"),
        help_text=_("Who would help, what you can do and when. They will see your name."),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class LearningForm(forms.ModelForm):
    learned_from = RecordChoiceField(
        label=_("Who we learned from"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Not one organisation"),
    )

    class Meta:
        model = LearningNote
        fields = ["title", "learned_from", "learned", "doing_differently"]
        widgets = {
            "learned": forms.Textarea(attrs={"rows": 4}),
            "doing_differently": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["learned_from"].queryset = queries.peers_of(organisation).order_by("name")  # type: ignore[attr-defined]


class OpenEventForm(forms.Form):
    session = RecordChoiceField(
        label=_("Which of our sessions"), queryset=Session.objects.none(), empty_label=None
    )
    places = forms.IntegerField(label=_("Places for members"), min_value=1, max_value=500)
    about = forms.CharField(
        label=_("What members should know"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, sessions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = sessions  # type: ignore[attr-defined]


class PlacesForm(forms.Form):
    places = forms.IntegerField(
        label=_("How many of your people are coming"),
        help_text=_("0 gives your places back."),
        min_value=0,
        max_value=200,
    )
    names = forms.CharField(label=_("Who is coming (optional)"), required=False, max_length=500)
    access_needs = forms.CharField(
        label=_("Anything the hosts should arrange"),
        help_text=_("For example: a hearing loop, step-free access, a quiet room."),
        required=False,
        max_length=500,
    )

"""Forms for the perspective cards."""

from django import forms
from django.utils.translation import gettext_lazy as _

from coproduce.workshop.cards import CARDS


class ReflectionForm(forms.Form):
    card = forms.ChoiceField(
        choices=[(card.key, card.key) for card in CARDS], widget=forms.HiddenInput
    )
    said = forms.CharField(
        label=_("What the group said"),
        help_text=_("In the group's words. Nobody is named."),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ItemForm(forms.Form):
    title = forms.CharField(label=_("What was raised, in a few words"), max_length=200)

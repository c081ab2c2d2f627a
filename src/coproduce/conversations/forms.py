"""Forms for conversations."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from coproduce.conversations.models import Post, Thread, Topic
from coproduce.core.models import Organisation, User
from coproduce.initiatives.models import Initiative
from coproduce.web.forms import RecordChoiceField, RecordsChoiceField

SENSITIVE_HINT = _(
    "Your words are shown, but not your name. The people named to moderate can "
    "still see it was you, so they can keep everyone safe."
)


class ThreadForm(forms.ModelForm):
    initiative = RecordChoiceField(
        label=_("Which initiative it is part of (optional)"),
        queryset=Initiative.objects.none(),
        required=False,
        empty_label=_("None"),
    )
    body = forms.CharField(
        label=_("Your message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )
    sensitive = forms.BooleanField(
        label=_("Only the moderators may see that this is from me"),
        help_text=SENSITIVE_HINT,
        required=False,
    )
    network_wide = forms.BooleanField(
        label=_("Ask the network's members: their staff can read and reply"), required=False
    )

    class Meta:
        model = Thread
        fields = ["topic", "title", "initiative"]
        widgets = {"topic": forms.RadioSelect}

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["initiative"].queryset = Initiative.objects.filter(  # type: ignore[attr-defined]
            organisation=organisation
        ).order_by("title")
        if not organisation.is_network:
            del self.fields["network_wide"]
            self.fields["topic"].choices = [  # type: ignore[attr-defined]
                choice for choice in Topic.choices if choice[0] != Topic.QUESTION
            ]


class ReplyForm(forms.ModelForm):
    class Meta:
        model = Post
        fields = ["body", "sensitive"]
        widgets = {"body": forms.Textarea(attrs={"rows": 4})}
        labels = {"body": _("Your reply")}
        help_texts = {"sensitive": SENSITIVE_HINT}


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Why"),
        help_text=_("Everyone in the conversation sees this."),
        max_length=500,
    )


class ModeratorsForm(forms.Form):
    users = RecordsChoiceField(
        label=_("Who moderates our conversations"),
        help_text=_("Only they can hide messages, and see who wrote a message marked sensitive."),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        users = self.fields["users"]
        users.queryset = User.objects.filter(memberships__organisation=organisation).order_by(  # type: ignore[attr-defined]
            "email"
        )
        users.label_from_instance = lambda user: user.get_full_name() or user.email  # type: ignore[attr-defined]

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from coproduce.messaging.queries import stoppable_topics


class StopForm(forms.Form):
    """A coordinator records that a person wants no more of one kind of message (or
    wants them again)."""

    topic = forms.ChoiceField(
        label=_("Which messages"),
        choices=stoppable_topics,
        error_messages={"required": _("Choose which messages.")},
    )
    action = forms.ChoiceField(
        choices=[("stop", _("Stop")), ("start", _("Start again"))],
        widget=forms.HiddenInput,
    )

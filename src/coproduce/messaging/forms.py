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


class SettingsForm(forms.Form):
    reminder_hours = forms.IntegerField(
        label=_("Remind people of a session this many hours before it"),
        help_text=_("24 is a day before. 0 sends no reminders."),
        min_value=0,
        max_value=168,
        error_messages={
            "required": _("Enter how many hours before, or 0 for no reminders."),
            "invalid": _("Enter a whole number of hours, like 24."),
            "min_value": _("Enter 0 or more hours."),
            "max_value": _("Enter 168 hours (a week) or fewer."),
        },
    )

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from coproduce.core.models import Organisation
from coproduce.initiatives.models import Initiative
from coproduce.people.models import Person
from coproduce.sessions.models import Attendance, ProposedBy, Session
from coproduce.sessions.services import AFTER_FIELDS, SESSION_FIELDS
from coproduce.web.forms import RecordChoiceField, RecordsChoiceField


class SessionForm(forms.ModelForm):
    starts_at = forms.DateTimeField(
        label=_("Starts"),
        input_formats=["%Y-%m-%dT%H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={
            "required": _("Enter when it starts."),
            "invalid": _("Enter a real date and time."),
        },
    )
    online_link = forms.URLField(
        label=_("Online link"), required=False, assume_scheme="https", max_length=200
    )
    initiative = RecordChoiceField(
        label=_("Initiative (optional)"),
        queryset=Initiative.objects.none(),
        required=False,
        empty_label=_("None"),
    )
    invitees = RecordsChoiceField(
        label=_("Who is invited"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("You will see what support they need before the day."),
    )

    class Meta:
        model = Session
        # What is planned; the debrief and what is owed are recorded afterwards (AfterForm).
        fields = [f for f in SESSION_FIELDS if f not in AFTER_FIELDS]
        widgets = {"venue_access": forms.Textarea}
        error_messages = {
            "title": {"required": _("Enter a title for the session.")},
            "kind": {"required": _("Choose the kind of session.")},
        }

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["initiative"].queryset = Initiative.objects.filter(  # type: ignore[attr-defined]
            organisation=organisation
        )
        self.fields["invitees"].queryset = Person.objects.choosable(  # type: ignore[attr-defined]
            organisation
        )


class NewSessionForm(SessionForm):
    """Planning: the session, and whether it repeats (a weekly group)."""

    repeat = forms.ChoiceField(
        label=_("Does it repeat?"),
        choices=[
            ("", _("No, just once")),
            ("weekly", _("Every week")),
            ("fortnightly", _("Every two weeks")),
        ],
        required=False,
        widget=forms.RadioSelect,
    )
    times = forms.IntegerField(
        label=_("How many sessions in all"),
        help_text=_("From 2 to 52. Each one can be changed or cancelled on its own later."),
        min_value=2,
        max_value=52,
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("repeat") and not data.get("times"):
            self.add_error("times", _("Enter how many sessions, from 2 to 52."))
        return data


class AfterForm(forms.ModelForm):
    class Meta:
        model = Session
        fields = AFTER_FIELDS
        labels = {
            "debrief_offered": _("A debrief was offered to people who shared their experience"),
            "debrief_notes": _("How it went (optional)"),
            "follow_up_owed": _("What we owe people now (optional)"),
        }
        help_texts = {
            "debrief_notes": _("What went well, and what to do differently next time."),
            "follow_up_owed": _(
                "Anything promised on the day: answers to find, people to call back."
            ),
        }
        widgets = {"debrief_notes": forms.Textarea, "follow_up_owed": forms.Textarea}


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is it cancelled?"),
        help_text=_("People who were invited will be told this."),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say why it is cancelled, so people can be told.")},
    )
    later = forms.BooleanField(
        label=_("Cancel the later sessions in this series too"), required=False
    )


class AgendaItemForm(forms.Form):
    title = forms.CharField(
        label=_("Agenda item"),
        max_length=200,
        error_messages={"required": _("Enter the agenda item.")},
    )
    proposed_by = forms.ChoiceField(
        label=_("Who proposed it?"),
        choices=ProposedBy.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Say who proposed it.")},
    )


class AttendanceDetailForm(forms.ModelForm):
    """One person's hours, role on the day and whether they spoke."""

    hours = forms.DecimalField(
        label=_("Hours"),
        min_value=0,
        max_value=24,
        max_digits=4,
        decimal_places=2,
        localize=False,
        widget=forms.TextInput(
            attrs={"inputmode": "decimal", "class": "govuk-input govuk-input--width-4"}
        ),
        error_messages={
            "required": _("Enter the hours as a number, like 1.5."),
            "invalid": _("Enter the hours as a number, like 1.5."),
            "min_value": _("Hours must be from 0 to 24."),
            "max_value": _("Hours must be from 0 to 24."),
        },
    )

    class Meta:
        model = Attendance
        fields = ["hours", "role", "spoke"]
        labels = {"role": _("Role on the day"), "spoke": _("Spoke")}
        widgets = {
            "role": forms.Select(attrs={"class": "govuk-select"}),
            "spoke": forms.CheckboxInput(attrs={"class": "govuk-checkboxes__input"}),
        }


# Only the people already on the register: no rows can be added or removed here.
AttendanceDetailFormSet = forms.modelformset_factory(
    Attendance, form=AttendanceDetailForm, extra=0, edit_only=True
)


class CalendarFeedForm(forms.Form):
    """Make (or reset) a private calendar link: a person's, or the organisation's."""

    person = RecordChoiceField(
        label=_("Whose calendar (optional)"),
        queryset=Person.objects.none(),
        required=False,
        empty_label=_("The organisation's: every session"),
        help_text=_("A person's calendar shows the sessions they are invited to."),
    )
    send = forms.BooleanField(
        label=_("Send it to them the way they prefer"),
        required=False,
        initial=True,
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.choosable(  # type: ignore[attr-defined]
            organisation
        )

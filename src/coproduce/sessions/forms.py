from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from coproduce.core.models import Organisation
from coproduce.initiatives.models import Initiative
from coproduce.people.models import Person
from coproduce.sessions.models import ProposedBy, Session
from coproduce.sessions.services import SESSION_FIELDS


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
    initiative = forms.ModelChoiceField(
        label=_("Initiative (optional)"),
        queryset=Initiative.objects.none(),
        required=False,
        empty_label=_("None"),
    )
    invitees = forms.ModelMultipleChoiceField(
        label=_("Who is invited"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("You will see what support they need before the day."),
    )

    class Meta:
        model = Session
        fields = SESSION_FIELDS
        widgets = {"venue_access": forms.Textarea, "follow_up_owed": forms.Textarea}
        error_messages = {
            "title": {"required": _("Enter a title for the session.")},
            "kind": {"required": _("Choose the kind of session.")},
        }

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["initiative"].queryset = Initiative.objects.filter(  # type: ignore[attr-defined]
            organisation=organisation
        )
        self.fields["invitees"].queryset = Person.objects.filter(  # type: ignore[attr-defined]
            organisation=organisation
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


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Columns: session, person, hours and, if you like, role. One row for each person at "
            "each session."
        ),
        error_messages={"required": _("Choose a CSV file.")},
    )

    MAX_BYTES = 10 * 1024 * 1024

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("The file must be 10 MB or smaller."))
        return upload

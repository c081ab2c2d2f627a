from __future__ import annotations

import time
from typing import Any

from django import forms
from django.core import signing
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from coproduce.initiatives.models import ServiceArea
from coproduce.library.models import CaseStudy, GlossaryTerm, ToolkitPage
from coproduce.sessions.models import Co
from coproduce.web.forms import RecordChoiceField
from coproduce.web.widgets import DateInput

# A person takes longer than this to tell a story; a robot does not.
FASTEST_HUMAN_SECONDS = 5
STAMP_SALT = "library.share"


class StoryForm(forms.ModelForm):
    cos = forms.MultipleChoiceField(
        label=_("Which of the four Co's does it show?"),
        choices=Co.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    service_area = forms.ChoiceField(
        label=_("Service area"),
        choices=[("", _("Choose one")), *ServiceArea.choices],
        required=False,
    )
    # A Welsh version, shown to people reading in Welsh (kept in CaseStudy.welsh).
    welsh_title = forms.CharField(label=_("Title in Welsh"), max_length=200, required=False)
    welsh_summary = forms.CharField(
        label=_("Summary in Welsh"), max_length=400, required=False, widget=forms.Textarea
    )
    welsh_easy_read = forms.CharField(
        label=_("Easy read summary in Welsh"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        welsh = self.instance.welsh if self.instance and self.instance.pk else {}
        for name in CaseStudy.WELSH_FIELDS:
            self.fields[f"welsh_{name}"].initial = welsh.get(name, "")

    class Meta:
        model = CaseStudy
        fields = [
            "title",
            "summary",
            "problem",
            "who_and_how",
            "what_changed",
            "cost",
            "learning",
            "easy_read",
            "place",
        ]
        widgets = {
            "problem": forms.Textarea,
            "who_and_how": forms.Textarea,
            "what_changed": forms.Textarea,
            "cost": forms.Textarea(attrs={"rows": 3}),
            "learning": forms.Textarea(attrs={"rows": 3}),
            "easy_read": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "title": {"required": _("Give the story a title.")},
            "summary": {"required": _("Say what happened in one or two sentences.")},
            "problem": {"required": _("Say what the problem was.")},
            "who_and_how": {"required": _("Say who was involved, and how.")},
            "what_changed": {"required": _("Say what changed.")},
        }


class EditStoryForm(StoryForm):
    """The story form on its edit page, where it can also be sent for review."""

    send_for_review = forms.BooleanField(required=False, widget=forms.HiddenInput)


class ShareForm(StoryForm):
    """The public form, for people without an account. Spam is kept out by a field
    only robots fill in (hidden from everyone, screen readers included) and by how
    quickly the form comes back, never by a puzzle."""

    website = forms.CharField(label=_("Leave this empty"), required=False)
    stamp = forms.CharField(widget=forms.HiddenInput)

    class Meta(StoryForm.Meta):
        fields = [*StoryForm.Meta.fields, "submitter_name", "submitter_email"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["submitter_name"].required = True
        self.fields["submitter_email"].required = True
        if not self.is_bound:
            self.initial["stamp"] = signing.dumps(time.time(), salt=STAMP_SALT)

    def restamp(self) -> None:
        """After errors, send the page back with a new stamp, so that someone who
        waited a day or was turned away can simply send it again."""
        data = QueryDict(mutable=True)
        for key, values in getattr(self.data, "lists", list)():
            data.setlist(key, values)
        data["stamp"] = signing.dumps(time.time(), salt=STAMP_SALT)
        self.data = data

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        try:
            started = float(
                signing.loads(self.data.get("stamp", ""), salt=STAMP_SALT, max_age=86400)
            )
        except (signing.BadSignature, TypeError, ValueError):
            started = time.time()  # no proof of when the form was shown: treat as instant
        if data.get("website") or time.time() - started < FASTEST_HUMAN_SECONDS:
            raise forms.ValidationError(
                _("We could not accept this. Please wait a moment and send it again."),
                code="spam",
            )
        return data


class ModerationForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (needed when asking for changes or withdrawing)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=500,
    )


class PersonOnRecordForm(forms.Form):
    """A form that may point at someone on the organisation's records."""

    person: forms.ModelChoiceField[Any] = RecordChoiceField(
        label=_("The person on our records (optional)"),
        queryset=None,
        required=False,
        empty_label=_("Not on our records"),
    )

    def __init__(self, *args: Any, organisation: Any, **kwargs: Any) -> None:
        from coproduce.people.models import Person

        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.choosable(organisation)  # type: ignore[attr-defined]


class QuoteForm(PersonOnRecordForm):
    text = forms.CharField(
        label=_("What they said"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    speaker = forms.CharField(
        label=_("Who said it"), max_length=120, help_text=_("For example: a carer, a young person.")
    )
    field_order = ["text", "speaker", "person"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].help_text = _(
            "They must have agreed to be quoted. If they withdraw, the quote disappears."
        )


class GlossaryTermForm(forms.ModelForm):
    also_called = forms.CharField(
        label=_("Also called"),
        help_text=_(
            "Other names and abbreviations, one on each line. "
            "Searching the library for any of them finds the others."
        ),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    class Meta:
        model = GlossaryTerm
        fields = ["term", "definition", "framework_key", "also_called"]
        widgets = {"definition": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["also_called"] = "\n".join(self.instance.also_called)

    def clean_also_called(self) -> list[str]:
        names = [line.strip() for line in self.cleaned_data["also_called"].splitlines()]
        names = [name for name in names if name]
        if len(names) > 20 or any(len(name) > 100 for name in names):
            raise forms.ValidationError(
                _("Give at most 20 other names, each under 100 characters.")
            )
        return names


class ToolkitPageForm(forms.ModelForm):
    class Meta:
        model = ToolkitPage
        fields = ["section", "title", "body", "position"]
        widgets = {"body": forms.Textarea}


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("File"), help_text=_("A photo (JPEG or PNG) or a PDF, up to 5 MB.")
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    alt_text = forms.CharField(
        label=_("Describe the image for people who cannot see it (images only)"),
        max_length=300,
        required=False,
    )


class CreditForm(PersonOnRecordForm):
    name = forms.CharField(label=_("Name to show"), max_length=200)
    role = forms.CharField(label=_("Their part in it (optional)"), max_length=200, required=False)
    agreed_on = forms.DateField(
        label=_("Date they agreed to be named (if not on our records)"),
        required=False,
        widget=DateInput(),
    )
    field_order = ["name", "role", "person", "agreed_on"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].help_text = _(
            "If they are on our records, their agreement to be named must be recorded there."
        )

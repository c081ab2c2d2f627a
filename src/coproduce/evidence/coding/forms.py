"""Forms for documents, the codebook, speakers and agreement."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from coproduce.core.models import Organisation, User
from coproduce.evidence.forms import OrganisationForm
from coproduce.evidence.models import (
    DocumentKind,
    SpeakerGroup,
)
from coproduce.frameworks.models import Framework
from coproduce.initiatives.models import Initiative
from coproduce.people.forms import PersonChoiceField
from coproduce.people.models import Person
from coproduce.web.forms import RecordChoiceField, choose_from


class DocumentForm(OrganisationForm):
    title = forms.CharField(
        label=_("Title"), max_length=200, error_messages={"required": _("Give it a title.")}
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=DocumentKind.choices, widget=forms.RadioSelect
    )
    file = forms.FileField(
        label=_("Upload a file (optional)"),
        required=False,
        help_text=_("A Word file, a PDF with text in it, or plain text. Up to 5 MB."),
    )
    text = forms.CharField(
        label=_("Or paste the text"),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        max_length=500_000,
        help_text=_(
            "Leave a blank line between passages. Start a line with a name and a colon "
            "to say who spoke."
        ),
    )
    initiative = RecordChoiceField(
        label=_("Initiative (optional)"), queryset=Initiative.objects.none(), required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("file") and not (data.get("text") or "").strip():
            self.add_error("text", _("Upload a file or paste the text."))
        return data


class SpeakerForm(forms.Form):
    speaker_group = forms.ChoiceField(
        label=_("Who said it"),
        choices=[("", _("Not known"))] + list(SpeakerGroup.choices),
        required=False,
    )
    person = PersonChoiceField(
        label=_("Person on our records (optional)"),
        queryset=Person.objects.none(),
        required=False,
        help_text=_("Their agreement to be quoted then comes from their record."),
    )
    agreed_to_quote = forms.BooleanField(
        label=_("Someone not on our records who agreed to be quoted"), required=False
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.choosable(organisation)  # type: ignore[attr-defined]


class CodeForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=120, error_messages={"required": _("Name the code.")}
    )
    description = forms.CharField(
        label=_("What it covers (optional)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
    )


class FrameworkCodesForm(forms.Form):
    framework = RecordChoiceField(
        label=_("Add every item of a framework"),
        queryset=Framework.objects.none(),
        error_messages={"required": _("Choose a framework.")},
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["framework"].queryset = (  # type: ignore[attr-defined]
            Framework.objects.current()
            .filter(Q(organisation__isnull=True) | Q(organisation=organisation))
            .order_by("title")
        )


class AgreementForm(forms.Form):
    first = RecordChoiceField(label=_("First coder"), queryset=User.objects.none())
    second = RecordChoiceField(label=_("Second coder"), queryset=User.objects.none())

    def __init__(self, *args: Any, coders: list[User], **kwargs: Any) -> None:
        """`coders`, already read: the list is shown twice and checked by number."""
        super().__init__(*args, **kwargs)
        listed = User.objects.filter(pk__in=[coder.pk for coder in coders])
        for name in ("first", "second"):
            field = self.fields[name]
            field.queryset = listed  # type: ignore[attr-defined]
            field.label_from_instance = lambda u: u.email  # type: ignore[attr-defined]
            choose_from(field, coders)  # type: ignore[arg-type]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("first") and data.get("first") == data.get("second"):
            self.add_error("second", _("Choose two different coders."))
        return data

"""Forms for people, consents and equality information. They check shape; services check rules."""

from collections.abc import Iterator
from typing import Any

from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coproduce.people.models import (
    AccessNeedKind,
    AgeBand,
    ConsentPurpose,
    Disability,
    Ethnicity,
    Gender,
    LivedExperience,
    Person,
    RecognitionPreference,
)
from coproduce.people.services import PERSON_FIELDS
from coproduce.web.forms import RecordChoiceField
from coproduce.web.widgets import DateInput, QuickSelect

NOT_RECORDED = [("", _("Not recorded"))]


class _Names(ModelChoiceIterator):
    """The choices as (number, name) read straight from the database: listing everyone
    in an organisation does not build a whole record for each of them (issue 23)."""

    def __iter__(self) -> Iterator[tuple[Any, Any]]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from self.queryset.values_list("pk", "preferred_name")  # str(person)

    def __len__(self) -> int:
        return self.queryset.count() + (self.field.empty_label is not None)


class PersonChoiceField(RecordChoiceField):
    """Choose one person. The list can hold everyone in an organisation, so it renders in
    one pass (QuickSelect, or the GOV.UK field's own one pass) from names alone."""

    widget = QuickSelect
    iterator = _Names


class PersonForm(forms.ModelForm):
    access_needs = forms.MultipleChoiceField(
        label=_("Access needs"),
        choices=AccessNeedKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Select all that apply. This helps organisers plan each meeting."),
    )

    class Meta:
        model = Person
        fields = PERSON_FIELDS
        widgets = {
            "contact_preference": forms.RadioSelect,
            "recognition_preference": forms.RadioSelect,
            "access_notes": forms.Textarea,
            "postal_address": forms.Textarea(attrs={"rows": 4, "autocomplete": "street-address"}),
        }
        help_texts = {
            "preferred_name": _("The name they like to be called."),
            "full_name": _("Only if it is needed, for example to pay them."),
            "preferred_language": _(
                "For example, Welsh, Polish or Bengali. Leave empty for English."
            ),
            "recognition_preference": _(
                "People on benefits may prefer time credits or vouchers to payment. "
                "It is always their choice."
            ),
        }
        error_messages = {
            "preferred_name": {
                "required": _("Enter the name they like to be called."),
                "max_length": _("Preferred name must be 100 characters or fewer."),
            },
            "email": {
                "invalid": _("Enter an email address in the right format, like name@example.org."),
            },
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["access_needs"] = list(
                self.instance.access_needs.values_list("kind", flat=True)
            )

    def details(self) -> dict[str, Any]:
        return {field: self.cleaned_data[field] for field in PERSON_FIELDS}


class PeopleFilterForm(forms.Form):
    q = forms.CharField(label=_("Search by name or email"), required=False, max_length=200)
    access_need = forms.ChoiceField(
        label=_("Access need"),
        choices=[("", _("Any"))] + AccessNeedKind.choices,
        required=False,
    )
    recognition = forms.ChoiceField(
        label=_("Recognition"),
        choices=[("", _("Any"))] + RecognitionPreference.choices,
        required=False,
    )
    has_login = forms.ChoiceField(
        label=_("Signs in"),
        choices=[("", _("Any")), ("yes", _("Signs in")), ("no", _("Does not sign in"))],
        required=False,
    )

    def filters(self) -> dict[str, Any]:
        """The filters to apply; an invalid form applies none."""
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        has_login = {"yes": True, "no": False}.get(data["has_login"])
        return {
            "search": data["q"],
            "access_need": data["access_need"],
            "recognition": data["recognition"],
            "has_login": has_login,
        }


class ConsentForm(forms.Form):
    purpose = forms.ChoiceField(
        label=_("What did they agree to?"),
        choices=ConsentPurpose.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what they agreed to.")},
    )
    given_on = forms.DateField(
        label=_("Date they agreed"),
        # A native date picker needs ISO dates, whatever the display locale.
        widget=DateInput(),
        error_messages={
            "required": _("Enter the date they agreed."),
            "invalid": _("Enter a real date."),
        },
    )
    how_given = forms.CharField(
        label=_("How did they agree?"),
        max_length=200,
        required=False,
        help_text=_("For example, signed the easy read form at the forum meeting."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["given_on"].widget.input_type = "date"
        self.fields["given_on"].initial = timezone.localdate()


class SpecialCategoryForm(forms.Form):
    ethnicity = forms.ChoiceField(
        label=_("Ethnic group"),
        choices=NOT_RECORDED + Ethnicity.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    gender = forms.ChoiceField(
        label=_("Gender"),
        choices=NOT_RECORDED + Gender.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    gender_description = forms.CharField(
        label=_("If they describe their gender another way, how?"), max_length=60, required=False
    )
    age_band = forms.ChoiceField(
        label=_("Age"), choices=NOT_RECORDED + AgeBand.choices, required=False
    )
    disability = forms.ChoiceField(
        label=_("Do they consider themselves disabled?"),
        choices=NOT_RECORDED + Disability.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    lived_experience = forms.MultipleChoiceField(
        label=_("Lived experience they want to bring"),
        choices=LivedExperience.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only what they have chosen to share."),
    )


class ColumnsForm(forms.Form):
    """Which of the file's columns holds each of our fields."""

    def __init__(self, *args: Any, headers: list[str], **kwargs: Any) -> None:
        from coproduce.people.import_queries import IMPORT_FIELDS

        super().__init__(*args, **kwargs)
        choices = [("", _("Not in this file")), *[(h, h) for h in headers]]
        for name, label in IMPORT_FIELDS.items():
            self.fields[name] = forms.ChoiceField(label=label, choices=choices, required=False)

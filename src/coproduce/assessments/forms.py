"""Forms for assessments. They check shape; services check the rules."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from coproduce.assessments.models import (
    ActionStatus,
    Assessment,
    RespondentGroup,
    Scale,
    ScalePoint,
)
from coproduce.assessments.queries import reviewers_in, scales_for, statement_sets_for
from coproduce.assessments.services import AnswerInput
from coproduce.core.ids import id_or_none
from coproduce.core.models import Organisation, User
from coproduce.frameworks.models import FrameworkItem, Statement, StatementSet
from coproduce.people.forms import PersonChoiceField
from coproduce.people.models import Person
from coproduce.web.forms import RecordChoiceField, choose_from
from coproduce.web.welsh import in_reader_language
from coproduce.web.widgets import DateInput

DONT_KNOW = "dont_know"


class AssessmentForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        required=False,
        help_text=_("Leave empty to use the statement set's title."),
    )
    subject = forms.CharField(
        label=_("What are you assessing?"),
        max_length=200,
        required=False,
        help_text=_(
            "The whole organisation, or one initiative or service. "
            "Leave empty for the whole organisation."
        ),
    )
    statement_set = RecordChoiceField(
        label=_("Which statements will people rate?"),
        queryset=StatementSet.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": _("Choose the statements to rate.")},
    )
    scale = RecordChoiceField(
        label=_("Which scale will people use?"),
        queryset=Scale.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
        required=False,
        help_text=_("Leave it to use the shared 0 to 4 scale."),
    )
    previous = RecordChoiceField(
        label=_("Is this a new round of an earlier assessment?"),
        queryset=Assessment.objects.none(),
        required=False,
        empty_label=_("No, this is the first round"),
        help_text=_("Open actions from the earlier round are carried into this one."),
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        sets = statement_sets_for(organisation).order_by("framework__title")
        field = self.fields["statement_set"]
        field.queryset = sets  # type: ignore[attr-defined]
        field.label_from_instance = lambda s: (  # type: ignore[attr-defined]
            f"{s.title} ({s.framework.title}, {s.statement_count} statements)"
        )
        scale = self.fields["scale"]
        scale.queryset = scales_for(organisation)  # type: ignore[attr-defined]
        scale.label_from_instance = lambda s: (  # type: ignore[attr-defined]
            f"{s.name}: " + ", ".join(f"{p.value} {p.label}" for p in s.points.all())
        )
        default = scale.queryset.filter(organisation__isnull=True).first()  # type: ignore[attr-defined]
        scale.initial = default.pk if default else None
        self.fields["previous"].queryset = Assessment.objects.filter(  # type: ignore[attr-defined]
            organisation=organisation
        )


class InviteForm(forms.Form):
    group = forms.ChoiceField(
        label=_("Which group will they answer for?"),
        choices=RespondentGroup.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a group.")},
    )
    person = PersonChoiceField(
        label=_("Who is it? (optional)"),
        queryset=Person.objects.none(),
        required=False,
        empty_label=_("Someone not on our records"),
        help_text=_(
            'Their answers are shown under a label such as "Co-producers 3", never their name.'
        ),
    )
    user = RecordChoiceField(
        label=_("Peer reviewer's account (optional)"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("None: they will answer through the link only"),
        help_text=_(
            "Linking their account lets them see the results of this assessment, "
            "and nothing else here."
        ),
    )
    reviewer_organisation = forms.CharField(
        label=_("Peer reviewer's organisation (optional)"), max_length=200, required=False
    )
    send = forms.BooleanField(
        label=_("Send the person their link, the way they prefer"),
        help_text=_("Only when you choose someone on our records."),
        required=False,
        initial=True,
    )
    valid_days = forms.IntegerField(
        label=_("How many days should the link work?"),
        min_value=1,
        max_value=365,
        initial=30,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "min_value": _("A link can last from 1 to 365 days."),
            "max_value": _("A link can last from 1 to 365 days."),
            "invalid": _("Enter a number of days, like 30."),
        },
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.choosable(  # type: ignore[attr-defined]
            organisation
        )
        self.fields["user"].queryset = reviewers_in(organisation)  # type: ignore[attr-defined]


class PreferencesForm(forms.Form):
    one_per_screen = forms.TypedChoiceField(
        label=_("How would you like to answer?"),
        choices=[("yes", _("One statement at a time")), ("no", _("All statements on one page"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        initial="yes",
    )
    easy_read = forms.BooleanField(label=_("Use easy read wording"), required=False)


def _point(point: ScalePoint, easy_read: bool) -> str:
    """A point of the scale as a person answering reads it: in easy read where they
    asked for it and the scale has the words."""
    easy = in_reader_language(point, "easy_read")
    if easy_read and easy:
        return str(easy)
    label, descriptor = in_reader_language(point, "label"), in_reader_language(point, "descriptor")
    return f"{point.value}: {label}. {descriptor}"


class AnswerForm(forms.Form):
    rating = forms.ChoiceField(
        label="",
        widget=forms.RadioSelect,
        error_messages={"required": _('Choose an answer, or "I don\'t know".')},
    )
    evidence = forms.CharField(
        label=_("Anything you want to add? (optional)"),
        widget=forms.Textarea,
        required=False,
        max_length=5000,
        help_text=_("For example, something that happened that shows this."),
    )
    evidence_link = forms.URLField(
        label=_("A link that shows it (optional)"),
        help_text=_("For example, meeting notes, a report or a shared folder."),
        required=False,
        max_length=500,
        assume_scheme="https",
        error_messages={"invalid": _("Enter a web address, like https://example.org/notes")},
    )

    def __init__(
        self,
        *args: Any,
        statement: Statement,
        scale: Scale,
        easy_read: bool,
        required: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.statement = statement
        rating = self.fields["rating"]
        easy = in_reader_language(statement, "easy_read")
        rating.label = easy if easy_read and easy else in_reader_language(statement, "text")
        rating.choices = [  # type: ignore[attr-defined]
            (str(p.value), _point(p, easy_read)) for p in scale.points.all()
        ] + [(DONT_KNOW, _("I don't know"))]
        rating.required = required

    def answer(self) -> AnswerInput | None:
        rating = self.cleaned_data.get("rating")
        if not rating:
            return None
        dont_know = rating == DONT_KNOW
        return AnswerInput(
            statement_id=self.statement.pk,
            score=None if dont_know else int(rating),
            dont_know=dont_know,
            evidence=self.cleaned_data.get("evidence", ""),
            evidence_link=self.cleaned_data.get("evidence_link", ""),
        )


class ModerationForm(forms.Form):
    item = RecordChoiceField(
        label=_("Principle"), queryset=FrameworkItem.objects.none(), empty_label=None
    )
    agreed_score = forms.DecimalField(
        label=_("Agreed score"),
        min_value=0,
        max_value=10,
        decimal_places=2,
        error_messages={
            "required": _("Enter the score you agreed."),
            "invalid": _("Enter a number, like 2 or 2.5."),
        },
    )
    reason = forms.CharField(
        label=_("Why did views differ, and how did you agree?"),
        widget=forms.Textarea,
        max_length=5000,
        error_messages={"required": _("Say why the views differed.")},
    )

    def __init__(self, *args: Any, items: Any, listed: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = items  # type: ignore[attr-defined]
        if listed is not None:  # the page has read them already
            choose_from(self.fields["item"], listed)  # type: ignore[arg-type]


class ActionForm(forms.Form):
    title = forms.CharField(
        label=_("What will be done?"),
        max_length=300,
        error_messages={"required": _("Say what will be done.")},
    )
    owner = forms.CharField(
        label=_("Who will do it?"),
        max_length=200,
        error_messages={"required": _("Say who will do it.")},
    )
    due_on = forms.DateField(
        label=_("By when? (optional)"),
        required=False,
        widget=DateInput(),
        error_messages={"invalid": _("Enter a real date.")},
    )
    item = RecordChoiceField(
        label=_("Which principle is it for?"),
        queryset=FrameworkItem.objects.none(),
        required=False,
        empty_label=_("More than one"),
    )

    def __init__(self, *args: Any, items: Any, listed: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = items  # type: ignore[attr-defined]
        if listed is not None:  # the page has read them already
            choose_from(self.fields["item"], listed)  # type: ignore[arg-type]


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(choices=ActionStatus.choices)


class LevelsForm(forms.Form):
    levels = forms.CharField(
        label=_("Your levels, one per line"),
        widget=forms.Textarea,
        max_length=2000,
        help_text=_(
            "Write each level as: name = lowest average score. For example: Gold standard = 3.5"
        ),
    )

    def clean_levels(self) -> list[tuple[str, Any]]:
        parsed = []
        for line in self.cleaned_data["levels"].splitlines():
            if not line.strip():
                continue
            name, sep, number = line.rpartition("=")
            try:
                minimum = Decimal(number.strip())
            except InvalidOperation:
                minimum = None
            if not sep or not name.strip() or minimum is None or not 0 <= minimum <= 10:
                raise forms.ValidationError(
                    _(
                        "Write each line as: name = number, for example Gold standard = 3.5. "
                        "This line is not right: %(line)s"
                    )
                    % {"line": line.strip()}
                )
            parsed.append((name.strip()[:60], minimum))
        if not parsed:
            raise forms.ValidationError(_("Add at least one level."))
        return parsed


def items_for(assessment: Assessment) -> Any:
    return (
        FrameworkItem.objects.filter(statements__statement_set_id=assessment.statement_set_id)
        .distinct()
        .order_by("position")
    )


class ScaleForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the scale"),
        max_length=100,
        error_messages={"required": _("Give the scale a name.")},
    )
    points = forms.CharField(
        label=_("Points, one per line"),
        widget=forms.Textarea,
        max_length=4000,
        help_text=_(
            "Write each point as: number = label: what it means. "
            "For example: 0 = Not yet: this does not happen yet."
        ),
        error_messages={"required": _("Add the points of the scale, one per line.")},
    )

    def clean_points(self) -> list[tuple[int, str, str]]:
        parsed = []
        for line in self.cleaned_data["points"].splitlines():
            if not line.strip():
                continue
            number, sep, rest = line.partition("=")
            label, _colon, descriptor = rest.partition(":")
            if not sep or id_or_none(number) is None or not label.strip():
                raise forms.ValidationError(
                    _(
                        "Write each line as: number = label: what it means. "
                        "This line is not right: %(line)s"
                    )
                    % {"line": line.strip()}
                )
            parsed.append((int(number), label.strip(), descriptor.strip()))
        return parsed

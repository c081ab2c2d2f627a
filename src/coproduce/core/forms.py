"""Forms for memberships and invitations."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from coproduce.core.models import ROLE_HELP, OrganisationKind, Role


def _role_choices() -> list[tuple[str, str]]:
    return [(value, f"{label}: {ROLE_HELP[Role(value)]}") for value, label in Role.choices]


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        error_messages={
            "required": _("Enter the email address of the person you are inviting."),
            "invalid": _("Enter an email address in the right format, like name@example.org."),
        },
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=_role_choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the role they will have.")},
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on a form: by field where the form has that field,
    otherwise at the top of the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, problems in error.message_dict.items():
        form.add_error(field if field in form.fields else None, problems)


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        help_text=_("Something to recognise it by, like the program that will use it."),
        max_length=100,
        error_messages={"required": _("Give the token a name.")},
    )
    organisation = forms.ChoiceField(
        label=_("Which organisation it is for"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose which organisation the token is for.")},
    )
    access = forms.ChoiceField(
        label=_("What it may do"),
        choices=[
            ("read", _("Read only")),
            ("write", _("Read and change records")),
        ],
        initial="read",
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what the token may do.")},
    )
    days = forms.TypedChoiceField(
        label=_("How long it works"),
        choices=[("30", _("30 days")), ("90", _("90 days")), ("365", _("A year"))],
        coerce=int,
        initial="90",
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how long the token works.")},
    )

    def __init__(self, *args: Any, organisations: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("All the organisations I have a role in")), *organisations]
        field.required = False


class OrganisationRequestForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the organisation"),
        max_length=200,
        error_messages={"required": _("Enter the name of the organisation.")},
    )
    kind = forms.ChoiceField(
        label=_("Kind of organisation"),
        choices=OrganisationKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the kind of organisation.")},
    )
    place = forms.CharField(
        label=_("Where it works"),
        help_text=_("A town, borough, county or area, like Cardiff or North Yorkshire."),
        max_length=200,
        error_messages={"required": _("Say where it works, like a town, borough or county.")},
    )
    description = forms.CharField(
        label=_("What it does (optional)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class DecisionForm(forms.Form):
    reason = forms.CharField(label=_("Why not (needed to say no)"), required=False, max_length=300)


class JoinAskForm(forms.Form):
    """Asking to join: as yourself, or for an organisation you run (networks only)."""

    member = forms.ChoiceField(label=_("Who is asking to join?"), widget=forms.RadioSelect)
    message = forms.CharField(
        label=_("Message to the admins (optional)"),
        help_text=_("Say who you are and why you would like to join."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        member = self.fields["member"]
        assert isinstance(member, forms.ChoiceField)
        member.choices, member.initial = choices, choices[0][0]


class JoinDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", _("Yes")), ("decline", _("No"))],
        error_messages={"required": _("Say yes or no.")},
    )
    role = forms.ChoiceField(label=_("Their role"), choices=Role.choices, required=False)
    reason = forms.CharField(label=_("Why not (needed to say no)"), required=False, max_length=300)

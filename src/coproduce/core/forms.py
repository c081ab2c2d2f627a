"""Forms for memberships and invitations."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from coproduce.core.models import ROLE_HELP, Role


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

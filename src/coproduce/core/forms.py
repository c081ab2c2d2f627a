"""Forms for memberships and invitations."""

from django import forms
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

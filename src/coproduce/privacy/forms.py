"""Forms for data protection pages."""

from django import forms
from django.utils.translation import gettext_lazy as _


class RetentionForm(forms.Form):
    contact_details_years = forms.IntegerField(
        label=_("Clear contact details after this many years without taking part"),
        help_text=_(
            "Leave empty to keep them until someone asks. People are told this "
            "when they first give their details."
        ),
        required=False,
        min_value=1,
        max_value=20,
        error_messages={
            "invalid": _("Enter a whole number of years."),
            "min_value": _("Choose from 1 to 20 years, or leave it empty."),
            "max_value": _("Choose from 1 to 20 years, or leave it empty."),
        },
    )

from django import forms
from django.utils.translation import gettext_lazy as _

from coproduce.frameworks.models import FrameworkKind


class FrameworkForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        error_messages={"required": _("Enter a title for the framework.")},
    )
    kind = forms.ChoiceField(
        label=_("What kind of framework is it?"),
        choices=FrameworkKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what kind of framework this is.")},
    )
    description = forms.CharField(
        label=_("What is it for?"), widget=forms.Textarea, required=False, max_length=2000
    )
    source = forms.CharField(
        label=_("Where does it come from?"),
        required=False,
        max_length=400,
        help_text=_("For example, the report or the meeting where it was agreed."),
    )
    items_text = forms.CharField(
        label=_("Items, one per line"),
        widget=forms.Textarea,
        max_length=10_000,
        help_text=_(
            "Start a line with a dash (-) to put it under the item above. "
            "Add a description after a colon, for example: Trust: we keep our promises."
        ),
        error_messages={"required": _("Add at least one item, one per line.")},
    )
    statements_text = forms.CharField(
        label=_("Statements to assess yourselves against (optional)"),
        widget=forms.Textarea,
        required=False,
        max_length=20_000,
        help_text=_(
            "One per line: the item it belongs to, a colon, then the statement. Add "
            "easy-read words after a |, for example: Trust: We keep our promises to "
            "people. | We do what we say."
        ),
    )

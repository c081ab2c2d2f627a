"""Template tags that render Django forms with GOV.UK Frontend markup."""

from typing import Any

from django import forms, template
from django.core.exceptions import NON_FIELD_ERRORS
from django.forms import BoundField
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from coproduce.web.widgets import DateInput, date_parts, option_tags

register = template.Library()


def field_kind(field: BoundField) -> str:
    """Which GOV.UK component renders this field."""
    widget = field.field.widget
    if isinstance(widget, DateInput):
        return "date"
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    return "input"


def first_input_id(field: BoundField) -> str:
    """The id an error summary link should jump to for this field."""
    if field_kind(field) in {"checkboxes", "radios"}:
        return f"{field.auto_id}_0"
    if field_kind(field) == "date":
        return f"{field.auto_id}-day"
    return str(field.auto_id)


def _select_options(field: BoundField) -> SafeString:
    """A select's options, made in one pass (`widgets.option_tags`), with the empty
    choice saying what it means."""
    widget = field.field.widget
    chosen = {str(v) for v in widget.format_value(field.value())}
    empty = _("Choose one") if field.field.required else _("None")
    return option_tags(widget.choices, chosen, str(empty))


def _boxes(field: BoundField) -> list[dict[str, Any]]:
    """Each radio or checkbox as a plain dict, which the template reads fastest."""
    return [
        {
            "id": choice.id_for_label,
            "value": choice.data["value"],
            "label": _("None") if choice.choice_label == "---------" else choice.choice_label,
            "checked": choice.data["selected"],
            "divider": choice.data["value"] == "dont_know",
        }
        for choice in field.subwidgets
    ]


@register.inclusion_tag("web/includes/field.html")
def govuk_field(
    field: BoundField,
    hint: str = "",
    classes: str = "",
    autocomplete: str = "",
    heading: bool = False,
    small: bool = False,
) -> dict[str, Any]:
    """Render one field: label, hint, error message and the right input."""
    hint = hint or str(field.help_text or "")
    widget = field.field.widget
    input_type = getattr(widget, "input_type", "text")
    # Passwords are never written back into the page.
    value = None if input_type == "password" else field.value()
    if value is not None and not isinstance(value, (list, tuple)):
        value = widget.format_value(value)
    kind = field_kind(field)
    # A date always has a hint: the example of how to write one.
    described = [f"{field.auto_id}-hint"] if hint or kind == "date" else []
    if field.errors:
        described.append(f"{field.auto_id}-error")
    return {
        "field": field,
        "kind": kind,
        # GOV.UK marks the fields that may be left empty, not the ones that may not. A
        # single checkbox is a yes or no, so it is never marked.
        "optional": not field.field.required
        and kind != "checkbox"
        and str(_("(optional)")) not in str(field.label),
        # A list to choose several from (people invited, people who raised something).
        "multiple": getattr(widget, "allow_multiple_selected", False),
        "input_type": input_type,
        "value": value,
        "hint": hint,
        "classes": classes,
        "autocomplete": autocomplete or widget.attrs.get("autocomplete", ""),
        "heading": heading,
        "small": small,
        "describedby": " ".join(described),
        "parts": date_parts(field.value()) if kind == "date" else None,
        "options": _select_options(field) if kind == "select" else "",
        "boxes": _boxes(field) if kind in {"radios", "checkboxes"} else [],
    }


@register.inclusion_tag("web/includes/error_summary.html")
def govuk_error_summary(*forms_: forms.BaseForm | forms.BaseFormSet | None) -> dict[str, Any]:
    """List every error on the given forms and formsets, each linking to its field."""
    errors: list[dict[str, str]] = []
    flat: list[forms.BaseForm | None] = []
    for item in forms_:
        if isinstance(item, forms.BaseFormSet):
            if item.is_bound:
                errors.extend({"href": "", "message": str(e)} for e in item.non_form_errors())
            flat.extend(item.forms)
        else:
            flat.append(item)
    for form in flat:
        if form is None or not form.is_bound:
            continue
        errors.extend({"href": "", "message": str(e)} for e in form.non_field_errors())
        for name in form.errors:
            if name == NON_FIELD_ERRORS or name not in form.fields:
                continue
            bound = form[name]
            errors.extend(
                {"href": f"#{first_input_id(bound)}", "message": str(e)} for e in bound.errors
            )
    return {"errors": errors}

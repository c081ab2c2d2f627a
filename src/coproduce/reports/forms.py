"""Forms for reports."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coproduce.initiatives.models import Initiative
from coproduce.sessions.queries import next_quarter
from coproduce.web.forms import PeriodForm, RecordChoiceField


def quarters(today: datetime.date, count: int = 8) -> list[tuple[str, str]]:
    """The last `count` calendar quarters, newest first, as ("2026-3", "July to September
    2026")."""
    names = [
        _("January to March"),
        _("April to June"),
        _("July to September"),
        _("October to December"),
    ]
    year, quarter = today.year, (today.month - 1) // 3 + 1
    found = []
    for _n in range(count):
        found.append((f"{year}-{quarter}", f"{names[quarter - 1]} {year}"))
        year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    return found


class PackForm(PeriodForm):
    initiative = RecordChoiceField(
        label=_("Initiative"),
        queryset=Initiative.objects.none(),
        required=False,
        empty_label=_("The whole organisation"),
    )
    quarter = forms.ChoiceField(
        label=_("Or a quarter, for a quarterly report"),
        required=False,
        error_messages={"invalid_choice": _("Choose a quarter from the list.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("The dates above")), *quarters(timezone.localdate())]
        self.fields["quarter"].choices = choices  # type: ignore[attr-defined]

    def defaults(self, data: dict[str, Any]) -> None:
        """A quarter chosen sets both ends."""
        if data.get("quarter"):
            year, quarter = (int(part) for part in data["quarter"].split("-"))
            data["since"] = datetime.date(year, 3 * quarter - 2, 1)
            data["until"] = next_quarter(data["since"]) - datetime.timedelta(days=1)


class ReviewStartForm(forms.Form):
    year = forms.IntegerField(
        label=_("Year the review starts"),
        help_text=_("The review runs from April of this year to March of the next."),
        error_messages={
            "required": _("Enter the year the review starts, like 2025."),
            "invalid": _("Enter the year the review starts, like 2025."),
        },
    )


class SectionForm(forms.Form):
    text = forms.CharField(
        label=_("What we say"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={"max_length": _("Keep this part under 20,000 characters.")},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

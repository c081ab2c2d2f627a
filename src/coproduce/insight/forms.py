from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coproduce.initiatives.models import Initiative
from coproduce.insight.benchmark import GROUPS
from coproduce.insight.models import Region
from coproduce.insight.queries import CHOICES, activities, dimension_labels
from coproduce.web.forms import PeriodForm, RecordChoiceField


class LastYearForm(PeriodForm):
    """A period that is the last year unless asked otherwise."""

    def defaults(self, data: dict[str, Any]) -> None:
        data["until"] = data.get("until") or timezone.localdate()
        data["since"] = data.get("since") or data["until"] - datetime.timedelta(days=364)


class ParticipationForm(LastYearForm):
    """The period and what to show."""

    activity = forms.ChoiceField(
        label=_("Show"),
        required=False,
        error_messages={"invalid_choice": _("Choose what to show from the list.")},
    )

    initiative = RecordChoiceField(
        label=_("Initiative"),
        queryset=Initiative.objects.none(),
        required=False,
        empty_label=_("All our work"),
    )
    over_time = forms.ChoiceField(
        label=_("Quarter by quarter, by"),
        required=False,
        error_messages={"invalid_choice": _("Choose a group from the list.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["activity"].choices = activities()  # type: ignore[attr-defined]
        self.fields["over_time"].choices = list(dimension_labels().items())  # type: ignore[attr-defined]

    def defaults(self, data: dict[str, Any]) -> None:
        super().defaults(data)
        data["activity"] = data.get("activity") or "took_part"
        data["over_time"] = data.get("over_time") or "ethnicity"


class RollupForm(LastYearForm):
    """The period and, to look at one, a member that agreed to be shown by name."""

    member = forms.ChoiceField(
        label=_("Member"),
        required=False,
        error_messages={"invalid_choice": _("Choose a member from the list.")},
    )

    def __init__(self, *args: Any, members: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].choices = [("", _("All members added up")), *members]  # type: ignore[attr-defined]


class SharingForm(forms.Form):
    """One box for each network the organisation belongs to."""

    def __init__(self, *args: Any, links: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for link in links:
            self.fields[f"network_{link.network_id}"] = forms.BooleanField(
                label=link.network.name, required=False, initial=link.shares_figures
            )

    def choices(self) -> dict[int, bool]:
        return {int(name.removeprefix("network_")): on for name, on in self.cleaned_data.items()}


class ReferenceForm(forms.Form):
    """Each group's share of the area, one field per group, for each dimension."""

    source = forms.CharField(
        label=_("Where the figures come from"),
        max_length=200,
        help_text=_("For example: Census 2021, Cardiff."),
        error_messages={"required": _("Say where the figures come from.")},
    )

    def __init__(self, *args: Any, initial_shares: dict[tuple[str, str], Decimal], **kwargs: Any):
        super().__init__(*args, **kwargs)
        for dimension, choices in CHOICES.items():
            for value, label in choices.choices:
                if value == "prefer_not":
                    continue
                self.fields[f"{dimension}__{value}"] = forms.DecimalField(
                    label=label,
                    required=False,
                    min_value=0,
                    max_value=100,
                    decimal_places=2,
                    initial=initial_shares.get((dimension, value)),
                    error_messages={
                        "invalid": _("Enter a percentage, like 8 or 12.5."),
                        "min_value": _("Enter a percentage from 0 to 100."),
                        "max_value": _("Enter a percentage from 0 to 100."),
                        "max_decimal_places": _("Give the share to at most 2 decimal places."),
                    },
                )

    def groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        """Each dimension's name and its fields, for the page."""
        labels = dimension_labels()
        return [
            (
                labels[dimension],
                [self[name] for name in self.fields if name.startswith(f"{dimension}__")],
            )
            for dimension in CHOICES
        ]

    def shares(self) -> dict[tuple[str, str], Decimal | None]:
        return {
            tuple(name.split("__", 1)): value  # type: ignore[misc]
            for name, value in self.cleaned_data.items()
            if "__" in name
        }


class BenchmarkingForm(forms.Form):
    region = forms.ChoiceField(
        label=_("Your region"),
        choices=[("", _("Choose a region")), *Region.choices],
        error_messages={
            "required": _("Choose your region."),
            "invalid_choice": _("Choose a region from the list."),
        },
    )


class CompareForm(forms.Form):
    group = forms.ChoiceField(
        label=_("Compare with"),
        required=False,
        choices=list(GROUPS.items()),
        error_messages={"invalid_choice": _("Choose who to compare with from the list.")},
    )

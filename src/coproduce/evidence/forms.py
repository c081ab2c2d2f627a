"""Forms for evidence pages. They check shape; services keep the rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from coproduce.core.models import Organisation
from coproduce.initiatives.models import Initiative


def _initiatives(organisation: Organisation) -> Any:
    return Initiative.objects.filter(organisation=organisation)


class OrganisationForm(forms.Form):
    """A form whose choices come from one organisation."""

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        if "initiative" in self.fields:
            self.fields["initiative"].queryset = _initiatives(organisation)  # type: ignore[attr-defined]


class SettingsForm(forms.Form):
    not_recorded_threshold = forms.DecimalField(
        label=_('Flag a "not recorded" share above (%)'),
        min_value=0,
        max_value=100,
        max_digits=5,
        decimal_places=2,
        help_text=_("Ethnicity not recorded for 47% of people is the kind of gap to flag."),
    )

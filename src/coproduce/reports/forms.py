"""Forms for reports."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from coproduce.initiatives.models import Initiative
from coproduce.web.forms import PeriodForm, RecordChoiceField


class PackForm(PeriodForm):
    initiative = RecordChoiceField(
        label=_("Initiative"),
        queryset=Initiative.objects.none(),
        required=False,
        empty_label=_("The whole organisation"),
    )

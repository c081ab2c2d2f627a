"""Reads for value for money."""

from __future__ import annotations

from typing import Any

from django.db.models import (
    QuerySet,
)

from coproduce.evidence import figures
from coproduce.evidence.models import (
    Assumption,
    BenefitLine,
    CostLine,
)


def value_of(initiative: Any) -> dict[str, Any]:
    costs = list(CostLine.objects.filter(initiative=initiative))
    benefits = list(BenefitLine.objects.filter(initiative=initiative))
    result = figures.value_of(
        [c.amount_pence for c in costs],
        [
            figures.BenefitFigure(b.amount_pence_per_year, b.years, b.kind, b.confidence)
            for b in benefits
        ],
    )
    return {
        "costs": costs,
        "benefits": benefits,
        "assumptions": list(initiative_assumptions(initiative)),
        "value": result,
    }


def initiative_assumptions(initiative: Any) -> QuerySet[Assumption]:
    return Assumption.objects.filter(initiative=initiative)

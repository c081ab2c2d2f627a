"""Reads for the opportunities board."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from coproduce.core.models import Organisation
from coproduce.opportunities.models import Interest, Opportunity


def opportunities_in(organisation: Organisation, open_only: bool = False) -> QuerySet[Opportunity]:
    opportunities = (
        Opportunity.objects.filter(organisation=organisation)
        .select_related("session")
        .annotate(
            interested=Count("interest"),
            selected=Count("interest", filter=Q(interest__status="selected")),
        )
        .order_by("closes_on", "id")
    )
    if open_only:
        opportunities = opportunities.filter(closes_on__gte=timezone.localdate())
    return opportunities


def opportunity_in(organisation: Organisation, pk: Any) -> Opportunity:
    return get_object_or_404(opportunities_in(organisation), pk=pk)


def interest_in(opportunity: Opportunity) -> QuerySet[Interest]:
    return opportunity.interest.select_related("person").order_by("recorded_at", "id")

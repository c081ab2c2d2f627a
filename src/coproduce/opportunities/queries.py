"""Reads for the opportunities board."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from coproduce.core.models import Organisation, hash_secret
from coproduce.opportunities.models import Interest, InterestLink, Opportunity


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


def opportunity_rows(organisation: Organisation, *, staff: bool) -> Iterator[list[Any]]:
    """The board as a table, as its page shows it: no names, and how many are interested
    only for staff (who see every opportunity, closed ones too)."""
    counts = [_("Interested"), _("Selected")] if staff else []
    yield [_("Title"), _("Kind"), _("Closes"), _("Places"), *counts]
    for opportunity in opportunities_in(organisation, open_only=not staff):
        shown = [opportunity.interested, opportunity.selected] if staff else []  # type: ignore[attr-defined]
        yield [
            opportunity.title,
            opportunity.get_kind_display(),
            opportunity.closes_on.isoformat(),
            opportunity.places,
            *shown,
        ]


def interest_rows(opportunity: Opportunity) -> Iterator[list[Any]]:
    """Who said they are interested, for the staff who choose and contact them."""
    yield [
        _("Name"),
        _("Email"),
        _("Phone"),
        _("How to contact"),
        _("Said on"),
        _("Their note"),
        _("Status"),
    ]
    for row in interest_in(opportunity).filter(person__erased_at__isnull=True):
        yield [
            row.person.preferred_name,
            row.person.email,
            row.person.phone,
            row.person.get_contact_preference_display(),
            timezone.localtime(row.recorded_at).date().isoformat(),
            row.note,
            row.get_status_display(),
        ]


def interest_link(token: str) -> InterestLink:
    """The link a token opens (its hash is what is kept), or 404."""
    return get_object_or_404(
        InterestLink.objects.select_related("opportunity__organisation", "person"),
        token_hash=hash_secret(token),
        person__erased_at__isnull=True,
    )

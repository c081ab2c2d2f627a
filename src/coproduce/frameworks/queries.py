"""Reads for frameworks: the public library, and what one organisation can use."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from coproduce.core.models import Organisation
from coproduce.frameworks.models import Framework, FrameworkItem, StatementSet


def library() -> QuerySet[Framework]:
    """Current versions of the shared library, with item counts."""
    return Framework.objects.library().current().annotate(item_count=Count("items"))


def frameworks_for(organisation: Organisation) -> QuerySet[Framework]:
    """The library plus the organisation's own frameworks, current versions only."""
    return (
        Framework.objects.current()
        .filter(Q(organisation__isnull=True) | Q(organisation=organisation))
        .annotate(item_count=Count("items"))
        .order_by("organisation", "title")
    )


def framework_detail(key: str, organisation: Organisation | None = None) -> Framework:
    """One current framework, its items (nested) and statement sets; 404 if not there."""
    frameworks = Framework.objects.current().filter(key=key)
    frameworks = (
        frameworks.filter(organisation=organisation)
        if organisation is not None
        else frameworks.library()
    )
    framework = (
        frameworks.prefetch_related(
            Prefetch(
                "items",
                queryset=FrameworkItem.objects.filter(parent__isnull=True).prefetch_related(
                    "children"
                ),
                to_attr="top_items",
            ),
            Prefetch(
                "statement_sets",
                queryset=StatementSet.objects.prefetch_related("statements__item"),
            ),
        )
        .select_related("organisation")
        .first()
    )
    if framework is None:
        raise Http404("No framework found.")
    return framework


def versions_of(framework: Framework) -> QuerySet[Framework]:
    return Framework.objects.filter(
        organisation=framework.organisation, key=framework.key
    ).order_by("-version")

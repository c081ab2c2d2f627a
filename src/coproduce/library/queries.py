"""Reads for the library: the published case studies, searched and faceted."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, QuerySet
from django.shortcuts import get_object_or_404

from coproduce.library import search as search_backend
from coproduce.library.models import CaseStatus, CaseStudy, GlossaryTerm, Tag, TagKind, ToolkitPage


def published() -> QuerySet[CaseStudy]:
    return CaseStudy.objects.filter(status=CaseStatus.PUBLISHED)


def case_study_by_slug(slug: str) -> CaseStudy:
    return get_object_or_404(published().prefetch_related("tags"), slug=slug)


@dataclass
class Facet:
    kind: str
    label: str
    options: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Results:
    query: str
    total: int
    case_studies: list[CaseStudy]
    facets: list[Facet]
    selected: dict[str, set[str]]


def find(query: str, selected: dict[str, set[str]], page: int = 1, per_page: int = 20) -> Results:
    """Search (or browse) published case studies, narrowed by the chosen facets, with
    the count for every facet option among what is left."""
    candidates = published()
    found = None
    if query.strip():
        found = search_backend.search(query)
        ranked = [hit.id for hit in found.hits]
        candidates = candidates.filter(pk__in=ranked)
    for kind, slugs in selected.items():
        for slug in slugs:
            candidates = candidates.filter(tags__kind=kind, tags__slug=slug)
    ids = list(candidates.values_list("pk", flat=True).distinct())
    if found is not None:
        order = {hit.id: n for n, hit in enumerate(found.hits)}
        ids.sort(key=lambda pk: order[pk])
    else:
        ids = list(
            published()
            .filter(pk__in=ids)
            .order_by("-published_at", "-id")
            .values_list("pk", flat=True)
        )
    start = (page - 1) * per_page
    page_ids = ids[start : start + per_page]
    by_id = {cs.pk: cs for cs in published().filter(pk__in=page_ids).prefetch_related("tags")}
    shown = [by_id[pk] for pk in page_ids if pk in by_id]
    if found is not None:
        marked = search_backend.snippets(found, page_ids)
        for case_study in shown:
            case_study.snippet = marked.get(case_study.pk, "")  # type: ignore[attr-defined]
    counts = (
        Tag.objects.filter(case_studies__pk__in=ids)
        .values("kind", "slug", "label")
        .annotate(n=Count("case_studies", distinct=True))
        .order_by("kind", "-n", "label")
    )
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in counts:
        row["checked"] = row["slug"] in selected.get(row["kind"], set())
        grouped[row["kind"]].append(row)
    facets = [
        Facet(kind, str(label), grouped[kind])
        for kind, label in TagKind.choices
        if grouped.get(kind)
    ]
    return Results(
        query=query, total=len(ids), case_studies=shown, facets=facets, selected=selected
    )


def related(case_study: CaseStudy, limit: int = 3) -> list[CaseStudy]:
    """Published case studies sharing the most tags with this one."""
    tag_ids = list(case_study.tags.values_list("pk", flat=True))
    return list(
        published()
        .exclude(pk=case_study.pk)
        .filter(tags__in=tag_ids)
        .annotate(shared=Count("tags"))
        .order_by("-shared", "-published_at", "id")[:limit]
    )


def glossary() -> QuerySet[GlossaryTerm]:
    return GlossaryTerm.objects.order_by("term")


def toolkit() -> QuerySet[ToolkitPage]:
    return ToolkitPage.objects.order_by("section", "position", "id")

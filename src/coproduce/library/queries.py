"""Reads for the library: the published case studies, searched and faceted."""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import caches
from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coproduce.core.models import Organisation, OrganisationKind, Role, User
from coproduce.influence.queries import Said
from coproduce.library import search as search_backend
from coproduce.library import synonyms
from coproduce.library.models import CaseStatus, CaseStudy, GlossaryTerm, Tag, TagKind, ToolkitPage


def published() -> QuerySet[CaseStudy]:
    return CaseStudy.objects.filter(status=CaseStatus.PUBLISHED)


def open_data(
    columns: list[str], chunk: int = 2000
) -> Iterator[tuple[str, tuple[Any, ...], list[str]]]:
    """Every published story's slug, the columns asked for and its tags ("kind:label"),
    in order, and no records built. Two queries however many stories there are (20,000
    at national scale): the stories and their tags, each read `chunk` rows at a time as
    it is sent, and put together story by story."""
    stories = (
        published().order_by("pk").values_list("pk", "slug", *columns).iterator(chunk_size=chunk)
    )
    tags = (
        CaseStudy.tags.through.objects.filter(casestudy__in=published().values("pk"))
        .order_by("casestudy_id", "tag__kind", "tag__label")
        .values_list("casestudy_id", "tag__kind", "tag__label")
        .iterator(chunk_size=chunk)
    )
    waiting = next(tags, None)
    for pk, slug, *values in stories:
        labels = []
        # Both come in the stories' order; a tag of a story published since the stories
        # were read waits for nothing and is passed over.
        while waiting is not None and waiting[0] <= pk:
            if waiting[0] == pk:
                labels.append(f"{waiting[1]}:{waiting[2]}")
            waiting = next(tags, None)
        yield slug, tuple(values), labels


def case_study_by_slug(slug: str) -> CaseStudy:
    return get_object_or_404(published().prefetch_related("tags", "attachments"), slug=slug)


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
    # What was searched for instead, when nothing matched the words as typed.
    corrected: str = ""
    # Other names for what was typed, from the A to Z, looked for too.
    also: list[str] = field(default_factory=list)


def _tagged(kind: str, slug: str) -> QuerySet[Any]:
    through = CaseStudy.tags.through
    return through.objects.filter(tag__kind=kind, tag__slug=slug).values("casestudy_id")


FIND_SECONDS = 300


def find(query: str, selected: dict[str, set[str]], page: int = 1, per_page: int = 20) -> Results:
    """`find_uncached`, kept for five minutes per question asked. The library is public
    and changes rarely; a change to it (publishing, withdrawing, editing) starts afresh
    (`search.library_version`)."""
    asked = json.dumps(
        [query.strip(), sorted((k, sorted(v)) for k, v in selected.items() if v), page, per_page]
    )
    digest = hashlib.sha256(asked.encode()).hexdigest()
    key = f"library:find:{search_backend.library_version()}:{digest}"
    results = caches["local"].get(key)
    if results is None:
        results = find_uncached(query, selected, page, per_page)
        caches["local"].set(key, results, FIND_SECONDS)
    return results


def find_uncached(
    query: str, selected: dict[str, set[str]], page: int = 1, per_page: int = 20
) -> Results:
    """Search (or browse) published case studies, narrowed by the chosen facets, with
    the count for every facet option among what is left. Everything is counted in
    the database; only a search's ranked ids (at most a few thousand) come into Python."""
    candidates = published()
    found = None
    if query.strip():
        found = search_backend.search(query)
        candidates = candidates.filter(pk__in=search_backend.among([h.id for h in found.hits]))
    narrowed = any(selected.values())
    for kind, slugs in selected.items():
        for slug in slugs:
            candidates = candidates.filter(pk__in=_tagged(kind, slug))
    start = (page - 1) * per_page
    if found is not None:
        # The index holds published case studies only, so without facets every hit counts.
        ids = [hit.id for hit in found.hits]
        if narrowed:
            matching = set(candidates.values_list("pk", flat=True))
            ids = [pk for pk in ids if pk in matching]
        total, page_ids = len(ids), ids[start : start + per_page]
    else:
        total = candidates.count()
        page_ids = list(
            candidates.order_by("-published_at", "-id").values_list("pk", flat=True)[
                start : start + per_page
            ]
        )
    by_id = {cs.pk: cs for cs in published().filter(pk__in=page_ids).prefetch_related("tags")}
    shown = [by_id[pk] for pk in page_ids if pk in by_id]
    if found is not None:
        marked = search_backend.snippets(found, page_ids)
        for case_study in shown:
            case_study.snippet = marked.get(case_study.pk, "")  # type: ignore[attr-defined]
    facets = _facets(candidates, selected)
    return Results(
        query=query,
        total=total,
        case_studies=shown,
        facets=facets,
        selected=selected,
        corrected=found.corrected if found else "",
        also=synonyms.other_names(found.units)[:8] if found else [],
    )


def _facets(candidates: QuerySet[CaseStudy], selected: dict[str, set[str]]) -> list[Facet]:
    """Every tag among these stories, by kind, with how many of them carry it."""
    through = CaseStudy.tags.through
    counts = {
        row["tag_id"]: row["n"]
        for row in through.objects.filter(casestudy_id__in=candidates.values("pk"))
        .values("tag_id")
        .annotate(n=Count("casestudy_id"))
        .order_by()
    }
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for tag in Tag.objects.filter(pk__in=counts).order_by("kind", "label"):
        grouped[tag.kind].append(
            {
                "kind": tag.kind,
                "slug": tag.slug,
                "label": tag.label,
                "n": counts[tag.pk],
                "checked": tag.slug in selected.get(tag.kind, set()),
            }
        )
    for options in grouped.values():
        options.sort(key=lambda option: (-option["n"], option["label"]))
    return [
        Facet(kind, str(label), grouped[kind])
        for kind, label in TagKind.choices
        if grouped.get(kind)
    ]


TAG_SIZES_KEY = "library:tag-sizes"
TAG_SIZES_SECONDS = 600


def tag_sizes() -> dict[int, int]:
    """How many case studies carry each tag. Counting a national library's tags takes a
    few milliseconds a page, and only decides which tag to look for related stories by,
    so the counts are kept for ten minutes."""
    sizes = caches["local"].get(TAG_SIZES_KEY)
    if sizes is None:
        through = CaseStudy.tags.through
        sizes = {
            row["tag_id"]: row["n"]
            for row in through.objects.values("tag_id").annotate(n=Count("id")).order_by()
        }
        caches["local"].set(TAG_SIZES_KEY, sizes, TAG_SIZES_SECONDS)
    return sizes


def related(case_study: CaseStudy, limit: int = 3) -> list[CaseStudy]:
    """`related_ids`, kept until the library next changes (or ten minutes)."""
    key = f"library:related:{search_backend.library_version()}:{case_study.pk}:{limit}"
    ranked = caches["local"].get(key)
    if ranked is None:
        ranked = related_ids(case_study, limit)
        caches["local"].set(key, ranked, TAG_SIZES_SECONDS)
    stories = {cs.pk: cs for cs in published().filter(pk__in=ranked)}
    return [stories[pk] for pk in ranked if pk in stories][:limit]


def related_ids(case_study: CaseStudy, limit: int = 3) -> list[int]:
    """Ids of published case studies sharing the most tags with this one, best first
    (a few more than `limit`, in case some are withdrawn). Candidates come from the
    rarest tag it shares with any other story, so the work stays small however big
    the library grows."""
    through = CaseStudy.tags.through
    tag_ids = [tag.pk for tag in case_study.tags.all()]
    if not tag_ids:
        return []
    sizes = tag_sizes()
    shared = [
        (sizes[tag_id], tag_id)
        for tag_id in tag_ids
        if sizes.get(tag_id, 0) > 1  # a tag only this story has finds nothing
    ]
    if not shared:
        return []
    rarest = min(shared)[1]
    candidates = through.objects.filter(tag_id=rarest).exclude(casestudy_id=case_study.pk)
    ranked = list(
        through.objects.filter(
            tag_id__in=tag_ids, casestudy_id__in=candidates.values("casestudy_id")[:2000]
        )
        .values("casestudy_id")
        .annotate(shared=Count("tag_id"))
        .order_by("-shared", "-casestudy_id")
        .values_list("casestudy_id", flat=True)[: limit * 5]
    )
    return ranked


def glossary() -> QuerySet[GlossaryTerm]:
    return GlossaryTerm.objects.order_by("term")


def toolkit() -> QuerySet[ToolkitPage]:
    return ToolkitPage.objects.order_by("section", "position", "id")


def moderated_by(user: User) -> QuerySet[CaseStudy]:
    """The stories this person may moderate: those of organisations in networks they
    are an admin of (and the networks' own), and those shared by the public with no
    organisation; every story for site staff."""
    stories = CaseStudy.objects.all()
    if user.is_staff:
        return stories
    networks = Organisation.objects.filter(
        kind=OrganisationKind.NETWORK,
        memberships__user=user,
        memberships__role=Role.ADMIN,
    ).values("pk")
    if not networks.exists():
        return stories.none()
    return stories.filter(
        Q(organisation__isnull=True)
        | Q(organisation__in=networks)
        | Q(organisation__networks__in=networks)
    ).distinct()


def said_in_story(organisation: Organisation, pk: int) -> Said:
    """What one of the organisation's stories brings to a "you said, we did" item: what
    changed once published (its summary before), raised by the people in it."""
    story = get_object_or_404(CaseStudy, organisation=organisation, pk=pk)
    published = story.status == CaseStatus.PUBLISHED
    return Said(
        key=f"story:{story.pk}",
        words=story.what_changed if published else story.summary,
        group=_("The people in the story “%(story)s”") % {"story": story.title},
        came_from=_("The story “%(story)s”") % {"story": story.title},
        url=story.get_absolute_url()
        if published
        else reverse("library:edit-story", kwargs={"pk": story.pk}),
        raised_on=timezone.localdate(story.created_at),
    )

"""Open data: published case studies, as JSON or CSV, for anyone (no token needed)."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Annotated, Any

from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.urls import reverse
from ninja import Field, Path, Query, Router, Schema
from pydantic import StringConstraints

from coproduce.core.api import Page, PageQuery, line, problems
from coproduce.core.exports import csv_kept
from coproduce.library import queries
from coproduce.library.models import CaseStudy
from coproduce.library.search import library_version

router = Router(tags=["library"], auth=None)

# A story's web address: as long as the database allows (an organisation's is shorter).
StorySlug = Annotated[
    str,
    StringConstraints(
        max_length=CaseStudy._meta.get_field("slug").max_length, pattern=r"^[-a-zA-Z0-9_]+$"
    ),
]


class TagOut(Schema):
    kind: str
    slug: str
    label: str


class CaseStudyOut(Schema):
    slug: str
    title: str
    summary: str
    place: str
    problem: str
    who_and_how: str
    what_changed: str
    cost: str
    learning: str
    easy_read: str
    source: str
    published_at: datetime.datetime | None
    url: str
    tags: list[TagOut]


class Filters(PageQuery):
    q: line(200) = Field("", description="Words to search for")  # type: ignore[valid-type]


def _out(request: HttpRequest, story: CaseStudy) -> dict[str, Any]:
    return {
        **{
            name: getattr(story, name) for name in CaseStudyOut.model_fields if hasattr(story, name)
        },
        "url": request.build_absolute_uri(story.get_absolute_url()),
        "tags": [{"kind": t.kind, "slug": t.slug, "label": t.label} for t in story.tags.all()],
    }


@router.get(
    "/library/case-studies",
    response={200: Page[CaseStudyOut], **problems(422)},
    summary="Published case studies, newest first, or best match first for q",
)
def case_study_list(request: HttpRequest, filters: Query[Filters]) -> dict[str, Any]:
    results = queries.find(filters.q, {}, page=filters.page, per_page=filters.page_size)
    return {
        "count": results.total,
        "page": filters.page,
        "page_size": filters.page_size,
        "results": [_out(request, story) for story in results.case_studies],
    }


@router.get(
    "/library/case-studies.csv",
    response={200: None},
    summary="Every published case study as CSV (open data)",
)
def case_study_csv(request: HttpRequest) -> HttpResponseBase:
    columns = [
        "slug",
        "title",
        "summary",
        "place",
        "problem",
        "who_and_how",
        "what_changed",
        "cost",
        "learning",
        "source",
        "published_at",
    ]
    # Each story's address from one made once: reversing 20,000 times cost seconds.
    address = request.build_absolute_uri(reverse("library:case-study", kwargs={"slug": "-"}))

    def rows() -> Iterator[list[str]]:
        yield [*columns, "tags", "url"]
        for slug, values, tags in queries.open_data(columns):
            yield [
                *(str(value or "") for value in values),
                "; ".join(tags),
                address.replace("/-/", f"/{slug}/"),
            ]

    # Twenty thousand stories (22 MB) at national scale: streamed as they are read the
    # first time after the library changes, then sent from the kept file.
    return csv_kept(rows, "case-studies.csv", version=str(library_version()), shape=address)


@router.get(
    "/library/case-studies/{slug}",
    response={200: CaseStudyOut, **problems(404, 422)},
    summary="One published case study",
)
def case_study_detail(request: HttpRequest, slug: Path[StorySlug]) -> dict[str, Any]:
    return _out(request, queries.case_study_by_slug(slug))

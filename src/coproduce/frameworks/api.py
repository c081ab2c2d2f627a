"""API for frameworks: the public library, and the frameworks one organisation can use."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Path, Router, Schema

from coproduce.core.api import STANDARD_PROBLEMS, Slug, organisation_or_404, problems
from coproduce.frameworks import queries
from coproduce.frameworks.models import Framework, FrameworkKind

router = Router(tags=["frameworks"])


class FrameworkSummary(Schema):
    key: str
    title: str
    kind: FrameworkKind
    version: int
    description: str
    source_document: str
    source_reference: str
    owner: str | None


class ItemOut(Schema):
    key: str
    title: str
    description: str
    items: list[ItemOut]


class StatementOut(Schema):
    id: int
    item: str
    text: str
    easy_read: str


class StatementSetOut(Schema):
    key: str
    title: str
    statements: list[StatementOut]


class FrameworkOut(FrameworkSummary):
    items: list[ItemOut]
    statement_sets: list[StatementSetOut]


def _summary(framework: Framework) -> dict[str, Any]:
    return {
        "key": framework.key,
        "title": framework.title,
        "kind": framework.kind,
        "version": framework.version,
        "description": framework.description,
        "source_document": framework.source_document,
        "source_reference": framework.source_reference,
        "owner": framework.organisation.slug if framework.organisation else None,
    }


def _detail(framework: Framework) -> dict[str, Any]:
    def item(entry: Any) -> dict[str, Any]:
        return {
            "key": entry.key,
            "title": entry.title,
            "description": entry.description,
            "items": [item(child) for child in entry.children.all()],
        }

    return _summary(framework) | {
        "items": [item(entry) for entry in framework.top_items],  # type: ignore[attr-defined]
        "statement_sets": [
            {
                "key": s.key,
                "title": s.title,
                "statements": [
                    {"id": st.pk, "item": st.item.key, "text": st.text, "easy_read": st.easy_read}
                    for st in s.statements.all()
                ],
            }
            for s in framework.statement_sets.all()
        ],
    }


@router.get(
    "/frameworks",
    response=list[FrameworkSummary],
    auth=None,
    summary="List the shared framework library (no token needed)",
)
def framework_list(request: HttpRequest) -> list[dict[str, Any]]:
    return [_summary(f) for f in queries.library().select_related("organisation")]


@router.get(
    "/frameworks/{key}",
    response={200: FrameworkOut, **problems(404, 422)},
    auth=None,
    summary="Read one library framework with its items and statements",
)
def framework_detail(request: HttpRequest, key: Path[Slug]) -> dict[str, Any]:
    return _detail(queries.framework_detail(key))


@router.get(
    "/orgs/{org_slug}/frameworks",
    response={200: list[FrameworkSummary], **STANDARD_PROBLEMS},
    summary="List the frameworks an organisation can use: the library and its own",
)
def org_framework_list(request: HttpRequest, org_slug: Path[Slug]) -> list[dict[str, Any]]:
    organisation = organisation_or_404(request, org_slug)
    return [
        _summary(f) for f in queries.frameworks_for(organisation).select_related("organisation")
    ]

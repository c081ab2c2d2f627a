"""API for "you said, we did"."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Field, Path, Query, Router, Schema, Status
from pydantic import ConfigDict

from coproduce.core.api import (
    MAX_ID,
    STANDARD_PROBLEMS,
    STATE_PROBLEMS,
    Id,
    JsonBool,
    JsonDate,
    Slug,
    line,
    organisation_or_404,
    text,
)
from coproduce.core.http import AuthedRequest
from coproduce.influence import queries, services
from coproduce.influence.models import InfluenceItem, ItemStatus
from coproduce.initiatives.queries import initiative_or_none
from coproduce.people.models import Person

router = Router(tags=["you said, we did"])


class ItemOut(Schema):
    id: int
    title: str
    description: str
    addressed_to: str
    raised_by_group: str
    raised_by_people: list[int]
    raised_on: datetime.date
    status: ItemStatus
    response: str
    evidence: str
    reason_not_changed: str
    acknowledged_on: datetime.date | None
    answered_on: datetime.date | None
    is_public: bool
    initiative_id: int | None
    overdue: str | None


class ItemIn(Schema):
    model_config = ConfigDict(extra="forbid")

    title: line(200, required=True)  # type: ignore[valid-type]
    description: text(5000) = ""  # type: ignore[valid-type]
    addressed_to: line(200, required=True)  # type: ignore[valid-type]
    raised_by_group: line(200) = ""  # type: ignore[valid-type]
    raised_by_people: list[Id] = Field(default_factory=list, max_length=100)
    raised_on: JsonDate | None = None
    is_public: JsonBool = False
    initiative_id: Id | None = None


class StatusIn(Schema):
    model_config = ConfigDict(extra="forbid")

    status: ItemStatus
    response: text(5000) | None = None  # type: ignore[valid-type]
    evidence: text(5000) | None = None  # type: ignore[valid-type]
    reason_not_changed: text(5000) | None = None  # type: ignore[valid-type]
    note: line(500) = ""  # type: ignore[valid-type]


class ItemFilters(Schema):
    status: ItemStatus | None = None


def _out(item: InfluenceItem, targets: Any) -> dict[str, Any]:
    return {
        "id": item.pk,
        "title": item.title,
        "description": item.description,
        "addressed_to": item.addressed_to,
        "raised_by_group": item.raised_by_group,
        "raised_by_people": [p.pk for p in item.raised_by_people.all()],
        "raised_on": item.raised_on,
        "status": item.status,
        "response": item.response,
        "evidence": item.evidence,
        "reason_not_changed": item.reason_not_changed,
        "acknowledged_on": item.acknowledged_on,
        "answered_on": item.answered_on,
        "is_public": item.is_public,
        "initiative_id": item.initiative_id,
        "overdue": queries.overdue(item, targets),
    }


@router.get(
    "/orgs/{org_slug}/influence",
    response={200: list[ItemOut], **STANDARD_PROBLEMS},
    summary="List what people raised and what happened",
)
def item_list(
    request: HttpRequest, org_slug: Path[Slug], filters: Query[ItemFilters]
) -> list[dict[str, Any]]:
    organisation = organisation_or_404(request, org_slug, "influence.list_items")
    targets = services.targets_for(organisation)
    items = queries.items_in(organisation, status=filters.status or "").prefetch_related(
        "raised_by_people"
    )
    return [_out(item, targets) for item in items[:500]]


@router.post(
    "/orgs/{org_slug}/influence",
    response={201: ItemOut, **STATE_PROBLEMS},
    summary="Record something people raised",
    description="Give raised_by_people, raised_by_group or both. raised_on cannot be in the "
    "future.",
)
def item_create(request: AuthedRequest, org_slug: Path[Slug], payload: ItemIn) -> Status:
    organisation = organisation_or_404(request, org_slug, "influence.add_item")
    people = list(Person.objects.filter(organisation=organisation, pk__in=payload.raised_by_people))
    if len(people) != len(set(payload.raised_by_people)):
        raise Http404("One or more of those people are not in this organisation.")
    initiative = initiative_or_none(organisation=organisation, pk=payload.initiative_id)
    details = payload.model_dump(exclude={"raised_by_people", "initiative_id"})
    if details["raised_on"] is None:
        details.pop("raised_on")
    item = services.item_create(
        organisation=organisation,
        by=request.user,
        details=details,
        people=people,
        initiative=initiative,
    )
    item = queries.item_in(organisation=organisation, pk=item.pk)
    return Status(201, _out(item, services.targets_for(organisation)))


@router.get(
    "/orgs/{org_slug}/influence/{item_id}",
    response={200: ItemOut, **STANDARD_PROBLEMS},
    summary="Read one item",
)
def item_detail(
    request: HttpRequest, org_slug: Path[Slug], item_id: int = Path(..., ge=1, le=MAX_ID)
) -> dict[str, Any]:
    organisation = organisation_or_404(request, org_slug, "influence.list_items")
    item = queries.item_in(organisation=organisation, pk=item_id)
    return _out(item, services.targets_for(organisation))


@router.post(
    "/orgs/{org_slug}/influence/{item_id}/status",
    response={200: ItemOut, **STATE_PROBLEMS},
    summary="Move an item on; the people who raised it are told",
    description="Moving to not_changed needs reason_not_changed.",
)
def item_status(
    request: AuthedRequest,
    org_slug: Path[Slug],
    payload: StatusIn,
    item_id: int = Path(..., ge=1, le=MAX_ID),
) -> dict[str, Any]:
    organisation = organisation_or_404(request, org_slug, "influence.change_item")
    item = queries.item_in(organisation=organisation, pk=item_id)
    services.item_set_status(item=item, by=request.user, **payload.model_dump())
    item = queries.item_in(organisation=organisation, pk=item_id)
    return _out(item, services.targets_for(organisation))

"""API for initiatives and their planning tools."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Schema, Status
from pydantic import ConfigDict

from coproduce.core.api import (
    BODY_PROBLEMS,
    MAX_ID,
    STANDARD_PROBLEMS,
    JsonBool,
    JsonDate,
    Slug,
    line,
    organisation_or_404,
    text,
    whole_number,
)
from coproduce.core.http import AuthedRequest
from coproduce.initiatives import queries, services
from coproduce.initiatives.models import (
    Attitude,
    Initiative,
    InitiativeStatus,
    Level,
    Participation,
    ServiceArea,
    Who,
)

router = Router(tags=["initiatives"])


class InitiativeOut(Schema):
    id: int
    title: str
    summary: str
    service_area: ServiceArea
    status: InitiativeStatus
    starts_on: datetime.date | None
    ends_on: datetime.date | None
    stage_framework: str
    stage: str | None
    planning: str
    delivery: str
    bovaird_cell: str | None
    participation: str
    level: str
    partners: list[str]


class InitiativeIn(Schema):
    model_config = ConfigDict(extra="forbid")

    title: line(200, required=True)  # type: ignore[valid-type]
    summary: text(5000) = ""  # type: ignore[valid-type]
    service_area: ServiceArea
    status: InitiativeStatus = InitiativeStatus.IDEA
    starts_on: JsonDate | None = None
    ends_on: JsonDate | None = None
    planning: Who | None = None
    delivery: Who | None = None
    participation: Participation | None = None
    level: Level | None = None
    # The key of the stages framework it follows (five-steps unless said), e.g.
    # wcen-phases or one the organisation made; it starts at the first stage.
    stages: line(100) | None = None  # type: ignore[valid-type]


class InitiativePatch(Schema):
    model_config = ConfigDict(extra="forbid")

    title: line(200, required=True) = None  # type: ignore[valid-type]
    summary: text(5000) = None  # type: ignore[valid-type]
    service_area: ServiceArea = None  # type: ignore[assignment]
    status: InitiativeStatus = None  # type: ignore[assignment]
    planning: Who = None  # type: ignore[assignment]
    delivery: Who = None  # type: ignore[assignment]
    participation: Participation = None  # type: ignore[assignment]
    level: Level = None  # type: ignore[assignment]


class StakeholderIn(Schema):
    model_config = ConfigDict(extra="forbid")

    name: line(200, required=True)  # type: ignore[valid-type]
    high_power: JsonBool
    high_influence: JsonBool
    attitude: Attitude = Attitude.UNKNOWN
    involved: JsonBool = False
    notes: text(2000) = ""  # type: ignore[valid-type]


class StakeholderOut(Schema):
    id: int
    name: str
    high_power: bool
    high_influence: bool
    attitude: Attitude
    involved: bool
    quadrant: str
    left_out_warning: bool


class PriorityIn(Schema):
    model_config = ConfigDict(extra="forbid")

    title: line(200, required=True)  # type: ignore[valid-type]
    impact: whole_number(1, 4)  # type: ignore[valid-type]
    effort: whole_number(1, 4)  # type: ignore[valid-type]
    significant_spend: JsonBool = False


class PriorityOut(Schema):
    id: int
    title: str
    impact: int
    effort: int
    significant_spend: bool
    quadrant: str


class InitiativeFilters(Schema):
    service_area: ServiceArea | None = None
    status: InitiativeStatus | None = None


def _out(initiative: Initiative) -> dict[str, Any]:
    return {
        "id": initiative.pk,
        "title": initiative.title,
        "summary": initiative.summary,
        "service_area": initiative.service_area,
        "status": initiative.status,
        "starts_on": initiative.starts_on,
        "ends_on": initiative.ends_on,
        "stage_framework": initiative.stage_framework.key,
        "stage": initiative.stage.key if initiative.stage else None,
        "planning": initiative.planning,
        "delivery": initiative.delivery,
        "bovaird_cell": initiative.bovaird_cell,
        "participation": initiative.participation,
        "level": initiative.level,
        "partners": [p.slug for p in initiative.partners.all()],
    }


def _initiative(request: HttpRequest, org_slug: str, initiative_id: int, perm: str) -> Initiative:
    organisation = organisation_or_404(request, org_slug)
    initiative = queries.initiative_in(organisation=organisation, pk=initiative_id)
    if not request.user.has_perm(perm, organisation):
        raise PermissionDenied
    return initiative


def _values(payload: Schema, **kwargs: Any) -> dict[str, Any]:
    data = payload.model_dump(**kwargs)
    return {
        k: (
            v.value
            if hasattr(v, "value")
            else (
                "" if v is None and k in {"planning", "delivery", "participation", "level"} else v
            )
        )
        for k, v in data.items()
    }


@router.get(
    "/orgs/{org_slug}/initiatives",
    response={200: list[InitiativeOut], **STANDARD_PROBLEMS},
    summary="List initiatives",
)
def initiative_list(
    request: HttpRequest, org_slug: Path[Slug], filters: Query[InitiativeFilters]
) -> list[dict[str, Any]]:
    organisation = organisation_or_404(request, org_slug, "initiatives.list_initiatives")
    initiatives = queries.initiatives_in(
        organisation, service_area=filters.service_area or "", status=filters.status or ""
    ).prefetch_related("partners")
    return [_out(i) for i in initiatives]


@router.post(
    "/orgs/{org_slug}/initiatives",
    response={201: InitiativeOut, **BODY_PROBLEMS},
    summary="Start an initiative",
    description="If both dates are given, ends_on must be on or after starts_on.",
)
def initiative_create(
    request: AuthedRequest, org_slug: Path[Slug], payload: InitiativeIn
) -> Status:
    organisation = organisation_or_404(request, org_slug, "initiatives.add_initiative")
    details = _values(payload)
    key = details.pop("stages", None)
    framework = queries.stage_framework_for(organisation, key) if key else None
    if key and framework is None:
        raise ValidationError({"stages": _("No stages framework with this key can be used here.")})
    stage = framework.items.order_by("position").first() if framework else None
    initiative = services.initiative_create(
        organisation=organisation,
        by=request.user,
        details=details,
        stage_framework=framework,
        stage=stage,
    )
    return Status(201, _out(queries.initiative_in(organisation=organisation, pk=initiative.pk)))


@router.get(
    "/orgs/{org_slug}/initiatives/{initiative_id}",
    response={200: InitiativeOut, **STANDARD_PROBLEMS},
    summary="Read one initiative",
)
def initiative_detail(
    request: HttpRequest, org_slug: Path[Slug], initiative_id: int = Path(..., ge=1, le=MAX_ID)
) -> dict[str, Any]:
    return _out(_initiative(request, org_slug, initiative_id, "initiatives.view_initiative"))


@router.patch(
    "/orgs/{org_slug}/initiatives/{initiative_id}",
    response={200: InitiativeOut, **BODY_PROBLEMS},
    summary="Change some of an initiative's details",
)
def initiative_update(
    request: AuthedRequest,
    org_slug: Path[Slug],
    payload: InitiativePatch,
    initiative_id: int = Path(..., ge=1, le=MAX_ID),
) -> dict[str, Any]:
    initiative = _initiative(request, org_slug, initiative_id, "initiatives.change_initiative")
    services.initiative_update(
        initiative=initiative, by=request.user, changes=_values(payload, exclude_unset=True)
    )
    return _out(queries.initiative_in(organisation=initiative.organisation, pk=initiative.pk))


def _stakeholder_out(s: Any) -> dict[str, Any]:
    return {
        "id": s.pk,
        "name": s.name,
        "high_power": s.high_power,
        "high_influence": s.high_influence,
        "attitude": s.attitude,
        "involved": s.involved,
        "quadrant": s.quadrant.key,
        "left_out_warning": s.left_out,
    }


@router.get(
    "/orgs/{org_slug}/initiatives/{initiative_id}/stakeholders",
    response={200: list[StakeholderOut], **STANDARD_PROBLEMS},
    summary="The stakeholder grid, with each one's quadrant",
)
def stakeholder_list(
    request: HttpRequest, org_slug: Path[Slug], initiative_id: int = Path(..., ge=1, le=MAX_ID)
) -> list[dict[str, Any]]:
    initiative = _initiative(request, org_slug, initiative_id, "initiatives.view_planning")
    return [_stakeholder_out(s) for s in initiative.stakeholders.all()]


@router.post(
    "/orgs/{org_slug}/initiatives/{initiative_id}/stakeholders",
    response={201: StakeholderOut, **BODY_PROBLEMS},
    summary="Add a stakeholder",
)
def stakeholder_create(
    request: AuthedRequest,
    org_slug: Path[Slug],
    payload: StakeholderIn,
    initiative_id: int = Path(..., ge=1, le=MAX_ID),
) -> Status:
    initiative = _initiative(request, org_slug, initiative_id, "initiatives.change_initiative")
    stakeholder = services.stakeholder_save(
        initiative=initiative, by=request.user, values=_values(payload)
    )
    return Status(201, _stakeholder_out(stakeholder))


def _priority_out(p: Any) -> dict[str, Any]:
    return {
        "id": p.pk,
        "title": p.title,
        "impact": p.impact,
        "effort": p.effort,
        "significant_spend": p.significant_spend,
        "quadrant": p.quadrant.key,
    }


@router.get(
    "/orgs/{org_slug}/initiatives/{initiative_id}/priorities",
    response={200: list[PriorityOut], **STANDARD_PROBLEMS},
    summary="The priority matrix, with each activity's quadrant",
)
def priority_list(
    request: HttpRequest, org_slug: Path[Slug], initiative_id: int = Path(..., ge=1, le=MAX_ID)
) -> list[dict[str, Any]]:
    initiative = _initiative(request, org_slug, initiative_id, "initiatives.view_planning")
    return [_priority_out(p) for p in initiative.priorities.all()]


@router.post(
    "/orgs/{org_slug}/initiatives/{initiative_id}/priorities",
    response={201: PriorityOut, **BODY_PROBLEMS},
    summary="Add an activity",
)
def priority_create(
    request: AuthedRequest,
    org_slug: Path[Slug],
    payload: PriorityIn,
    initiative_id: int = Path(..., ge=1, le=MAX_ID),
) -> Status:
    initiative = _initiative(request, org_slug, initiative_id, "initiatives.change_initiative")
    priority = services.priority_save(
        initiative=initiative, by=request.user, values=_values(payload)
    )
    return Status(201, _priority_out(priority))

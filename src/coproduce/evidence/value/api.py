"""API for value for money: costs, benefits and the result."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Path, Router, Schema, Status
from pydantic import ConfigDict

from coproduce.core.api import (
    STANDARD_PROBLEMS,
    STATE_PROBLEMS,
    Slug,
    line,
    organisation_or_404,
    whole_number,
)
from coproduce.core.http import AuthedRequest
from coproduce.evidence import figures, queries, services
from coproduce.evidence.api_types import (
    Figure,
    ObjectId,
    Pence,
    text_or_none,
)
from coproduce.evidence.models import (
    BenefitKind,
    Confidence,
)
from coproduce.initiatives.models import Initiative
from coproduce.initiatives.queries import initiative_in

router = Router(tags=["evidence"])


class ValueOut(Schema):
    initiative_id: int
    cost_pence: int
    benefit_pence: int
    benefit_by_kind_pence: dict[str, int]
    net_pence: int
    return_per_pound: str | None
    return_per_pound_low: str | None
    return_per_pound_high: str | None
    payback_months: str | None
    assumptions: list[str]
    rule: str


class CostIn(Schema):
    model_config = ConfigDict(extra="forbid")

    description: line(200, required=True)  # type: ignore[valid-type]
    amount_pence: Pence | None = None
    hours: Figure | None = None
    hourly_rate_pence: whole_number(1, 10_000_000) | None = None  # type: ignore[valid-type]


class BenefitIn(Schema):
    model_config = ConfigDict(extra="forbid")

    description: line(200, required=True)  # type: ignore[valid-type]
    amount_pence_per_year: Pence
    years: whole_number(1, 10) = 1  # type: ignore[valid-type]
    kind: BenefitKind
    confidence: Confidence
    source: line(300, required=True)  # type: ignore[valid-type]


def _value_out(initiative: Initiative) -> dict[str, Any]:
    found = queries.value_of(initiative)
    value = found["value"]
    return {
        "initiative_id": initiative.pk,
        "cost_pence": value.cost,
        "benefit_pence": value.benefit,
        "benefit_by_kind_pence": value.by_kind,
        "net_pence": value.net,
        "return_per_pound": text_or_none(figures.rounded(value.per_pound)),
        "return_per_pound_low": text_or_none(figures.rounded(value.per_pound_low)),
        "return_per_pound_high": text_or_none(figures.rounded(value.per_pound_high)),
        "payback_months": text_or_none(figures.rounded(value.payback_months, "0.1")),
        "assumptions": [a.text for a in found["assumptions"]],
        "rule": figures.VALUE_RULE,
    }


@router.get(
    "/orgs/{org_slug}/evidence/value/{initiative_id}",
    response={200: ValueOut, **STANDARD_PROBLEMS},
    summary="Value for money for an initiative",
)
def value_detail(
    request: HttpRequest, org_slug: Path[Slug], initiative_id: ObjectId
) -> dict[str, Any]:
    organisation = organisation_or_404(request, org_slug, "evidence.view")
    return _value_out(initiative_in(organisation=organisation, pk=initiative_id))


@router.post(
    "/orgs/{org_slug}/evidence/value/{initiative_id}/costs",
    response={201: ValueOut, **STATE_PROBLEMS},
    summary="Add a cost: amount_pence, or hours and hourly_rate_pence",
)
def cost_add(
    request: AuthedRequest, org_slug: Path[Slug], initiative_id: ObjectId, payload: CostIn
) -> Status:
    organisation = organisation_or_404(request, org_slug, "evidence.manage")
    initiative = initiative_in(organisation=organisation, pk=initiative_id)
    services.cost_add(
        initiative=initiative,
        by=request.user,
        description=payload.description,
        amount_pence=payload.amount_pence,
        hours=Decimal(payload.hours) if payload.hours is not None else None,
        hourly_rate_pence=payload.hourly_rate_pence,
    )
    return Status(201, _value_out(initiative))


@router.post(
    "/orgs/{org_slug}/evidence/value/{initiative_id}/benefits",
    response={201: ValueOut, **STATE_PROBLEMS},
    summary="Add a benefit with its kind, confidence and source",
)
def benefit_add(
    request: AuthedRequest, org_slug: Path[Slug], initiative_id: ObjectId, payload: BenefitIn
) -> Status:
    organisation = organisation_or_404(request, org_slug, "evidence.manage")
    initiative = initiative_in(organisation=organisation, pk=initiative_id)
    services.benefit_add(initiative=initiative, by=request.user, **payload.model_dump())
    return Status(201, _value_out(initiative))

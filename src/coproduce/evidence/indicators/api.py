"""API for indicators, their figures and periods, and comparisons."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from ninja import Field, Path, Query, Router, Schema, Status
from pydantic import ConfigDict

from coproduce.core.api import (
    MAX_ID,
    STANDARD_PROBLEMS,
    STATE_PROBLEMS,
    Id,
    JsonDate,
    Slug,
    line,
    organisation_or_404,
    text,
)
from coproduce.core.http import AuthedRequest
from coproduce.evidence import figures, queries, services
from coproduce.evidence.api_types import (
    Figure,
    ObjectId,
    Share,
    figure_text,
    text_or_none,
)
from coproduce.evidence.models import (
    Direction,
    Indicator,
    Observation,
    Period,
)
from coproduce.initiatives.queries import initiative_or_none

router = Router(tags=["evidence"])


class IndicatorOut(Schema):
    id: int
    name: str
    description: str
    unit: str
    direction: Direction
    baseline: str | None
    target: str | None
    initiative_id: int | None


class IndicatorIn(Schema):
    model_config = ConfigDict(extra="forbid")

    name: line(200, required=True)  # type: ignore[valid-type]
    description: text(5000) = ""  # type: ignore[valid-type]
    unit: line(60, required=True)  # type: ignore[valid-type]
    direction: Direction = Direction.HIGHER
    baseline: Figure | None = None
    target: Figure | None = None
    initiative_id: Id | None = None


class ObservationOut(Schema):
    period_id: int
    period: str
    breakdown: str
    category: str
    value: str
    stated_share: str | None
    is_total: bool


class IndicatorDetailOut(IndicatorOut):
    observations: list[ObservationOut]


class RowIn(Schema):
    model_config = ConfigDict(extra="forbid")

    category: line(120) = ""  # type: ignore[valid-type]
    value: Figure
    share: Share = ""


class FiguresIn(Schema):
    model_config = ConfigDict(extra="forbid")

    period_id: Id
    breakdown: line(60) = ""  # type: ignore[valid-type]
    rows: list[RowIn] = Field(..., max_length=500)


class FiguresOut(Schema):
    saved: int


class PeriodOut(Schema):
    id: int
    label: str
    starts_on: datetime.date
    ends_on: datetime.date


class PeriodIn(Schema):
    model_config = ConfigDict(extra="forbid")

    label: line(60, required=True)  # type: ignore[valid-type]
    starts_on: JsonDate
    ends_on: JsonDate


class ComparisonFilters(Schema):
    breakdown: str = Field("", max_length=60)
    first: int = Field(..., ge=1, le=MAX_ID, description="The earlier period's id")
    second: int = Field(..., ge=1, le=MAX_ID, description="The later period's id")


class ComparisonRowOut(Schema):
    category: str
    first: str | None
    second: str | None
    first_share: str | None
    second_share: str | None
    change_points: str | None
    fold_change: str | None


class FlagOut(Schema):
    kind: str
    message: str


class ComparisonOut(Schema):
    breakdown: str
    first: str
    second: str
    rows: list[ComparisonRowOut]
    first_total: str
    second_total: str
    fold_change: str | None
    flags: list[FlagOut]
    rounding: str


def _indicator_out(indicator: Indicator) -> dict[str, Any]:
    return {
        "id": indicator.pk,
        "name": indicator.name,
        "description": indicator.description,
        "unit": indicator.unit,
        "direction": indicator.direction,
        "baseline": figure_text(indicator.baseline),
        "target": figure_text(indicator.target),
        "initiative_id": indicator.initiative_id,
    }


def _period(organisation: Any, period_id: int) -> Period:
    period = Period.objects.filter(organisation=organisation, pk=period_id).first()
    if period is None:
        raise Http404("No period with that id in this organisation.")
    return period


@router.get(
    "/orgs/{org_slug}/evidence/indicators",
    response={200: list[IndicatorOut], **STANDARD_PROBLEMS},
    summary="List indicators",
)
def indicator_list(request: HttpRequest, org_slug: Path[Slug]) -> list[dict[str, Any]]:
    organisation = organisation_or_404(request, org_slug, "evidence.view")
    return [_indicator_out(i) for i in queries.indicators_in(organisation)[:500]]


@router.post(
    "/orgs/{org_slug}/evidence/indicators",
    response={201: IndicatorOut, **STATE_PROBLEMS},
    summary="Define an indicator",
    description="Names are unique in an organisation (409 when taken).",
)
def indicator_create(request: AuthedRequest, org_slug: Path[Slug], payload: IndicatorIn) -> Status:
    organisation = organisation_or_404(request, org_slug, "evidence.manage")
    details = payload.model_dump(exclude={"initiative_id"})
    indicator = services.indicator_save(
        organisation=organisation,
        by=request.user,
        details=details,
        initiative=initiative_or_none(organisation=organisation, pk=payload.initiative_id),
    )
    return Status(201, _indicator_out(indicator))


@router.get(
    "/orgs/{org_slug}/evidence/indicators/{indicator_id}",
    response={200: IndicatorDetailOut, **STANDARD_PROBLEMS},
    summary="Read an indicator and every figure recorded for it",
)
def indicator_detail(
    request: HttpRequest, org_slug: Path[Slug], indicator_id: ObjectId
) -> dict[str, Any]:
    organisation = organisation_or_404(request, org_slug, "evidence.view")
    indicator = queries.indicator_in(organisation=organisation, pk=indicator_id)
    observations = Observation.objects.filter(indicator=indicator).select_related("period")
    return {
        **_indicator_out(indicator),
        "observations": [
            {
                "period_id": o.period_id,
                "period": o.period.label,
                "breakdown": o.dimension,
                "category": o.category,
                "value": str(figure_text(o.value)),
                "stated_share": text_or_none(o.stated_share),
                "is_total": o.is_total,
            }
            for o in observations[:5000]
        ],
    }


@router.put(
    "/orgs/{org_slug}/evidence/indicators/{indicator_id}/figures",
    response={200: FiguresOut, **STATE_PROBLEMS},
    summary="Set one period's figures for one breakdown",
    description="Replaces that period's figures for the breakdown, all or nothing. A category "
    "called Total is a stated total. A problem names its row, like rows.2.value.",
)
def figures_set(
    request: AuthedRequest, org_slug: Path[Slug], indicator_id: ObjectId, payload: FiguresIn
) -> dict[str, Any]:
    organisation = organisation_or_404(request, org_slug, "evidence.manage")
    indicator = queries.indicator_in(organisation=organisation, pk=indicator_id)
    report = services.observations_replace(
        indicator=indicator,
        period=_period(organisation, payload.period_id),
        by=request.user,
        dimension=payload.breakdown,
        entries=[services.Entry(r.category, r.value, r.share) for r in payload.rows],
    )
    if report.errors:
        raise ValidationError({f"rows.{e.row - 1}.{e.field}": e.message for e in report.errors})
    return {"saved": report.saved}


@router.get(
    "/orgs/{org_slug}/evidence/indicators/{indicator_id}/comparison",
    response={200: ComparisonOut, **STANDARD_PROBLEMS},
    summary="Compare two periods, with the data quality checks",
)
def indicator_comparison(
    request: HttpRequest,
    org_slug: Path[Slug],
    indicator_id: ObjectId,
    filters: Query[ComparisonFilters],
) -> dict[str, Any]:
    organisation = organisation_or_404(request, org_slug, "evidence.view")
    indicator = queries.indicator_in(organisation=organisation, pk=indicator_id)
    result = queries.comparison_of(
        indicator,
        " ".join(filters.breakdown.split()),
        _period(organisation, filters.first),
        _period(organisation, filters.second),
    )
    c = result.comparison
    return {
        "breakdown": c.dimension,
        "first": c.label_a,
        "second": c.label_b,
        "rows": [
            {
                "category": r.category,
                "first": figure_text(r.a),
                "second": figure_text(r.b),
                "first_share": text_or_none(r.share_a),
                "second_share": text_or_none(r.share_b),
                "change_points": text_or_none(r.change),
                "fold_change": text_or_none(r.fold),
            }
            for r in c.rows
        ],
        "first_total": str(figure_text(c.total_a)),
        "second_total": str(figure_text(c.total_b)),
        "fold_change": text_or_none(c.total_fold),
        "flags": [{"kind": f.kind, "message": f.message} for f in result.flags],
        "rounding": figures.ROUNDING_RULE,
    }


@router.get(
    "/orgs/{org_slug}/evidence/periods",
    response={200: list[PeriodOut], **STANDARD_PROBLEMS},
    summary="List reporting periods",
)
def period_list(request: HttpRequest, org_slug: Path[Slug]) -> list[Period]:
    organisation = organisation_or_404(request, org_slug, "evidence.view")
    return list(queries.periods_in(organisation)[:500])


@router.post(
    "/orgs/{org_slug}/evidence/periods",
    response={201: PeriodOut, **STATE_PROBLEMS},
    summary="Add a reporting period",
    description="ends_on must not be before starts_on; labels are unique (409 when taken).",
)
def period_create(request: AuthedRequest, org_slug: Path[Slug], payload: PeriodIn) -> Status:
    organisation = organisation_or_404(request, org_slug, "evidence.manage")
    period = services.period_create(
        organisation=organisation, by=request.user, **payload.model_dump()
    )
    return Status(201, period)

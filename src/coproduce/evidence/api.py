"""API for evidence: indicators and figures, comparisons, surveys, coding and value."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from ninja import Field, Path, Query, Router, Schema, Status
from pydantic import ConfigDict, StringConstraints

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
    whole_number,
)
from coproduce.core.http import AuthedRequest
from coproduce.evidence import figures, queries, services
from coproduce.evidence.models import (
    BenefitKind,
    Confidence,
    Direction,
    Excerpt,
    Indicator,
    Observation,
    Period,
)
from coproduce.initiatives.models import Initiative
from coproduce.initiatives.queries import initiative_in, initiative_or_none

router = Router(tags=["evidence"])

# Figures travel as text, exactly as typed into a spreadsheet: "4541" or "12.50".
Figure = Annotated[str, StringConstraints(pattern=r"^[0-9]{1,12}(\.[0-9]{1,2})?$")]
Share = Annotated[str, StringConstraints(pattern=r"^([0-9]{1,2}(\.[0-9]{1,2})?|100(\.00?)?)?$")]
ObjectId = Annotated[int, Path(..., ge=1, le=MAX_ID)]
Pence = whole_number(1, 10**14)


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


class QuestionResultOut(Schema):
    id: int
    text: str
    kind: str
    answered: int
    agreement_share: str | None
    counts: dict[str, int]


class SurveyOut(Schema):
    id: int
    title: str
    status: str
    sent: int
    responses: int
    complete: int
    response_rate: str | None
    completion_rate: str | None
    questions: list[QuestionResultOut]


class CodeOut(Schema):
    id: int
    name: str
    description: str
    framework_item: str | None
    excerpts: int


class CodesIn(Schema):
    model_config = ConfigDict(extra="forbid")

    codes: list[Id] = Field(..., max_length=200)


class CodesOut(Schema):
    excerpt_id: int
    codes: list[int]


class AgreementFilters(Schema):
    first: int = Field(..., ge=1, le=MAX_ID, description="The first coder's user id")
    second: int = Field(..., ge=1, le=MAX_ID, description="The second coder's user id")


class CodeAgreementOut(Schema):
    code: str
    excerpts: int
    both: int
    first_only: int
    second_only: int
    kappa: str | None


class AgreementOut(Schema):
    excerpts: int
    mean_kappa: str | None
    codes: list[CodeAgreementOut]
    disagreements: list[int]


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
    amount_pence: Pence | None = None  # type: ignore[valid-type]
    hours: Figure | None = None
    hourly_rate_pence: whole_number(1, 10_000_000) | None = None  # type: ignore[valid-type]


class BenefitIn(Schema):
    model_config = ConfigDict(extra="forbid")

    description: line(200, required=True)  # type: ignore[valid-type]
    amount_pence_per_year: Pence  # type: ignore[valid-type]
    years: whole_number(1, 10) = 1  # type: ignore[valid-type]
    kind: BenefitKind
    confidence: Confidence
    source: line(300, required=True)  # type: ignore[valid-type]


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _figure(value: Any) -> str | None:
    """A recorded figure as text, a whole number without decimals: "4541", "12.5"."""
    return _text(figures.plain(value))


def _indicator_out(indicator: Indicator) -> dict[str, Any]:
    return {
        "id": indicator.pk,
        "name": indicator.name,
        "description": indicator.description,
        "unit": indicator.unit,
        "direction": indicator.direction,
        "baseline": _figure(indicator.baseline),
        "target": _figure(indicator.target),
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
                "value": str(_figure(o.value)),
                "stated_share": _text(o.stated_share),
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
                "first": _figure(r.a),
                "second": _figure(r.b),
                "first_share": _text(r.share_a),
                "second_share": _text(r.share_b),
                "change_points": _text(r.change),
                "fold_change": _text(r.fold),
            }
            for r in c.rows
        ],
        "first_total": str(_figure(c.total_a)),
        "second_total": str(_figure(c.total_b)),
        "fold_change": _text(c.total_fold),
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


@router.get(
    "/orgs/{org_slug}/evidence/surveys/{survey_id}",
    response={200: SurveyOut, **STANDARD_PROBLEMS},
    summary="A survey's response and completion rates and its answers",
)
def survey_detail(
    request: HttpRequest, org_slug: Path[Slug], survey_id: ObjectId
) -> dict[str, Any]:
    organisation = organisation_or_404(request, org_slug, "evidence.view")
    survey = queries.survey_in(organisation=organisation, pk=survey_id)
    results = queries.survey_results(survey)
    return {
        "id": survey.pk,
        "title": survey.title,
        "status": survey.status,
        "sent": results["sent"],
        "responses": results["responses"],
        "complete": results["complete"],
        "response_rate": _text(results["response_rate"]),
        "completion_rate": _text(results["completion_rate"]),
        "questions": [
            {
                "id": q["question"].pk,
                "text": q["question"].text,
                "kind": q["question"].kind,
                "answered": q["answered"],
                "agreement_share": _text(q["agreement"]),
                "counts": {o["key"]: o["count"] for o in q["options"]},
            }
            for q in results["questions"]
        ],
    }


@router.get(
    "/orgs/{org_slug}/evidence/codes",
    response={200: list[CodeOut], **STANDARD_PROBLEMS},
    summary="The codebook, with how many excerpts carry each code",
)
def code_list(request: HttpRequest, org_slug: Path[Slug]) -> list[dict[str, Any]]:
    organisation = organisation_or_404(request, org_slug, "evidence.code")
    return [
        {
            "id": row["code"].pk,
            "name": row["code"].name,
            "description": row["code"].description,
            "framework_item": row["code"].item.title if row["code"].item else None,
            "excerpts": row["excerpts"],
        }
        for row in queries.theme_counts(organisation)
    ]


@router.put(
    "/orgs/{org_slug}/evidence/excerpts/{excerpt_id}/codes",
    response={200: CodesOut, **STATE_PROBLEMS},
    summary="Set your own codes for an excerpt (an empty list is a decision too)",
)
def excerpt_codes(
    request: AuthedRequest, org_slug: Path[Slug], excerpt_id: ObjectId, payload: CodesIn
) -> dict[str, Any]:
    organisation = organisation_or_404(request, org_slug, "evidence.code")
    excerpt = Excerpt.objects.filter(organisation=organisation, pk=excerpt_id).first()
    if excerpt is None:
        raise Http404("No excerpt with that id in this organisation.")
    codes = list(queries.codes_in(organisation).filter(pk__in=payload.codes))
    if len(codes) != len(set(payload.codes)):
        raise Http404("One or more of those codes are not in this codebook.")
    services.excerpt_code(excerpt=excerpt, coder=request.user, codes=codes)
    return {"excerpt_id": excerpt.pk, "codes": sorted(c.pk for c in codes)}


@router.get(
    "/orgs/{org_slug}/evidence/agreement",
    response={200: AgreementOut, **STANDARD_PROBLEMS},
    summary="Cohen's kappa per code between two coders, and the excerpts they differ on",
)
def agreement(
    request: HttpRequest, org_slug: Path[Slug], filters: Query[AgreementFilters]
) -> dict[str, Any]:
    organisation = organisation_or_404(request, org_slug, "evidence.code")
    coders = queries.coders_in(organisation)
    first = coders.filter(pk=filters.first).first()
    second = coders.filter(pk=filters.second).first()
    if first is None or second is None:
        raise Http404("Both coders must have coded excerpts in this organisation.")
    result = queries.agreement(organisation, first, second)
    return {
        "excerpts": result["excerpts"],
        "mean_kappa": _text(result["mean_kappa"]),
        "codes": [
            {
                "code": row["code"].name,
                "excerpts": row["result"].excerpts,
                "both": row["result"].both,
                "first_only": row["result"].only_first,
                "second_only": row["result"].only_second,
                "kappa": _text(row["kappa"]),
            }
            for row in result["rows"]
        ],
        "disagreements": [d["excerpt_id"] for d in result["disagreements"]],
    }


def _value_out(initiative: Initiative) -> dict[str, Any]:
    found = queries.value_of(initiative)
    value = found["value"]
    return {
        "initiative_id": initiative.pk,
        "cost_pence": value.cost,
        "benefit_pence": value.benefit,
        "benefit_by_kind_pence": value.by_kind,
        "net_pence": value.net,
        "return_per_pound": _text(figures.rounded(value.per_pound)),
        "return_per_pound_low": _text(figures.rounded(value.per_pound_low)),
        "return_per_pound_high": _text(figures.rounded(value.per_pound_high)),
        "payback_months": _text(figures.rounded(value.payback_months, "0.1")),
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

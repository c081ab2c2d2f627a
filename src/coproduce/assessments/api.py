"""API for assessments: rounds, respondents and their links, answers, and results."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.urls import reverse
from ninja import Field, Path, Router, Schema, Status
from pydantic import ConfigDict

from coproduce.assessments import queries, services
from coproduce.assessments.models import Assessment, RespondentGroup
from coproduce.core.api import (
    BODY_PROBLEMS,
    STANDARD_PROBLEMS,
    STATE_PROBLEMS,
    Id,
    JsonTrue,
    Slug,
    line,
    organisation_or_404,
    problems,
    text,
    whole_number,
)
from coproduce.core.http import AuthedRequest
from coproduce.frameworks.models import StatementSet
from coproduce.people.models import Person

router = Router(tags=["assessments"])
MAX_ID = 2**63 - 1


class AssessmentOut(Schema):
    id: int
    title: str
    subject: str
    round_number: int
    status: str
    statement_set: str
    framework: str
    previous_id: int | None
    created_at: datetime


class AssessmentIn(Schema):
    model_config = ConfigDict(extra="forbid")

    statement_set_id: Id
    title: line(200) = ""  # type: ignore[valid-type]
    subject: line(200) = ""  # type: ignore[valid-type]
    previous_id: Id | None = None


class RespondentIn(Schema):
    model_config = ConfigDict(extra="forbid")

    group: RespondentGroup
    person_id: Id | None = None
    reviewer_organisation: line(200) = ""  # type: ignore[valid-type]
    valid_days: whole_number(1, 365) = 30  # type: ignore[valid-type]


class RespondentOut(Schema):
    id: int
    label: str
    group: RespondentGroup
    link_expires_at: datetime | None
    submitted_at: datetime | None
    withdrawn_at: datetime | None


class IssuedLinkOut(RespondentOut):
    link: str = Field(description="The private link. It is shown only in this response.")


class ScoredAnswerIn(Schema):
    model_config = ConfigDict(extra="forbid")

    statement_id: Id
    score: whole_number(0, 10) = Field(  # type: ignore[valid-type]
        ..., description="A point on the assessment's scale."
    )
    evidence: text(5000) = ""  # type: ignore[valid-type]
    evidence_link: line(500) = ""  # type: ignore[valid-type]


class DontKnowAnswerIn(Schema):
    model_config = ConfigDict(extra="forbid")

    statement_id: Id
    dont_know: JsonTrue
    evidence: text(5000) = ""  # type: ignore[valid-type]
    evidence_link: line(500) = ""  # type: ignore[valid-type]


class AnswersIn(Schema):
    model_config = ConfigDict(extra="forbid")

    answers: list[ScoredAnswerIn | DontKnowAnswerIn] = Field(..., min_length=1, max_length=200)


class CellOut(Schema):
    group: str
    mean: float | None
    spread: float | None
    count: int
    dont_know: int


class ItemResultOut(Schema):
    item: str
    title: str
    overall: CellOut
    groups: list[CellOut]
    staff_co_producer_gap: float | None
    previous_mean: float | None
    agreed_score: float | None


class ResultsOut(Schema):
    assessment_id: int
    overall_mean: float | None
    level: str | None
    items: list[ItemResultOut]


def _assessment(request: HttpRequest, org_slug: str, assessment_id: int, perm: str) -> Assessment:
    organisation = organisation_or_404(request, org_slug)
    assessment = queries.assessment_in(organisation=organisation, pk=assessment_id)
    if not request.user.has_perm(perm, assessment):
        raise PermissionDenied
    return assessment


def _out(assessment: Assessment) -> dict[str, Any]:
    return {
        "id": assessment.pk,
        "title": assessment.title,
        "subject": assessment.subject,
        "round_number": assessment.round_number,
        "status": assessment.status,
        "statement_set": assessment.statement_set.key,
        "framework": assessment.statement_set.framework.key,
        "previous_id": assessment.previous_id,
        "created_at": assessment.created_at,
    }


@router.get(
    "/orgs/{org_slug}/assessments",
    response={200: list[AssessmentOut], **STANDARD_PROBLEMS},
    summary="List assessments",
)
def assessment_list(request: HttpRequest, org_slug: Path[Slug]) -> list[dict[str, Any]]:
    organisation = organisation_or_404(request, org_slug, "assessments.list_assessments")
    return [_out(a) for a in queries.assessments_in(organisation)]


@router.post(
    "/orgs/{org_slug}/assessments",
    response={201: AssessmentOut, **BODY_PROBLEMS},
    summary="Start an assessment, or a new round of one",
)
def assessment_create(
    request: AuthedRequest, org_slug: Path[Slug], payload: AssessmentIn
) -> Status:
    organisation = organisation_or_404(request, org_slug, "assessments.add_assessment")
    statement_set = (
        queries.statement_sets_for(organisation).filter(pk=payload.statement_set_id).first()
    )
    if statement_set is None:
        raise Http404("No statement set with that id is available to this organisation.")
    previous = None
    if payload.previous_id is not None:
        previous = queries.assessment_in(organisation=organisation, pk=payload.previous_id)
    assessment = services.assessment_create(
        organisation=organisation,
        by=request.user,
        title=payload.title,
        subject=payload.subject,
        statement_set=StatementSet.objects.select_related("framework").get(pk=statement_set.pk),
        previous=previous,
    )
    return Status(201, _out(queries.assessment_in(organisation=organisation, pk=assessment.pk)))


@router.get(
    "/orgs/{org_slug}/assessments/{assessment_id}",
    response={200: AssessmentOut, **STANDARD_PROBLEMS},
    summary="Read one assessment",
)
def assessment_detail(
    request: HttpRequest, org_slug: Path[Slug], assessment_id: int = Path(..., ge=1, le=MAX_ID)
) -> dict[str, Any]:
    return _out(_assessment(request, org_slug, assessment_id, "assessments.view_results"))


@router.post(
    "/orgs/{org_slug}/assessments/{assessment_id}/respondents",
    response={201: IssuedLinkOut, **BODY_PROBLEMS},
    summary="Invite a respondent; the response holds their private link",
)
def respondent_create(
    request: AuthedRequest,
    org_slug: Path[Slug],
    payload: RespondentIn,
    assessment_id: int = Path(..., ge=1, le=MAX_ID),
) -> Status:
    assessment = _assessment(request, org_slug, assessment_id, "assessments.manage_assessment")
    person = None
    if payload.person_id is not None:
        person = Person.objects.filter(
            organisation=assessment.organisation, pk=payload.person_id
        ).first()
        if person is None:
            raise Http404("No person with that id in this organisation.")
    issued = services.respondent_invite(
        assessment=assessment,
        by=request.user,
        group=payload.group,
        person=person,
        reviewer_organisation=payload.reviewer_organisation,
        valid_days=payload.valid_days,
    )
    respondent = issued.respondent
    link = request.build_absolute_uri(
        reverse("assessments:answer-start", kwargs={"token": issued.token})
    )
    return Status(
        201,
        {
            "id": respondent.pk,
            "label": respondent.label,
            "group": respondent.group,
            "link_expires_at": respondent.link_expires_at,
            "submitted_at": None,
            "withdrawn_at": None,
            "link": link,
        },
    )


def _respondent(assessment: Assessment, respondent_id: int) -> Any:
    respondent = assessment.respondents.filter(pk=respondent_id).first()
    if respondent is None:
        raise Http404("No respondent with that id in this assessment.")
    return respondent


@router.put(
    "/orgs/{org_slug}/assessments/{assessment_id}/respondents/{respondent_id}/answers",
    response={200: RespondentOut, **STATE_PROBLEMS},
    summary="Enter answers for a respondent (for example from a paper form), all or none",
)
def answers_put(
    request: AuthedRequest,
    org_slug: Path[Slug],
    payload: AnswersIn,
    assessment_id: int = Path(..., ge=1, le=MAX_ID),
    respondent_id: int = Path(..., ge=1, le=MAX_ID),
) -> Any:
    assessment = _assessment(request, org_slug, assessment_id, "assessments.manage_assessment")
    respondent = _respondent(assessment, respondent_id)
    services.answers_save(
        respondent=respondent,
        by=request.user,
        answers=[
            services.AnswerInput(a.statement_id, None, True, a.evidence, a.evidence_link)
            if isinstance(a, DontKnowAnswerIn)
            else services.AnswerInput(a.statement_id, a.score, False, a.evidence, a.evidence_link)
            for a in payload.answers
        ],
    )
    return respondent


@router.post(
    "/orgs/{org_slug}/assessments/{assessment_id}/respondents/{respondent_id}/submit",
    response={200: RespondentOut, **problems(401, 403, 404, 409, 422)},
    summary="Send a respondent's answers in; their link then stops working",
)
def respondent_submit(
    request: HttpRequest,
    org_slug: Path[Slug],
    assessment_id: int = Path(..., ge=1, le=MAX_ID),
    respondent_id: int = Path(..., ge=1, le=MAX_ID),
) -> Any:
    assessment = _assessment(request, org_slug, assessment_id, "assessments.manage_assessment")
    return services.respondent_submit(respondent=_respondent(assessment, respondent_id))


@router.get(
    "/orgs/{org_slug}/assessments/{assessment_id}/results",
    response={200: ResultsOut, **STANDARD_PROBLEMS},
    summary="Results by principle and by group",
)
def assessment_results(
    request: HttpRequest, org_slug: Path[Slug], assessment_id: int = Path(..., ge=1, le=MAX_ID)
) -> dict[str, Any]:
    assessment = _assessment(request, org_slug, assessment_id, "assessments.view_results")
    results = queries.results_for(assessment)

    def cell(group: str, c: queries.Cell) -> dict[str, Any]:
        return {
            "group": group,
            "mean": c.mean,
            "spread": c.spread,
            "count": c.count,
            "dont_know": c.dont_know,
        }

    return {
        "assessment_id": assessment.pk,
        "overall_mean": results.overall_mean,
        "level": results.level,
        "items": [
            {
                "item": r.item.key,
                "title": r.item.title,
                "overall": cell("everyone", r.overall),
                "groups": [cell(g, r.by_group[g]) for g, _label in results.groups],
                "staff_co_producer_gap": r.staff_co_producer_gap,
                "previous_mean": r.previous_mean,
                "agreed_score": float(r.moderated.agreed_score) if r.moderated else None,
            }
            for r in results.items
        ],
    }

"""API for survey results."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Path, Query, Router, Schema

from coproduce.core.api import (
    STANDARD_PROBLEMS,
    Page,
    PageQuery,
    Slug,
    organisation_or_404,
    page_of,
)
from coproduce.evidence import queries
from coproduce.evidence.api_types import (
    ObjectId,
    text_or_none,
)

router = Router(tags=["evidence"])


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
        "response_rate": text_or_none(results["response_rate"]),
        "completion_rate": text_or_none(results["completion_rate"]),
        "questions": [
            {
                "id": q["question"].pk,
                "text": q["question"].text,
                "kind": q["question"].kind,
                "answered": q["answered"],
                "agreement_share": text_or_none(q["agreement"]),
                "counts": {o["key"]: o["count"] for o in q["options"]},
            }
            for q in results["questions"]
        ],
    }


class ResponseOut(Schema):
    id: int
    submitted_on: str
    entered_from_paper: bool
    answers: dict[str, str]


@router.get(
    "/orgs/{org_slug}/evidence/surveys/{survey_id}/responses",
    response={200: Page[ResponseOut], **STANDARD_PROBLEMS},
    summary="Every response to a survey, a page at a time",
    description=(
        "Answers by question id. People's own words are given only to staff, or when the "
        "survey shares them; never who answered."
    ),
)
def survey_responses(
    request: HttpRequest, org_slug: Path[Slug], survey_id: ObjectId, paging: Query[PageQuery]
) -> dict[str, Any]:
    organisation = organisation_or_404(request, org_slug, "evidence.view")
    survey = queries.survey_in(organisation=organisation, pk=survey_id)
    words = request.user.has_perm("evidence.manage", organisation) or survey.share_words
    page = page_of(survey.responses.order_by("submitted_at", "id"), paging)
    answers = queries.answers_by_response(survey, [r.pk for r in page["results"]], words)
    page["results"] = [
        {
            "id": response.pk,
            "submitted_on": timezone.localtime(response.submitted_at).date().isoformat(),
            "entered_from_paper": response.entered_by_id is not None,
            "answers": {str(q): text for q, text in answers.get(response.pk, {}).items()},
        }
        for response in page["results"]
    ]
    return page

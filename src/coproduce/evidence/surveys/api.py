"""API for survey results."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Path, Router, Schema

from coproduce.core.api import (
    STANDARD_PROBLEMS,
    Slug,
    organisation_or_404,
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

"""API for the codebook, coding passages, and agreement between coders."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Field, Path, Query, Router, Schema
from pydantic import ConfigDict

from coproduce.core.api import (
    MAX_ID,
    STANDARD_PROBLEMS,
    STATE_PROBLEMS,
    Id,
    Slug,
    organisation_or_404,
)
from coproduce.core.http import AuthedRequest
from coproduce.evidence import queries, services
from coproduce.evidence.api_types import (
    ObjectId,
    text_or_none,
)
from coproduce.evidence.models import (
    Excerpt,
)

router = Router(tags=["evidence"])


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
        "mean_kappa": text_or_none(result["mean_kappa"]),
        "codes": [
            {
                "code": row["code"].name,
                "excerpts": row["result"].excerpts,
                "both": row["result"].both,
                "first_only": row["result"].only_first,
                "second_only": row["result"].only_second,
                "kappa": text_or_none(row["kappa"]),
            }
            for row in result["rows"]
        ],
        "disagreements": result["disagreements"],
    }

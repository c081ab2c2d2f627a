"""API for the opportunities board."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Field, Path, Query, Router, Schema, Status
from pydantic import ConfigDict

from coproduce.core.api import (
    MAX_ID,
    STANDARD_PROBLEMS,
    STATE_PROBLEMS,
    Id,
    JsonDate,
    Page,
    PageQuery,
    Slug,
    line,
    organisation_or_404,
    page_of,
    problems,
    text,
    whole_number,
)
from coproduce.core.http import AuthedRequest
from coproduce.opportunities import queries, services
from coproduce.opportunities.models import OpportunityKind
from coproduce.people.models import Person
from coproduce.sessions.models import Session

router = Router(tags=["opportunities"])


class OpportunityOut(Schema):
    id: int
    title: str
    kind: OpportunityKind
    involves: str
    recognition: str
    access_support: str
    closes_on: datetime.date
    places: int
    session_id: int | None
    is_open: bool


class OpportunityIn(Schema):
    model_config = ConfigDict(extra="forbid")

    title: line(200, required=True)  # type: ignore[valid-type]
    kind: OpportunityKind
    involves: text(5000) = Field(..., min_length=1)  # type: ignore[valid-type]
    recognition: line(300, required=True)  # type: ignore[valid-type]
    access_support: text(5000) = ""  # type: ignore[valid-type]
    closes_on: JsonDate
    places: whole_number(1, 500) = 1  # type: ignore[valid-type]
    session_id: Id | None = None


class InterestIn(Schema):
    model_config = ConfigDict(extra="forbid")

    person_id: Id
    note: text(2000) = ""  # type: ignore[valid-type]


class InterestOut(Schema):
    id: int
    person_id: int
    status: str


class InterestRowOut(Schema):
    id: int
    person_id: int
    preferred_name: str
    email: str
    phone: str
    contact_preference: str
    note: str
    status: str
    recorded_on: str


@router.get(
    "/orgs/{org_slug}/opportunities",
    response={200: list[OpportunityOut], **STANDARD_PROBLEMS},
    summary="List opportunities to get involved, soonest closing first",
)
def opportunity_list(request: HttpRequest, org_slug: Path[Slug]) -> list[Any]:
    organisation = organisation_or_404(request, org_slug, "opportunities.view_opportunity")
    return list(queries.opportunities_in(organisation)[:500])


@router.post(
    "/orgs/{org_slug}/opportunities",
    response={201: OpportunityOut, **problems(400, 401, 403, 404, 422)},
    summary="Publish an opportunity",
)
def opportunity_create(
    request: AuthedRequest, org_slug: Path[Slug], payload: OpportunityIn
) -> Status:
    organisation = organisation_or_404(request, org_slug, "opportunities.manage")
    session = None
    if payload.session_id is not None:
        session = Session.objects.filter(organisation=organisation, pk=payload.session_id).first()
        if session is None:
            raise Http404("session_id: No session with this id in this organisation.")
    if not datetime.date(2000, 1, 1) <= payload.closes_on <= datetime.date(2200, 12, 31):
        raise ValidationError({"closes_on": "Enter a date between 2000 and 2200."})
    opportunity = services.opportunity_create(
        organisation=organisation,
        by=request.user,
        details=payload.model_dump(exclude={"session_id"}),
        session=session,
    )
    return Status(201, opportunity)


@router.post(
    "/orgs/{org_slug}/opportunities/{opportunity_id}/interest",
    response={201: InterestOut, **STATE_PROBLEMS},
    summary="Record that someone is interested (for themselves, or on behalf of someone)",
)
def interest_create(
    request: AuthedRequest,
    org_slug: Path[Slug],
    payload: InterestIn,
    opportunity_id: int = Path(..., ge=1, le=MAX_ID),
) -> Status:
    organisation = organisation_or_404(request, org_slug, "opportunities.express_interest")
    opportunity = queries.opportunity_in(organisation, opportunity_id)
    person = Person.objects.filter(organisation=organisation, pk=payload.person_id).first()
    if person is None:
        raise Http404("person_id: No person with this id in this organisation.")
    if not request.user.has_perm("opportunities.manage", organisation) and (
        person.user_id != request.user.pk
    ):
        raise PermissionDenied
    interest = services.interest_express(
        opportunity=opportunity, person=person, by=request.user, note=payload.note
    )
    return Status(201, {"id": interest.pk, "person_id": person.pk, "status": interest.status})


@router.get(
    "/orgs/{org_slug}/opportunities/{opportunity_id}/interest",
    response={200: Page[InterestRowOut], **STANDARD_PROBLEMS},
    summary="Who is interested, with how to contact them (staff only), a page at a time",
)
def interest_list(
    request: HttpRequest,
    org_slug: Path[Slug],
    paging: Query[PageQuery],
    opportunity_id: int = Path(..., ge=1, le=MAX_ID),
) -> dict[str, Any]:
    organisation = organisation_or_404(request, org_slug, "opportunities.manage")
    opportunity = queries.opportunity_in(organisation, opportunity_id)

    def row(interest: Any) -> dict[str, Any]:
        person = interest.person
        return {
            "id": interest.pk,
            "person_id": person.pk,
            "preferred_name": person.preferred_name,
            "email": person.email,
            "phone": person.phone,
            "contact_preference": person.contact_preference,
            "note": interest.note,
            "status": interest.status,
            "recorded_on": timezone.localtime(interest.recorded_at).date().isoformat(),
        }

    rows = queries.interest_in(opportunity).filter(person__erased_at__isnull=True)
    return page_of(rows, paging, out=row)

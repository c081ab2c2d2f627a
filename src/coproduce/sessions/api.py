"""API for sessions and their registers."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Field, Path, Query, Router, Schema, Status
from pydantic import ConfigDict, StrictFloat

from coproduce.core.api import (
    BODY_PROBLEMS,
    MAX_ID,
    STANDARD_PROBLEMS,
    STATE_PROBLEMS,
    Id,
    JsonBool,
    JsonDateTime,
    Page,
    PageQuery,
    Slug,
    line,
    organisation_or_404,
    page_of,
    text,
)
from coproduce.core.http import AuthedRequest
from coproduce.initiatives.queries import initiative_or_none
from coproduce.people.models import Person
from coproduce.sessions import queries, services
from coproduce.sessions.models import Co, Rung, Session, SessionKind

router = Router(tags=["sessions"])


class SessionOut(Schema):
    id: int
    title: str
    kind: SessionKind
    starts_at: datetime.datetime
    hours: Decimal
    venue: str
    co: str
    rung: str
    initiative_id: int | None
    invitees: list[int]
    attended: int
    cancelled_at: datetime.datetime | None
    cancel_reason: str


class SessionIn(Schema):
    model_config = ConfigDict(extra="forbid")

    title: line(200, required=True)  # type: ignore[valid-type]
    kind: SessionKind
    starts_at: JsonDateTime = Field(..., description="With a time zone, e.g. 2026-12-01T18:00:00Z")
    # Quarter hours, as a JSON number (pydantic documents a Decimal as "number or any
    # string"); stored as a Decimal.
    hours: StrictFloat = Field(2.0, ge=0.25, le=24, multiple_of=0.25)
    venue: line(200) = ""  # type: ignore[valid-type]
    venue_access: text(2000) = ""  # type: ignore[valid-type]
    co: Co | None = None
    rung: Rung | None = None
    shares_lived_experience: JsonBool = False
    debrief_offered: JsonBool = False
    initiative_id: Id | None = None
    invitees: list[Id] = Field(default_factory=list, max_length=500)


class CancelIn(Schema):
    model_config = ConfigDict(extra="forbid")

    reason: line(300, required=True)  # type: ignore[valid-type]


class RegisterIn(Schema):
    model_config = ConfigDict(extra="forbid")

    present: list[Id] = Field(default_factory=list, max_length=1000)
    newcomers: list[line(100, required=True)] = Field(  # type: ignore[valid-type]
        default_factory=list, max_length=200
    )


class RegisterOut(Schema):
    present: int
    newcomers: int
    removed: int


def _out(session: Session) -> dict[str, Any]:
    return {
        "id": session.pk,
        "title": session.title,
        "kind": session.kind,
        "starts_at": session.starts_at,
        "hours": session.hours,
        "venue": session.venue,
        "co": session.co,
        "rung": session.rung,
        "initiative_id": session.initiative_id,
        "invitees": [p.pk for p in session.invitees.all()],
        "attended": getattr(session, "attended", None) or session.attendance.count(),
        "cancelled_at": session.cancelled_at,
        "cancel_reason": session.cancel_reason,
    }


def _details(payload: SessionIn) -> dict[str, Any]:
    details = payload.model_dump(exclude={"initiative_id", "invitees"})
    details["co"], details["rung"] = details["co"] or "", details["rung"] or ""
    details["hours"] = Decimal(str(details["hours"]))
    return details


def _people(organisation: Any, ids: list[int]) -> list[Person]:
    people = list(Person.objects.filter(organisation=organisation, pk__in=ids))
    if len(people) != len(set(ids)):
        raise Http404("One or more of those people are not in this organisation.")
    return people


@router.get(
    "/orgs/{org_slug}/sessions",
    response={200: Page[SessionOut], **STANDARD_PROBLEMS},
    summary="List sessions, newest first, a page at a time",
)
def session_list(
    request: HttpRequest, org_slug: Path[Slug], paging: Query[PageQuery]
) -> dict[str, Any]:
    organisation = organisation_or_404(request, org_slug, "sessions.list_sessions")
    sessions = queries.sessions_in(organisation).prefetch_related("invitees")
    return page_of(sessions, paging, _out)


@router.post(
    "/orgs/{org_slug}/sessions",
    response={201: SessionOut, **BODY_PROBLEMS},
    summary="Plan a session",
)
def session_create(request: AuthedRequest, org_slug: Path[Slug], payload: SessionIn) -> Status:
    organisation = organisation_or_404(request, org_slug, "sessions.add_session")
    initiative = initiative_or_none(organisation=organisation, pk=payload.initiative_id)
    details = _details(payload)
    session = services.session_create(
        organisation=organisation,
        by=request.user,
        details=details,
        initiative=initiative,
        invitees=_people(organisation, payload.invitees),
    )
    return Status(201, _out(session))


@router.get(
    "/orgs/{org_slug}/sessions/{session_id}",
    response={200: SessionOut, **STANDARD_PROBLEMS},
    summary="Read one session",
)
def session_detail(
    request: HttpRequest, org_slug: Path[Slug], session_id: int = Path(..., ge=1, le=MAX_ID)
) -> dict[str, Any]:
    organisation = organisation_or_404(request, org_slug, "sessions.list_sessions")
    return _out(queries.session_in(organisation=organisation, pk=session_id))


@router.put(
    "/orgs/{org_slug}/sessions/{session_id}",
    response={200: SessionOut, **STATE_PROBLEMS},
    summary="Change a session's plan (send all of it): move it, change the venue, invite people",
    description="What changed is kept in the session's history. A cancelled session is 409.",
)
def session_update(
    request: AuthedRequest,
    org_slug: Path[Slug],
    payload: SessionIn,
    session_id: int = Path(..., ge=1, le=MAX_ID),
) -> dict[str, Any]:
    organisation = organisation_or_404(request, org_slug, "sessions.add_session")
    session = queries.session_in(organisation=organisation, pk=session_id)
    session = services.session_update(
        session=session,
        by=request.user,
        details=_details(payload),
        initiative=initiative_or_none(organisation=organisation, pk=payload.initiative_id),
        invitees=_people(organisation, payload.invitees),
    )
    return _out(session)


@router.post(
    "/orgs/{org_slug}/sessions/{session_id}/cancel",
    response={200: SessionOut, **STATE_PROBLEMS},
    summary="Cancel a session, saying why (409 once its register is taken)",
)
def session_cancel(
    request: AuthedRequest,
    org_slug: Path[Slug],
    payload: CancelIn,
    session_id: int = Path(..., ge=1, le=MAX_ID),
) -> dict[str, Any]:
    organisation = organisation_or_404(request, org_slug, "sessions.add_session")
    session = queries.session_in(organisation=organisation, pk=session_id)
    return _out(services.session_cancel(session=session, by=request.user, reason=payload.reason))


@router.put(
    "/orgs/{org_slug}/sessions/{session_id}/register",
    response={200: RegisterOut, **STATE_PROBLEMS},
    summary="Record exactly who came; newcomers get a person record",
)
def register_put(
    request: AuthedRequest,
    org_slug: Path[Slug],
    payload: RegisterIn,
    session_id: int = Path(..., ge=1, le=MAX_ID),
) -> dict[str, int]:
    organisation = organisation_or_404(request, org_slug, "sessions.take_register")
    session = queries.session_in(organisation=organisation, pk=session_id)
    result = services.register_save(
        session=session,
        by=request.user,
        present=_people(organisation, payload.present),
        newcomers=payload.newcomers,
    )
    return {"present": result.present, "newcomers": result.newcomers, "removed": result.removed}

"""API for people: list with filters and pages, create, read, update, delete."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema, Status
from pydantic import ConfigDict

from coproduce.core.api import (
    BODY_PROBLEMS,
    STANDARD_PROBLEMS,
    Email,
    Page,
    PageQuery,
    Slug,
    line,
    organisation_or_404,
    page_of,
    problems,
    text,
)
from coproduce.core.http import AuthedRequest
from coproduce.people import queries, services
from coproduce.people.models import AccessNeedKind, ContactPreference, Person, RecognitionPreference

router = Router(tags=["people"])

MAX_ID = 2**63 - 1


class PersonOut(Schema):
    id: int
    preferred_name: str
    full_name: str
    pronouns: str
    email: str
    phone: str
    postal_address: str
    contact_preference: ContactPreference
    preferred_language: str
    access_needs: list[AccessNeedKind]
    access_notes: str
    recognition_preference: RecognitionPreference
    has_login: bool
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_access_needs(obj: Person) -> list[str]:
        return [need.kind for need in obj.access_needs.all()]


class _PersonFields(Schema):
    model_config = ConfigDict(extra="forbid")

    full_name: line(200) = ""  # type: ignore[valid-type]
    pronouns: line(40) = ""  # type: ignore[valid-type]
    email: Email = ""
    phone: line(30) = ""  # type: ignore[valid-type]
    postal_address: text(500) = ""  # type: ignore[valid-type]
    contact_preference: ContactPreference = ContactPreference.IN_PERSON
    preferred_language: line(60) = ""  # type: ignore[valid-type]
    access_needs: list[AccessNeedKind] = Field(default_factory=list, max_length=len(AccessNeedKind))
    access_notes: text(2000) = ""  # type: ignore[valid-type]
    recognition_preference: RecognitionPreference = RecognitionPreference.NOT_ASKED


class PersonIn(_PersonFields):
    preferred_name: line(100, required=True)  # type: ignore[valid-type]


class PersonPatch(_PersonFields):
    preferred_name: line(100, required=True) = None  # type: ignore[valid-type]


class PersonFilters(PageQuery):
    q: line(200) = Field("", description="Search in names and email addresses.")  # type: ignore[valid-type]
    access_need: AccessNeedKind | None = None
    recognition: RecognitionPreference | None = None
    has_login: bool | None = None


def _split(data: dict[str, Any]) -> tuple[dict[str, Any], list[str] | None]:
    needs = data.pop("access_needs", None)
    values = {
        key: (value.value if hasattr(value, "value") else value) for key, value in data.items()
    }
    return values, [
        str(n.value if hasattr(n, "value") else n) for n in needs
    ] if needs is not None else None


def _person(request: HttpRequest, org_slug: str, person_id: int, perm: str) -> Person:
    organisation = organisation_or_404(request, org_slug)
    person = queries.person_in(organisation=organisation, pk=person_id)
    if not request.user.has_perm(perm, person):
        raise PermissionDenied
    return person


@router.get(
    "/orgs/{org_slug}/people",
    response={200: Page[PersonOut], **STANDARD_PROBLEMS},
    summary="List people in an organisation",
)
def person_list(
    request: HttpRequest, org_slug: Path[Slug], filters: Query[PersonFilters]
) -> dict[str, Any]:
    organisation = organisation_or_404(request, org_slug, "people.list_people")
    people = queries.people_in(
        organisation=organisation,
        search=filters.q,
        access_need=filters.access_need or "",
        recognition=filters.recognition or "",
        has_login=filters.has_login,
    )
    return page_of(people, filters)


@router.post(
    "/orgs/{org_slug}/people",
    response={201: PersonOut, **BODY_PROBLEMS},
    summary="Add a person",
)
def person_create(request: AuthedRequest, org_slug: Path[Slug], payload: PersonIn) -> Status:
    organisation = organisation_or_404(request, org_slug, "people.add_person")
    details, needs = _split(payload.model_dump())
    person = services.person_create(
        organisation=organisation, by=request.user, details=details, access_needs=needs or []
    )
    return Status(201, queries.person_in(organisation=organisation, pk=person.pk))


@router.get(
    "/orgs/{org_slug}/people/{person_id}",
    response={200: PersonOut, **STANDARD_PROBLEMS},
    summary="Read one person",
)
def person_detail(
    request: HttpRequest, org_slug: Path[Slug], person_id: int = Path(..., ge=1, le=MAX_ID)
) -> Person:
    return _person(request, org_slug, person_id, "people.view_person")


@router.patch(
    "/orgs/{org_slug}/people/{person_id}",
    response={200: PersonOut, **BODY_PROBLEMS},
    summary="Change some of a person's details",
)
def person_update(
    request: AuthedRequest,
    org_slug: Path[Slug],
    payload: PersonPatch,
    person_id: int = Path(..., ge=1, le=MAX_ID),
) -> Person:
    person = _person(request, org_slug, person_id, "people.change_person")
    changes, needs = _split(payload.model_dump(exclude_unset=True))
    services.person_update(person=person, by=request.user, changes=changes, access_needs=needs)
    return queries.person_in(organisation=person.organisation, pk=person.pk)


@router.delete(
    "/orgs/{org_slug}/people/{person_id}",
    response={204: None, **problems(401, 403, 404, 409, 422)},
    summary="Delete a person's record (409 when it holds ledger records that must be kept)",
)
def person_delete(
    request: AuthedRequest, org_slug: Path[Slug], person_id: int = Path(..., ge=1, le=MAX_ID)
) -> Status:
    person = _person(request, org_slug, person_id, "people.delete_person")
    services.person_delete(person=person, by=request.user)
    return Status(204, None)

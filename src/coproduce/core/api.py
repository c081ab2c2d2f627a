"""API building blocks shared by every app: bearer auth, problem+json errors, field types.

Errors follow RFC 9457 (`application/problem+json`), and a validation error
lists each failing field by name so a client can show it next to the input.
"""

from __future__ import annotations

import datetime
import re
from typing import Annotated, Any, Generic, Literal, TypeVar

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from ninja import NinjaAPI, Router, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer
from pydantic import (
    AfterValidator,
    AwareDatetime,
    BeforeValidator,
    Field,
    StrictBool,
    StringConstraints,
)

from coproduce.core.errors import CONFLICT
from coproduce.core.models import Organisation, OrganisationKind, Role
from coproduce.core.queries import organisations_with_roles
from coproduce.core.services import api_token_authenticate
from coproduce.core.tenancy import must_set_up_mfa, organisation_for, roles_for

PROBLEM_JSON = "application/problem+json"

# Text types. Control characters, C0 and C1, are refused (PostgreSQL cannot store NUL,
# and none belongs in a name); "Line" must contain something other than spaces.
# Every class is spelled out, never \s: Python, Rust (pydantic) and ECMAScript (the
# OpenAPI reader) disagree about what \s covers (U+0085, U+FEFF), and schemathesis
# found a name of U+0085 that the schema allowed and the server refused.
_NO_CONTROL = r"[^\x00-\x1f\x7f-\x9f]"
_NO_CONTROL_MULTILINE = r"[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"
_VISIBLE = r"[^\x00-\x20\x7f-\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]"


def line(max_length: int, *, required: bool = False) -> Any:
    """A single line of text of at most `max_length` characters."""
    pattern = rf"^{_NO_CONTROL}*{_VISIBLE}{_NO_CONTROL}*$" if required else rf"^{_NO_CONTROL}*$"
    return Annotated[
        str,
        StringConstraints(max_length=max_length, min_length=1 if required else 0, pattern=pattern),
    ]


def text(max_length: int) -> Any:
    """Free text that may run over several lines."""
    return Annotated[
        str, StringConstraints(max_length=max_length, pattern=rf"^{_NO_CONTROL_MULTILINE}*$")
    ]


# Mirrors what Django's EmailValidator accepts for plain ASCII addresses, so
# that anything this schema allows is also saved.
EMAIL_PATTERN = (
    r"^$|^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$"
)
Email = Annotated[str, StringConstraints(max_length=254, pattern=EMAIL_PATTERN)]
Slug = Annotated[str, StringConstraints(max_length=60, pattern=r"^[-a-zA-Z0-9_]+$")]


def _json_integer(value: Any) -> Any:
    # JSON Schema's "integer" includes 3.0 but not true or "3"; pydantic's lax mode
    # takes all three and its strict mode refuses 3.0, so the body types say it exactly.
    if isinstance(value, bool | str):
        raise ValueError("Enter a whole number.")
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _json_true(value: Any) -> Any:
    if value is not True:
        raise ValueError("Must be true.")
    return value


def whole_number(low: int, high: int) -> Any:
    """A JSON whole number from low to high. The bounds sit before the validator, where
    pydantic writes them into the schema as minimum and maximum."""
    return Annotated[int, Field(ge=low, le=high), BeforeValidator(_json_integer)]


def _json_date(value: Any) -> Any:
    # A JSON date is a "YYYY-MM-DD" string; pydantic would also take a number of seconds.
    if not isinstance(value, str | datetime.date):
        raise ValueError("Enter a date as YYYY-MM-DD.")
    return value


JsonDate = Annotated[datetime.date, BeforeValidator(_json_date)]


def _json_datetime(value: Any) -> Any:
    if not isinstance(value, str | datetime.datetime):
        raise ValueError("Enter a date and time as text, like 2026-12-01T18:00:00Z.")
    return value


def _to_utc(value: datetime.datetime) -> datetime.datetime:
    # Stored in UTC: PostgreSQL refuses offsets beyond 15:59, which Python allows.
    try:
        return value.astimezone(datetime.UTC)
    except OverflowError as error:
        raise ValueError("Enter a date and time between the years 1 and 9999.") from error


# A moment in time must say its time zone: a bare local time is ambiguous twice a year.
JsonDateTime = Annotated[AwareDatetime, BeforeValidator(_json_datetime), AfterValidator(_to_utc)]
# Only true and false: pydantic's lax booleans would also take 0, 1, "yes" and "off".
JsonBool = StrictBool

MAX_ID = 2**63 - 1
Id = whole_number(1, MAX_ID)
JsonTrue = Annotated[Literal[True], BeforeValidator(_json_true)]


Row = TypeVar("Row")


class PageQuery(Schema):
    """`?page=` and `?page_size=` on list endpoints; answers say `count` in all."""

    page: int = Field(1, ge=1, le=100_000)
    page_size: int = Field(settings.COPRODUCE_API_PAGE_SIZE, ge=1, le=100)


class Page(Schema, Generic[Row]):
    """A page of a list: `count` in all, this `page` of `page_size`, and the `results`."""

    count: int
    page: int
    page_size: int
    results: list[Row]


def page_of(records: Any, query: PageQuery, out: Any = None) -> dict[str, Any]:
    """One page of a queryset, each record shaped by `out` (as it is, without one)."""
    start = (query.page - 1) * query.page_size
    shown = records[start : start + query.page_size]
    return {
        "count": records.count(),
        "page": query.page,
        "page_size": query.page_size,
        "results": [out(record) for record in shown] if out else list(shown),
    }


class FieldError(Schema):
    field: str
    location: str
    message: str


class Problem(Schema):
    type: str
    title: str
    status: int
    detail: str
    errors: list[FieldError] = []


def problems(*codes: int) -> dict[int, type[Problem]]:
    """Response declarations for the error statuses an operation can return."""
    return dict.fromkeys(codes, Problem)


STANDARD_PROBLEMS = problems(401, 403, 404, 422)
# Operations with a JSON body also answer 400 when the body cannot be parsed.
BODY_PROBLEMS = problems(400, 401, 403, 404, 422)
# Operations whose rules depend on a record's current state also answer 409.
STATE_PROBLEMS = problems(400, 401, 403, 404, 409, 422)


def problem_response(
    status: int,
    title: str,
    detail: str,
    errors: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
) -> HttpResponse:
    body = {
        "type": "about:blank",
        "title": title,
        "status": status,
        "detail": detail,
        "errors": errors or [],
    }
    response = JsonResponse(body, status=status, content_type=PROBLEM_JSON)
    for key, value in (headers or {}).items():
        response[key] = value
    return response


# Plain messages in place of pydantic's, which quote regular expressions.
_MESSAGES = {
    "missing": "This field is required.",
    "extra_forbidden": "This field is not recognised. Check its spelling.",
    "string_type": "Enter text.",
    "int_parsing": "Enter a whole number.",
    "bool_parsing": "Enter true or false.",
}


_UNION_MARKER = re.compile(r"^(function-\w+\[.*\]|[A-Z]\w*)$")


def _message(error: dict[str, Any], field: str) -> str:
    kind = str(error.get("type", ""))
    if kind == "string_pattern_mismatch":
        if field.split(".")[-1] == "email":
            return "Enter an email address in the right format, like name@example.org."
        return (
            "Enter ordinary text. It cannot be only spaces, and it cannot contain control "
            "characters such as tabs."
        )
    return _MESSAGES.get(kind, str(error.get("msg", "This value is not valid.")))


def _field_errors_from_ninja(errors: list[dict[str, Any]]) -> list[dict[str, str]]:
    found = []
    for error in errors:
        loc = [str(part) for part in error.get("loc", [])]
        location = loc[0] if loc else "body"
        # Ninja puts the parameter name second ("body", "payload", "email"); drop it.
        names = loc[2:] if location == "body" and len(loc) > 2 else loc[1:]
        # Drop pydantic's markers for which member of a union it tried.
        names = [n for n in names if not _UNION_MARKER.match(n)]
        field = ".".join(names) or location
        found.append({"field": field, "location": location, "message": _message(error, field)})
    return found


class CoproduceAPI(NinjaAPI):
    """NinjaAPI that documents error responses as application/problem+json."""

    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(*args, **kwargs)
        for path in schema.get("paths", {}).values():
            for operation in path.values():
                for status, response in operation.get("responses", {}).items():
                    content = response.get("content", {})
                    if str(status).startswith(("4", "5")) and "application/json" in content:
                        content[PROBLEM_JSON] = content.pop("application/json")
        return schema


def _is_conflict(exc: DjangoValidationError) -> bool:
    errors = (
        [e for group in exc.error_dict.values() for e in group]
        if hasattr(exc, "error_dict")
        else list(exc.error_list)
    )
    return bool(errors) and all(getattr(e, "code", None) == CONFLICT for e in errors)


def install_error_handlers(api: NinjaAPI) -> None:
    """Answer every failure as problem+json naming what was wrong."""

    @api.exception_handler(NinjaValidationError)
    def on_invalid(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        errors = _field_errors_from_ninja(list(exc.errors))
        detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors)
        return problem_response(422, "Some of the data is not valid", detail, errors)

    @api.exception_handler(DjangoValidationError)
    def on_rule_broken(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        # A rule that depends on the current state of a record (code "conflict") is 409;
        # anything else about the data sent is 422.
        status = 409 if _is_conflict(exc) else 422
        if hasattr(exc, "error_dict"):
            errors = [
                {
                    "field": field if field != "__all__" else "body",
                    "location": "body",
                    "message": message,
                }
                for field, messages in exc.message_dict.items()
                for message in messages
            ]
        else:
            errors = [{"field": "body", "location": "body", "message": m} for m in exc.messages]
        detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors)
        title = (
            "The request conflicts with the record as it is now"
            if status == 409
            else ("The request breaks a rule")
        )
        return problem_response(status, title, detail, errors)

    @api.exception_handler(AuthenticationError)
    def on_unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return problem_response(
            401,
            "Not signed in",
            "Send a valid API token as 'Authorization: Bearer <token>'.",
            headers={"WWW-Authenticate": "Bearer"},
        )

    @api.exception_handler(PermissionDenied)
    def on_forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        detail = str(exc) or "Your role here does not allow this."
        return problem_response(403, "Not allowed", detail)

    @api.exception_handler(RequestDataTooBig)
    def on_too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        return problem_response(
            413,
            "The request is too large",
            f"Send at most {settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)} MB.",
        )

    @api.exception_handler(Http404)
    def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return problem_response(404, "Not found", str(exc) or "Nothing was found here.")

    @api.exception_handler(HttpError)
    def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        errors = []
        if exc.status_code == 400:
            # Ninja's only 400 is a body it cannot parse.
            errors = [
                {
                    "field": "body",
                    "location": "body",
                    "message": "The request body is not valid JSON.",
                }
            ]
        return problem_response(exc.status_code, "Request not accepted", str(exc), errors)


class BearerToken(HttpBearer):
    """Authenticates `Authorization: Bearer <token>` against hashed API tokens."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        if len(token) > 200:
            return None
        api_token = api_token_authenticate(token)
        if api_token is None:
            return None
        user = api_token.user
        if must_set_up_mfa(user):
            # A token is no way round the two-step sign-in the site asks of this person.
            raise PermissionDenied("Set up two-step sign-in on the website before using the API.")
        if request.method not in READING and not api_token.can_write:
            raise PermissionDenied(
                "This token can only read. Make a token that can read and write at "
                "/account/api-tokens/."
            )
        request.user = user
        request.api_token = api_token  # type: ignore[attr-defined]
        return user


READING = ("GET", "HEAD", "OPTIONS")


def _token_organisation(request: HttpRequest) -> int | None:
    """The one organisation the caller's token is for, or None for all of theirs."""
    api_token = getattr(request, "api_token", None)
    return api_token.organisation_id if api_token is not None else None


class OrganisationOut(Schema):
    slug: str
    name: str
    kind: OrganisationKind
    role: Role


router = Router(tags=["organisations"])


@router.get(
    "/organisations",
    response={200: list[OrganisationOut], **problems(401)},
    summary="List the organisations you hold a role in",
)
def organisation_list(request: HttpRequest) -> list[dict[str, Any]]:
    roles = roles_for(request.user)
    only = _token_organisation(request)
    return [
        {"slug": org.slug, "name": org.name, "kind": org.kind, "role": roles[org.pk]}
        for org, _label in organisations_with_roles(request.user)
        if only is None or org.pk == only
    ]


def organisation_or_404(
    request: HttpRequest, org_slug: str, perm: str | None = None
) -> Organisation:
    """The organisation in the path, limited to the caller's organisations (404 outside
    them), and one named rule checked there (403 when it says no)."""
    organisation = organisation_for(request.user, org_slug)
    only = _token_organisation(request)
    if only is not None and organisation.pk != only:
        raise Http404("This token is for another organisation.")
    if perm is not None and not request.user.has_perm(perm, organisation):
        raise PermissionDenied
    return organisation


def not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Any address under /api/v1/ that is not an operation: problem+json, not a page."""
    return problem_response(
        404, "Not found", "There is no such address in the API. See /api/v1/docs."
    )

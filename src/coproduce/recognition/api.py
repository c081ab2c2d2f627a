"""API for the ledger and the opportunities board.

Every write to the ledger takes an `Idempotency-Key` header: send the same key
again (after a timeout, say) and you get the first answer back, with
`Idempotent-Replayed: true`; send it with a different body and you get 409.
"""

from __future__ import annotations

import datetime
from typing import Any, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Field, Header, Path, Query, Router, Schema, Status
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
from coproduce.people.models import Person
from coproduce.recognition import queries, services
from coproduce.recognition.models import (
    Account,
    AccountKind,
    OpportunityKind,
    Transaction,
    TransactionKind,
    Unit,
)
from coproduce.sessions.models import Session

router = Router(tags=["recognition"])

IdempotencyKey = Header(
    ...,
    alias="Idempotency-Key",
    min_length=1,
    max_length=100,
    pattern=r"^[\x21-\x7e]+$",
    description="Your own unique key for this request (1 to 100 visible ASCII characters).",
)


class AccountOut(Schema):
    id: int
    kind: AccountKind
    unit: Unit
    person_id: int | None
    partner_id: int | None
    balance: int = Field(description="Time credits, or pence")


class PostingOut(Schema):
    account_id: int
    amount: int


class TransactionOut(Schema):
    id: int
    kind: TransactionKind
    unit: Unit
    memo: str
    person_id: int | None
    reverses_id: int | None
    idempotency_key: str
    created_at: datetime.datetime
    postings: list[PostingOut]


# What each kind of transfer may move, from which kind of account to which.
TRANSFERS: dict[str, tuple[str, str]] = {
    TransactionKind.AWARD: (AccountKind.ISSUED, AccountKind.PERSON),
    TransactionKind.GIFT: (AccountKind.PERSON, AccountKind.PERSON),
    TransactionKind.SPEND: (AccountKind.PERSON, AccountKind.PARTNER),
    TransactionKind.EXCHANGE: (AccountKind.PERSON, AccountKind.PERSON),
}


class TransferIn(Schema):
    model_config = ConfigDict(extra="forbid")

    kind: Literal["award", "gift", "spend", "exchange"]
    from_account: Id
    to_account: Id
    amount: whole_number(1, 10**9) = Field(  # type: ignore[valid-type]
        ..., description="Time credits, or pence, at least 1"
    )
    memo: line(300) = ""  # type: ignore[valid-type]


class ReverseIn(Schema):
    model_config = ConfigDict(extra="forbid")

    reason: line(300, required=True)  # type: ignore[valid-type]


def _transaction_out(record: Transaction) -> dict[str, Any]:
    return {
        "id": record.pk,
        "kind": record.kind,
        "unit": record.unit,
        "memo": record.memo,
        "person_id": record.person_id,
        "reverses_id": record.reverses_id,
        "idempotency_key": record.idempotency_key,
        "created_at": record.created_at,
        "postings": [
            {"account_id": p.account_id, "amount": p.amount} for p in record.postings.all()
        ],
    }


def _written(response: HttpResponse, record: Transaction) -> Status:
    if getattr(record, "replayed", False):
        response["Idempotent-Replayed"] = "true"
        return Status(200, _transaction_out(record))
    return Status(201, _transaction_out(record))


@router.get(
    "/orgs/{org_slug}/ledger/accounts",
    response={200: list[AccountOut], **STANDARD_PROBLEMS},
    summary="List accounts with their balances (sums of their postings)",
)
def account_list(request: HttpRequest, org_slug: Path[Slug]) -> list[Account]:
    organisation = organisation_or_404(request, org_slug, "recognition.view_ledger")
    return list(queries.accounts_in(organisation)[:1000])


@router.get(
    "/orgs/{org_slug}/ledger/accounts/{account_id}",
    response={200: AccountOut, **STANDARD_PROBLEMS},
    summary="Read one account and its balance",
)
def account_detail(
    request: HttpRequest, org_slug: Path[Slug], account_id: int = Path(..., ge=1, le=MAX_ID)
) -> Account:
    organisation = organisation_or_404(request, org_slug, "recognition.view_ledger")
    return queries.account_in(organisation, account_id)


@router.get(
    "/orgs/{org_slug}/ledger/transactions",
    response={200: Page[TransactionOut], **STANDARD_PROBLEMS},
    summary="List transactions, newest first, a page at a time",
)
def transaction_list(
    request: HttpRequest, org_slug: Path[Slug], paging: Query[PageQuery]
) -> dict[str, Any]:
    organisation = organisation_or_404(request, org_slug, "recognition.view_ledger")
    records = queries.transactions_in(organisation).prefetch_related("postings")
    return page_of(records, paging, _transaction_out)


@router.get(
    "/orgs/{org_slug}/ledger/transactions/{transaction_id}",
    response={200: TransactionOut, **STANDARD_PROBLEMS},
    summary="Read one transaction and its postings",
)
def transaction_detail(
    request: HttpRequest, org_slug: Path[Slug], transaction_id: int = Path(..., ge=1, le=MAX_ID)
) -> dict[str, Any]:
    organisation = organisation_or_404(request, org_slug, "recognition.view_ledger")
    return _transaction_out(queries.transaction_in(organisation, transaction_id))


def _transfer_account(organisation: Any, pk: int, field: str, wanted: str) -> Account:
    account = Account.objects.filter(organisation=organisation, pk=pk).first()
    if account is None:
        raise ValidationError({field: "No account with this id in this organisation."})
    if account.kind != wanted:
        raise ValidationError(
            {
                field: f"This kind of transaction needs a {AccountKind(wanted).label.lower()} account."
            }
        )
    return account


@router.post(
    "/orgs/{org_slug}/ledger/transactions",
    response={200: TransactionOut, 201: TransactionOut, **STATE_PROBLEMS},
    summary="Move time credits or money from one account to another",
    description=(
        "award: from the organisation's issued account to a person; gift and exchange: "
        "person to person (time credits); spend: person to partner venue. 201 when written, "
        "200 when the Idempotency-Key was seen before with the same body."
    ),
)
def transaction_create(
    request: HttpRequest,
    org_slug: Path[Slug],
    payload: TransferIn,
    response: HttpResponse,
    idempotency_key: str = IdempotencyKey,
) -> Status:
    organisation = organisation_or_404(request, org_slug, "recognition.manage")
    source_kind, target_kind = TRANSFERS[payload.kind]
    source = _transfer_account(organisation, payload.from_account, "from_account", source_kind)
    target = _transfer_account(organisation, payload.to_account, "to_account", target_kind)
    if source.unit != target.unit:
        raise ValidationError({"to_account": "Both accounts must hold the same unit."})
    if payload.kind != TransactionKind.AWARD and source.unit != Unit.CREDITS:
        raise ValidationError({"from_account": "Only time credits can be given, swapped or spent."})
    record = services.post(
        organisation=organisation,
        by=request.user,
        key=idempotency_key,
        kind=payload.kind,
        legs=[(source, -payload.amount), (target, payload.amount)],
        memo=payload.memo,
        person=source.person or target.person,
    )
    return _written(response, record)


@router.post(
    "/orgs/{org_slug}/ledger/transactions/{transaction_id}/reverse",
    response={200: TransactionOut, 201: TransactionOut, **STATE_PROBLEMS},
    summary="Reverse a transaction by posting its opposite",
)
def transaction_reverse(
    request: HttpRequest,
    org_slug: Path[Slug],
    payload: ReverseIn,
    response: HttpResponse,
    transaction_id: int = Path(..., ge=1, le=MAX_ID),
    idempotency_key: str = IdempotencyKey,
) -> Status:
    organisation = organisation_or_404(request, org_slug, "recognition.manage")
    original = queries.transaction_in(organisation, transaction_id)
    record = services.transaction_reverse(
        original=original, by=request.user, key=idempotency_key, reason=payload.reason
    )
    return _written(response, record)


# --- Opportunities -----------------------------------------------------------------------


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


@router.get(
    "/orgs/{org_slug}/opportunities",
    response={200: list[OpportunityOut], **STANDARD_PROBLEMS},
    summary="List opportunities to get involved, soonest closing first",
)
def opportunity_list(request: HttpRequest, org_slug: Path[Slug]) -> list[Any]:
    organisation = organisation_or_404(request, org_slug, "recognition.view_opportunities")
    return list(queries.opportunities_in(organisation)[:500])


@router.post(
    "/orgs/{org_slug}/opportunities",
    response={201: OpportunityOut, **problems(400, 401, 403, 404, 422)},
    summary="Publish an opportunity",
)
def opportunity_create(
    request: HttpRequest, org_slug: Path[Slug], payload: OpportunityIn
) -> Status:
    organisation = organisation_or_404(request, org_slug, "recognition.manage_opportunities")
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
    request: HttpRequest,
    org_slug: Path[Slug],
    payload: InterestIn,
    opportunity_id: int = Path(..., ge=1, le=MAX_ID),
) -> Status:
    organisation = organisation_or_404(request, org_slug, "recognition.express_interest")
    opportunity = queries.opportunity_in(organisation, opportunity_id)
    person = Person.objects.filter(organisation=organisation, pk=payload.person_id).first()
    if person is None:
        raise Http404("person_id: No person with this id in this organisation.")
    if not request.user.has_perm("recognition.manage_opportunities", organisation) and (
        person.user_id != request.user.pk
    ):
        raise PermissionDenied
    interest = services.interest_express(
        opportunity=opportunity, person=person, by=request.user, note=payload.note
    )
    return Status(201, {"id": interest.pk, "person_id": person.pk, "status": interest.status})

"""API for the ledger and the opportunities board.

Every write to the ledger takes an `Idempotency-Key` header: send the same key
again (after a timeout, say) and you get the first answer back, with
`Idempotent-Replayed: true`; send it with a different body and you get 409.
"""

from __future__ import annotations

import datetime
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from ninja import Field, Header, Path, Query, Router, Schema, Status
from pydantic import ConfigDict

from coproduce.core.api import (
    MAX_ID,
    STANDARD_PROBLEMS,
    STATE_PROBLEMS,
    Id,
    Page,
    PageQuery,
    Slug,
    line,
    organisation_or_404,
    page_of,
    whole_number,
)
from coproduce.core.http import AuthedRequest
from coproduce.ledger import queries as ledger_queries
from coproduce.ledger.models import Account, AccountKind, Transaction, TransactionKind, Unit
from coproduce.recognition import services

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
    over_caps_reason: line(300) = Field(  # type: ignore[valid-type]
        "",
        description=(
            "Only for a money award over the limits a person set to protect their benefits: "
            "why it is being paid anyway (kept in the audit trail). Without it, such an "
            "award is refused with 409."
        ),
    )


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
    return list(ledger_queries.accounts_in(organisation)[:1000])


@router.get(
    "/orgs/{org_slug}/ledger/accounts/{account_id}",
    response={200: AccountOut, **STANDARD_PROBLEMS},
    summary="Read one account and its balance",
)
def account_detail(
    request: HttpRequest, org_slug: Path[Slug], account_id: int = Path(..., ge=1, le=MAX_ID)
) -> Account:
    organisation = organisation_or_404(request, org_slug, "recognition.view_ledger")
    return ledger_queries.account_in(organisation, account_id)


@router.get(
    "/orgs/{org_slug}/ledger/transactions",
    response={200: Page[TransactionOut], **STANDARD_PROBLEMS},
    summary="List transactions, newest first, a page at a time",
)
def transaction_list(
    request: HttpRequest, org_slug: Path[Slug], paging: Query[PageQuery]
) -> dict[str, Any]:
    organisation = organisation_or_404(request, org_slug, "recognition.view_ledger")
    records = ledger_queries.transactions_in(organisation).prefetch_related("postings")
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
    return _transaction_out(ledger_queries.transaction_in(organisation, transaction_id))


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
    request: AuthedRequest,
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
    if payload.kind == TransactionKind.AWARD:
        record = services.award_direct(
            organisation=organisation,
            by=request.user,
            source=source,
            target=target,
            amount=payload.amount,
            memo=payload.memo,
            key=idempotency_key,
            over_caps_reason=payload.over_caps_reason,
        )
        return _written(response, record)
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
    request: AuthedRequest,
    org_slug: Path[Slug],
    payload: ReverseIn,
    response: HttpResponse,
    transaction_id: int = Path(..., ge=1, le=MAX_ID),
    idempotency_key: str = IdempotencyKey,
) -> Status:
    organisation = organisation_or_404(request, org_slug, "recognition.manage")
    original = ledger_queries.transaction_in(organisation, transaction_id)
    record = services.transaction_reverse(
        original=original, by=request.user, key=idempotency_key, reason=payload.reason
    )
    return _written(response, record)

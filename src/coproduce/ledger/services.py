"""Writes to the ledger. Every movement of credits or money goes through `post`.

`post` is the only function that writes postings. It takes an idempotency key:
a repeat with the same key and the same content returns the first transaction;
the same key with different content is refused. It checks, inside one database
transaction holding the accounts it takes from, that no person or partner goes
below zero unless the caller says people may borrow time credits (the
organisation's recognition policy decides that; see recognition.services.post).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from coproduce.core.errors import conflict
from coproduce.core.models import AuditAction, Organisation, User
from coproduce.core.services import audit_record
from coproduce.ledger import queries
from coproduce.ledger.models import (
    Account,
    AccountKind,
    Partner,
    Posting,
    Transaction,
    TransactionKind,
    Unit,
)
from coproduce.people.models import Person

MAX_AMOUNT = 10**12  # pence or credits; anything near this is a typing slip
MAX_KEY_LENGTH = 100


# --- Accounts ------------------------------------------------------------------------


def _account(organisation: Organisation, **owner: Any) -> Account:
    found = Account.objects.filter(organisation=organisation, **owner).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            return Account.objects.create(organisation=organisation, **owner)
    except IntegrityError:
        # Another writer made it first.
        return Account.objects.get(organisation=organisation, **owner)


def person_account(person: Person, unit: str) -> Account:
    return _account(person.organisation, kind=AccountKind.PERSON, person=person, unit=unit)


def partner_account(partner: Partner) -> Account:
    return _account(
        partner.organisation, kind=AccountKind.PARTNER, partner=partner, unit=Unit.CREDITS
    )


def organisation_account(organisation: Organisation, kind: str, unit: str) -> Account:
    return _account(organisation, kind=kind, unit=unit)


# --- Posting -------------------------------------------------------------------------


def fingerprint(
    kind: str,
    legs: Sequence[tuple[int, int]],
    memo: str,
    person_id: int | None,
    reverses_id: int | None,
) -> str:
    """What a transaction asks for, as a hash: (account id, amount) legs in any order.
    A repeat of an idempotency key with another fingerprint is refused."""
    content = {
        "kind": kind,
        "legs": sorted([account_id, amount] for account_id, amount in legs),
        "memo": memo,
        "person": person_id,
        "reverses": reverses_id,
    }
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()


def _validate_legs(organisation: Organisation, legs: Sequence[tuple[Account, int]]) -> str:
    if len(legs) < 2:
        raise ValidationError({"postings": _("A transaction needs at least two postings.")})
    accounts = [account for account, _amount in legs]
    if len({a.pk for a in accounts}) != len(accounts):
        raise ValidationError({"postings": _("Each account can appear only once.")})
    for account, amount in legs:
        if account.organisation_id != organisation.pk:
            raise ValidationError({"account": _("Choose an account of this organisation.")})
        if isinstance(amount, bool) or not isinstance(amount, int):
            raise ValidationError({"amount": _("Enter a whole number.")})
        if amount == 0 or abs(amount) > MAX_AMOUNT:
            raise ValidationError({"amount": _("Enter an amount of at least 1.")})
    if sum(amount for _account, amount in legs) != 0:
        raise ValidationError({"postings": _("The postings must add up to zero.")})
    units = {account.unit for account in accounts}
    if len(units) != 1:
        raise ValidationError({"postings": _("Time credits and money cannot be mixed.")})
    return units.pop()


def _may_go_negative(account: Account, allow_negative_credits: bool) -> bool:
    if account.kind in (AccountKind.ISSUED, AccountKind.PAID_OUT):
        return True
    return (
        account.kind == AccountKind.PERSON
        and account.unit == Unit.CREDITS
        and allow_negative_credits
    )


def _check_balances(
    organisation: Organisation, legs: Sequence[tuple[Account, int]], allow_negative_credits: bool
) -> None:
    debited = sorted(
        (
            account
            for account, amount in legs
            if amount < 0 and not _may_go_negative(account, allow_negative_credits)
        ),
        key=lambda a: a.pk,
    )
    if not debited:
        return
    # Hold the accounts we take from until commit (PostgreSQL; SQLite's IMMEDIATE
    # transactions already hold the whole database), in id order to avoid deadlocks.
    list(Account.objects.select_for_update().filter(pk__in=[a.pk for a in debited]).order_by("pk"))
    balances = queries.balances_of(debited)
    for account, amount in legs:
        if account in debited and balances.get(account.pk, 0) + amount < 0:
            if account.unit == Unit.CREDITS:
                message = _("There are not enough time credits: %(balance)s available.") % {
                    "balance": balances.get(account.pk, 0)
                }
            else:
                message = _("This would take more than is owed: %(balance)s available.") % {
                    "balance": queries.money(balances.get(account.pk, 0))
                }
            raise conflict("amount", message)


def post(
    *,
    organisation: Organisation,
    by: User | None,
    key: str,
    kind: str,
    legs: Sequence[tuple[Account, int]],
    memo: str = "",
    person: Person | None = None,
    reverses: Transaction | None = None,
    allow_negative_credits: bool = False,
) -> Transaction:
    """Write one balanced transaction, or return the one already written under `key`.
    People's time-credit accounts may go below zero only with `allow_negative_credits`."""
    if not key or len(key) > MAX_KEY_LENGTH:
        raise ValidationError(
            {"idempotency_key": _("Send a key of 1 to %(n)s characters.") % {"n": MAX_KEY_LENGTH}}
        )
    unit = _validate_legs(organisation, legs)
    asked = fingerprint(
        kind,
        [(account.pk, amount) for account, amount in legs],
        memo,
        person.pk if person else None,
        reverses.pk if reverses else None,
    )

    def replay() -> Transaction | None:
        existing = Transaction.objects.filter(
            organisation=organisation, idempotency_key=key
        ).first()
        if existing is not None and existing.fingerprint != asked:
            raise conflict(
                "idempotency_key",
                _("This key was already used for a different transaction. Use a new key."),
            )
        return existing

    try:
        with transaction.atomic():
            existing = replay()
            if existing is not None:
                existing.replayed = True  # type: ignore[attr-defined]
                return existing
            _check_balances(organisation, legs, allow_negative_credits)
            record = Transaction.objects.create(
                organisation=organisation,
                kind=kind,
                idempotency_key=key,
                fingerprint=asked,
                unit=unit,
                memo=memo[:300],
                person=person,
                reverses=reverses,
                created_by=by if getattr(by, "is_authenticated", False) else None,
            )
            Posting.objects.bulk_create(
                Posting(
                    organisation=organisation, transaction=record, account=account, amount=amount
                )
                for account, amount in legs
            )
    except IntegrityError:
        # The same key arrived at the same moment from somewhere else, or the
        # transaction was reversed twice at once: the first writer won.
        existing = replay()
        if existing is not None:
            existing.replayed = True  # type: ignore[attr-defined]
            return existing
        if reverses is not None:
            raise conflict(
                "transaction", _("This transaction has already been reversed.")
            ) from None
        raise
    return record


def transaction_reverse(
    *,
    original: Transaction,
    by: User,
    key: str,
    reason: str = "",
    allow_negative_credits: bool = False,
) -> Transaction:
    """Undo a transaction by posting its opposite. Nothing is edited or deleted."""
    if original.kind == TransactionKind.REVERSAL:
        raise conflict("transaction", _("This is already a reversal. Post a new transaction."))
    if Transaction.objects.filter(reverses=original).exclude(idempotency_key=key).exists():
        raise conflict("transaction", _("This transaction has already been reversed."))
    legs = [(p.account, -p.amount) for p in original.postings.select_related("account")]
    # The reversal and its audit entry commit together or not at all.
    with transaction.atomic():
        reversal = post(
            organisation=original.organisation,
            by=by,
            key=key,
            kind=TransactionKind.REVERSAL,
            legs=legs,
            memo=reason or _("Reversal of #%(id)s") % {"id": original.pk},
            person=original.person,
            reverses=original,
            allow_negative_credits=allow_negative_credits,
        )
        if not getattr(reversal, "replayed", False):
            audit_record(
                organisation=original.organisation,
                actor=by,
                action=AuditAction.LEDGER_REVERSE,
                target=original,
                changes={"reversal": reversal.pk},
            )
    return reversal

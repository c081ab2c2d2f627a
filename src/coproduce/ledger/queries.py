"""Reads for the ledger: balances (always sums of postings), transactions, and the
reconciliation of the whole book."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import Count, F, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from coproduce.core.models import Organisation
from coproduce.ledger.models import Account, AccountKind, Posting, Transaction, Unit
from coproduce.people.models import Person


def money(pence: int) -> str:
    """£12.50, -£3.00: how a sum of pence is shown everywhere."""
    sign = "-" if pence < 0 else ""
    pounds, rest = divmod(abs(pence), 100)
    return f"{sign}£{pounds:,}.{rest:02d}"


def amount_text(amount: int, unit: str) -> str:
    if unit == Unit.PENCE:
        return money(amount)
    return ngettext("%(n)s time credit", "%(n)s time credits", abs(amount)) % {"n": amount}


# --- Balances ---------------------------------------------------------------------------


def balances_of(accounts: Iterable[Account]) -> dict[int, int]:
    ids = [a.pk for a in accounts]
    rows = (
        Posting.objects.filter(account_id__in=ids)
        .values("account_id")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    found = {row["account_id"]: row["total"] for row in rows}
    return {pk: found.get(pk, 0) for pk in ids}


def balance(account: Account) -> int:
    return balances_of([account])[account.pk]


def accounts_in(organisation: Organisation) -> QuerySet[Account]:
    return (
        Account.objects.filter(organisation=organisation)
        .select_related("person", "partner")
        .annotate(balance=Coalesce(Sum("postings__amount"), 0), postings_count=Count("postings"))
        .order_by("kind", "unit", "id")
    )


def account_in(organisation: Organisation, pk: Any) -> Account:
    return get_object_or_404(accounts_in(organisation), pk=pk)


def person_balances(person: Person) -> dict[str, int]:
    rows = (
        Posting.objects.filter(account__person=person)
        .values("account__unit")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    found = {row["account__unit"]: row["total"] for row in rows}
    return {unit: found.get(unit, 0) for unit in Unit.values}


def transactions_in(organisation: Organisation) -> QuerySet[Transaction]:
    return (
        Transaction.objects.filter(organisation=organisation)
        .select_related("person", "reverses", "created_by")
        .prefetch_related("postings__account__person", "postings__account__partner")
        .order_by("-created_at", "-id")
    )


def transaction_in(organisation: Organisation, pk: Any) -> Transaction:
    return get_object_or_404(transactions_in(organisation), pk=pk)


# --- Reconciliation -------------------------------------------------------------------------


@dataclass
class Finding:
    check: str
    detail: str


def ledger_check(borrowing: Iterable[int] = ()) -> tuple[list[str], list[Finding]]:
    """Verify every invariant of the ledger. Returns the checks run and what failed.
    `borrowing` names the organisations whose people may go below zero in time credits."""
    from coproduce.ledger.guard import EXPECTED_TRIGGERS, installed_triggers

    borrowing = set(borrowing)

    checks: list[str] = []
    found: list[Finding] = []

    def check(name: str, failures: Iterable[str]) -> None:
        checks.append(name)
        found.extend(Finding(name, detail) for detail in failures)

    check(
        "every transaction sums to zero",
        (
            f"transaction {row['transaction_id']} sums to {row['total']}"
            for row in Posting.objects.values("transaction_id")
            .annotate(total=Sum("amount"))
            .exclude(total=0)
            .order_by("transaction_id")
        ),
    )
    check(
        "every transaction has at least two postings",
        (
            f"transaction {row['id']} has {row['n']} posting(s)"
            for row in Transaction.objects.annotate(n=Count("postings"))
            .filter(n__lt=2)
            .values("id", "n")
            .order_by("id")
        ),
    )
    check(
        "a transaction's postings are in its unit and organisation",
        (
            f"posting {row['id']} of transaction {row['transaction_id']}"
            for row in Posting.objects.exclude(
                account__unit=F("transaction__unit"),
                account__organisation_id=F("transaction__organisation_id"),
                organisation_id=F("transaction__organisation_id"),
            )
            .values("id", "transaction_id")
            .order_by("id")
        ),
    )
    check(
        "no account is posted to twice in one transaction",
        (
            f"transaction {row['transaction_id']} posts to account {row['account_id']} {row['n']} times"
            for row in Posting.objects.values("transaction_id", "account_id")
            .annotate(n=Count("id"))
            .filter(n__gt=1)
            .order_by("transaction_id")
        ),
    )
    check(
        "no transaction repeats an idempotency key",
        (
            f"organisation {row['organisation_id']} key {row['idempotency_key']!r} is used {row['n']} times"
            for row in Transaction.objects.values("organisation_id", "idempotency_key")
            .annotate(n=Count("id"))
            .filter(n__gt=1)
            .order_by("organisation_id")
        ),
    )
    # Balances are sums of postings; summed two ways (by account, by transaction),
    # each organisation's books in each unit must come to zero.
    by_account: dict[tuple[int, str], int] = defaultdict(int)
    for row in accounts_balances():
        by_account[(row["organisation_id"], row["unit"])] += row["balance"]
    check(
        "balances sum to zero in each organisation and unit",
        (
            f"organisation {org} {unit}: balances sum to {total}"
            for (org, unit), total in sorted(by_account.items())
            if total != 0
        ),
    )
    check(
        "nobody is below zero unless their organisation allows it",
        (
            f"account {row['id']} ({row['kind']}, {row['unit']}) is at {row['balance']}"
            for row in accounts_balances()
            if row["balance"] < 0
            and row["kind"] in (AccountKind.PERSON, AccountKind.PARTNER)
            and not (
                row["kind"] == AccountKind.PERSON
                and row["unit"] == Unit.CREDITS
                and row["organisation_id"] in borrowing
            )
        ),
    )
    expected = EXPECTED_TRIGGERS.get(connection.vendor, set())
    missing = expected - installed_triggers(connection)
    check(
        "the database refuses changes to postings",
        (f"trigger {name} is missing (run `coproduce manage migrate`)" for name in sorted(missing)),
    )
    return checks, found


def accounts_balances() -> list[dict[str, Any]]:
    return list(
        Account.objects.values("id", "organisation_id", "kind", "unit")
        .annotate(balance=Coalesce(Sum("postings__amount"), 0))
        .order_by("id")
    )


def posting_rows(organisation: Organisation) -> Iterator[list[Any]]:
    """The ledger as a table to download: a row for each posting, so every transaction's
    rows add up to zero. Money is in pounds, time credits in credits."""
    yield [
        _("Transaction"),
        _("When"),
        _("Kind"),
        _("Memo"),
        _("Account"),
        _("Unit"),
        _("Amount"),
        _("Reverses transaction"),
    ]
    postings = (
        Posting.objects.filter(transaction__organisation=organisation)
        .select_related("transaction", "account__person", "account__partner")
        .order_by("-transaction__created_at", "-transaction_id", "id")
    )
    for posting in postings.iterator(chunk_size=5000):
        record, account = posting.transaction, posting.account
        holder = (
            account.person.preferred_name
            if account.person
            else account.partner.name
            if account.partner
            else str(account.get_kind_display())
        )
        pence = account.unit == Unit.PENCE
        yield [
            record.pk,
            timezone.localtime(record.created_at).strftime("%Y-%m-%d %H:%M"),
            record.get_kind_display(),
            record.memo,
            holder,
            _("£") if pence else _("time credits"),
            Decimal(posting.amount) / 100 if pence else posting.amount,
            record.reverses_id or "",
        ]

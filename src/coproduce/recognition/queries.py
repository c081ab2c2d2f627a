"""Reads for recognition: balances (always sums of postings), what is waiting,
caps, statements and the reconciliation of the whole ledger."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from coproduce.core.models import Organisation
from coproduce.ledger.models import (
    Account,
    AccountKind,
    Transaction,
    TransactionKind,
    Unit,
)
from coproduce.ledger.queries import (
    Finding,
    accounts_in,
    amount_text,
    ledger_check,
    money,
)
from coproduce.people.models import Person
from coproduce.recognition.models import (
    Award,
    AwardStatus,
    Caps,
    ClaimStatus,
    ExpenseClaim,
    Listing,
    Method,
    Offer,
    PaymentRun,
    Rate,
    RecognitionPolicy,
)
from coproduce.sessions.models import Attendance
from coproduce.sessions.queries import held_between


def recognised(person: Person) -> dict[str, str]:
    """What a person has been given for taking part, approved and not reversed."""
    rows = (
        Award.objects.filter(person=person, status=AwardStatus.APPROVED)
        .exclude(transaction__reversed_by__isnull=False)
        .values("method")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    totals = {row["method"]: row["total"] for row in rows}
    credits = totals.get(Method.CREDITS, 0)
    pence = totals.get(Method.PAYMENT, 0) + totals.get(Method.VOUCHERS, 0)
    return {"credits": amount_text(credits, Unit.CREDITS), "money": money(pence)}


def money_owed(organisation: Organisation) -> list[tuple[Person, int]]:
    """Everyone whose money balance (payments, vouchers, expenses) is above zero."""
    rows = (
        Account.objects.filter(organisation=organisation, kind=AccountKind.PERSON, unit=Unit.PENCE)
        .annotate(total=Coalesce(Sum("postings__amount"), 0))
        .filter(total__gt=0)
        .select_related("person")
        .order_by("person__preferred_name", "id")
    )
    return [(row.person, row.total) for row in rows if row.person is not None]


# --- Policy and what is waiting --------------------------------------------------------------


def rates_for(organisation: Organisation) -> dict[str, Rate]:
    """Rates by session kind; the "" entry is the default (made if missing)."""
    rates = {rate.session_kind: rate for rate in Rate.objects.filter(organisation=organisation)}
    if "" not in rates:
        rates[""], _created = Rate.objects.get_or_create(organisation=organisation, session_kind="")
    return rates


def attendance_without_award(
    organisation: Organisation, start: datetime.date, end: datetime.date
) -> QuerySet[Attendance]:
    return (
        Attendance.objects.filter(
            held_between(start, end, via="session__"),
            organisation=organisation,
            award__isnull=True,
            hours__gt=0,
        )
        .select_related("person", "session")
        .order_by("session__starts_at", "person__preferred_name", "id")
    )


def awards_in(organisation: Organisation, status: str = "") -> QuerySet[Award]:
    awards = Award.objects.filter(organisation=organisation).select_related("person")
    if status:
        awards = awards.filter(status=status)
    return awards.order_by("happened_on", "person__preferred_name", "id")


def tax_year_start(day: datetime.date) -> datetime.date:
    """The UK tax year starts on 6 April; yearly caps follow it."""
    start = datetime.date(day.year, 4, 6)
    return start if day >= start else datetime.date(day.year - 1, 4, 6)


@dataclass
class CapWarning:
    person: Person
    period: str
    starts: datetime.date
    cap: int
    total: int

    @property
    def text(self) -> str:
        when = (
            _("in the week of %(day)s")
            if self.period == "week"
            else _("in the tax year from %(day)s")
        ) % {"day": f"{self.starts.day} {self.starts:%B %Y}"}
        return _("%(name)s: %(total)s %(when)s, over their limit of %(cap)s.") % {
            "name": self.person.preferred_name,
            "total": money(self.total),
            "when": when,
            "cap": money(self.cap),
        }


def cap_warnings(organisation: Organisation, awards: Sequence[Award]) -> list[CapWarning]:
    """Money awards that, with what is already approved, would go over a person's
    weekly (Monday to Sunday) or yearly (tax year) limit."""
    money_awards = [a for a in awards if a.method != Method.CREDITS]
    people = {a.person_id for a in money_awards}
    caps = {c.person_id: c for c in Caps.objects.filter(person_id__in=people)}
    if not caps:
        return []
    earliest = min(tax_year_start(a.happened_on) for a in money_awards if a.person_id in caps)
    approved = list(
        Award.objects.filter(
            organisation=organisation,
            person_id__in=caps,
            status=AwardStatus.APPROVED,
            happened_on__gte=earliest,
        )
        .exclude(method=Method.CREDITS)
        .values_list("person_id", "happened_on", "amount")
    )
    rows = approved + [
        (a.person_id, a.happened_on, a.amount) for a in money_awards if a.person_id in caps
    ]
    weekly: dict[tuple[int, datetime.date], int] = defaultdict(int)
    yearly: dict[tuple[int, datetime.date], int] = defaultdict(int)
    for person_id, day, amount in rows:
        weekly[(person_id, _week_of(day))] += amount
        yearly[(person_id, tax_year_start(day))] += amount
    people_by_id = {a.person_id: a.person for a in money_awards}
    warnings = []
    for person_id, cap in caps.items():
        theirs = [a.happened_on for a in money_awards if a.person_id == person_id]
        person = people_by_id[person_id]
        warnings += _over(person, "week", cap.weekly_pence, {_week_of(d) for d in theirs}, weekly)
        warnings += _over(
            person, "year", cap.yearly_pence, {tax_year_start(d) for d in theirs}, yearly
        )
    return warnings


def _week_of(day: datetime.date) -> datetime.date:
    """The Monday that starts the week of `day`."""
    return day - datetime.timedelta(days=day.weekday())


def _over(
    person: Person,
    period: str,
    cap: int | None,
    starts: set[datetime.date],
    totals: dict[tuple[int, datetime.date], int],
) -> list[CapWarning]:
    """A warning for each period, by its first day, whose total goes over the cap."""
    if cap is None:
        return []
    return [
        CapWarning(person, period, start, cap, totals[(person.pk, start)])
        for start in sorted(starts)
        if totals[(person.pk, start)] > cap
    ]


def claims_in(organisation: Organisation, status: str = "") -> QuerySet[ExpenseClaim]:
    claims = ExpenseClaim.objects.filter(organisation=organisation).select_related(
        "person", "category"
    )
    return claims.filter(status=status) if status else claims


def claim_in(organisation: Organisation, pk: Any) -> ExpenseClaim:
    return get_object_or_404(claims_in(organisation), pk=pk)


def runs_in(organisation: Organisation) -> QuerySet[PaymentRun]:
    return (
        PaymentRun.objects.filter(organisation=organisation)
        .annotate(total=Coalesce(Sum("lines__amount_pence"), 0), line_count=Count("lines"))
        .order_by("-created_at", "-id")
    )


def run_in(organisation: Organisation, pk: Any) -> PaymentRun:
    return get_object_or_404(runs_in(organisation), pk=pk)


def payment_run_rows(run: PaymentRun) -> list[list[str]]:
    """The CSV finance receives: one line per person, each with its own reference."""
    rows = [["reference", "person_id", "name", "method", "amount_pounds", "amount_pence"]]
    for line in run.lines.select_related("person").order_by("id"):
        rows.append(
            [
                line.reference,
                str(line.person_id),
                line.person.full_name or line.person.preferred_name,
                line.method,
                f"{line.amount_pence / 100:.2f}",
                str(line.amount_pence),
            ]
        )
    return rows


def offers_in(organisation: Organisation, active_only: bool = True) -> QuerySet[Offer]:
    offers = Offer.objects.filter(organisation=organisation).select_related("partner")
    return offers.filter(active=True) if active_only else offers


def has_starter_credits(person: Person) -> bool:
    """Whether the person's welcome credits have arrived (they have joined the time bank
    or been recognised)."""
    return Transaction.objects.filter(
        organisation_id=person.organisation_id, idempotency_key=f"starter-person-{person.pk}"
    ).exists()


def listings_in(organisation: Organisation) -> QuerySet[Listing]:
    return Listing.objects.filter(organisation=organisation, active=True).select_related("person")


# --- Reconciliation -------------------------------------------------------------------------


def books_check() -> tuple[list[str], list[Finding]]:
    """The ledger's own invariants, and that every approved award, expense claim and
    paid run has its transaction. `coproduce ledger check` runs this."""
    borrowing = RecognitionPolicy.objects.filter(allow_negative_credits=True).values_list(
        "organisation_id", flat=True
    )
    checks, found = ledger_check(borrowing)

    def check(name: str, failures: Iterable[str]) -> None:
        checks.append(name)
        found.extend(Finding(name, detail) for detail in failures)

    check(
        "approved recognition and expenses are in the ledger",
        [
            *(
                f"award {pk} is approved but has no transaction"
                for pk in Award.objects.filter(
                    status=AwardStatus.APPROVED, transaction__isnull=True
                ).values_list("pk", flat=True)
            ),
            *(
                f"award {pk} does not match its transaction"
                for pk in Award.objects.filter(transaction__isnull=False)
                .exclude(
                    transaction__kind=TransactionKind.AWARD, transaction__person_id=F("person_id")
                )
                .values_list("pk", flat=True)
            ),
            *(
                f"expense claim {pk} is approved but has no transaction"
                for pk in ExpenseClaim.objects.filter(
                    status=ClaimStatus.APPROVED, transaction__isnull=True
                ).values_list("pk", flat=True)
            ),
            *(
                f"payment run {pk} is marked paid but a line has no transaction"
                for pk in PaymentRun.objects.filter(
                    paid_at__isnull=False, lines__transaction__isnull=True
                ).values_list("pk", flat=True)
            ),
        ],
    )
    check(
        "recognition for attendance rests on that person's attendance",
        [
            f"award {pk} is for {person_id} but rests on attendance of {attendee_id}"
            for pk, person_id, attendee_id in Award.objects.filter(
                status=AwardStatus.APPROVED, attendance__isnull=False
            )
            .exclude(attendance__person_id=F("person_id"))
            .values_list("pk", "person_id", "attendance__person_id")
        ],
    )
    return checks, found


def people_below_zero(organisation: Organisation) -> list[str]:
    """The names of people whose time credits are below zero (borrowed)."""
    # accounts_in annotates each account's balance (the stubs cannot see it).
    owing = (
        accounts_in(organisation)
        .filter(kind=AccountKind.PERSON, unit=Unit.CREDITS, balance__lt=0)  # type: ignore[misc]
        .order_by("person__preferred_name")
    )
    return [account.person.preferred_name for account in owing if account.person is not None]

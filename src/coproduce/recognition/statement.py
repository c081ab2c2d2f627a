"""A person's own statement: hours given, recognition chosen and every movement on their
accounts, month by month, in plain words, and in easy read for those who asked for it."""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from coproduce.core.prepared import Prepared
from coproduce.ledger.models import Posting, Transaction, TransactionKind, Unit
from coproduce.ledger.queries import amount_text, money, person_balances
from coproduce.people.models import Person
from coproduce.recognition.models import Award, AwardStatus, Method
from coproduce.sessions.models import Attendance
from coproduce.web.pictures import Point


@dataclass
class Line:
    """One movement on their accounts, dated by when it happened: recognition for a session
    carries the session's day and name, not the day someone approved it."""

    on: datetime.date
    what: str
    amount: int
    unit: str
    record: Transaction
    from_award: bool = False

    @property
    def described(self) -> str:
        """What it was, with the kind of movement: "Recognition for taking part: Panel"."""
        return f"{self.record.get_kind_display()}: {self.what}" if self.from_award else self.what

    @property
    def amount_text(self) -> str:
        return ("+" if self.amount > 0 else "") + amount_text(self.amount, self.unit)

    @property
    def day(self) -> str:
        """ "Mon 3 Nov", in the reader's language."""
        return _said(self.on, "D j M", get_language())


@functools.lru_cache(maxsize=4096)
def _said(day: datetime.date, form: str, language: str) -> str:
    """A date in words, worked out once per day, form and language: a year's statement
    has hundreds of lines on far fewer days."""
    return date_format(day, form)


@dataclass
class Month:
    start: datetime.date
    hours: Any = 0
    choices: dict[str, int] = field(default_factory=dict)
    lines: list[Line] = field(default_factory=list)

    @property
    def label(self) -> str:
        return _said(self.start, "F Y", get_language())  # in the reader's language

    def sentences(self) -> list[str]:
        """What they gave and what they chose, said plainly."""
        said = []
        month = date_format(self.start, "F")
        for method, amount in self.choices.items():
            unit = Unit.CREDITS if method == Method.CREDITS else Unit.PENCE
            amount_said = amount_text(amount, unit)
            words = {
                "hours": _hours(self.hours),
                "month": month,
                # "3 time credits" says what it is; "payment: £45.00" needs the word.
                "what": amount_said
                if unit == Unit.CREDITS
                else f"{Method(method).label.lower()}: {amount_said}",
            }
            if self.hours:
                said.append(_("You gave %(hours)s hours in %(month)s and chose %(what)s.") % words)
            else:  # recognised for time that was not at a session, such as reading papers
                said.append(_("For your time in %(month)s you chose %(what)s.") % words)
        if not said and self.hours:
            said.append(
                _("You gave %(hours)s hours in %(month)s.")
                % {"hours": _hours(self.hours), "month": month}
            )
        return said

    def easy_points(self) -> list[Point]:
        """The month in easy read: one thing a line, each with its picture."""
        points = []
        if self.hours:
            points.append(
                Point("clock", _("You gave %(hours)s hours.") % {"hours": _hours(self.hours)})
            )
        for line in self.lines:
            picture, words = _easy_words(line)
            points.append(
                Point(
                    picture,
                    words
                    % {
                        "day": date_format(line.on, "l j F"),
                        "what": line.what,
                        "amount": amount_text(abs(line.amount), line.unit),
                    },
                )
            )
        return points


def _easy_words(line: Line) -> tuple[str, str]:
    """The picture and the words for one movement, by what it means for the person."""
    if line.record.kind == TransactionKind.EXPENSE_UPFRONT:
        return "receipt", _("%(day)s: %(what)s. We paid for it: %(amount)s.")
    if line.unit == Unit.CREDITS:
        if line.amount > 0:
            return "credits", _("%(day)s: %(what)s. You got %(amount)s.")
        return "gift", _("%(day)s: %(what)s. You used %(amount)s.")
    if line.amount > 0:
        return "money", _("%(day)s: %(what)s. We owe you %(amount)s.")
    return "money", _("%(day)s: %(what)s. We paid you %(amount)s.")


def _hours(value: Any) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text or "0"


@dataclass
class Statement:
    person: Person
    months: list[Month]
    balances: dict[str, int]

    @property
    def credits(self) -> str:
        return amount_text(self.balances[Unit.CREDITS], Unit.CREDITS)

    @property
    def owed(self) -> str:
        return money(self.balances[Unit.PENCE])


def _line(record: Transaction, amount: int, unit: str) -> Line:
    award = getattr(record, "award", None)
    if award is not None:
        return Line(award.happened_on, award.description, amount, unit, record, from_award=True)
    what = record.get_kind_display() + (f": {record.memo}" if record.memo else "")
    return Line(timezone.localtime(record.created_at).date(), what, amount, unit, record)


# A statement's three main reads, made once (`core.prepared`, issue 23).
_ATTENDED = Prepared(
    Attendance,
    lambda person, since: Attendance.objects.filter(
        person_id=person, session__starts_at__gte=since
    ).values("session__starts_at", "hours"),
    person=int,
    since=datetime.datetime,
)
_CHOSEN = Prepared(
    Award,
    lambda person, since: Award.objects.filter(
        person_id=person, status=AwardStatus.APPROVED, happened_on__gte=since
    ).values("happened_on", "method", "amount"),
    person=int,
    since=datetime.date,
)
_POSTINGS = Prepared(
    Posting,
    lambda person, since: (
        Posting.objects.filter(account__person_id=person, transaction__created_at__gte=since)
        .select_related("transaction__award", "account")
        .order_by("transaction__created_at", "id")
    ),
    person=int,
    since=datetime.datetime,
)


def statement_for(person: Person, months: int = 12) -> Statement:
    """Hours given, recognition chosen and every movement on their accounts, by month,
    newest first, over the last `months` months."""
    today = timezone.localdate()
    first = (today.replace(day=1) - datetime.timedelta(days=31 * (months - 1))).replace(day=1)
    # From the first moment of that day here: the same as comparing each record's local
    # date, without working out that date for every row (on SQLite, in Python).
    since = timezone.make_aware(datetime.datetime.combine(first, datetime.time.min))
    by_month: dict[datetime.date, Month] = {}

    def month_of(day: datetime.date) -> Month:
        key = day.replace(day=1)
        if key not in by_month:
            by_month[key] = Month(start=key)
        return by_month[key]

    for row in _ATTENDED(person=person.pk, since=since):
        month_of(timezone.localtime(row["session__starts_at"]).date()).hours += row["hours"]
    for row in _CHOSEN(person=person.pk, since=first):
        choices = month_of(row["happened_on"]).choices
        choices[row["method"]] = choices.get(row["method"], 0) + row["amount"]
    postings = _POSTINGS(person=person.pk, since=since)
    lines = [_line(p.transaction, p.amount, p.account.unit) for p in postings]
    # Things bought for them never pass through their accounts, but are theirs to see.
    bought = (
        Transaction.objects.filter(
            person=person, kind=TransactionKind.EXPENSE_UPFRONT, created_at__gte=since
        )
        .prefetch_related("postings")
        .select_related("award")
    )
    lines += [_line(r, max(p.amount for p in r.postings.all()), r.unit) for r in bought]
    for line in lines:
        month_of(line.on).lines.append(line)
    for month in by_month.values():
        month.lines.sort(key=lambda line: (line.on, line.record.created_at, line.record.pk))
    ordered = [by_month[key] for key in sorted(by_month, reverse=True)]
    return Statement(person=person, months=ordered, balances=person_balances(person))


def statement_rows(statement: Statement) -> list[list[str]]:
    rows = [["date", "what", "unit", "amount", "reference"]]
    for month in reversed(statement.months):
        rows.extend(
            [line.on.isoformat(), line.described, line.unit, str(line.amount), str(line.record.pk)]
            for line in month.lines
        )
    return rows

"""The evidence pack by the commissioning cycle (issue 20): for each of the four Co's, the
sessions that served it, the hours people gave, how many people came, how deep the
involvement went, and the recognition spent, from the registers and the ledger; and the
costs of an initiative that the records already hold, for value for money."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from coproduce.core.models import Organisation
from coproduce.insight.suppression import Published, publish
from coproduce.recognition.models import Award, AwardStatus, Method
from coproduce.sessions.models import DEEP_RUNGS, Attendance, Co, Session
from coproduce.sessions.queries import held_between
from coproduce.web.plain import percent_of


@dataclass
class Stage:
    co: str
    label: str
    sessions: int = 0
    deep: int = 0  # of them, at co-design or co-production
    hours: Decimal = Decimal(0)
    people: Published = field(default_factory=lambda: Published(0))
    credits: int = 0
    spent: int = 0  # pence: payments and vouchers

    @property
    def deep_share(self) -> int | None:
        return percent_of(self.deep, self.sessions) if self.sessions else None


def cycle(
    organisation: Organisation,
    initiative: Any,
    since: datetime.date,
    until: datetime.date,
) -> list[Stage]:
    """One row for each Co, then one for sessions with no Co recorded, from two grouped
    queries. People are counted once per Co (someone at co-design and co-delivery sessions
    is in both rows) and published rounded, like every count of people."""
    sessions = Session.objects.filter(
        held_between(since, until), organisation=organisation, cancelled_at__isnull=True
    )
    if initiative is not None:
        sessions = sessions.filter(initiative=initiative)
    stages = {co: Stage(co, str(label)) for co, label in Co.choices}
    stages[""] = Stage("", _("No Co recorded"))
    for row in sessions.values("co").annotate(
        n=Count("id"), deep=Count("id", filter=Q(rung__in=DEEP_RUNGS))
    ):
        stages[row["co"]].sessions, stages[row["co"]].deep = row["n"], row["deep"]
    approved = Q(award__status=AwardStatus.APPROVED)
    credits = approved & Q(award__method=Method.CREDITS)
    # An attendance has at most one award, so joining it keeps the hours right.
    for row in (
        Attendance.objects.filter(session__in=sessions)
        .values("session__co")
        .annotate(
            people=Count("person_id", distinct=True),
            hours=Sum("hours"),
            credits=Sum("award__amount", filter=credits),
            spent=Sum("award__amount", filter=approved & ~Q(award__method=Method.CREDITS)),
        )
    ):
        stage = stages[row["session__co"]]
        stage.people, stage.hours = publish(row["people"]), row["hours"] or Decimal(0)
        stage.credits, stage.spent = row["credits"] or 0, row["spent"] or 0
    return [stage for stage in stages.values() if stage.co or stage.sessions]


def recorded_costs(initiative: Any) -> list[tuple[str, int]]:
    """What the records say an initiative cost, in pence, whatever the period (typed-in
    costs have no dates either): recognition paid for its sessions, from the ledger."""
    paid: dict[str, int] = defaultdict(int)
    for method, amount in (
        Award.objects.filter(
            attendance__session__initiative=initiative, status=AwardStatus.APPROVED
        )
        .exclude(method=Method.CREDITS)
        .values_list("method")
        .annotate(amount=Sum("amount"))
    ):
        paid[method] += amount
    labels: dict[str, str] = {
        Method.PAYMENT: _("Payments to people for their time (from the ledger)"),
        Method.VOUCHERS: _("Vouchers given to people for their time (from the ledger)"),
    }
    return [(labels[method], amount) for method, amount in paid.items() if amount]

"""Reads for the organisation home: what needs doing now, for the person looking."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.utils import timezone

from coproduce.assessments.models import Action
from coproduce.assessments.queries import open_actions_in
from coproduce.core.models import JoinRequest, Organisation, OrganisationRequestStatus
from coproduce.core.prepared import Prepared
from coproduce.influence.models import InfluenceItem
from coproduce.influence.queries import ANSWERED, overdue, targets_of
from coproduce.opportunities.models import Opportunity
from coproduce.people.models import AccessNeedKind, Person
from coproduce.recognition.models import Award, AwardStatus, ClaimStatus, ExpenseClaim
from coproduce.sessions.models import Session

SOON = datetime.timedelta(days=7)
SHOWN = 5


@dataclass
class NeedsYou:
    """For coordinators and admins: what is waiting on them."""

    awards_waiting: int = 0
    claims_waiting: int = 0
    joins_waiting: int = 0
    sessions_soon: list[tuple[Session, list[tuple[str, int]]]] = field(default_factory=list)
    items_overdue: list[tuple[InfluenceItem, str]] = field(default_factory=list)
    actions_overdue: list[Action] = field(default_factory=list)

    @property
    def anything(self) -> bool:
        return bool(
            self.awards_waiting
            or self.claims_waiting
            or self.joins_waiting
            or self.sessions_soon
            or self.items_overdue
            or self.actions_overdue
        )


def _soon(organisation: int, start: datetime.datetime, end: datetime.datetime) -> Any:
    return (
        Session.objects.filter(
            organisation_id=organisation,
            cancelled_at__isnull=True,
            starts_at__gte=start,
            starts_at__lt=end,
        )
        .select_related("organisation")  # each links to itself by the organisation's slug
        .order_by("starts_at")[:SHOWN]
    )


def _late(organisation: int, unacknowledged: datetime.date, unanswered: datetime.date) -> Any:
    return (
        InfluenceItem.objects.filter(organisation_id=organisation)
        .exclude(status__in=ANSWERED)
        .filter(
            Q(acknowledged_on__isnull=True, raised_on__lt=unacknowledged)
            | Q(raised_on__lt=unanswered)
        )
        .select_related("organisation")
        .order_by("raised_on", "pk")[:SHOWN]
    )


# The home page's reads, made once (`core.prepared`): building them cost more than the
# database's answer.
_SOON = Prepared(Session, _soon, organisation=int, start=datetime.datetime, end=datetime.datetime)
_LATE = Prepared(
    InfluenceItem, _late, organisation=int, unacknowledged=datetime.date, unanswered=datetime.date
)


def needs_you(
    organisation: Organisation,
    today: datetime.date | None = None,
    open_actions: Iterable[Action] | None = None,
) -> NeedsYou:
    """What is waiting on the organisation's staff. `open_actions` is the action plan the
    page has read already (the first ten open actions, earliest due first)."""
    today = today or timezone.localdate()
    now = timezone.now()
    soon = _SOON(organisation=organisation.pk, start=now, end=now + SOON)
    targets = targets_of(organisation)  # read only: the defaults stand until set

    # Late: not acknowledged within the first promise, or not answered within the second
    # (as `overdue` says), chosen in the query so only the oldest few are read.
    def before(days: int) -> datetime.date:
        return today - datetime.timedelta(days=days)

    late = [
        (item, overdue(item, targets, today))
        for item in _LATE(
            organisation=organisation.pk,
            unacknowledged=before(targets.acknowledge_within_days),
            unanswered=before(targets.answer_within_days),
        )
    ]
    return NeedsYou(
        **_waiting(organisation),
        sessions_soon=_with_needs(soon),
        items_overdue=[(item, why) for item, why in late if why],
        actions_overdue=[
            action
            for action in (
                open_actions if open_actions is not None else open_actions_in(organisation)[:10]
            )
            if action.due_on is not None and action.due_on < today
        ][:SHOWN],
    )


def _waiting_counts(organisation: int) -> Any:
    def waiting(model: Any, status: str) -> Subquery:
        found = model.objects.filter(organisation=OuterRef("pk"), status=status)
        return Subquery(
            found.order_by().values("organisation").annotate(n=Count("pk")).values("n")[:1],
            output_field=IntegerField(),
        )

    return Organisation.objects.filter(pk=organisation).values(
        awards_waiting=waiting(Award, AwardStatus.PROPOSED),
        claims_waiting=waiting(ExpenseClaim, ClaimStatus.SUBMITTED),
        joins_waiting=waiting(JoinRequest, OrganisationRequestStatus.WAITING),
    )


# Made once: its subqueries took 2.3 ms to build and compile, the database 0.05 ms.
_WAITING = Prepared(Organisation, _waiting_counts, organisation=int)


def _waiting(organisation: Organisation) -> dict[str, int]:
    """Recognition, expense claims and requests to join waiting for a decision: three
    counts in one query."""
    (row,) = _WAITING(organisation=organisation.pk)
    return {key: int(value or 0) for key, value in row.items()}


def _with_needs(sessions: list[Session]) -> list[tuple[Session, list[tuple[str, int]]]]:
    """Each session with what its invitees need, counted in one query for them all."""
    invited = Session.invitees.through.objects.filter(
        session_id__in=[s.pk for s in sessions], person__access_needs__isnull=False
    )
    counts: dict[int, dict[str, int]] = {}
    for session_id, kind, n in (
        invited.values_list("session_id", "person__access_needs__kind")
        .annotate(n=Count("person_id"))
        .order_by()
    ):
        counts.setdefault(session_id, {})[kind] = n
    labels = dict(AccessNeedKind.choices)
    return [
        (
            session,
            [(str(labels[k]), n) for k, n in sorted(counts.get(session.pk, {}).items())],
        )
        for session in sessions
    ]


@dataclass
class ForYou:
    """For a co-producer with a record here: their next sessions and what is open to them."""

    sessions: list[Session]
    opportunities: list[Opportunity]


def for_you(person: Person) -> ForYou:
    upcoming: Any = (
        Session.objects.filter(
            organisation_id=person.organisation_id,
            invitees=person,
            cancelled_at__isnull=True,
            starts_at__gte=timezone.now(),
        )
        .select_related("organisation")
        .order_by("starts_at")[:SHOWN]
    )
    opportunities = Opportunity.objects.filter(
        organisation_id=person.organisation_id, closes_on__gte=timezone.localdate()
    ).order_by("closes_on")[:SHOWN]
    return ForYou(sessions=list(upcoming), opportunities=list(opportunities))

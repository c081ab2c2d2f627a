"""Reads for a network's roll-up: its members' work added up over a period (issue 20).

Only counts and sums cross from a member to its network, never a person. A member is
shown by name only if its admins agreed (`NetworkMembership.shares_figures`); the others
are added up together. A single member that has not agreed is left out altogether,
because the network's total less the named members would otherwise be its figures."""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeVar

from django.db.models import Count, Max, Q, Sum
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from coproduce.assessments.models import Answer, Assessment
from coproduce.core.kept import remembered
from coproduce.core.models import NetworkMembership, Organisation
from coproduce.influence.models import InfluenceItem, ItemStatus
from coproduce.insight.suppression import Published, publish
from coproduce.recognition.models import Award, AwardStatus, Method
from coproduce.sessions.models import Attendance, Co, Rung, Session
from coproduce.sessions.queries import held_between, quarter_of, quarters_between
from coproduce.web.plain import percent_of

T = TypeVar("T")


@dataclass
class Scope:
    """Whose work a network's figures add up."""

    network: Organisation
    named: list[Organisation] = field(default_factory=list)
    unnamed: list[Organisation] = field(default_factory=list)
    # Members left out: one alone had not agreed, so its figures could be worked out.
    left_out: list[Organisation] = field(default_factory=list)

    @property
    def counted(self) -> list[Organisation]:
        return [self.network, *self.named, *self.unnamed]


def network_scope(network: Organisation) -> Scope:
    """Every member at any depth (a regional network's locality networks and theirs). A
    member deeper down is named only if it and every network between agreed."""
    named_ids: set[int] = set()
    unnamed_ids: set[int] = set()
    frontier = {network.pk: True}  # network id -> whether it is named
    seen = {network.pk}
    while frontier:
        links = NetworkMembership.objects.filter(network_id__in=frontier).values_list(
            "network_id", "organisation_id", "shares_figures"
        )
        found: dict[int, bool] = {}
        for parent, member, shares in links:
            named = shares and frontier[parent]
            found[member] = found.get(member, False) or named
        found = {member: named for member, named in found.items() if member not in seen}
        seen |= found.keys()
        named_ids |= {m for m, named in found.items() if named}
        unnamed_ids |= {m for m, named in found.items() if not named}
        frontier = found
    organisations = Organisation.objects.in_bulk(named_ids | unnamed_ids)
    scope = Scope(network)
    scope.named = sorted((organisations[pk] for pk in named_ids), key=lambda o: o.name)
    unnamed = sorted((organisations[pk] for pk in unnamed_ids), key=lambda o: o.name)
    if len(unnamed) == 1:
        scope.left_out = unnamed
    else:
        scope.unnamed = unnamed
    return scope


@dataclass
class Figures:
    """One organisation's work in the period, or several added up."""

    sessions: int = 0
    people: int = 0  # people records that came; published through `published_people`
    hours: Decimal = Decimal(0)
    rungs: Counter[str] = field(default_factory=Counter)
    cos: Counter[str] = field(default_factory=Counter)
    raised: int = 0
    changed: int = 0
    credits: int = 0
    paid: int = 0  # pence, payments and vouchers

    def __add__(self, other: Figures) -> Figures:
        return Figures(
            self.sessions + other.sessions,
            self.people + other.people,
            self.hours + other.hours,
            self.rungs + other.rungs,
            self.cos + other.cos,
            self.raised + other.raised,
            self.changed + other.changed,
            self.credits + other.credits,
            self.paid + other.paid,
        )

    @property
    def published_people(self) -> Published:
        return publish(self.people)


@dataclass
class Score:
    """A member's latest self-assessment: its mean (every principle counting equally)
    out of the scale's top, and the change since the round before it."""

    title: str
    mean: float
    top: int
    change: float | None

    def __str__(self) -> str:
        """ "How co-productive are we?: 2.6 of 4 (up 0.5)", in the reader's language."""
        said = f"{self.title}: " + _("%(mean)s of %(top)s") % {
            "mean": formats.number_format(self.mean, 1),
            "top": self.top,
        }
        if self.change is None:
            return said
        by = formats.number_format(abs(self.change), 1)
        if by == formats.number_format(0, 1):
            return f"{said} ({_('no change')})"
        moved = _("up %(by)s") if self.change > 0 else _("down %(by)s")
        return f"{said} ({moved % {'by': by}})"


@dataclass
class Row:
    label: str
    figures: Figures
    organisation: Organisation | None = None  # set for a member that can be opened
    score: Score | None = None


@dataclass
class Quarter:
    starts: datetime.date
    sessions: int
    people: Published
    hours: Decimal


@dataclass
class Rollup:
    scope: Scope
    since: datetime.date
    until: datetime.date
    total: Figures
    rows: list[Row]
    quarters: list[Quarter]
    assessed: int  # counted organisations with a self-assessment with answers
    moved_up: int  # of those with an earlier round, how many scored higher

    @property
    def ladder(self) -> list[tuple[str, int, int | None]]:
        total = sum(self.total.rungs.values())
        return [
            (
                str(label),
                self.total.rungs[value],
                percent_of(self.total.rungs[value], total) if total else None,
            )
            for value, label in Rung.choices
        ]

    @property
    def four_cos(self) -> list[tuple[str, int]]:
        return [(str(label), self.total.cos[value]) for value, label in Co.choices]

    @property
    def gaps(self) -> list[str]:
        if len(self.scope.counted) > 1:
            missing = _("No %(co)s anywhere in the network in this period.")
        else:  # one member, opened on its own
            missing = _("No %(co)s in this period.")
        said = [
            missing % {"co": label.lower()}
            for label, count in self.four_cos
            if count == 0 and self.total.sessions
        ]
        if self.scope.left_out:
            said.append(
                _(
                    "%(org)s is not counted: it is the only member that has not agreed to "
                    "show its figures, so they could be worked out from the totals."
                )
                % {"org": self.scope.left_out[0].name}
            )
        return said


Attended = list[tuple[int, int, int, Decimal]]  # organisation, person, quarter, hours


def _attended(ids: list[int], since: datetime.date, until: datetime.date) -> Attended:
    """The registers for the period, read once for the people, hours and quarters."""
    return list(
        Attendance.objects.filter(
            held_between(since, until, via="session__"), organisation_id__in=ids
        )
        .annotate(quarter=quarter_of(since, until, via="session__"))
        .values_list("organisation_id", "person_id", "quarter", "hours")
    )


def _work(
    ids: list[int], since: datetime.date, until: datetime.date, attended: Attended
) -> dict[int, Figures]:
    """Each organisation's figures, from four queries whatever the number."""
    found: dict[int, Figures] = defaultdict(Figures)
    sessions = Session.objects.filter(
        held_between(since, until), organisation_id__in=ids, cancelled_at__isnull=True
    )
    for row in sessions.values("organisation_id", "rung", "co").annotate(n=Count("id")):
        figures = found[row["organisation_id"]]
        figures.sessions += row["n"]
        figures.rungs[row["rung"]] += row["n"] if row["rung"] else 0
        figures.cos[row["co"]] += row["n"] if row["co"] else 0
    people: dict[int, set[int]] = defaultdict(set)
    for organisation, person, _quarter, hours in attended:
        people[organisation].add(person)
        found[organisation].hours += hours
    for organisation, seen in people.items():
        found[organisation].people = len(seen)
    items = InfluenceItem.objects.filter(organisation_id__in=ids)
    for row in items.values("organisation_id").annotate(
        raised=Count("id", filter=Q(raised_on__range=(since, until))),
        changed=Count("id", filter=Q(status=ItemStatus.CHANGED, answered_on__range=(since, until))),
    ):
        found[row["organisation_id"]].raised = row["raised"]
        found[row["organisation_id"]].changed = row["changed"]
    awards = Award.objects.filter(
        organisation_id__in=ids, status=AwardStatus.APPROVED, happened_on__range=(since, until)
    )
    for row in awards.values("organisation_id", "method").annotate(amount=Sum("amount")):
        if row["method"] == Method.CREDITS:
            found[row["organisation_id"]].credits += row["amount"]
        else:
            found[row["organisation_id"]].paid += row["amount"]
    return found


def latest_scores(ids: list[int]) -> dict[int, Score]:
    """Each organisation's latest self-assessment with answers, in two queries."""
    sums: dict[int, dict[int, tuple[int, int]]] = defaultdict(dict)
    for row in (
        Answer.objects.filter(
            respondent__assessment__organisation_id__in=ids,
            respondent__submitted_at__isnull=False,
            respondent__withdrawn_at__isnull=True,
            dont_know=False,
        )
        .values("respondent__assessment_id", "statement__item_id")
        .annotate(n=Count("id"), total=Sum("score"))
    ):
        sums[row["respondent__assessment_id"]][row["statement__item_id"]] = (
            row["n"],
            row["total"] or 0,
        )

    def mean(assessment_id: int | None) -> float | None:
        items = sums.get(assessment_id or 0)
        if not items:
            return None
        return sum(total / n for n, total in items.values()) / len(items)

    scores: dict[int, Score] = {}
    assessments = (
        Assessment.objects.filter(pk__in=sums)
        .annotate(top=Max("scale__points__value"))
        .order_by("created_at", "pk")
    )
    for assessment in assessments:  # the latest of each organisation wins
        latest = mean(assessment.pk)
        if latest is None:
            continue
        earlier = mean(assessment.previous_id)
        change = None if earlier is None else latest - earlier
        scores[assessment.organisation_id] = Score(
            assessment.title, latest, assessment.top or 0, change
        )
    return scores


def _quarters(
    ids: list[int], since: datetime.date, until: datetime.date, attended: Attended
) -> list[Quarter]:
    starts = quarters_between(since, until)
    sessions = dict(
        Session.objects.filter(
            held_between(since, until), organisation_id__in=ids, cancelled_at__isnull=True
        )
        .annotate(quarter=quarter_of(since, until))
        .values_list("quarter")
        .annotate(n=Count("id"))
    )
    people: dict[int, set[int]] = defaultdict(set)
    hours: dict[int, Decimal] = defaultdict(Decimal)
    for _organisation, person, quarter, given in attended:
        people[quarter].add(person)
        hours[quarter] += given
    return [
        Quarter(starts[n], sessions.get(n, 0), publish(len(people[n])), hours[n])
        for n in sorted(sessions.keys() | people.keys())
    ]


def rollup(scope: Scope, since: datetime.date, until: datetime.date) -> Rollup:
    """The network's work and its members' added up, with a row for the network itself,
    each named member, and the members that are not named, together."""
    ids = [o.pk for o in scope.counted]
    attended = _attended(ids, since, until)
    work = _work(ids, since, until, attended)
    scores = latest_scores(ids)
    own = _("%(org)s (its own work)") % {"org": scope.network.name}
    rows = [Row(own, work[scope.network.pk], score=scores.get(scope.network.pk))]
    rows += [Row(o.name, work[o.pk], o, scores.get(o.pk)) for o in scope.named]
    if scope.unnamed:
        others = sum((work[o.pk] for o in scope.unnamed), Figures())
        label = ngettext(
            "%(count)s member that keeps its figures to itself",
            "%(count)s members that keep their figures to themselves",
            len(scope.unnamed),
        ) % {"count": len(scope.unnamed)}
        rows.append(Row(label, others))
    total = sum((row.figures for row in rows), Figures())
    changes = [s.change for s in scores.values() if s.change is not None]
    return Rollup(
        scope,
        since,
        until,
        total,
        rows,
        _quarters(ids, since, until, attended),
        assessed=len(scores),
        moved_up=sum(1 for change in changes if change > 0),
    )


# A network's figures read a year of its members' registers (20,000 rows for ten members
# on national data), so each worker keeps them for a few minutes (`core.kept`, in its own
# memory: the shared cache would cost more queries than it saves on a small site).


def kept(what: str, scope: Scope, parts: tuple[Any, ...], make: Callable[[], T]) -> T:
    """`make()`, or the copy kept from the last few minutes for the same scope and
    question. The key names who is counted and who is named, so a member's change of
    mind shows at once."""
    named = ",".join(str(o.pk) for o in scope.named)
    counted = ",".join(str(o.pk) for o in scope.counted)
    return remembered(f"insight:{what}", (counted, named, *parts), make)

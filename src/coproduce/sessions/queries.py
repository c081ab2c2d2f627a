"""Reads for sessions: lists, access needs to plan for, and attendance."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any, TypedDict

from django.db.models import (
    Case,
    Count,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from coproduce.core.models import Organisation
from coproduce.core.tenancy import scoped
from coproduce.people.models import Person
from coproduce.people.queries import access_needs_summary
from coproduce.sessions.models import Attendance, Session


def sessions_in(organisation: Organisation) -> QuerySet[Session]:
    # Counted per session shown (a subquery), not by grouping every session's
    # attendance before the page is cut: a busy organisation has thousands.
    attended = (
        Attendance.objects.filter(session=OuterRef("pk"))
        .order_by()
        .values("session")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        scoped(Session.objects.all(), organisation)
        .select_related("initiative", "organisation")
        .annotate(attended=Coalesce(Subquery(attended, output_field=IntegerField()), 0))
        .order_by("-starts_at", "-id")
    )


def session_in(*, organisation: Organisation, pk: Any) -> Session:
    try:
        return (
            scoped(Session.objects.all(), organisation)
            .select_related("initiative", "organisation")
            .prefetch_related("agenda")
            .get(pk=int(pk))
        )
    except (Session.DoesNotExist, ValueError, TypeError, OverflowError) as error:
        raise Http404("No session found.") from error


def invitee_needs(session: Session) -> list[tuple[str, int]]:
    """What the invited people need, e.g. [("British Sign Language interpreter", 2)]."""
    return access_needs_summary(Person.objects.filter(pk__in=session.invitees.values("pk")))


class RegisterPeople(TypedDict):
    invited: list[Person]
    others: list[Person]
    ticked: set[int]


def register_people(session: Session) -> RegisterPeople:
    """Invitees first, then everyone else in the organisation, with who is already ticked.
    Erased people stay only where they are ticked already, so saving keeps their place."""
    invited = list(session.invitees.order_by("preferred_name"))
    invited_ids = {p.pk for p in invited}
    ticked = set(session.attendance.values_list("person_id", flat=True))
    others = list(
        Person.objects.filter(organisation_id=session.organisation_id)
        .filter(Q(erased_at__isnull=True) | Q(pk__in=ticked))
        .exclude(pk__in=invited_ids)
        .order_by("preferred_name")
    )
    return {"invited": invited, "others": others, "ticked": ticked}


class AttendanceSummary(TypedDict):
    rows: QuerySet[Attendance]
    totals: dict[str, Any]
    proposed: dict[str, int]


def attendance_of(session: Session) -> AttendanceSummary:
    rows = session.attendance.select_related("person").order_by("person__preferred_name")
    totals = session.attendance.aggregate(people=Count("id"), hours=Sum("hours"))
    agenda = session.agenda.values("proposed_by").annotate(n=Count("id"))
    return {
        "rows": rows,
        "totals": totals,
        "proposed": {row["proposed_by"]: row["n"] for row in agenda},
    }


def session_rows(sessions: QuerySet[Session]) -> Iterator[list[Any]]:
    """Sessions as a table to download (no names: anyone who sees the list may have it)."""
    yield [
        _("Starts"),
        _("Title"),
        _("Kind"),
        _("Hours"),
        _("Venue"),
        _("Initiative"),
        _("Which Co it serves"),
        _("Rung of the ladder"),
        _("People who came"),
        _("Cancelled"),
    ]
    for session in sessions.iterator(chunk_size=2000):
        yield [
            timezone.localtime(session.starts_at).strftime("%Y-%m-%d %H:%M"),
            session.title,
            session.get_kind_display(),
            session.hours,
            session.venue,
            session.initiative.title if session.initiative else "",
            session.get_co_display(),
            session.get_rung_display(),
            getattr(session, "attended", 0) or 0,
            session.cancel_reason if session.cancelled_at else "",
        ]


def attendance_rows(organisation: Organisation) -> Iterator[list[Any]]:
    """Everyone who came to every session, a row each: for staff, who may see names."""
    yield [_("Session starts"), _("Session"), _("Person"), _("Hours"), _("Role"), _("Spoke")]
    rows = (
        Attendance.objects.filter(session__organisation=organisation)
        .select_related("session", "person")
        .order_by("-session__starts_at", "person__preferred_name")
    )
    for row in rows.iterator(chunk_size=2000):
        yield [
            timezone.localtime(row.session.starts_at).strftime("%Y-%m-%d %H:%M"),
            row.session.title,
            row.person.preferred_name,
            row.hours,
            row.get_role_display(),
            _("Yes") if row.spoke else _("No"),
        ]


def series_of(session: Session) -> list[Session]:
    """Every session in the same series as this one, in order; empty when it is on its own."""
    if session.series is None:
        return []
    return list(
        Session.objects.filter(
            organisation_id=session.organisation_id, series=session.series
        ).order_by("starts_at", "id")
    )


def held_between(since: datetime.date, until: datetime.date, via: str = "") -> Q:
    """Sessions (or, with `via="session__"`, attendance) from the start of `since` to the
    end of `until`, local time. Compared as moments rather than by each row's date, so
    the database uses its index and never converts every row's time."""
    zone = timezone.get_current_timezone()
    first = datetime.datetime.combine(since, datetime.time.min, tzinfo=zone)
    after = datetime.datetime.combine(
        until + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone
    )
    return Q(**{f"{via}starts_at__gte": first, f"{via}starts_at__lt": after})


def quarter_start(day: datetime.date) -> datetime.date:
    """The first day of the calendar quarter `day` is in."""
    return datetime.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def next_quarter(day: datetime.date) -> datetime.date:
    """The first day of the calendar quarter after the one `day` is in."""
    start = quarter_start(day)
    return datetime.date(start.year + start.month // 10, (start.month + 2) % 12 + 1, 1)


def quarters_between(since: datetime.date, until: datetime.date) -> list[datetime.date]:
    """The first day of each calendar quarter the period touches."""
    found = [quarter_start(since)]
    while next_quarter(found[-1]) <= until:
        found.append(next_quarter(found[-1]))
    return found


def quarter_of(since: datetime.date, until: datetime.date, via: str = "") -> Case:
    """The quarter each session (or attendance) falls in, as the index into
    `quarters_between`, worked out by comparing moments (no function on every row)."""
    starts = quarters_between(since, until)
    zone = timezone.get_current_timezone()
    whens = [
        When(
            **{
                f"{via}starts_at__lt": datetime.datetime.combine(
                    start, datetime.time.min, tzinfo=zone
                )
            },
            then=Value(n - 1),
        )
        for n, start in enumerate(starts)
        if n
    ]
    return Case(*whens, default=Value(len(starts) - 1), output_field=IntegerField())

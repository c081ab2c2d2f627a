"""Reads for sessions: lists, access needs to plan for, and attendance."""

from __future__ import annotations

from typing import Any, TypedDict

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import Http404

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
    """Invitees first, then everyone else in the organisation, with who is already ticked."""
    invited = list(session.invitees.order_by("preferred_name"))
    invited_ids = {p.pk for p in invited}
    others = list(
        Person.objects.filter(organisation_id=session.organisation_id)
        .exclude(pk__in=invited_ids)
        .order_by("preferred_name")
    )
    ticked = set(session.attendance.values_list("person_id", flat=True))
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

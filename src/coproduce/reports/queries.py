"""Reads that combine apps: the organisation map and a person's involvement record."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypedDict

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, QuerySet, Sum
from django.utils.translation import gettext as _

from coproduce.core.models import Organisation, User
from coproduce.core.tenancy import roles_for
from coproduce.frameworks.models import FrameworkItem
from coproduce.influence.models import InfluenceItem
from coproduce.initiatives import services as initiative_services
from coproduce.initiatives.models import Initiative
from coproduce.people.models import Person
from coproduce.sessions.models import Attendance, Co, Rung, Session


@dataclass
class MapRow:
    initiative: Initiative
    counts: list[int]


@dataclass
class OrganisationMap:
    cos: list[tuple[str, str]]
    rows: list[MapRow]
    totals: list[int]
    gaps: list[str] = field(default_factory=list)


def map_organisations(
    organisation: Organisation, user: User | AnonymousUser, include_members: bool
) -> list[Organisation]:
    """This organisation and, for a network, its members that the user may also see."""
    if not (include_members and organisation.is_network):
        return [organisation]
    visible = set(roles_for(user))
    members = [m for m in organisation.members.all() if m.pk in visible]
    return [organisation, *members]


def organisation_map(organisations: list[Organisation], service_area: str = "") -> OrganisationMap:
    """Initiatives by the four Co's, counting the sessions that served each."""
    initiatives: QuerySet[Initiative] = (
        Initiative.objects.filter(organisation__in=organisations)
        .select_related("organisation")
        .order_by("title", "id")
    )
    if service_area:
        initiatives = initiatives.filter(service_area=service_area)
    rows = list(initiatives)
    counts = {
        (row["initiative_id"], row["co"]): row["n"]
        for row in Session.objects.filter(initiative__in=rows)
        .exclude(co="")
        .values("initiative_id", "co")
        .annotate(n=Count("id"))
    }
    cos = [(str(value), str(label)) for value, label in Co.choices]
    map_rows = [MapRow(i, [counts.get((i.pk, co), 0) for co, _label in cos]) for i in rows]
    totals = [sum(r.counts[n] for r in map_rows) for n in range(len(cos))]
    result = OrganisationMap(cos, map_rows, totals)
    if map_rows:
        for (_co, label), total in zip(cos, totals, strict=True):
            if total == 0:
                result.gaps.append(_("No %(co)s anywhere yet.") % {"co": label.lower()})
        keys = [co for co, _label in cos]
        delivery, assessment = keys.index(Co.CO_DELIVERY), keys.index(Co.CO_ASSESSMENT)
        for row in map_rows:
            if row.counts[delivery] and not row.counts[assessment]:
                result.gaps.append(
                    _(
                        "%(title)s has co-delivery but no co-assessment: the "
                        "people who help deliver it do not yet help judge it."
                    )
                    % {"title": row.initiative.title}
                )
    return result


def ladder_summary(
    organisations: list[Organisation], service_area: str = ""
) -> list[dict[str, Any]]:
    """How many sessions reached each rung of the ladder, so real co-production can be told
    apart from consultation."""
    sessions = Session.objects.filter(organisation__in=organisations).exclude(rung="")
    if service_area:
        sessions = sessions.filter(initiative__service_area=service_area)
    counts = dict(sessions.values_list("rung").annotate(n=Count("id")))
    total = sum(counts.values())
    return [
        {
            "rung": label,
            "count": counts.get(value, 0),
            "share": counts.get(value, 0) / total if total else None,
        }
        for value, label in Rung.choices
    ]


class Involvement(TypedDict):
    attendance: QuerySet[Attendance]
    sessions: int
    hours: Decimal
    items: QuerySet[InfluenceItem]


def involvement_of(person: Person) -> Involvement:
    """Everything a person has given and raised here, for them or their coordinator."""
    attendance = (
        Attendance.objects.filter(person=person)
        .select_related("session__initiative")
        .order_by("-session__starts_at")
    )
    totals = attendance.aggregate(sessions=Count("id"), hours=Sum("hours"))
    items = (
        InfluenceItem.objects.filter(raised_by_people=person)
        .select_related("initiative")
        .order_by("-raised_on")
    )
    return {
        "attendance": attendance,
        "sessions": totals["sessions"],
        "hours": totals["hours"] or Decimal("0"),
        "items": items,
    }


class CoverageChild(TypedDict):
    item: FrameworkItem
    claimed: bool


class CoverageRow(CoverageChild):
    sessions: int
    children: list[CoverageChild]


def coverage_of(initiative: Initiative) -> list[CoverageRow]:
    """Each of the four Co's: sessions that served it, and what the initiative says it covers."""
    from_sessions = dict(
        Session.objects.filter(initiative=initiative)
        .exclude(co="")
        .values_list("co")
        .annotate(n=Count("id"))
    )
    claimed = set(initiative.coverage.values_list("item_id", flat=True))
    items = initiative_services.four_cos_items()
    return [
        CoverageRow(
            item=top,
            sessions=from_sessions.get(top.key, 0),
            claimed=top.pk in claimed,
            children=[
                CoverageChild(item=c, claimed=c.pk in claimed)
                for c in items
                if c.parent_id == top.pk
            ],
        )
        for top in items
        if top.parent_id is None
    ]

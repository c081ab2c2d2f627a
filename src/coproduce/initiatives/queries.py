"""Reads for initiatives and their planning tools."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from coproduce.core.models import Organisation
from coproduce.core.tenancy import scoped
from coproduce.frameworks.models import Framework, FrameworkItem, FrameworkKind
from coproduce.initiatives import planning
from coproduce.initiatives.models import Initiative, Priority, TeamMember


def initiatives_in(
    organisation: Organisation, *, service_area: str = "", status: str = ""
) -> QuerySet[Initiative]:
    initiatives = scoped(Initiative.objects.all(), organisation).select_related(
        "stage", "stage_framework", "organisation"
    )
    if service_area:
        initiatives = initiatives.filter(service_area=service_area)
    if status:
        initiatives = initiatives.filter(status=status)
    # Meta.ordering is not applied to GROUP BY queries, so say it here.
    return initiatives.annotate(
        team_size=Count("team", filter=Q(team__left_on__isnull=True), distinct=True)
    ).order_by("title", "id")


def initiative_or_none(*, organisation: Organisation, pk: int | None) -> Initiative | None:
    """The initiative an API request names by id, or None when it names none; 404 when the
    id is not one of this organisation's initiatives."""
    if pk is None:
        return None
    found = scoped(Initiative.objects.all(), organisation).filter(pk=pk).first()
    if found is None:
        raise Http404("No initiative with that id in this organisation.")
    return found


def initiative_in(*, organisation: Organisation, pk: Any) -> Initiative:
    try:
        return (
            scoped(Initiative.objects.all(), organisation)
            .select_related("organisation", "stage", "stage_framework")
            .prefetch_related(
                "partners",
                Prefetch(
                    "team",
                    queryset=TeamMember.objects.select_related("person").order_by(
                        "left_on", "role"
                    ),
                ),
            )
            .get(pk=int(pk))
        )
    except (Initiative.DoesNotExist, ValueError, TypeError, OverflowError) as error:
        raise Http404("No initiative found.") from error


def stage_frameworks_for(organisation: Organisation) -> QuerySet[Framework]:
    """The stages an initiative here can follow: the library's and the organisation's own."""
    return (
        Framework.objects.current()
        .filter(kind=FrameworkKind.STAGES)
        .filter(Q(organisation__isnull=True) | Q(organisation=organisation))
        .order_by("title")
    )


def stage_framework_for(organisation: Organisation, key: str) -> Framework | None:
    return stage_frameworks_for(organisation).filter(key=key).first() if key else None


def stages_of(initiative: Initiative) -> QuerySet[FrameworkItem]:
    return initiative.stage_framework.items.filter(parent__isnull=True).order_by("position")


def bovaird_cell_title(initiative: Initiative) -> str | None:
    key = initiative.bovaird_cell
    if key is None:
        return None
    item = FrameworkItem.objects.filter(
        framework__key="design-delivery-matrix", framework__is_current=True, key=key
    ).first()
    return item.title if item else key


def priority_matrix(initiative: Initiative) -> list[dict[str, Any]]:
    """The four quadrants, each with its priorities, quick wins first."""
    priorities = list(Priority.objects.filter(initiative=initiative))
    order = ["quick-win", "worth-planning", "if-time-allows", "hard-slog"]
    quadrants: dict[str, dict[str, Any]] = {
        q.key: {"quadrant": q, "items": []} for q in planning.PRIORITY_QUADRANTS.values()
    }
    for priority in priorities:
        quadrants[priority.quadrant.key]["items"].append(priority)
    return [quadrants[key] for key in order]


def stakeholder_grid(initiative: Initiative) -> list[dict[str, Any]]:
    stakeholders = list(initiative.stakeholders.all())
    grid = []
    for key in [(True, True), (True, False), (False, True), (False, False)]:
        quadrant = planning.STAKEHOLDER_QUADRANTS[key]
        grid.append(
            {
                "quadrant": quadrant,
                "high_power": key[0],
                "high_influence": key[1],
                "items": [s for s in stakeholders if (s.high_power, s.high_influence) == key],
            }
        )
    return grid

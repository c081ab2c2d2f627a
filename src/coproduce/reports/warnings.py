"""Early warnings for an initiative, drawn from its sessions and its team.

Each rule matches a risk named in the sources: attendance falling from about 30 to
8-10 (003:L164), depending on one or two people (000:L702), champions leaving
(000:L698), and skipping the trust-building that has to come first (000:L725).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import gettext as _

from coproduce.initiatives.models import Initiative, TeamRole
from coproduce.sessions.models import Session, SessionKind

# Compare the average of the first and the latest few sessions.
SESSIONS_COMPARED = 3
FALL_TO = 0.5  # warn when attendance has halved
SMALL_TEAM = 2


@dataclass(frozen=True)
class Warning:
    key: str
    message: str


def initiative_warnings(initiative: Initiative) -> list[Warning]:
    warnings: list[Warning] = []
    counts = list(
        Session.objects.filter(initiative=initiative)
        .exclude(kind=SessionKind.TRUST_BUILDING)
        .annotate(n=Count("attendance"))
        .order_by("starts_at")
        .values_list("n", flat=True)
    )
    if len(counts) >= SESSIONS_COMPARED * 2:
        first = sum(counts[:SESSIONS_COMPARED]) / SESSIONS_COMPARED
        latest = sum(counts[-SESSIONS_COMPARED:]) / SESSIONS_COMPARED
        if first and latest <= first * FALL_TO:
            warnings.append(
                Warning(
                    "attendance",
                    _(
                        "Attendance has fallen from about %(first)d to about %(latest)d people a "
                        "session. It may be time to ask people what would bring them back."
                    )
                    % {"first": round(first), "latest": round(latest)},
                )
            )
    team = list(initiative.team.all())
    current = [m for m in team if m.left_on is None]
    if not current:
        warnings.append(
            Warning(
                "dependency",
                _("Everyone on the team has left. Who is carrying this work on?")
                if team
                else _("Nobody is named on the team yet. Who is doing this work?"),
            )
        )
    elif len(current) == 1:
        warnings.append(
            Warning(
                "dependency",
                _(
                    "This work depends on one person. If they leave, it could stop. "
                    "Who else could share the work?"
                ),
            )
        )
    elif len(current) <= SMALL_TEAM:
        warnings.append(
            Warning(
                "dependency",
                _(
                    "This work depends on %(n)d people. If one of them leaves, it could stop. "
                    "Who else could share the work?"
                )
                % {"n": len(current)},
            )
        )
    champions_left = [m for m in team if m.role == TeamRole.CHAMPION and m.left_on]
    if champions_left and not any(m.role == TeamRole.CHAMPION for m in current):
        warnings.append(
            Warning("champion", _("A champion has left and nobody has taken their place."))
        )
    has_sessions = bool(counts)
    trust_building = Session.objects.filter(
        initiative=initiative, kind=SessionKind.TRUST_BUILDING
    ).exists()
    if has_sessions and not trust_building:
        warnings.append(
            Warning(
                "trust",
                _(
                    "No trust-building with community leaders is recorded before this work. "
                    "Skipping it is a known risk."
                ),
            )
        )
    return warnings

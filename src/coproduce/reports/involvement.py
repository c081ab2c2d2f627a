"""A person's involvement record in easy read: one thing a line, each with a picture,
spoken to them when it is their own."""

from __future__ import annotations

from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from coproduce.influence.models import ItemStatus
from coproduce.reports.queries import Involvement
from coproduce.web.pictures import Point


def _hours(value: object) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") or "0"


def totals_points(record: Involvement, own: bool) -> list[Point]:
    sessions, hours = record["sessions"], _hours(record["hours"])
    if own:
        came = ngettext("You came to %(n)s session.", "You came to %(n)s sessions.", sessions) % {
            "n": sessions
        }
        gave = _("You gave %(hours)s hours of your time.") % {"hours": hours}
    else:
        came = ngettext("They came to %(n)s session.", "They came to %(n)s sessions.", sessions) % {
            "n": sessions
        }
        gave = _("They gave %(hours)s hours of their time.") % {"hours": hours}
    return [Point("people", came), Point("clock", gave)]


def session_points(record: Involvement) -> list[Point]:
    return [
        Point(
            "calendar",
            _("%(day)s: %(session)s.")
            % {
                "day": date_format(localtime(row.session.starts_at), "l j F Y"),
                "session": row.session.title,
            },
        )
        for row in record["attendance"]
    ]


def raised_points(record: Involvement, own: bool) -> list[Point]:
    """What they raised, then what happened, each as its own line."""
    points = []
    for item in record["items"]:
        said = _("You said: %(what)s") if own else _("They said: %(what)s")
        points.append(Point("talk", said % {"what": item.title}))
        if item.status == ItemStatus.CHANGED:
            words = _("We changed something.")
            points.append(Point("yes", f"{words} {item.response}".strip()))
        elif item.status == ItemStatus.NOT_CHANGED:
            words = _("We could not change it.")
            points.append(Point("no", f"{words} {item.reason_not_changed}".strip()))
        else:
            points.append(Point("wait", _("We are still working on it.")))
    return points

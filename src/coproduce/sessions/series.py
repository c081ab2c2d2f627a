"""Writes for a series of sessions: a regular group planned in one go (every week or
every two weeks, at the same local time), and cancelling the rest of it."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coproduce.core.models import Organisation, User
from coproduce.people.models import Person
from coproduce.sessions.models import Session
from coproduce.sessions.services import session_cancel, session_create

# Every how many days a series repeats, by the word the form sends.
EVERY = {"weekly": 7, "fortnightly": 14}
MOST_IN_A_SERIES = 52


def same_local_time(starts_at: datetime.datetime, days: int) -> datetime.datetime:
    """`days` later at the same clock time here, across the change to or from summer time
    (10am stays 10am, not 9am or 11am)."""
    local = timezone.localtime(starts_at).replace(tzinfo=None)
    return timezone.make_aware(local + datetime.timedelta(days=days))


@transaction.atomic
def session_series_create(
    *,
    organisation: Organisation,
    by: User,
    details: Mapping[str, Any],
    every: str,
    times: int,
    invitees: Iterable[Person] = (),
    initiative: Any = None,
) -> list[Session]:
    """Plan `times` sessions, one every week (or two), all with the same plan and people.
    Each can then be changed or cancelled on its own."""
    if every not in EVERY:
        raise ValidationError({"repeat": _("Choose how often it repeats.")})
    if isinstance(times, bool) or not isinstance(times, int) or not 2 <= times <= MOST_IN_A_SERIES:
        raise ValidationError(
            {"times": _("Enter how many sessions, from 2 to %(n)s.") % {"n": MOST_IN_A_SERIES}}
        )
    invitees = list(invitees)
    series = uuid.uuid4()
    first = details["starts_at"]
    sessions = []
    for n in range(times):
        session = session_create(
            organisation=organisation,
            by=by,
            details={**details, "starts_at": same_local_time(first, n * EVERY[every])},
            invitees=invitees,
            initiative=initiative,
        )
        session.series = series
        session.save(update_fields=["series"])
        sessions.append(session)
    return sessions


@transaction.atomic
def series_cancel_from(*, session: Session, by: User, reason: str) -> list[Session]:
    """Cancel this session and every later one in its series that has not happened (no
    register) and is not cancelled already."""
    cancelled = [session_cancel(session=session, by=by, reason=reason)]
    if session.series is None:
        return cancelled
    later = Session.objects.filter(
        organisation_id=session.organisation_id,
        series=session.series,
        starts_at__gt=session.starts_at,
        cancelled_at__isnull=True,
        attendance__isnull=True,
    ).order_by("starts_at")
    return cancelled + [session_cancel(session=one, by=by, reason=reason) for one in later]

"""Telling invitees about a session: the invitation with a calendar file, an update
when it moves (the same calendar event, a higher SEQUENCE), a cancellation, and a
reminder before it starts. Each goes through the outbox in the person's own way."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from email.utils import parseaddr
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.functional import lazy

from coproduce.core.models import Organisation, User
from coproduce.messaging.models import Kind
from coproduce.messaging.services import Letter, queue_for
from coproduce.people.models import AccessNeed, AccessNeedKind, Person
from coproduce.sessions.models import Session

LONDON = ZoneInfo("Europe/London")
# What changes the time or place, so people are told and calendars updated.
MOVES = ("starts_at", "hours", "venue", "online_link")


def ends_at(session: Session) -> datetime.datetime:
    return session.starts_at + datetime.timedelta(hours=float(session.hours))


def calendar_uid(session: Session) -> str:
    host = settings.COPRODUCE_SITE_URL.split("://")[-1].split("/")[0].split(":")[0]
    return f"session-{session.pk}@{host or 'coproduce'}"


def _event(session: Session, *, cancelled: bool = False) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", calendar_uid(session))
    event.add("sequence", session.calendar_sequence)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", session.starts_at.astimezone(LONDON))
    event.add("dtend", ends_at(session).astimezone(LONDON))
    event.add("summary", session.title)
    where = ", ".join(filter(None, [session.venue, session.online_link]))
    if where:
        event.add("location", where)
    if session.venue_access:
        event.add("description", session.venue_access)
    _name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    organizer = icalendar.vCalAddress(f"mailto:{address}")
    organizer.params["cn"] = icalendar.vText(session.organisation.name)
    event.add("organizer", organizer)
    event.add("status", "CANCELLED" if cancelled or session.cancelled_at else "CONFIRMED")
    return event


def calendar(sessions: Iterable[Session], *, method: str = "", name: str = "") -> bytes:
    """An iCalendar file of these sessions, in UK time."""
    found = icalendar.Calendar()
    found.add("prodid", "-//Coproduce//Sessions//EN")
    found.add("version", "2.0")
    if method:
        found.add("method", method)
    if name:
        found.add("x-wr-calname", name)
    for session in sessions:
        found.add_component(_event(session, cancelled=method == "CANCEL"))
    found.add_missing_timezones()
    return bytes(found.to_ical())


def calendar_file(session: Session, *, cancelled: bool = False) -> dict[str, str]:
    """The session as an iCalendar event, ready to attach to an email."""
    method = "CANCEL" if cancelled else "REQUEST"
    return {
        "filename": "session.ics",
        "content": calendar([session], method=method).decode(),
        "mimetype": f"text/calendar; method={method}; charset=utf-8",
    }


def _when(session: Session) -> str:
    start = timezone.localtime(session.starts_at, LONDON)
    end = timezone.localtime(ends_at(session), LONDON)
    return "{} {} {}".format(
        date_format(start, "l j F Y"),
        date_format(start, "g:ia"),
        "– " + date_format(end, "g:ia"),
    )


def _letter(session: Session, kind: str, needs: dict[int, list[str]]) -> Any:
    cancelled = kind == Kind.SESSION_CANCELLED
    attachment = calendar_file(session, cancelled=cancelled)
    where = session.venue or ""

    def for_person(person: Person) -> Letter:
        support = needs.get(person.pk, [])
        # Dates and support in their language: "when" is put into words as the template
        # renders (lazily), and Notify's fields are worked out here in it.
        with translation.override("cy" if person.language_code == "cy" else "en-gb"):
            when = _when(session)
            support_words = ", ".join(str(need) for need in support)
        return Letter(
            "messages/session",
            {
                "kind": kind,
                "session": session,
                "when": lazy(_when, str)(session),
                "where": where,
                "support": support,
            },
            attachments=[attachment],
            personalisation={
                "session_title": session.title,
                "session_when": when,
                "session_where": where,
                "session_online_link": session.online_link,
                "support": support_words,
            },
        )

    return for_person


def _needs(people: list[Person]) -> dict[int, list[Any]]:
    found: dict[int, list[Any]] = {}
    for need in AccessNeed.objects.filter(person__in=people).order_by("kind"):
        # The lazy label: it is put into words in each person's language.
        found.setdefault(need.person_id, []).append(AccessNeedKind(need.kind).label)
    return found


def tell(
    session: Session,
    people: Iterable[Person],
    kind: str,
    by: User | None,
    key: Any = None,
) -> int:
    """Queue one kind of message about the session to these people (inside the change's
    transaction). Returns how many were queued."""
    people = list(people)
    if not people:
        return 0
    made = queue_for(
        organisation=session.organisation,
        people=people,
        kind=kind,
        letter=_letter(session, kind, _needs(people)),
        caused_by=by,
        key=key,
    )
    return len(made)


def upcoming(session: Session) -> bool:
    return session.cancelled_at is None and session.starts_at > timezone.now()


def after_planning(
    session: Session,
    *,
    by: User,
    invited: set[int],
    uninvited: set[int],
    moved: bool,
) -> None:
    """After a session is planned or changed: invite the new people, tell the others if
    it moved, and cancel the calendar event for people no longer invited."""
    if not upcoming(session) and not uninvited:
        return
    if moved:
        Session.objects.filter(pk=session.pk).update(calendar_sequence=F("calendar_sequence") + 1)
        session.refresh_from_db(fields=["calendar_sequence"])
    everyone = {p.pk: p for p in session.invitees.all()}
    if upcoming(session):
        tell(
            session, [p for pk, p in everyone.items() if pk in invited], Kind.SESSION_INVITATION, by
        )
        if moved:
            stayed = [p for pk, p in everyone.items() if pk not in invited]
            tell(session, stayed, Kind.SESSION_UPDATE, by)
    if uninvited and upcoming(session):
        gone = Person.objects.filter(pk__in=uninvited)
        tell(session, gone, Kind.SESSION_CANCELLED, by)


def after_cancel(session: Session, *, by: User) -> None:
    if session.starts_at > timezone.now():
        Session.objects.filter(pk=session.pk).update(calendar_sequence=F("calendar_sequence") + 1)
        session.refresh_from_db(fields=["calendar_sequence"])
        tell(session, session.invitees.all(), Kind.SESSION_CANCELLED, by)


def queue_reminders(now: datetime.datetime | None = None) -> int:
    """Remind invitees of sessions starting within their organisation's reminder time
    (24 hours unless it says otherwise). Each person is reminded once for each time a
    session is set for, however often this runs."""
    now = now or timezone.now()
    count = 0
    for organisation in Organisation.objects.filter(reminder_hours__gt=0):
        soon = now + datetime.timedelta(hours=organisation.reminder_hours)
        sessions = Session.objects.filter(
            organisation=organisation,
            cancelled_at__isnull=True,
            starts_at__gt=now,
            starts_at__lte=soon,
        ).select_related("organisation")
        for session in sessions:
            stamp = session.starts_at.strftime("%Y%m%d%H%M")
            with transaction.atomic():
                count += tell(
                    session,
                    session.invitees.all(),
                    Kind.SESSION_REMINDER,
                    None,
                    key=lambda person, s=session, t=stamp: f"reminder:{s.pk}:{person.pk}:{t}",
                )
    return count

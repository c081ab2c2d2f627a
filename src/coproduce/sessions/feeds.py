"""Private calendar feeds: a webcal address for one person's sessions, or for all of an
organisation's, behind a secret that only its hash is kept of. Making one again resets
it, and the old address stops working at once."""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from coproduce.core.models import AuditAction, Organisation, User, hash_secret
from coproduce.core.services import audit_record
from coproduce.messaging.models import Kind
from coproduce.messaging.services import Letter, queue_for
from coproduce.people.models import Person
from coproduce.sessions.models import CalendarFeed, Session

# How far back a feed goes: calendars keep what already happened themselves.
HISTORY = datetime.timedelta(days=90)


def feed_url(token: str) -> str:
    path = reverse("sessions:calendar-feed", args=[token])
    return f"{settings.COPRODUCE_SITE_URL.rstrip('/')}{path}"


@transaction.atomic
def feed_make(
    *, organisation: Organisation, by: User, person: Person | None = None, send: bool = False
) -> str:
    """Make (or reset) the feed and return its secret, shown once. With `send`, the
    person is sent their link the way they prefer."""
    if person is not None and person.organisation_id != organisation.pk:
        raise Http404
    token = secrets.token_urlsafe(24)
    CalendarFeed.objects.filter(organisation=organisation, person=person).delete()
    feed = CalendarFeed.objects.create(
        organisation=organisation, person=person, token_hash=hash_secret(token), created_by=by
    )
    audit_record(
        organisation=organisation,
        actor=by,
        action=AuditAction.CALENDAR_FEED,
        target=feed,
        on_behalf_of=person.pk if person else None,
    )
    if send and person is not None:
        queue_for(
            organisation=organisation,
            people=[person],
            kind=Kind.CALENDAR_LINK,
            letter=Letter("messages/calendar_link", {}, link=feed_url(token)),
            caused_by=by,
        )
    return token


def feed_for(token: str) -> CalendarFeed:
    feed = (
        CalendarFeed.objects.select_related("organisation", "person")
        .filter(token_hash=hash_secret(token))
        .first()
    )
    if feed is None or (feed.person is not None and feed.person.erased_at is not None):
        raise Http404("No such calendar.")
    return feed


def feed_sessions(feed: CalendarFeed) -> QuerySet[Session]:
    """The sessions a feed shows: the person's (invited or there), or all of the
    organisation's, from three months ago on. Cancelled ones are kept, marked cancelled,
    so calendars take them off."""
    sessions = Session.objects.filter(
        organisation=feed.organisation, starts_at__gte=timezone.now() - HISTORY
    )
    if feed.person is not None:
        sessions = sessions.filter(
            Q(invitees=feed.person) | Q(attendance__person=feed.person)
        ).distinct()
    return sessions.select_related("organisation").order_by("starts_at")

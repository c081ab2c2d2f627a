"""Sending what is in the outbox: one message at a time, each claimed for a while so two
workers never send it twice, retried with growing waits when a service is down."""

from __future__ import annotations

import datetime
import logging
import secrets
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from coproduce.core.models import hash_secret
from coproduce.messaging import providers
from coproduce.messaging.models import TOPIC_OF, UNSTOPPABLE, Channel, Kind, Message, Status, Stop

log = logging.getLogger(__name__)

# Minutes to wait before each next try; after the last the message has failed (about 2 days).
BACKOFF_MINUTES = (1, 5, 15, 60, 180, 360, 720, 1440)
# How long a worker holds a message it is sending before another may try it.
LEASE = datetime.timedelta(minutes=10)
LONDON = ZoneInfo("Europe/London")


def quiet_until(now: datetime.datetime) -> datetime.datetime | None:
    """When texts may go again, if `now` is within quiet hours (by default 9pm to 8am)."""
    start, end = settings.MESSAGING_QUIET_HOURS
    local = now.astimezone(LONDON)
    if end <= local.hour < start:
        return None
    day = local.date() if local.hour < end else local.date() + datetime.timedelta(days=1)
    return datetime.datetime.combine(day, datetime.time(end), tzinfo=LONDON)


def send_due(limit: int = 1000) -> dict[str, int]:
    """Send up to `limit` messages that are due; returns how many went each way."""
    counts = {"sent": 0, "failed": 0, "retry": 0, "stopped": 0, "later": 0}
    ids = list(
        Message.objects.due().order_by("next_attempt_at", "pk").values_list("pk", flat=True)[:limit]
    )
    outgoing = providers.Outgoing()
    try:
        for pk in ids:
            counts[send_one(pk, outgoing)] += 1
    finally:
        outgoing.close()
    return counts


def _claim(pk: int, now: datetime.datetime) -> bool:
    with transaction.atomic():
        return bool(
            Message.objects.filter(pk=pk, status=Status.QUEUED, next_attempt_at__lte=now).update(
                next_attempt_at=now + LEASE, attempts=F("attempts") + 1
            )
        )


def _stopped(message: Message) -> bool:
    if message.person_id is None or message.topic in UNSTOPPABLE:
        return False
    return Stop.objects.filter(
        person_id=message.person_id, topic=TOPIC_OF[Kind(message.kind)]
    ).exists()


def send_one(pk: int, outgoing: providers.Outgoing) -> str:
    """Send one message if it is still due; returns what became of it."""
    now = timezone.now()
    if not _claim(pk, now):
        return "later"
    message = Message.objects.select_related("person", "organisation").get(pk=pk)
    update = Message.objects.filter(pk=pk)
    if _stopped(message):
        update.update(status=Status.STOPPED, link="")
        return "stopped"
    if message.channel == Channel.TEXT:
        wait = quiet_until(now)
        if wait is not None:
            update.update(next_attempt_at=wait, attempts=F("attempts") - 1)
            return "later"
    _current_address(message)
    stoppable = message.person_id is not None and message.topic not in UNSTOPPABLE
    token = secrets.token_urlsafe(24) if stoppable else ""
    body = message.body.replace("((link))", message.link)
    if token:
        body = body.replace("((stop_link))", stop_url(token))
    try:
        provider, reference = providers.send(message, body, outgoing)
    except providers.PermanentError as error:
        update.update(status=Status.FAILED, last_error=str(error))
        return "failed"
    except Exception as error:  # every other failure is worth trying again
        log.warning("Message %s not sent (try %s): %s", pk, message.attempts, error)
        if message.attempts >= len(BACKOFF_MINUTES):
            update.update(status=Status.FAILED, last_error=str(error))
            return "failed"
        backoff = datetime.timedelta(minutes=BACKOFF_MINUTES[message.attempts - 1])
        update.update(next_attempt_at=now + backoff, last_error=str(error))
        return "retry"
    # Account emails carry sign-in and password links: they are not kept once sent.
    kept = {"body": "", "html": ""} if message.kind == Kind.ACCOUNT else {}
    update.update(
        **kept,
        link="",
        status=Status.SENT,
        sent_at=timezone.now(),
        provider=provider,
        provider_ref=reference,
        last_error="",
        stop_token_hash=hash_secret(token) if token else "",
    )
    return "sent"


def _current_address(message: Message) -> None:
    """A retry goes to the address on their record now, if a coordinator corrected it
    since (the same way of sending only: a change of preference is not guessed at)."""
    person = message.person
    if person is None:
        return
    current = {
        Channel.EMAIL: person.email,
        Channel.TEXT: person.phone,
        Channel.LETTER: person.postal_address,
    }.get(message.channel)  # type: ignore[call-overload]
    if current and current != message.to_address:
        message.to_address = current
        Message.objects.filter(pk=message.pk).update(to_address=current)


def stop_url(token: str) -> str:
    path = reverse("messaging:stop", args=[token])
    return f"{settings.COPRODUCE_SITE_URL.rstrip('/')}{path}"


def refresh_statuses(limit: int = 200) -> int:
    """Ask GOV.UK Notify what became of the messages it took in the last week."""
    if not settings.NOTIFY_API_KEY:
        return 0
    week_ago = timezone.now() - datetime.timedelta(days=7)
    changed = 0
    for message in Message.objects.filter(
        provider="notify", status=Status.SENT, sent_at__gte=week_ago
    ).order_by("sent_at")[:limit]:
        status = providers.notify_status(message.provider_ref)
        if status in providers.NOTIFY_DELIVERED:
            Message.objects.filter(pk=message.pk).update(
                status=Status.DELIVERED, delivered_at=timezone.now()
            )
            changed += 1
        elif status in providers.NOTIFY_FAILED:
            Message.objects.filter(pk=message.pk).update(
                status=Status.FAILED, last_error=providers.NOTIFY_FAILED[status]
            )
            changed += 1
    return changed

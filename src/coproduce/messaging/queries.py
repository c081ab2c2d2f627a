"""Reads of the outbox for the organisation's staff."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, QuerySet
from django.utils import timezone

from coproduce.core.models import Organisation
from coproduce.core.tenancy import scoped
from coproduce.messaging.models import UNSTOPPABLE, Message, Status, Stop, Topic
from coproduce.people.models import Person


def to_follow_up(organisation: Organisation) -> QuerySet[Message]:
    """Messages that failed, and people to tell in person, that nobody has dealt with."""
    return (
        scoped(Message.objects.to_follow_up(), organisation)
        .select_related("person")
        .order_by("created_at", "pk")
    )


def counts(organisation: Organisation) -> dict[str, int]:
    """How many messages are waiting, and how many went in the last week, by status."""
    week_ago = timezone.now() - datetime.timedelta(days=7)
    found: dict[str, int] = dict.fromkeys(Status.values, 0)
    rows: Any = (
        scoped(Message.objects.all(), organisation)
        .filter(created_at__gte=week_ago)
        .values("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in rows:
        found[row["status"]] = row["n"]
    found["waiting"] = scoped(Message.objects.filter(status=Status.QUEUED), organisation).count()
    return found


def messages_to(person: Person) -> QuerySet[Message]:
    return Message.objects.filter(person=person, organisation=person.organisation_id).order_by(
        "-created_at", "-pk"
    )


def stopped_topics(person: Person) -> list[Stop]:
    return list(Stop.objects.filter(person=person).order_by("topic"))


def stoppable_topics() -> list[tuple[str, str]]:
    return [(value, str(label)) for value, label in Topic.choices if value not in UNSTOPPABLE]


def shown_body(message: Message) -> str:
    """The message as staff may read it. Private links are not shown, except to give
    someone theirs in person."""
    shown = message.status in (Status.TO_TELL, Status.FAILED) and message.link
    link = message.link if shown else "[their own link]"
    return message.body.replace("((stop_link))", "[link to stop these messages]").replace(
        "((link))", link
    )

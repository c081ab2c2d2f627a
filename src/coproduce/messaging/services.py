"""Every write to the outbox: queueing messages with the change that causes them,
stopping a kind of message, and a coordinator's follow-up."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template import Context
from django.template.loader import select_template
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from coproduce.core.models import AuditAction, Organisation, User, hash_secret
from coproduce.core.services import audit_record
from coproduce.messaging import tasks
from coproduce.messaging.models import (
    TOPIC_OF,
    UNSTOPPABLE,
    Channel,
    Format,
    Kind,
    Message,
    Status,
    Stop,
    Topic,
)
from coproduce.messaging.routes import Route, route_for
from coproduce.people.models import AccessNeed, Person

STOP_LINK = "((stop_link))"
# Where a message's private link goes; it is put in only as the message is sent.
LINK = "((link))"
# Django's language code for each language we write messages in.
DJANGO_LANGUAGE = {"en": "en-gb", "cy": "cy"}


@dataclass(frozen=True)
class Letter:
    """What to say: a template name (without `.txt`) and what it needs. The template
    has versions beside it: `_subject`, `_text` (a text message) and `_easy` (easy read)."""

    template: str
    context: Mapping[str, Any]
    attachments: list[dict[str, str]] = field(default_factory=list)
    personalisation: Mapping[str, str] = field(default_factory=dict)
    # A private link for this person alone (templates say {{ link }}).
    link: str = ""


def render_text(names: list[str], context: Mapping[str, Any]) -> str:
    """Plain text: nothing is escaped as it would be for a web page."""
    template = select_template(names).template
    text = str(template.render(Context(dict(context), autoescape=False)))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def compose(
    letter: Letter, route: Route, organisation: Organisation, person: Person
) -> tuple[str, str]:
    """The subject and body for this person, in their language and version, with the
    footer that says who sent it, why, and how to stop that kind of message."""
    kind_template = letter.template
    context = {**letter.context, "person": person, "organisation": organisation, "link": LINK}
    with translation.override(DJANGO_LANGUAGE.get(route.language, "en-gb")):
        subject = render_text([f"{kind_template}_subject.txt"], context)
        if route.channel == Channel.TEXT:
            names = [f"{kind_template}_text.txt"]
            footer = "messaging/footer_text.txt"
        else:
            easy = route.format == Format.EASY_READ
            names = ([f"{kind_template}_easy.txt"] if easy else []) + [f"{kind_template}.txt"]
            footer = "messaging/footer.txt"
        body = render_text(names, context)
        topic = context.get("topic", "")
        body += "\n\n" + render_text([footer], {**context, "topic": topic, "stop_link": STOP_LINK})
    return subject, body


def _stopped_topics(people: list[Person]) -> set[tuple[int, str]]:
    return set(Stop.objects.filter(person__in=people).values_list("person_id", "topic"))


def _needs(people: list[Person]) -> dict[int, set[str]]:
    needs: dict[int, set[str]] = {p.pk: set() for p in people}
    for person_id, kind_of_need in AccessNeed.objects.filter(person__in=people).values_list(
        "person_id", "kind"
    ):
        needs[person_id].add(kind_of_need)
    return needs


def _status(stopped: bool, route: Route) -> str:
    if stopped:
        return Status.STOPPED
    return Status.TO_TELL if route.channel == Channel.IN_PERSON else Status.QUEUED


def _message(
    organisation: Organisation, person: Person, kind: str, letter: Letter, route: Route, status: str
) -> Message:
    subject, body = compose(letter, route, organisation, person)
    return Message(
        organisation=organisation,
        person=person,
        channel=route.channel,
        kind=kind,
        language=route.language,
        format=route.format,
        to_address=route.address,
        subject=subject,
        body=body,
        attachments=letter.attachments if route.channel == Channel.EMAIL else [],
        personalisation={
            "name": person.preferred_name,
            "organisation": organisation.name,
            **letter.personalisation,
        },
        link=letter.link if status in (Status.QUEUED, Status.TO_TELL) else "",
        status=status,
    )


def queue_for(
    *,
    organisation: Organisation,
    people: Iterable[Person],
    kind: str,
    letter: Letter | Callable[[Person], Letter],
    caused_by: User | None,
    key: Callable[[Person], str] | None = None,
) -> list[Message]:
    """A message of this kind to each person, saved now (call inside the transaction of
    the change that causes it) and sent by the worker once it commits. People who asked
    to stop this kind get a record saying so; people reached in person go on the
    coordinator's list. With `key`, a person already sent the message with that key is
    left out."""
    people = [p for p in people if p.organisation_id == organisation.pk and p.erased_at is None]
    if key is not None:
        keys = {key(p): p for p in people}
        taken = set(Message.objects.filter(key__in=keys).values_list("key", flat=True))
        people = [p for k, p in keys.items() if k not in taken]
    if not people:
        return []
    needs = _needs(people)
    stopped = _stopped_topics(people)
    topic = TOPIC_OF[Kind(kind)]
    made = []
    for person in people:
        route = route_for(person, needs[person.pk])
        this = letter(person) if callable(letter) else letter
        this = replace(this, context={**this.context, "topic": topic})
        message = _message(
            organisation, person, kind, this, route, _status((person.pk, topic) in stopped, route)
        )
        message.key = key(person) if key else None
        message.caused_by = caused_by
        made.append(message)
    # Two reminder runs at once: the second's rows with the same key are left out.
    Message.objects.bulk_create(made, batch_size=500, ignore_conflicts=key is not None)
    if any(m.status == Status.QUEUED for m in made):
        tasks.wake_on_commit()
    return made


def queue_email(
    *,
    to: str,
    subject: str,
    body: str,
    from_email: str = "",
    html: str = "",
    attachments: list[dict[str, str]] | None = None,
    kind: str = Kind.ACCOUNT,
    organisation: Organisation | None = None,
    key: str | None = None,
) -> Message | None:
    """An email to an address rather than a person: invitations to join, sign-in links,
    staff's weekly digest. Sent by the worker like every other message. With `key`,
    nothing is queued if a message with that key exists."""
    if key is not None and Message.objects.filter(key=key).exists():
        return None
    message = Message.objects.create(
        channel=Channel.EMAIL,
        kind=kind,
        organisation=organisation,
        key=key,
        to_address=to,
        from_email=from_email,
        subject=subject,
        body=body,
        html=html,
        attachments=attachments or [],
    )
    tasks.wake_on_commit()
    return message


def _stop(person: Person, topic: str, by: User | None) -> Stop:
    stop, _made = Stop.objects.get_or_create(
        person=person,
        topic=topic,
        defaults={"organisation": person.organisation, "recorded_by": by},
    )
    kinds = [kind for kind, of in TOPIC_OF.items() if of == topic]
    Message.objects.filter(person=person, kind__in=kinds, status=Status.QUEUED).update(
        status=Status.STOPPED, link=""
    )
    return stop


@transaction.atomic
def stop_by_link(*, token: str) -> Message:
    """The person used the link in a message: no more of that kind, from now."""
    message = (
        Message.objects.select_related("person__organisation")
        .filter(stop_token_hash=hash_secret(token), person__isnull=False)
        .first()
    )
    if message is None or message.topic in UNSTOPPABLE:
        raise ValidationError({"token": _("This link does not work any more.")})
    assert message.person is not None
    _stop(message.person, message.topic, None)
    audit_record(
        organisation=message.person.organisation,
        actor=None,
        action=AuditAction.MESSAGES_STOPPED,
        target=message.person,
        changes={"topic": message.topic},
    )
    return message


@transaction.atomic
def stop_for(*, person: Person, topic: str, by: User) -> Stop:
    """A coordinator records that the person asked for no more of these."""
    if topic not in Topic.values or topic in UNSTOPPABLE:
        raise ValidationError({"topic": _("Choose which messages to stop.")})
    stop = _stop(person, topic, by)
    audit_record(
        organisation=person.organisation,
        actor=by,
        action=AuditAction.MESSAGES_STOPPED,
        target=person,
        on_behalf_of=person.pk,
        changes={"topic": topic},
    )
    return stop


@transaction.atomic
def start_again(*, person: Person, topic: str, by: User) -> None:
    """The person wants that kind of message again."""
    removed, _rows = Stop.objects.filter(person=person, topic=topic).delete()
    if not removed:
        raise ValidationError({"topic": _("These messages were not stopped.")})
    audit_record(
        organisation=person.organisation,
        actor=by,
        action=AuditAction.MESSAGES_STARTED,
        target=person,
        on_behalf_of=person.pk,
        changes={"topic": topic},
    )


@transaction.atomic
def message_done(*, message: Message, by: User) -> Message:
    """A coordinator told them in person, or followed up a message that failed."""
    if message.status not in (Status.TO_TELL, Status.FAILED) or message.done_at:
        raise ValidationError({"message": _("This message has nothing left to follow up.")})
    message.done_at = timezone.now()
    message.done_by = by
    message.link = ""
    if message.status == Status.TO_TELL:
        message.status = Status.TOLD
    message.save(update_fields=["done_at", "done_by", "status", "link"])
    assert message.organisation is not None  # coordinators only see their organisation's
    audit_record(
        organisation=message.organisation,
        actor=by,
        action=AuditAction.MESSAGE_FOLLOWED_UP,
        target=message,
        on_behalf_of=message.person_id,
    )
    return message


@transaction.atomic
def message_retry(*, message: Message, by: User) -> Message:
    """Send a failed message again, to the person's details as they are now (a coordinator
    may have corrected an address or a phone number)."""
    if message.status != Status.FAILED or message.person is None or not message.organisation:
        raise ValidationError({"message": _("Only a message that failed can be sent again.")})
    route = route_for(message.person)
    if route.channel != message.channel:
        raise ValidationError(
            {
                "message": _(
                    "Their details no longer fit this way of sending it. "
                    "Check their contact preference and details, or tell them in person."
                )
            }
        )
    message.to_address = route.address
    message.status = Status.QUEUED
    message.attempts = 0
    message.next_attempt_at = timezone.now()
    message.last_error = ""
    message.save(
        update_fields=["to_address", "status", "attempts", "next_attempt_at", "last_error"]
    )
    audit_record(
        organisation=message.organisation,
        actor=by,
        action=AuditAction.MESSAGE_RETRIED,
        target=message,
        on_behalf_of=message.person_id,
    )
    tasks.wake_on_commit()
    return message


@transaction.atomic
def settings_set(*, organisation: Organisation, by: User, reminder_hours: int) -> Organisation:
    """When invitees are reminded of a session: hours before it, or 0 for never."""
    if not 0 <= reminder_hours <= 168:
        raise ValidationError({"reminder_hours": _("Enter between 0 and 168 hours.")})
    before = organisation.reminder_hours
    organisation.reminder_hours = reminder_hours
    organisation.save(update_fields=["reminder_hours"])
    audit_record(
        organisation=organisation,
        actor=by,
        action=AuditAction.MESSAGE_SETTINGS,
        target=organisation,
        changes={"reminder_hours": [before, reminder_hours]},
    )
    return organisation

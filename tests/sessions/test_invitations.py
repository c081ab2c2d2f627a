"""Invitations, updates, cancellations and reminders (issue 18): each invitee hears in
their own way, emails carry a calendar file in UK time, and a moved session updates
the same calendar event. Sent through a real SMTP server and a local server that
checks requests as GOV.UK Notify does."""

import datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.utils import timezone

from coproduce.messaging import delivery
from coproduce.messaging.models import Channel, Kind, Message, Status
from coproduce.people.models import AccessNeed
from coproduce.sessions.invitations import queue_reminders
from coproduce.sessions.services import session_cancel, session_create, session_update
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


def _soon(days: int = 10, hour: int = 10) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=LONDON)


def _people(cast: Any) -> dict[str, Any]:
    email = PersonFactory(
        organisation=cast.org, preferred_name="Asha", email="asha@example.test",
        contact_preference="email",
    )  # fmt: skip
    AccessNeed.objects.create(person=email, kind="bsl")
    text = PersonFactory(
        organisation=cast.org, preferred_name="Tom", phone="07700 900123",
        contact_preference="text",
    )  # fmt: skip
    letter = PersonFactory(
        organisation=cast.org, preferred_name="Rhys", full_name="Rhys Evans",
        contact_preference="post", postal_address="4 Heol y Nant\nCardiff\nCF10 1AA",
        preferred_language="Cymraeg",
    )  # fmt: skip
    in_person = PersonFactory(organisation=cast.org, preferred_name="Pat")
    return {"email": email, "text": text, "letter": letter, "in_person": in_person}


def _plan(cast: Any, people: list[Any], starts_at: datetime.datetime | None = None) -> Any:
    return session_create(
        organisation=cast.org,
        by=cast.coordinator,
        invitees=people,
        details={
            "title": "Carers forum",
            "kind": "forum",
            "starts_at": starts_at or _soon(),
            "hours": Decimal(2),
            "venue": "Riverside Hub",
        },
    )


def _calendar(email: Any) -> icalendar.Calendar:
    [part] = [p for p in email.iter_attachments() if p.get_content_type() == "text/calendar"]
    return icalendar.Calendar.from_ical(part.get_content())


def test_invitations_reach_everyone_their_own_way(cast, smtp, notify):
    people = _people(cast)
    session = _plan(cast, list(people.values()))
    by_person = {m.person_id: m for m in Message.objects.all()}
    assert by_person[people["in_person"].pk].status == Status.TO_TELL
    assert by_person[people["letter"].pk].language == "cy"
    assert delivery.send_due() == {"sent": 3, "failed": 0, "retry": 0, "stopped": 0, "later": 0}

    [email] = smtp.inbox.to("asha@example.test")
    assert email["Subject"] == "You are invited: Carers forum"
    assert "Riverside Co" not in email["From"]  # from the organisation that sent it
    assert "Acme Community Network" in email["From"]
    body = email.get_body(("plain",)).get_content()
    assert "British Sign Language interpreter" in body  # the support they asked for
    assert "/messages/stop/" in body
    calendar = _calendar(email)
    assert calendar["METHOD"] == "REQUEST"
    [event] = calendar.walk("VEVENT")
    assert event["UID"] == f"session-{session.pk}@127.0.0.1"
    assert event["SEQUENCE"] == 0
    assert event.decoded("DTSTART") == _soon()
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    assert event.decoded("DTEND") - event.decoded("DTSTART") == datetime.timedelta(hours=2)
    assert calendar.walk("VTIMEZONE")  # the calendar says what UK time is

    [text] = notify.of_type("sms")
    assert text["to"] == "07700 900123"
    assert "Tom, you are invited to Carers forum" in text["content"]["body"]
    assert "/messages/stop/" in text["content"]["body"]
    [letter] = notify.of_type("letter")
    address = letter["personalisation"]
    assert [address[f"address_line_{n}"] for n in (1, 2, 3, 4)] == [
        "Rhys Evans", "4 Heol y Nant", "Cardiff", "CF10 1AA",
    ]  # fmt: skip
    assert "Riverside Hub" in letter["content"]["body"]
    sent = Message.objects.get(person=people["text"])
    assert (sent.status, sent.provider) == (Status.SENT, "notify")
    assert sent.provider_ref == text["id"]


def test_moving_a_session_updates_the_same_calendar_event(cast, smtp):
    asha = PersonFactory(
        organisation=cast.org, email="asha@example.test", contact_preference="email"
    )
    ben = PersonFactory(organisation=cast.org, email="ben@example.test", contact_preference="email")
    cy = PersonFactory(organisation=cast.org, email="cy@example.test", contact_preference="email")
    session = _plan(cast, [asha, ben])
    delivery.send_due()
    later = _soon(days=11, hour=14)
    session_update(
        session=session,
        by=cast.coordinator,
        details={"starts_at": later},
        invitees=[asha, cy],  # Ben is no longer needed; Cy is invited
    )
    kinds = dict(Message.objects.filter(status=Status.QUEUED).values_list("person_id", "kind"))
    assert kinds == {
        asha.pk: Kind.SESSION_UPDATE,
        cy.pk: Kind.SESSION_INVITATION,
        ben.pk: Kind.SESSION_CANCELLED,
    }
    delivery.send_due()
    [first, update] = smtp.inbox.to("asha@example.test")
    assert update["Subject"] == "Changed: Carers forum"
    [event] = _calendar(update).walk("VEVENT")
    [old] = _calendar(first).walk("VEVENT")
    assert event["UID"] == old["UID"]
    assert event["SEQUENCE"] == 1
    assert event.decoded("DTSTART") == later
    [gone] = _calendar(smtp.inbox.to("ben@example.test")[-1]).walk("VEVENT")
    assert gone["UID"] == old["UID"]
    assert gone["STATUS"] == "CANCELLED"

    # Changing something that is not the time or place tells nobody.
    session_update(
        session=session, by=cast.coordinator, details={"title": "Carers forum"}, invitees=[asha, cy]
    )
    assert not Message.objects.filter(status=Status.QUEUED).exists()

    session_cancel(session=session, by=cast.coordinator, reason="The hub is flooded")
    delivery.send_due()
    cancelled = smtp.inbox.to("asha@example.test")[-1]
    assert cancelled["Subject"] == "Cancelled: Carers forum"
    assert "The hub is flooded" in cancelled.get_body(("plain",)).get_content()
    calendar = _calendar(cancelled)
    assert calendar["METHOD"] == "CANCEL"
    assert calendar.walk("VEVENT")[0]["SEQUENCE"] == 2


def test_a_session_recorded_afterwards_sends_nothing(cast):
    person = PersonFactory(
        organisation=cast.org, email="a@example.test", contact_preference="email"
    )
    _plan(cast, [person], starts_at=_soon(days=-3))
    assert not Message.objects.exists()


def test_reminders_go_once_a_day_before(cast, smtp):
    person = PersonFactory(
        organisation=cast.org, email="a@example.test", contact_preference="email"
    )
    session = _plan(cast, [person], starts_at=_soon(days=3))
    assert queue_reminders(now=session.starts_at - datetime.timedelta(hours=30)) == 0
    day_before = session.starts_at - datetime.timedelta(hours=20)
    assert queue_reminders(now=day_before) == 1
    assert queue_reminders(now=day_before + datetime.timedelta(hours=1)) == 0  # only once
    delivery.send_due()
    assert smtp.inbox.to("a@example.test")[-1]["Subject"] == "Reminder: Carers forum"
    # An organisation can remind earlier, or not at all.
    cast.org.reminder_hours = 0
    cast.org.save()
    other = _plan(cast, [person], starts_at=_soon(days=4))
    assert queue_reminders(now=other.starts_at - datetime.timedelta(hours=2)) == 0


def test_notify_refusing_a_number_fails_it_and_a_notify_outage_waits(cast, notify):
    wrong = PersonFactory(organisation=cast.org, phone="0113 496 0000", contact_preference="text")
    _plan(cast, [wrong])
    assert delivery.send_due()["failed"] == 1
    message = Message.objects.get()
    assert message.status == Status.FAILED
    assert "Not a UK mobile number" in message.last_error

    right = PersonFactory(organisation=cast.org, phone="07700 900321", contact_preference="text")
    notify.down = True
    _plan(cast, [right], starts_at=_soon(days=5))
    assert delivery.send_due()["retry"] == 1
    notify.down = False
    Message.objects.filter(status=Status.QUEUED).update(next_attempt_at=timezone.now())
    assert delivery.send_due()["sent"] == 1


def test_notify_says_what_became_of_each_message(cast, notify):
    people = [
        PersonFactory(organisation=cast.org, phone=f"07700 90012{n}", contact_preference="text")
        for n in (1, 2)
    ]
    _plan(cast, people)
    delivery.send_due()
    first, second = notify.of_type("sms")
    notify.statuses[first["id"]] = "delivered"
    notify.statuses[second["id"]] = "permanent-failure"
    assert delivery.refresh_statuses() == 2
    found = dict(Message.objects.values_list("provider_ref", "status"))
    assert found == {first["id"]: Status.DELIVERED, second["id"]: Status.FAILED}


def test_texts_are_not_sent_at_night(cast, notify, settings):
    person = PersonFactory(organisation=cast.org, phone="07700 900123", contact_preference="text")
    hour = timezone.localtime(timezone.now(), LONDON).hour
    settings.MESSAGING_QUIET_HOURS = (hour, hour)  # quiet from now until this time tomorrow
    _plan(cast, [person])
    assert delivery.send_due()["later"] == 1
    message = Message.objects.get()
    assert (message.status, message.attempts) == (Status.QUEUED, 0)
    assert message.next_attempt_at > timezone.now()
    assert notify.sent == []
    assert message.channel == Channel.TEXT

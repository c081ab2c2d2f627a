"""The outbox: each person reached their own way, stops honoured at once, failures kept
for a coordinator, retries when a service is down, and nothing saved lost on the way."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.utils import timezone

from coproduce.influence import services as influence
from coproduce.messaging import delivery, services
from coproduce.messaging.models import Channel, Format, Kind, Message, Status, Stop
from coproduce.messaging.routes import route_for
from coproduce.people import services as people
from coproduce.people.models import AccessNeed
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
TODAY = datetime.date(2026, 12, 4)


def _raised(cast, people):
    item = influence.item_create(
        organisation=cast.org,
        by=cast.coordinator,
        details={"title": "Buses stop at six", "addressed_to": "Transport"},
        people=people,
    )
    influence.item_set_status(
        item=item, by=cast.coordinator, status="changed", response="The late bus runs now."
    )
    return item


def test_each_person_is_reached_their_own_way(cast):
    by_email = PersonFactory(
        organisation=cast.org, email="a@example.test", contact_preference="email"
    )
    by_text = PersonFactory(organisation=cast.org, phone="07700 900123", contact_preference="text")
    by_post = PersonFactory(
        organisation=cast.org,
        contact_preference="post",
        postal_address="12 Mill Lane\nLeeds\nLS1 4AB",
        preferred_language="Welsh",
    )
    AccessNeed.objects.create(person=by_post, kind="large_print")
    easy = PersonFactory(organisation=cast.org, email="e@example.test", contact_preference="email")
    AccessNeed.objects.create(person=easy, kind="easy_read")
    no_address = PersonFactory(organisation=cast.org, contact_preference="post")
    by_phone_call = PersonFactory(
        organisation=cast.org, phone="07700 900124", contact_preference="phone"
    )

    email, text = route_for(by_email), route_for(by_text)
    assert (email.channel, email.address) == (Channel.EMAIL, "a@example.test")
    assert (text.channel, text.address) == (Channel.TEXT, "07700 900123")
    post = route_for(by_post)
    assert (post.channel, post.language, post.format) == (Channel.LETTER, "cy", Format.LARGE_PRINT)
    assert route_for(easy).format == Format.EASY_READ
    # No address to post to, or a phone call wanted: the coordinator tells them.
    assert route_for(no_address).channel == Channel.IN_PERSON
    assert route_for(by_phone_call).channel == Channel.IN_PERSON

    _raised(cast, [by_email, easy, by_phone_call])
    messages = {m.person_id: m for m in Message.objects.all()}
    assert messages[by_email.pk].status == Status.QUEUED
    assert "The late bus runs now." in messages[by_email.pk].body
    assert "What is happening now" in messages[easy.pk].body  # the easy-read version
    assert messages[by_phone_call.pk].status == Status.TO_TELL


def test_every_message_says_who_sent_it_why_and_how_to_stop(cast, deliver, client):
    person = PersonFactory(
        organisation=cast.org, email="jo@example.test", contact_preference="email"
    )
    _raised(cast, [person])
    deliver()
    [email] = mail.outbox
    assert "Sent by Acme Community Network." in email.body
    assert "because you raised something with us" in email.body
    link = re.search(r"http://\S+/messages/stop/(\S+)/", email.body)
    assert link, email.body
    # The secret in the link is not kept: only its hash.
    message = Message.objects.get()
    assert link[1] not in message.body
    assert message.stop_token_hash

    page = client.get(link[0])
    assert page.status_code == 200
    assert "Stop these messages?" in page.content.decode()
    # A message waiting to go is not sent once they say stop.
    waiting = Message.objects.create(
        organisation=cast.org, person=person, channel="email", kind=Kind.INFLUENCE_UPDATE,
        to_address=person.email, body="Another update",
    )  # fmt: skip
    done = client.post(link[0])
    assert "You will not get any more messages" in done.content.decode()
    assert Stop.objects.filter(person=person, topic="updates").exists()
    waiting.refresh_from_db()
    assert waiting.status == Status.STOPPED
    # And the next change records that it was not sent, and why.
    _raised(cast, [person])
    assert Message.objects.latest("pk").status == Status.STOPPED
    deliver()
    assert len(mail.outbox) == 1
    assert client.get("/messages/stop/not-a-real-link/").status_code == 404


def test_no_message_carries_special_category_data(cast, deliver):
    person = PersonFactory(
        organisation=cast.org, email="jo@example.test", contact_preference="email"
    )
    people.consent_record(
        person=person, by=cast.coordinator, purpose="special_category", given_on=TODAY
    )
    people.special_category_save(
        person=person,
        by=cast.coordinator,
        values={"ethnicity": "asian", "lived_experience": ["homelessness"], "disability": "yes"},
    )
    _raised(cast, [person])
    deliver()
    text = (mail.outbox[0].body + str(Message.objects.values()[0])).lower()
    for word in ("asian", "homeless", "disab"):
        assert word not in text


def test_a_stop_is_honoured_even_for_a_message_already_queued(cast, deliver):
    person = PersonFactory(
        organisation=cast.org, email="jo@example.test", contact_preference="email"
    )
    _raised(cast, [person])
    services.stop_for(person=person, topic="updates", by=cast.coordinator)
    Message.objects.update(status=Status.QUEUED)  # as if queued a moment before the stop
    deliver()
    assert mail.outbox == []
    assert Message.objects.get().status == Status.STOPPED


def test_a_mail_server_that_is_down_delays_a_message_but_never_loses_it(cast, smtp, deliver):
    person = PersonFactory(
        organisation=cast.org, email="jo@example.test", contact_preference="email"
    )
    smtp.stop()
    _raised(cast, [person])  # the change itself succeeds
    assert deliver()["retry"] == 1
    message = Message.objects.get()
    assert (message.status, message.attempts) == (Status.QUEUED, 1)
    assert "could not be reached" in message.last_error
    assert message.next_attempt_at > timezone.now()  # it waits a minute before trying again
    assert deliver()["sent"] == 0

    smtp.start()
    Message.objects.update(next_attempt_at=timezone.now())  # the minute has passed
    assert deliver()["sent"] == 1
    [received] = smtp.inbox.to("jo@example.test")
    assert "The late bus runs now." in received.get_body(("plain",)).get_content()
    message.refresh_from_db()
    assert message.status == Status.SENT
    assert message.provider_ref == received["Message-ID"]


def test_after_the_last_try_a_message_has_failed_and_waits_for_a_coordinator(cast, deliver):
    person = PersonFactory(
        organisation=cast.org, email="jo@example.test", contact_preference="email"
    )
    _raised(cast, [person])
    Message.objects.update(attempts=len(delivery.BACKOFF_MINUTES))
    from django.test import override_settings

    with override_settings(MESSAGING_EMAIL_BACKEND="", NOTIFY_API_KEY=""):
        assert deliver()["failed"] == 1
    message = Message.objects.get()
    assert message.status == Status.FAILED
    assert "No email service is set up" in message.last_error


def test_an_address_the_server_refuses_fails_at_once_and_can_be_sent_again(
    cast, smtp, deliver, client_for
):
    person = PersonFactory(
        organisation=cast.org, email="gone@example.test", contact_preference="email"
    )
    smtp.inbox.refuse.add("gone@example.test")
    _raised(cast, [person])
    assert deliver()["failed"] == 1
    message = Message.objects.get()
    assert "refused the address (550)" in message.last_error

    coordinator = client_for(cast.coordinator)
    page = coordinator.get("/orgs/acme/messages/").content.decode()
    assert "Not delivered" in page
    assert "refused the address" in page
    # The coordinator corrects the address and sends it again.
    person.email = "jo@example.test"
    person.save()
    assert coordinator.post(f"/orgs/acme/messages/{message.pk}/retry/").status_code == 302
    assert deliver()["sent"] == 1
    assert smtp.inbox.to("jo@example.test")
    assert "Nothing to follow up" in coordinator.get("/orgs/acme/messages/").content.decode()


def test_people_told_in_person_are_listed_until_someone_tells_them(cast, client_for):
    in_person = PersonFactory(organisation=cast.org, preferred_name="Sam")
    _raised(cast, [in_person])
    coordinator = client_for(cast.coordinator)
    page = coordinator.get("/orgs/acme/messages/").content.decode()
    assert "Sam" in page
    assert "The late bus runs now." in page
    message = Message.objects.get()
    assert coordinator.post(f"/orgs/acme/messages/{message.pk}/done/").status_code == 302
    assert Message.objects.get().status == Status.TOLD
    assert "Sam" not in coordinator.get("/orgs/acme/messages/").content.decode()
    # Only staff see and follow up messages; other organisations see nothing.
    assert client_for(cast.member).get("/orgs/acme/messages/").status_code == 403
    assert (
        client_for(cast.outsider).post(f"/orgs/acme/messages/{message.pk}/done/").status_code == 404
    )


def test_a_persons_page_shows_what_was_sent_and_what_they_stopped(cast, client_for, deliver):
    person = PersonFactory(
        organisation=cast.org, email="jo@example.test", contact_preference="email"
    )
    _raised(cast, [person])
    deliver()
    coordinator = client_for(cast.coordinator)
    url = f"/orgs/acme/people/{person.pk}/messages/"
    page = coordinator.get(url).content.decode()
    assert "What happened to what you raised" in page
    assert "Sent" in page
    assert "[link to stop these messages]" in page  # the private link is never shown
    assert coordinator.post(url, {"topic": "sessions", "action": "stop"}).status_code == 302
    assert Stop.objects.filter(person=person, topic="sessions").exists()
    assert coordinator.post(url, {"topic": "sessions", "action": "start"}).status_code == 302
    assert not Stop.objects.filter(person=person).exists()
    wrong = coordinator.post(url, {"topic": "everything", "action": "stop"})
    assert wrong.status_code == 400
    assert "Select a valid choice" in wrong.content.decode()
    assert client_for(cast.commissioner).get(url).status_code == 403


def test_account_emails_are_not_kept_once_sent(cast, deliver):
    from django.core.mail import send_mail

    send_mail("Reset your password", "Open https://x.test/reset/SECRET/", None, ["jo@example.test"])
    assert Message.objects.get().body.endswith("SECRET/")
    deliver()
    assert "SECRET" in mail.outbox[0].body
    message = Message.objects.get()
    assert (message.status, message.body) == (Status.SENT, "")


def test_texts_wait_for_the_morning(settings):
    settings.MESSAGING_QUIET_HOURS = (21, 8)
    late = datetime.datetime(2026, 12, 4, 22, 30, tzinfo=LONDON)
    assert delivery.quiet_until(late) == datetime.datetime(2026, 12, 5, 8, 0, tzinfo=LONDON)
    early = datetime.datetime(2026, 12, 5, 6, 0, tzinfo=LONDON)
    assert delivery.quiet_until(early) == datetime.datetime(2026, 12, 5, 8, 0, tzinfo=LONDON)
    assert delivery.quiet_until(datetime.datetime(2026, 12, 5, 12, 0, tzinfo=LONDON)) is None


def test_an_organisation_chooses_when_reminders_go(cast, client_for):
    coordinator = client_for(cast.coordinator)
    assert (
        "Reminders go 24 hours before" in coordinator.get("/orgs/acme/messages/").content.decode()
    )
    wrong = coordinator.post("/orgs/acme/messages/settings/", {"reminder_hours": "a day"})
    assert wrong.status_code == 400
    assert 'href="#id_reminder_hours"' in wrong.content.decode()
    too_many = coordinator.post("/orgs/acme/messages/settings/", {"reminder_hours": "500"})
    assert too_many.status_code == 400
    assert (
        coordinator.post("/orgs/acme/messages/settings/", {"reminder_hours": "0"}).status_code
        == 302
    )
    cast.org.refresh_from_db()
    assert cast.org.reminder_hours == 0
    assert "No reminders are sent" in coordinator.get("/orgs/acme/messages/").content.decode()
    assert client_for(cast.member).get("/orgs/acme/messages/settings/").status_code == 403


def test_the_timer_commands_send_and_remind(cast):
    from io import StringIO

    from django.core.management import call_command

    person = PersonFactory(
        organisation=cast.org, email="jo@example.test", contact_preference="email"
    )
    _raised(cast, [person])
    out = StringIO()
    call_command("send_messages", stdout=out)
    assert out.getvalue().startswith("sent: 1, failed: 0")
    assert len(mail.outbox) == 1
    out = StringIO()
    call_command("session_reminders", stdout=out)
    assert out.getvalue().strip() == "reminders queued: 0"


def test_a_message_waiting_to_be_tried_again_goes_to_the_corrected_address(cast, smtp, deliver):
    person = PersonFactory(
        organisation=cast.org, email="old@example.test", contact_preference="email"
    )
    smtp.stop()
    _raised(cast, [person])
    deliver()
    person.email = "new@example.test"  # the coordinator puts it right meanwhile
    person.save()
    smtp.start()
    Message.objects.update(next_attempt_at=timezone.now())
    assert deliver()["sent"] == 1
    assert smtp.inbox.to("new@example.test")
    assert Message.objects.get().to_address == "new@example.test"

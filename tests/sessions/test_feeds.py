"""Private calendar feeds (issue 18): a person's sessions, or all of an organisation's,
for a calendar app to subscribe to; only a hash of the secret is kept, making it again
resets it, and a person can be sent theirs the way they prefer."""

import datetime
import re
from decimal import Decimal
from typing import Any

import icalendar
import pytest
from django.utils import timezone

from coproduce.messaging import delivery
from coproduce.messaging.models import Message, Status
from coproduce.sessions.feeds import feed_make
from coproduce.sessions.models import CalendarFeed
from coproduce.sessions.services import session_cancel, session_create
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _session(cast: Any, title: str, days: int, invitees: list[Any]) -> Any:
    return session_create(
        organisation=cast.org,
        by=cast.coordinator,
        invitees=invitees,
        details={
            "title": title,
            "kind": "forum",
            "starts_at": timezone.now() + datetime.timedelta(days=days),
            "hours": Decimal(2),
        },
    )


def _events(response: Any) -> dict[str, Any]:
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}


def test_a_person_subscribes_to_their_sessions_and_a_reset_stops_the_old_link(cast, client):
    asha = PersonFactory(organisation=cast.org, preferred_name="Asha")
    _session(cast, "Carers forum", 5, [asha])
    cancelled = _session(cast, "Walk", 6, [asha])
    session_cancel(session=cancelled, by=cast.coordinator, reason="Rain")
    _session(cast, "Board", 7, [])  # not hers
    _session(cast, "Long ago", -200, [asha])
    token = feed_make(organisation=cast.org, by=cast.coordinator, person=asha)
    assert not CalendarFeed.objects.filter(token_hash=token).exists()  # only the hash

    answer = client.get(f"/calendar/{token}/")
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("text/calendar")
    events = _events(answer)
    assert set(events) == {"Carers forum", "Walk"}
    assert events["Walk"]["STATUS"] == "CANCELLED"

    again = feed_make(organisation=cast.org, by=cast.coordinator, person=asha)
    assert client.get(f"/calendar/{token}/").status_code == 404
    assert client.get(f"/calendar/{again}/").status_code == 200
    org_feed = feed_make(organisation=cast.org, by=cast.coordinator)
    assert set(_events(client.get(f"/calendar/{org_feed}/"))) == {"Carers forum", "Walk", "Board"}


def test_staff_make_a_link_and_send_it(cast, client_for, deliver):
    from django.core import mail

    jo = PersonFactory(
        organisation=cast.org, preferred_name="Jo", email="jo@example.test",
        contact_preference="email",
    )  # fmt: skip
    coordinator = client_for(cast.coordinator)
    page = coordinator.get("/orgs/acme/sessions/calendar/")
    assert page.status_code == 200
    made = coordinator.post("/orgs/acme/sessions/calendar/", {"person": jo.pk, "send": "on"})
    assert made.status_code == 200
    shown = re.search(r"webcal://\S+/calendar/([\w-]+)/", made.content.decode())
    assert shown
    message = Message.objects.get(person=jo)
    assert shown[1] in message.link  # kept only until it is sent
    assert shown[1] not in message.body
    deliver()
    assert shown[1] in mail.outbox[0].body
    message.refresh_from_db()
    assert (message.status, message.link) == (Status.SENT, "")
    wrong = coordinator.post("/orgs/acme/sessions/calendar/", {"person": "99999"})
    assert wrong.status_code == 400
    assert 'href="#id_person"' in wrong.content.decode()
    assert client_for(cast.member).get("/orgs/acme/sessions/calendar/").status_code == 403


def test_someone_told_in_person_gets_their_link_from_the_coordinator(cast, client_for):
    pat = PersonFactory(organisation=cast.org, preferred_name="Pat")
    token = feed_make(organisation=cast.org, by=cast.coordinator, person=pat, send=True)
    page = client_for(cast.coordinator).get("/orgs/acme/messages/").content.decode()
    assert token in page  # to read out or write down for them
    message = Message.objects.get(person=pat)
    delivery.send_due()
    client_for(cast.coordinator).post(f"/orgs/acme/messages/{message.pk}/done/")
    message.refresh_from_db()
    assert message.link == ""
    assert token not in client_for(cast.coordinator).get("/orgs/acme/messages/").content.decode()


def test_erasing_a_person_removes_their_calendar_rather_than_opening_everyone_s(cast, client):
    """Found in review: erasure unlinks what refers to a person, which would have made a
    person's calendar link show every session of the organisation."""
    from coproduce.privacy.services import person_erase

    asha = PersonFactory(organisation=cast.org, preferred_name="Asha")
    _session(cast, "Board", 7, [])
    token = feed_make(organisation=cast.org, by=cast.coordinator, person=asha)
    person_erase(person=asha, by=cast.admin)
    assert not CalendarFeed.objects.exists()
    assert client.get(f"/calendar/{token}/").status_code == 404

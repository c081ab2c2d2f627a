"""Reaching people where they are (issue 18, must show), in Chromium with axe on every
page: a coordinator plans a session with 40 invitees of mixed preferences; a real SMTP
server receives the emails with their calendar files, a local server checking GOV.UK
Notify's API receives the texts and letters, and the people told in person are listed;
the coordinator moves the session and everyone gets the update."""

import datetime
import re

import icalendar
import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from coproduce.core.models import Membership, OrganisationKind, Role
from coproduce.messaging.models import Message, Status
from coproduce.people.models import AccessNeed
from coproduce.reports.digest import stop_token
from coproduce.sessions.models import Session
from tests.e2e.test_people_journey import sign_in
from tests.factories import MembershipFactory, OrganisationFactory, PersonFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _invitees(org):
    people = []
    for n in range(20):
        person = PersonFactory(
            organisation=org, preferred_name=f"Email{n:02}", email=f"e{n}@example.org",
            contact_preference="email",
        )  # fmt: skip
        if n < 3:
            AccessNeed.objects.create(person=person, kind="easy_read")
        people.append(person)
    for n in range(10):
        people.append(
            PersonFactory(
                organisation=org,
                preferred_name=f"Text{n:02}",
                phone=f"07700 900{n:03}",
                contact_preference="text",
            )  # fmt: skip
        )
    for n in range(6):
        person = PersonFactory(
            organisation=org, preferred_name=f"Letter{n:02}", contact_preference="post",
            postal_address=f"{n + 1} Mill Lane\nRiverside\nRV1 {n}AB",
            preferred_language="Welsh" if n == 0 else "",
        )  # fmt: skip
        if n < 2:
            AccessNeed.objects.create(person=person, kind="large_print")
        people.append(person)
    for n in range(4):
        people.append(PersonFactory(organisation=org, preferred_name=f"InPerson{n:02}"))
    return people


def _checked(page: Page, axe_check) -> None:
    axe_check(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"{page.url} is {width} px wide at 320"


def _event(email):
    [part] = [p for p in email.iter_attachments() if p.get_content_type() == "text/calendar"]
    [event] = icalendar.Calendar.from_ical(part.get_content()).walk("VEVENT")
    return event


def test_forty_invitees_hear_their_own_way_and_hear_again_when_it_moves(
    page: Page, live_server, axe_check, smtp, notify, run_tasks
):
    org = OrganisationFactory(
        slug="riverside", name="Riverside Council", kind=OrganisationKind.COUNCIL
    )
    coordinator = MembershipFactory(organisation=org, role=Role.COORDINATOR).user
    people = _invitees(org)
    base, orgs = live_server.url, f"{live_server.url}/orgs/riverside"
    day = timezone.localdate() + datetime.timedelta(days=14)
    sign_in(page, base, coordinator.email)

    page.goto(f"{orgs}/sessions/new/")
    axe_check(page)
    page.get_by_label("Title").fill("Carers forum")
    page.get_by_label("Kind").select_option(index=1)
    page.get_by_label("Starts").fill(f"{day.isoformat()}T10:00")
    page.get_by_label("Venue (optional)", exact=True).fill("Riverside Hub")
    page.get_by_label("Who is invited").select_option(label=[p.preferred_name for p in people])
    page.get_by_role("button", name="Save session").click()
    expect(page.get_by_text("Session planned.")).to_be_visible()
    axe_check(page)
    session = Session.objects.get(organisation=org)
    assert session.invitees.count() == 40

    run_tasks()  # the background worker sends what was queued with the session
    assert Message.objects.filter(status=Status.SENT).count() == 36
    assert len(smtp.inbox.received) == 20
    for email in smtp.inbox.received:
        assert _event(email)["SEQUENCE"] == 0
    easy = smtp.inbox.to("e0@example.org")[0].get_body(("plain",)).get_content()
    assert "We would like you to come to a meeting." in easy
    assert len(notify.of_type("sms")) == 10
    letters = notify.of_type("letter")
    assert len(letters) == 6
    assert {letter["personalisation"]["address_line_4"] for letter in letters} == {
        f"RV1 {n}AB" for n in range(6)
    }

    # Four people hear in person: they are on the coordinator's list, on a phone.
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(f"{orgs}/messages/")
    _checked(page, axe_check)
    for n in range(4):
        expect(page.get_by_role("link", name=f"InPerson{n:02}")).to_be_visible()
    page.goto(f"{orgs}/people/{people[0].pk}/messages/")
    _checked(page, axe_check)
    page.goto(f"{orgs}/messages/settings/")
    _checked(page, axe_check)
    page.goto(f"{orgs}/sessions/calendar/")
    _checked(page, axe_check)
    page.get_by_label("Whose calendar (optional)").select_option(label="Email05")
    page.get_by_role("button", name="Make the link").click()
    expect(page.get_by_text("Email05's calendar link")).to_be_visible()
    _checked(page, axe_check)

    # Moved to the afternoon: everyone hears, and calendars update the same event.
    page.set_viewport_size({"width": 1024, "height": 768})
    page.goto(f"{orgs}/sessions/{session.pk}/change/")
    axe_check(page)
    page.get_by_label("Starts").fill(f"{day.isoformat()}T14:00")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text("moved from")).to_be_visible()
    run_tasks()
    assert len(smtp.inbox.received) == 41  # 20 updates, and Email05's calendar link
    first, _calendar_link, update = smtp.inbox.to("e5@example.org")
    assert update["Subject"] == "Changed: Carers forum"
    assert _event(update)["UID"] == _event(first)["UID"]
    assert _event(update)["SEQUENCE"] == 1
    assert _event(update).decoded("DTSTART").hour == 14
    assert len(notify.of_type("sms")) == 20
    assert len(notify.of_type("letter")) == 12
    assert "has changed" in notify.of_type("sms")[-1]["content"]["body"]

    # A person uses the stop link in their email, on a phone, without signing in.
    stop = re.search(r"http://\S+/messages/stop/\S+/", update.get_body(("plain",)).get_content())
    page.context.clear_cookies()
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(stop[0].replace("http://127.0.0.1:8000", base))
    _checked(page, axe_check)
    page.get_by_role("button", name="Stop these messages").click()
    expect(page.get_by_text("You will not get any more messages")).to_be_visible()
    _checked(page, axe_check)

    # The coordinator's weekly email has a stop link of its own, also without signing in.
    membership = Membership.objects.get(user=coordinator, organisation=org)
    page.goto(f"{base}/digest/stop/{stop_token(membership)}/")
    _checked(page, axe_check)
    page.get_by_role("button", name="Stop the weekly email").click()
    expect(page.get_by_role("heading", name="Stopped")).to_be_visible()
    _checked(page, axe_check)

"""The register on the day: 40 attendees (30 known, 10 new) with the keyboard only."""

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from coproduce.core.models import OrganisationKind, Role
from coproduce.people.models import Person
from coproduce.sessions.models import Attendance
from coproduce.sessions.services import session_create
from tests.e2e.test_assessment_journey import Keyboard
from tests.e2e.test_people_journey import sign_in
from tests.factories import MembershipFactory, OrganisationFactory, PersonFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NEWCOMERS = ["Ann", "Bea", "Cal", "Dev", "Eli", "Fay", "Gus", "Hal", "Ivy", "Jon"]
KEY_BUDGET = 200


def test_forty_attendees_with_the_keyboard_in_under_200_key_presses(
    page: Page, live_server, axe_check
):
    org = OrganisationFactory(slug="riverside", kind=OrganisationKind.NETWORK)
    coordinator = MembershipFactory(organisation=org, role=Role.COORDINATOR).user
    invited = [
        PersonFactory(organisation=org, preferred_name=f"Attendee {n:02}") for n in range(30)
    ]
    session = session_create(
        organisation=org,
        by=coordinator,
        invitees=invited,
        details={
            "title": "Regional forum",
            "kind": "forum",
            "starts_at": timezone.now(),
            "hours": 2,
        },
    )
    sign_in(page, live_server.url, coordinator.email)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/orgs/riverside/sessions/{session.pk}/register/")
    axe_check(page)

    keys = Keyboard(page)
    keys.press("Tab")  # the skip link
    keys.press("Enter")  # straight to the main content
    for n in range(30):
        if n == 0:
            keys.tab_to("input[name=present]")
        else:
            keys.press("Tab")
        keys.press("Space")
    keys.tab_to("textarea")
    for name in NEWCOMERS:
        keys.type(name)
        keys.press("Enter")
    keys.tab_to("button[type=submit]")
    keys.press("Enter")

    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Register saved: 40 people, 10 of them new"
    )
    axe_check(page)
    # 40 attendees took this many presses; the budget is 200.
    print(f"register: 40 attendees in {keys.presses} key presses")
    assert keys.presses < KEY_BUDGET
    assert Attendance.objects.filter(session=session).count() == 40
    assert set(NEWCOMERS) <= set(
        Person.objects.filter(organisation=org).values_list("preferred_name", flat=True)
    )
    page.goto(f"{live_server.url}/orgs/riverside/sessions/")
    axe_check(page)
    page.goto(f"{live_server.url}/orgs/riverside/sessions/new/")
    page.get_by_role("button", name="Save session").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    axe_check(page)
    page.goto(f"{live_server.url}/orgs/riverside/sessions/import/")
    axe_check(page)
    page.goto(session.get_absolute_url().join([live_server.url, ""]))
    expect(page.get_by_text("40 people, 80 hours given.")).to_be_visible()
    axe_check(page)
    page.goto(f"{live_server.url}/orgs/riverside/sessions/{session.pk}/attendance/")
    axe_check(page)
    page.goto(f"{live_server.url}/orgs/riverside/people/{invited[0].pk}/involvement/")
    expect(page.get_by_text("1 session, 2 hours given.")).to_be_visible()
    axe_check(page)
    page.goto(f"{live_server.url}/orgs/riverside/map/")
    axe_check(page)

"""axe, and a 320 px screen, on the pages added for issues 16 and 17: tokens, starting an
organisation, the operator's queue, changing and cancelling a session, the people import,
personal survey links, and the home page's "what needs you"."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import Page

from coproduce.core.models import OrganisationKind, OrganisationRequest, Role
from coproduce.evidence import services as evidence
from coproduce.people.import_services import import_start
from coproduce.sessions.services import session_cancel, session_create
from tests.e2e.test_people_journey import sign_in
from tests.factories import PASSWORD, MembershipFactory, OrganisationFactory, PersonFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CSV = b"Full name,Email\nAisha Khan,aisha@example.org\n,nobody@example.org\nBen Oak,not-an-email\n"


def _checked(page: Page, axe_check) -> None:
    """No axe violation, and nothing wider than the 320 px screen."""
    axe_check(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"{page.url} is {width} px wide at 320"


def test_new_pages_pass_axe_and_fit_a_phone(page: Page, live_server, axe_check):
    org = OrganisationFactory(slug="riverside", kind=OrganisationKind.COUNCIL)
    coordinator = MembershipFactory(organisation=org, role=Role.COORDINATOR).user
    coordinator.is_staff = True  # also a platform operator here, to see the queue
    coordinator.save()
    aisha = PersonFactory(organisation=org, preferred_name="Aisha", full_name="Aisha Khan")
    session = session_create(
        organisation=org,
        by=coordinator,
        invitees=[aisha],
        details={
            "title": "Carers forum",
            "kind": "forum",
            "starts_at": timezone.now() + datetime.timedelta(days=2),
            "hours": Decimal(2),
        },
    )
    cancelled = session_create(
        organisation=org,
        by=coordinator,
        details={"title": "Called off", "kind": "forum", "starts_at": timezone.now()},
    )
    session_cancel(session=cancelled, by=coordinator, reason="The venue flooded.")
    survey = evidence.survey_create(
        organisation=org,
        by=coordinator,
        title="Listening survey",
        questions=[{"kind": "agree", "text": "I was listened to."}],
    )
    evidence.survey_set(survey=survey, by=coordinator, status="open")
    [(_person, token)] = evidence.survey_links_create(survey=survey, by=coordinator, people=[aisha])
    OrganisationRequest.objects.create(
        name="Hope Street", kind="community", place="Leeds", requested_by=coordinator
    )
    batch = import_start(organisation=org, by=coordinator, filename="people.csv", data=CSV)
    base = live_server.url
    page.set_viewport_size({"width": 320, "height": 640})

    page.goto(f"{base}/your-survey/{token}/")
    _checked(page, axe_check)

    sign_in(page, base, coordinator.email)
    for path in (
        "/orgs/riverside/",
        "/account/api-tokens/",
        "/organisations/new/",
        "/operator/organisations/",
        f"/orgs/riverside/sessions/{session.pk}/change/",
        f"/orgs/riverside/sessions/{session.pk}/cancel/",
        f"/orgs/riverside/sessions/{cancelled.pk}/",
        "/orgs/riverside/sessions/",
        "/orgs/riverside/people/import/",
        f"/orgs/riverside/people/import/{batch.pk}/",
        f"/orgs/riverside/evidence/surveys/{survey.pk}/links/",
    ):
        page.goto(f"{base}{path}")
        _checked(page, axe_check)

    # The import's checking step, with rows to fix.
    page.goto(f"{base}/orgs/riverside/people/import/{batch.pk}/")
    page.get_by_role("button", name="Check the rows").click()
    page.get_by_text("2 rows need fixing").wait_for()
    _checked(page, axe_check)

    # A token made, shown once; a form sent empty, with its errors.
    page.goto(f"{base}/account/api-tokens/")
    page.get_by_label("Name").fill("Reporting script")
    page.get_by_role("button", name="Make token").click()
    page.get_by_text("Copy it now").wait_for()
    _checked(page, axe_check)
    page.goto(f"{base}/organisations/new/")
    page.get_by_role("button", name="Start it").click()
    page.locator(".govuk-error-summary").wait_for()
    _checked(page, axe_check)


def test_this_rounds_second_pages_pass_axe_and_fit_a_phone(page: Page, live_server, axe_check):
    """Joining, the time bank for a co-producer, a series, after the session, importing a
    register, correcting a stakeholder, the date pattern, and the account pages."""
    from coproduce.core.joining import join_ask
    from coproduce.initiatives.services import initiative_create, stakeholder_save
    from coproduce.recognition import services as recognition
    from coproduce.sessions.series import session_series_create
    from tests.factories import UserFactory

    network = OrganisationFactory(slug="north", name="North Network", kind=OrganisationKind.NETWORK)
    admin = MembershipFactory(organisation=network, role=Role.ADMIN).user
    coordinator = MembershipFactory(organisation=network, role=Role.COORDINATOR).user
    join_ask(by=UserFactory(email="kai@example.org"), to=network, message="I run a carers group")
    member = MembershipFactory(organisation=network, role=Role.MEMBER).user
    PersonFactory(organisation=network, preferred_name="Mo", user=member)
    helper = PersonFactory(organisation=network, preferred_name="Sam")
    recognition.policy_update(
        organisation=network,
        by=coordinator,
        details={"timebank_enabled": True, "starter_credits": 2},
    )
    recognition.listing_create(person=helper, by=coordinator, kind="offer", title="Lifts")
    [first, *_rest] = session_series_create(
        organisation=network,
        by=coordinator,
        details={"title": "Carers group", "kind": "meeting", "starts_at": timezone.now()},
        every="weekly",
        times=3,
    )
    initiative = initiative_create(
        organisation=network,
        by=coordinator,
        details={"title": "Short breaks", "service_area": "mental_health"},
    )
    row = stakeholder_save(
        initiative=initiative,
        by=coordinator,
        values={"name": "Carers centre", "high_power": True, "high_influence": True},
    )
    from coproduce.opportunities import services as opportunities

    panel = opportunities.opportunity_create(
        organisation=network,
        by=coordinator,
        details={
            "title": "Interview panel",
            "kind": "interview_panel",
            "involves": "One morning.",
            "recognition": "£45",
            "closes_on": timezone.localdate() + datetime.timedelta(days=9),
        },
    )
    [(_sam, interest_token)] = opportunities.interest_links_create(
        opportunity=panel, by=coordinator, people=[helper]
    )
    base = live_server.url
    page.set_viewport_size({"width": 320, "height": 640})

    # A person who never signs in says they are interested by their own link.
    page.goto(f"{base}/interested/{interest_token}/")
    _checked(page, axe_check)
    page.get_by_role("button", name="I'm interested").click()
    page.get_by_text("you said you are interested").wait_for()
    _checked(page, axe_check)

    sign_in(page, base, member.email)
    page.goto(f"{base}/orgs/north/recognition/time-bank/")
    _checked(page, axe_check)
    page.get_by_role("button", name="Join the time bank").click()
    page.get_by_label("I was helped").check()
    page.get_by_label("Who with").select_option(label="Sam")
    page.get_by_label("Hours").fill("2")
    page.get_by_role("button", name="Record it").click()
    page.get_by_text("The hours are in both statements").wait_for()
    _checked(page, axe_check)
    page.goto(f"{base}/organisations/join/?q=north")
    _checked(page, axe_check)
    page.context.clear_cookies()

    sign_in(page, base, admin.email)
    for path in (
        "/orgs/north/join-requests/",
        "/orgs/north/members/",
        f"/orgs/north/sessions/{first.pk}/",
        f"/orgs/north/sessions/{first.pk}/after/",
        f"/orgs/north/sessions/{first.pk}/import/",
        f"/orgs/north/sessions/{first.pk}/cancel/",
        f"/orgs/north/initiatives/{initiative.pk}/stakeholders/{row.pk}/",
        "/orgs/north/sessions/new/",
        "/accounts/email/",
        "/accounts/password/change/",
        f"/orgs/north/opportunities/{panel.pk}/links/",
        "/orgs/north/initiatives/new/?stages=wcen-phases",
        f"/orgs/north/initiatives/{initiative.pk}/",
        "/orgs/north/frameworks/new/",
    ):
        page.goto(f"{base}{path}")
        _checked(page, axe_check)
    # A wrong date comes back in its three boxes with the error.
    page.goto(f"{base}/orgs/north/opportunities/new/")
    closing = page.get_by_role("group", name="Closing date")
    closing.get_by_label("Day").fill("31")
    closing.get_by_label("Month").fill("2")
    closing.get_by_label("Year").fill("2027")
    page.get_by_role("button", name="Publish it").click()
    page.locator(".govuk-error-summary").wait_for()
    _checked(page, axe_check)
    # Setting up two-step sign-in: the password again, then the key, whole.
    page.goto(f"{base}/accounts/2fa/totp/activate/")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    page.locator("#totp-secret").wait_for()
    _checked(page, axe_check)

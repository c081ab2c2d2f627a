"""A coordinator approves a month of recognition for 20 people on one screen; a
co-producer reads their own statement on a phone. axe checks every page visited."""

import datetime
from decimal import Decimal

import pytest
from playwright.sync_api import Browser, Page, expect

from coproduce.core.models import OrganisationKind, Role
from coproduce.people.models import RecognitionPreference
from coproduce.recognition import queries, services
from coproduce.recognition.models import AwardStatus
from coproduce.sessions.services import register_save, session_create
from tests.e2e.test_people_journey import sign_in
from tests.factories import MembershipFactory, OrganisationFactory, PersonFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

MONTH = datetime.date(2026, 10, 1)


@pytest.fixture
def month_of_forums():
    org = OrganisationFactory(
        name="Riverside Network", slug="riverside", kind=OrganisationKind.NETWORK
    )
    coordinator = MembershipFactory(organisation=org, role=Role.COORDINATOR).user
    member = MembershipFactory(organisation=org, role=Role.MEMBER).user
    choices = [
        RecognitionPreference.TIME_CREDITS,
        RecognitionPreference.PAYMENT,
        RecognitionPreference.VOUCHERS,
    ]
    people = [
        PersonFactory(
            organisation=org,
            preferred_name=f"Partner {n:02d}",
            recognition_preference=choices[n % 3],
        )
        for n in range(19)
    ]
    people.append(
        PersonFactory(
            organisation=org,
            preferred_name="Sam",
            user=member,
            recognition_preference=RecognitionPreference.TIME_CREDITS,
        )
    )
    services.rate_set(
        organisation=org,
        by=coordinator,
        session_kind="",
        details={"credits_per_hour": 1, "pence_per_hour": 1500, "voucher_pence_per_hour": 1000},
    )
    services.caps_set(person=people[1], by=coordinator, weekly_pence=2000, yearly_pence=None)
    for day in (7, 21):
        session = session_create(
            organisation=org,
            by=coordinator,
            details={
                "title": f"Carers forum, {day} October",
                "kind": "forum",
                "starts_at": datetime.datetime(2026, 10, day, 17, tzinfo=datetime.UTC),
                "hours": Decimal("2"),
            },
        )
        register_save(session=session, by=coordinator, present=people)
    partner = services.partner_create(
        organisation=org, by=coordinator, name="Riverside Leisure Centre"
    )
    services.offer_create(partner=partner, by=coordinator, title="A swim", credits=1)
    return org, coordinator, member


def test_coordinator_approves_a_month_for_20_people_on_one_screen(
    page: Page, browser: Browser, live_server, axe_check, month_of_forums
):
    org, coordinator, member = month_of_forums
    base = live_server.url
    sign_in(page, base, coordinator.email)
    page.goto(f"{base}/orgs/riverside/recognition/")
    axe_check(page)
    page.goto(f"{base}/orgs/riverside/recognition/approve/?month=2026-10")
    page.get_by_role("button", name="Propose from the registers").click()
    expect(page.get_by_text("40 proposed.")).to_be_visible()
    expect(page.get_by_role("table")).to_contain_text("Partner 01")
    expect(
        page.get_by_text(
            "Partner 01: £30.00 in the week of 5 October 2026, over their limit of £20.00."
        )
    ).to_be_visible()
    axe_check(page)
    assert page.locator("input[name=award]:checked").count() == 40

    # Approving without confirming the cap is refused, and nothing is approved.
    page.get_by_role("button", name="Approve the ones ticked").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Check with them, then confirm you have."
    )
    axe_check(page)
    assert queries.awards_in(org, AwardStatus.APPROVED).count() == 0
    page.get_by_label("I have checked with each person over a limit").check()
    page.get_by_role("button", name="Approve the ones ticked").click()
    expect(page.get_by_text("40 approved and added to the ledger.")).to_be_visible()
    assert queries.awards_in(org, AwardStatus.APPROVED).count() == 40
    assert queries.books_check()[1] == []

    # Paying people: a run for finance, then marked paid.
    page.goto(f"{base}/orgs/riverside/recognition/payments/")
    axe_check(page)
    page.get_by_role("button", name="Make a payment run").click()
    expect(page.get_by_text("Payment run ready.")).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name="Finance has paid every line").click()
    expect(page.get_by_text("Marked as paid.")).to_be_visible()
    assert queries.money_owed(org) == []

    for path in ("ledger/", "policy/", "partners/", "claims/", "claims/new/", "time-bank/"):
        page.goto(f"{base}/orgs/riverside/recognition/{path}")
        axe_check(page)
    page.goto(f"{base}/orgs/riverside/recognition/ledger/1/")
    axe_check(page)
    page.goto(f"{base}/orgs/riverside/opportunities/new/")
    page.get_by_label("Title").fill("Interview panel for a new peer worker")
    page.get_by_label("Kind").select_option("interview_panel")
    page.get_by_label("What is involved").fill(
        "One morning of interviews, with a briefing the week before."
    )
    page.get_by_label("Recognition offered").fill("£45, or 3 time credits, plus travel")
    closing = page.get_by_role("group", name="Closing date")
    closing.get_by_label("Day").fill("31")
    closing.get_by_label("Month").fill("1")
    closing.get_by_label("Year").fill("2099")
    page.get_by_role("button", name="Publish it").click()
    expect(
        page.get_by_role("heading", name="Interview panel for a new peer worker")
    ).to_be_visible()
    axe_check(page)
    page.goto(f"{base}/orgs/riverside/opportunities/")
    axe_check(page)

    # Sam, a co-producer, reads their statement on a phone.
    # Like every context here, it lets axe be injected inline (tests/e2e/test_csp.py
    # checks the policy itself).
    phone = browser.new_context(viewport={"width": 375, "height": 740}, bypass_csp=True)
    their_page = phone.new_page()
    sign_in(their_page, base, member.email)
    their_page.goto(f"{base}/orgs/riverside/recognition/")
    expect(their_page.get_by_role("heading", name="Your recognition")).to_be_visible()
    expect(
        their_page.get_by_text("You gave 4 hours in October and chose 4 time credits.")
    ).to_be_visible()
    assert their_page.evaluate("document.documentElement.scrollWidth") <= 375
    axe_check(their_page)
    their_page.get_by_label("Spend on").select_option(
        label="A swim at Riverside Leisure Centre (1 time credit)"
    )
    their_page.get_by_role("button", name="Spend").click()
    expect(their_page.get_by_text("Spent.")).to_be_visible()
    expect(their_page.locator(".cp-balance")).to_contain_text("3 time credits")
    axe_check(their_page)
    their_page.goto(f"{base}/orgs/riverside/opportunities/")
    their_page.get_by_role("link", name="Interview panel for a new peer worker").click()
    their_page.get_by_role("button", name="Say I'm interested").click()
    expect(their_page.get_by_text("You have said you are interested.")).to_be_visible()
    axe_check(their_page)
    phone.close()

"""A coordinator signs in, adds a person with access needs and finds them in the list.

axe-core checks every page the journey visits, and the pages each role lands on.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from coproduce.core.models import OrganisationKind, Role
from tests.factories import (
    PASSWORD,
    ConsentFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def org():
    organisation = OrganisationFactory(
        name="Riverside Network", slug="riverside", kind=OrganisationKind.NETWORK
    )
    for name in ("Abi", "Bo", "Cy"):
        PersonFactory(organisation=organisation, preferred_name=name)
    return organisation


def sign_in(page: Page, base: str, email: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_coordinator_adds_a_person_and_finds_them(page: Page, live_server, org, axe_check):
    coordinator = MembershipFactory(organisation=org, role=Role.COORDINATOR).user
    base = live_server.url

    page.goto(f"{base}/")
    axe_check(page)
    page.goto(f"{base}/accounts/login/")
    axe_check(page)

    # A wrong password shows a GOV.UK error summary, and that page passes axe too.
    page.get_by_label("Email").fill(coordinator.email)
    page.get_by_label("Password", exact=True).fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    axe_check(page)

    sign_in(page, base, coordinator.email)
    expect(page).to_have_url(f"{base}/orgs/riverside/")
    axe_check(page)

    page.get_by_role("link", name="People", exact=True).click()
    expect(page.get_by_role("heading", name="People")).to_be_visible()
    axe_check(page)

    page.get_by_role("link", name="Add a person").first.click()
    axe_check(page)
    # Submitting empty shows the error summary; axe checks that state as well.
    page.get_by_role("button", name="Add person").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the name they like")
    axe_check(page)

    page.get_by_label("Preferred name").fill("Zainab")
    page.get_by_label("Full name").fill("Zainab Hussein")
    page.get_by_label("Text message").check()
    page.get_by_label("British Sign Language interpreter").check()
    page.get_by_label("Step-free access").check()
    page.get_by_label("Time credits").check()
    page.get_by_role("button", name="Add person").click()

    expect(page.get_by_role("heading", name="Zainab")).to_be_visible()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Zainab has been added")
    expect(page.locator(".govuk-summary-list")).to_contain_text("British Sign Language interpreter")
    axe_check(page)

    page.get_by_role("link", name="People", exact=True).click()
    page.get_by_label("Search by name or email").fill("zain")
    page.get_by_role("button", name="Show people").click()
    expect(page.locator("#result-count")).to_have_text("1 person")
    expect(page.get_by_role("link", name="Zainab")).to_be_visible()
    axe_check(page)

    page.get_by_role("link", name="Clear filters").click()
    page.get_by_label("Access need").select_option("step_free")
    page.get_by_role("button", name="Show people").click()
    row = page.locator("tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Zainab")
    axe_check(page)
    assert len(axe_check.checked) >= 10


def test_equality_consent_flow_passes_axe(page: Page, live_server, org, axe_check):
    admin = MembershipFactory(organisation=org, role=Role.ADMIN).user
    MembershipFactory(organisation=org, role=Role.MEMBER)
    person = PersonFactory(organisation=org, preferred_name="Dot")
    consent = ConsentFactory(person=person, purpose="contact")
    base = live_server.url
    sign_in(page, base, admin.email)

    for path in (
        "/organisations/?stay=1",
        "/orgs/riverside/members/",
        f"/orgs/riverside/people/{person.pk}/",
        f"/orgs/riverside/people/{person.pk}/edit/",
        f"/orgs/riverside/people/{person.pk}/equality/",
        f"/orgs/riverside/people/{person.pk}/consents/new/",
        f"/orgs/riverside/people/{person.pk}/consents/{consent.pk}/withdraw/",
        f"/orgs/riverside/people/{person.pk}/delete/",
        "/api/v1/docs",
        "/accounts/email/",
        "/accounts/password/change/",
        "/accounts/2fa/",
        "/accounts/2fa/totp/activate",
        "/orgs/riverside/not-a-page/",
        "/frameworks/",
        "/frameworks/four-cos/",
        "/frameworks/design-delivery-matrix/",
        "/orgs/riverside/frameworks/",
        "/orgs/riverside/frameworks/new/",
    ):
        page.goto(f"{base}{path}")
        axe_check(page)

    # Record agreement, then save equality information through the forms.
    page.goto(f"{base}/orgs/riverside/people/{person.pk}/equality/")
    page.get_by_role("link", name="Record their agreement").click()
    page.get_by_role("button", name="Record agreement").click()
    expect(page).to_have_url(re.compile(r"/equality/$"))
    page.get_by_label("Asian or Asian British").check()
    page.get_by_label("Mental health").check()
    page.get_by_role("button", name="Save equality information").click()
    expect(page.locator(".govuk-summary-list").nth(1)).to_contain_text("Asian or Asian British")
    axe_check(page)

    # Make a framework: the error state and the saved framework pass axe.
    page.goto(f"{base}/orgs/riverside/frameworks/new/")
    page.get_by_role("button", name="Save framework").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    axe_check(page)
    page.get_by_label("Title").fill("Our promises")
    page.get_by_label("Principles").check()
    page.get_by_label("Items, one per line").fill("Listen first\n- Reply within a week")
    page.get_by_role("button", name="Save framework").click()
    expect(page.get_by_text("Reply within a week")).to_be_visible()
    axe_check(page)

    # Invite someone: the error and success states pass axe too.
    page.goto(f"{base}/orgs/riverside/members/")
    page.get_by_role("button", name="Send invitation").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    axe_check(page)
    page.get_by_label("Email address").fill("new.partner@example.test")
    page.get_by_label(re.compile("^Coordinator")).check()
    page.get_by_role("button", name="Send invitation").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("new.partner@example.test")
    axe_check(page)


def test_member_on_a_phone_sees_their_own_record(page: Page, live_server, org, axe_check):
    member = MembershipFactory(organisation=org, role=Role.MEMBER).user
    own = PersonFactory(organisation=org, preferred_name="Kit", user=member)
    page.set_viewport_size({"width": 375, "height": 740})
    sign_in(page, live_server.url, member.email)
    axe_check(page)
    page.get_by_role("link", name="See and update your own record").click()
    expect(page.get_by_role("heading", name="Kit")).to_be_visible()
    axe_check(page)
    page.goto(f"{live_server.url}/orgs/riverside/people/")
    expect(page.get_by_role("heading", name="You cannot see this page")).to_be_visible()
    axe_check(page)
    assert own.pk

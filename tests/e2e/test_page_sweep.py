"""axe on the pages no journey visits: every page Coproduce serves is checked somewhere."""

import pytest
from playwright.sync_api import Page, expect

from coproduce.assessments.models import Assessment
from coproduce.assessments.services import respondent_invite
from coproduce.core.models import Organisation, Role, User
from coproduce.core.services import invitation_create
from coproduce.demo.services import demo_load
from coproduce.initiatives.models import Initiative
from coproduce.ledger.models import Partner
from coproduce.library.services import draft_from_initiative
from coproduce.opportunities.models import Opportunity
from coproduce.people.models import Person
from coproduce.recognition.models import Award, ExpenseClaim
from tests.e2e.test_people_journey import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_remaining_pages_pass_axe(
    page: Page, live_server, axe_check, tmp_path, settings, run_tasks
):
    settings.VAR_DIR = tmp_path
    demo_load(password="a long test password 42")
    base = live_server.url
    wandle = Organisation.objects.get(slug="wandle-cen")
    coordinator = User.objects.get(email="coordinator@example.org")
    invitation = invitation_create(
        organisation=wandle, email="someone.new@example.test", role=Role.MEMBER, by=coordinator
    )
    assessment = Assessment.objects.get(organisation=wandle, round_number=2)
    link = respondent_invite(
        assessment=assessment, by=coordinator, group="co_producer", person=None
    ).token

    # Pages for people who are not signed in.
    for path in (
        "/accounts/signup/",
        "/accounts/password/reset/",
        f"/invitations/{invitation.token}/",
        "/invitations/not-a-token/",
        "/public/wy-network/you-said-we-did/",
    ):
        page.goto(f"{base}{path}")
        axe_check(page)

    # Answering every statement on one page, in easy read.
    page.goto(f"{base}/answer/{link}/")
    page.get_by_label("All statements on one page").check()
    page.get_by_label("Use easy read wording").check()
    page.get_by_role("button", name="Start").click()
    expect(page.get_by_role("button", name="Save and check my answers")).to_be_visible()
    axe_check(page)

    sign_in(page, base, "coordinator@example.org")
    initiative = Initiative.objects.get(
        organisation=wandle, title="Talking therapies at community sites"
    )
    for path in (
        f"/orgs/wandle-cen/initiatives/{initiative.pk}/edit/",
        f"/orgs/wandle-cen/initiatives/{initiative.pk}/warnings/",
        "/orgs/wandle-cen/you-said-we-did/targets/",
        "/orgs/wandle-cen/map/?members=yes",
        "/orgs/wandle-cen/frameworks/six-elements/",
    ):
        page.goto(f"{base}{path}")
        axe_check(page)

    # Recognition pages the journey does not reach, on the demo's own data.
    claim = ExpenseClaim.objects.filter(organisation=wandle).first()
    partner = Partner.objects.filter(organisation=wandle).first()
    earner = Award.objects.filter(organisation=wandle).first()
    opportunity = Opportunity.objects.filter(organisation=wandle).first()
    assert None not in (claim, partner, earner, opportunity)
    draft = draft_from_initiative(initiative=initiative, by=coordinator)
    for path in (
        "/orgs/wandle-cen/recognition/",
        "/orgs/wandle-cen/recognition/approve/?month=2026-11",
        f"/orgs/wandle-cen/recognition/claims/{claim.pk}/",
        f"/orgs/wandle-cen/recognition/partners/{partner.pk}/offers/new/",
        f"/orgs/wandle-cen/recognition/people/{earner.person_id}/",
        f"/orgs/wandle-cen/opportunities/{opportunity.pk}/",
        "/orgs/wandle-cen/recognition/time-bank/",
        "/orgs/wandle-cen/recognition/mine/",
        "/library/your-stories/",
        f"/library/your-stories/{draft.pk}/",
    ):
        page.goto(f"{base}{path}")
        axe_check(page)
    # Everything held about someone, and the erasure page with its confirmation error.
    someone = Person.objects.get(organisation=wandle, preferred_name="Sofia")
    page.get_by_role("button", name="Sign out", exact=True).click()
    sign_in(page, base, "admin@example.org")
    page.goto(f"{base}/orgs/wandle-cen/privacy/")
    axe_check(page)
    page.goto(f"{base}/orgs/wandle-cen/people/{someone.pk}/data/")
    axe_check(page)
    # A copy to give them, made in the background while the page watches.
    page.get_by_role("button", name="Make a copy to give them").click()
    expect(page.get_by_role("status")).to_contain_text("Waiting to start")
    axe_check(page)
    run_tasks()
    expect(page.get_by_text("The copy is ready")).to_be_visible(timeout=10_000)
    axe_check(page)
    page.goto(f"{base}/orgs/wandle-cen/people/{someone.pk}/data/")
    page.get_by_role("link", name="Erase this person").click()
    axe_check(page)
    page.get_by_role("button", name="Erase for good").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    axe_check(page)
    page.goto(f"{base}/accounts/logout/")
    axe_check(page)

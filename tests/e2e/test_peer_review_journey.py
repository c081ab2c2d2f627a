"""The peer network in the browser (issue 21): an organisation asks its network for a
peer reviewer for its self-assessment, another organisation offers, the first accepts,
the reviewer answers the round from their own peer network page, and the answers are
in the round. axe checks every page on the way, in English and on a 320 px phone."""

import pytest
from playwright.sync_api import Page, expect

from coproduce.assessments.models import Answer, Respondent
from coproduce.assessments.services import assessment_create
from coproduce.core.models import NetworkMembership, OrganisationKind, Role
from coproduce.frameworks.models import StatementSet
from tests.e2e.tabs import open_tab
from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _width(tab: Page) -> int:
    return int(tab.evaluate("document.documentElement.scrollWidth"))


def test_a_peer_reviewer_is_found_through_the_network(live_server, axe_check, browser) -> None:
    network = OrganisationFactory(
        name="Borough Co-production Network", kind=OrganisationKind.NETWORK
    )
    riverside = OrganisationFactory(name="Riverside Carers", slug="riverside")
    hillside = OrganisationFactory(name="Hillside Mind", slug="hillside")
    for member in (riverside, hillside):
        NetworkMembership.objects.create(network=network, organisation=member)
    asker = MembershipFactory(organisation=riverside, role=Role.ADMIN).user
    helper = MembershipFactory(organisation=hillside, role=Role.COORDINATOR).user
    six = StatementSet.objects.get(key="six-elements-check", framework__is_current=True)
    assessment = assessment_create(
        organisation=riverside,
        by=asker,
        title="Our co-production check",
        subject="",
        statement_set=six,
    )
    base = live_server.url

    # Riverside asks its network for a peer reviewer for this round.
    ours = open_tab(browser, base, asker.email, "en", 320)
    ours.goto(f"{base}/orgs/riverside/peers/")
    axe_check(ours)
    ours.get_by_role("link", name="Ask your network for help").click()
    ours.get_by_role("button", name="Ask").click()
    expect(ours.locator(".govuk-error-summary")).to_be_visible()
    axe_check(ours)
    ours.get_by_role("radio", name="Peer review").check()
    ours.get_by_label("What you are asking for").fill("A peer reviewer for our co-production check")
    ours.get_by_label("More about it").fill("About two hours, any time in March.")
    ours.get_by_label("Which network to ask").select_option(label=network.name)
    ours.get_by_label("The self-assessment a peer reviewer would answer").select_option(
        label=str(assessment)
    )
    ours.get_by_role("button", name="Ask").click()
    expect(ours.locator(".govuk-notification-banner")).to_contain_text("on the network's list")
    axe_check(ours)
    assert _width(ours) <= 320

    # Hillside sees it and offers.
    theirs = open_tab(browser, base, helper.email, "en", 320)
    theirs.goto(f"{base}/orgs/hillside/peers/")
    axe_check(theirs)
    theirs.get_by_role("link", name="A peer reviewer for our co-production check").click()
    axe_check(theirs)
    theirs.get_by_label("Your message to them").fill("I have done two peer reviews. March is fine.")
    theirs.get_by_role("button", name="Send our offer").click()
    expect(theirs.locator(".govuk-notification-banner")).to_contain_text("Your offer is sent")
    axe_check(theirs)

    # Riverside accepts.
    ours.reload()
    expect(ours.get_by_text("I have done two peer reviews")).to_be_visible()
    ours.get_by_role("button", name="Accept this offer").click()
    expect(ours.locator(".govuk-notification-banner")).to_contain_text("Accepted")
    axe_check(ours)
    assert _width(ours) <= 320

    # The reviewer answers from their peer network page.
    theirs.goto(f"{base}/orgs/hillside/peers/")
    expect(theirs.get_by_role("heading", name="Peer reviews you are doing")).to_be_visible()
    axe_check(theirs)
    theirs.get_by_role("button", name="Answer the review").click()
    axe_check(theirs)
    theirs.get_by_role("button", name="Start").click()
    for number in range(1, 13):
        expect(theirs.locator(".govuk-caption-m")).to_contain_text(f"Statement {number} of 12")
        theirs.locator("input[name=rating]").nth(2).check()
        theirs.get_by_role("button", name="Save and continue").click()
    expect(theirs.get_by_role("heading", name="Check your answers")).to_be_visible()
    theirs.locator("main form button[type=submit]").click()
    expect(theirs.get_by_role("heading", name="Thank you")).to_be_visible()
    axe_check(theirs)

    # The answers are in Riverside's round, as a peer reviewer from Hillside.
    reviewer = Respondent.objects.get(assessment=assessment)
    assert reviewer.group == "peer_reviewer"
    assert reviewer.submitted_at is not None
    assert Answer.objects.filter(respondent=reviewer).count() == 12
    ours.goto(f"{base}{assessment.get_absolute_url()}")
    row = ours.locator("tr", has_text="Hillside Mind")
    expect(row).to_contain_text("Peer reviewers")
    expect(row).to_contain_text("Sent")
    axe_check(ours)
    for tab in (ours, theirs):
        tab.context.close()

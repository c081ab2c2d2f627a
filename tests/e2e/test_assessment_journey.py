"""Assessments in the browser: a co-producer answers on a phone with the keyboard only,
saves, comes back and sends; a coordinator reads the results. axe checks every page."""

import re

import pytest
from playwright.sync_api import Page, expect

from coproduce.assessments.models import Answer, Assessment
from coproduce.assessments.services import assessment_create, respondent_invite
from coproduce.core.models import OrganisationKind, Role
from coproduce.demo.services import demo_load
from coproduce.frameworks.models import StatementSet
from tests.e2e.test_people_journey import sign_in
from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


class Keyboard:
    """Drives the page with key presses only, and counts them."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.presses = 0

    def press(self, key: str) -> None:
        self.page.keyboard.press(key)
        self.presses += 1

    def type(self, text: str) -> None:
        self.page.keyboard.type(text)
        self.presses += len(text)

    def tab_to(self, selector: str, limit: int = 40) -> None:
        """Press Tab until the focused element matches the selector."""
        for _ in range(limit):
            self.press("Tab")
            if self.page.evaluate(f"document.activeElement.matches({selector!r})"):
                return
        raise AssertionError(f"Tab never reached {selector}")


def test_co_producer_answers_on_a_phone_with_the_keyboard(page: Page, live_server, axe_check):
    org = OrganisationFactory(slug="riverside", kind=OrganisationKind.NETWORK)
    coordinator = MembershipFactory(organisation=org, role=Role.COORDINATOR).user
    six = StatementSet.objects.get(key="six-elements-check", framework__is_current=True)
    assessment = assessment_create(
        organisation=org, by=coordinator, title="How are we doing?", subject="", statement_set=six
    )
    issued = respondent_invite(assessment=assessment, by=coordinator, group="co_producer")
    link = f"{live_server.url}/answer/{issued.token}/"
    page.set_viewport_size({"width": 375, "height": 740})
    keys = Keyboard(page)

    page.goto(link)
    axe_check(page)
    keys.tab_to("main button[type=submit]")
    keys.press("Enter")

    # Statement 1: choose 3 and add a note.
    expect(page.locator("h1")).to_contain_text(six.statements.first().text)
    axe_check(page)
    keys.tab_to("input[name=rating]")
    keys.press("Space")
    for _ in range(3):
        keys.press("ArrowDown")
    keys.tab_to("textarea")
    keys.type("We plan together")
    keys.tab_to("button[value=next]")
    keys.press("Enter")

    # Statement 2: "I don't know", then save and stop for now.
    expect(page.locator(".govuk-caption-m")).to_contain_text("Statement 2 of 12")
    keys.tab_to("input[name=rating]")
    keys.press("Space")
    keys.press("ArrowUp")  # wraps round to the last choice, "I don't know"
    keys.tab_to("button[value=later]")
    keys.press("Enter")
    expect(page.get_by_role("heading", name="Your answers are saved")).to_be_visible()
    axe_check(page)

    # Come back later with the same link: it picks up at statement 3.
    page.goto(link)
    expect(page.get_by_text("You have answered 2 statements so far")).to_be_visible()
    keys.tab_to("main button[type=submit]")
    keys.press("Enter")
    expect(page.locator(".govuk-caption-m")).to_contain_text("Statement 3 of 12")
    # Sending an empty answer shows the error summary, which axe checks too.
    keys.tab_to("button[value=next]")
    keys.press("Enter")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    axe_check(page)
    for number in range(3, 13):
        expect(page.locator(".govuk-caption-m")).to_contain_text(f"Statement {number} of 12")
        keys.tab_to("input[name=rating]")
        keys.press("Space")
        keys.press("ArrowDown")
        keys.press("Enter")  # submits with the form's first button, "Save and continue"

    expect(page.get_by_role("heading", name="Check your answers")).to_be_visible()
    axe_check(page)
    keys.tab_to("main form button[type=submit]")
    keys.press("Enter")
    expect(page.get_by_role("heading", name="Thank you")).to_be_visible()
    axe_check(page)

    answers = Answer.objects.filter(respondent=issued.respondent).order_by("statement__position")
    assert answers.count() == 12
    assert (answers[0].score, answers[0].evidence) == (3, "We plan together")
    assert answers[1].dont_know
    # The link now refuses politely, and that page passes axe.
    page.goto(link)
    expect(page.get_by_role("heading", name="This link does not work")).to_be_visible()
    axe_check(page)
    print(f"keyboard journey: {keys.presses} key presses")


def test_coordinator_reads_demo_results_and_plans(
    page: Page, live_server, axe_check, tmp_path, settings
):
    settings.VAR_DIR = tmp_path
    summary = demo_load(password="a long test password 42")
    assert summary.created
    sign_in(page, live_server.url, "coordinator@example.org")
    page.goto(f"{live_server.url}/organisations/?stay=1")
    page.get_by_role("link", name="Wandle Community Empowerment Network").click()
    axe_check(page)
    expect(page.get_by_role("heading", name="Our action plan")).to_be_visible()
    page.get_by_role("link", name="Assessments").click()
    axe_check(page)
    page.get_by_role("link", name=re.compile("See results.*round 1")).click()
    expect(page.get_by_role("heading", name=re.compile("^Results"))).to_be_visible()
    expect(page.locator("#results-table")).to_contain_text("Reciprocity and mutuality")
    # The chart drew, and it has the same figures as the table beside it.
    page.wait_for_function("document.getElementById('results-radar').width > 0")
    axe_check(page)
    page.get_by_text("Add an action").click()
    page.get_by_label("What will be done?").fill("Share the results at the next forum")
    page.get_by_label("Who will do it?").fill("Forum co-chairs")
    page.get_by_role("button", name="Add action").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Action added")
    axe_check(page)
    page.goto(f"{live_server.url}/orgs/wandle-cen/assessments/new/")
    axe_check(page)
    page.goto(f"{live_server.url}/orgs/wandle-cen/assessments/levels/")
    axe_check(page)
    page.goto(f"{live_server.url}/orgs/wandle-cen/assessments/scales/new/")
    axe_check(page)
    # The initiative pages, with the demo's planning tools filled in.
    page.goto(f"{live_server.url}/orgs/wandle-cen/")
    page.get_by_role("link", name="Initiatives").click()
    axe_check(page)
    page.get_by_role("link", name="Family therapy network with faith leaders").click()
    expect(page.get_by_text("Full co-production")).to_be_visible()
    # The early warnings arrive through htmx after the page loads.
    expect(page.locator("#early-warnings")).to_contain_text("Nothing to warn about")
    axe_check(page)
    for link, text in (
        ("Four Co's", "We do Co-design"),
        ("Stakeholders", "Mosque management committee"),
        ("Priorities", "Joint training day"),
        ("Charter", "It will never affect any service"),
    ):
        page.get_by_role("link", name=link, exact=True).click()
        expect(page.get_by_text(text).first).to_be_visible()
        axe_check(page)
    page.goto(f"{live_server.url}/orgs/wandle-cen/initiatives/new/")
    page.get_by_role("button", name="Start initiative").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    axe_check(page)
    # "You said, we did": the list, an item, the people to tell, and the public board.
    page.goto(f"{live_server.url}/orgs/wandle-cen/")
    page.get_by_role("link", name="You said, we did").click()
    expect(page.get_by_text("Travel money comes weeks too late")).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="A quiet room at every forum").click()
    axe_check(page)
    page.get_by_label("In progress").check()
    page.get_by_role("button", name="Save and tell them").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Status changed")
    page.goto(f"{live_server.url}/orgs/wandle-cen/you-said-we-did/to-tell/")  # its old address
    expect(page.get_by_role("heading", name="Messages to follow up")).to_be_visible()
    axe_check(page)
    page.goto(f"{live_server.url}/orgs/wandle-cen/you-said-we-did/new/")
    page.get_by_role("button", name="Record it").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    axe_check(page)
    page.goto(f"{live_server.url}/public/wandle-cen/you-said-we-did/")
    expect(page.get_by_text("Travel is now paid up front")).to_be_visible()
    axe_check(page)
    first_round = Assessment.objects.get(organisation__slug="wandle-cen", round_number=1)
    page.goto(f"{live_server.url}{first_round.get_absolute_url()}")
    expect(page.get_by_role("heading", name="Who has been asked")).to_be_visible()
    axe_check(page)
    page.goto(f"{live_server.url}/orgs/wandle-cen/assessments/")
    page.get_by_role("link", name=re.compile("See results.*round 2")).click()
    expect(page.locator("#results-table")).to_contain_text("Change since last round")
    axe_check(page)

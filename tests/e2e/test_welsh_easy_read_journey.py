"""A co-producer whose language is Welsh and who needs easy read (issue 19, must show):
she answers a self-assessment from her own link and then reads her recognition
statement, in Welsh, with the keyboard only, on a 375 px screen; axe on every page."""

import datetime
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from coproduce.assessments.models import Answer
from coproduce.assessments.services import assessment_create, respondent_invite
from coproduce.core.models import OrganisationKind, Role
from coproduce.frameworks.models import StatementSet
from coproduce.people.models import AccessNeed
from coproduce.recognition import queries, services
from coproduce.recognition.models import Method
from tests.e2e.test_assessment_journey import Keyboard
from tests.factories import PASSWORD, MembershipFactory, OrganisationFactory, PersonFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_welsh_speaker_with_easy_read_answers_and_reads_her_statement(
    page: Page, live_server, axe_check
):
    org = OrganisationFactory(
        slug="caerdydd", name="Rhwydwaith Caerdydd", kind=OrganisationKind.NETWORK
    )
    coordinator = MembershipFactory(organisation=org, role=Role.COORDINATOR).user
    member = MembershipFactory(organisation=org, role=Role.MEMBER).user
    nia = PersonFactory(
        organisation=org, preferred_name="Nia", user=member, preferred_language="Cymraeg"
    )
    AccessNeed.objects.create(person=nia, kind="easy_read")
    six = StatementSet.objects.get(key="six-elements-check", framework__is_current=True)
    assessment = assessment_create(
        organisation=org,
        by=coordinator,
        title="Sut ydyn ni'n gwneud?",
        subject="",
        statement_set=six,
    )
    issued = respondent_invite(
        assessment=assessment, by=coordinator, group="co_producer", person=nia
    )
    services.award_create(
        organisation=org,
        by=coordinator,
        person=nia,
        description="Darllen papurau",
        happened_on=datetime.date.today() - datetime.timedelta(days=3),
        hours=Decimal("2"),
        method=Method.CREDITS,
        amount=2,
    )
    admin = MembershipFactory(organisation=org, role=Role.ADMIN).user
    services.awards_approve(organisation=org, by=admin, awards=queries.awards_in(org))
    page.set_viewport_size({"width": 375, "height": 740})
    keys = Keyboard(page)
    base = live_server.url

    # Her own link opens in Welsh, with the easy-read wording she needs.
    page.goto(f"{base}/answer/{issued.token}/")
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    axe_check(page)
    keys.tab_to("main button[type=submit]")
    keys.press("Enter")
    # The statement, its principle and the scale are in Welsh too, in easy read.
    first = six.statements.first()
    expect(page.locator("h1")).to_have_text(first.welsh["easy_read"])
    expect(page.get_by_text("Ie. Dyma sut rydyn ni'n gweithio.")).to_be_visible()
    expect(page.get_by_role("button", name="Cadw a pharhau")).to_be_visible()
    axe_check(page)
    for number in range(1, 13):
        expect(page.locator(".govuk-caption-m")).to_contain_text(f"Datganiad {number} o 12")
        keys.tab_to("input[name=rating]")
        keys.press("Space")
        keys.press("Enter")  # "Cadw a pharhau"
    expect(page.get_by_role("heading", name="Gwiriwch eich atebion")).to_be_visible()
    axe_check(page)
    keys.tab_to("main form button[type=submit]")
    keys.press("Enter")
    expect(page.get_by_role("heading", name="Diolch")).to_be_visible()
    axe_check(page)
    assert Answer.objects.filter(respondent=issued.respondent).count() == 12

    # She signs in (keyboard only) and reads her statement, still in Welsh.
    page.goto(f"{base}/accounts/login/")
    keys.tab_to("input[name=login]")
    keys.type(member.email)
    keys.tab_to("input[name=password]")
    keys.type(PASSWORD)
    keys.press("Enter")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    page.goto(f"{base}/orgs/caerdydd/recognition/mine/")
    # Her record says Welsh: signed in, her pages are Welsh without her asking.
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    expect(page.get_by_text("2 credyd amser").first).to_be_visible()
    # Her record says easy read: her statement opens in it, a picture beside each point,
    # each award dated by the day she gave her time and named for what she did.
    expect(page.locator(".govuk-caption-l")).to_have_text("Hawdd ei ddeall")
    expect(page.locator(".cp-easy-read li", has_text="Darllen papurau")).to_be_visible()
    pictures = page.locator(".cp-easy-read img.cp-picture")
    # Her credits, the line for what she did, and "tell your coordinator": each drawn.
    assert pictures.count() == 3
    assert all(pictures.nth(n).evaluate("img => img.naturalWidth > 0") for n in range(3))
    axe_check(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, width
    print(f"Welsh easy-read journey: {keys.presses} key presses")

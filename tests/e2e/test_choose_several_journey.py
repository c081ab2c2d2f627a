"""Choosing several people (issue 16, 4): in Chromium, pick nobody, one person and three
people in a "you said, we did" item's "raised by" and a session's invitees, and read back
exactly who was saved."""

import pytest
from playwright.sync_api import Page, expect

from coproduce.core.models import OrganisationKind, Role
from coproduce.influence.models import InfluenceItem
from coproduce.sessions.models import Session
from tests.e2e.test_people_journey import sign_in
from tests.factories import MembershipFactory, OrganisationFactory, PersonFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PEOPLE = ["Aisha", "Ben", "Carys", "Dafydd", "Efa"]


@pytest.mark.parametrize("chosen", [[], ["Ben"], ["Aisha", "Carys", "Efa"]])
def test_choosing_nobody_one_or_three_saves_exactly_them(
    page: Page, live_server, axe_check, chosen
):
    org = OrganisationFactory(slug="riverside", kind=OrganisationKind.NETWORK)
    coordinator = MembershipFactory(organisation=org, role=Role.COORDINATOR).user
    people = {name: PersonFactory(organisation=org, preferred_name=name) for name in PEOPLE}
    values = [str(people[name].pk) for name in chosen]
    sign_in(page, live_server.url, coordinator.email)

    page.goto(f"{live_server.url}/orgs/riverside/you-said-we-did/new/")
    axe_check(page)
    expect(page.locator("select[name=people]")).to_have_attribute("multiple", "")
    page.get_by_label("What was raised, in a few words").fill("Evening groups")
    page.get_by_label("Who it was raised with").fill("Adult social care")
    page.get_by_label("Group that raised it").fill("Carers group")
    page.select_option("select[name=people]", values)
    page.get_by_role("button", name="Record it").click()
    expect(page.locator("h1")).to_contain_text("Evening groups")
    item = InfluenceItem.objects.get(title="Evening groups")
    assert sorted(p.preferred_name for p in item.raised_by_people.all()) == sorted(chosen)

    page.goto(f"{live_server.url}/orgs/riverside/sessions/new/")
    expect(page.locator("select[name=invitees]")).to_have_attribute("multiple", "")
    page.get_by_label("Title").fill("Carers forum")
    page.get_by_label("Kind of session").select_option(index=1)
    page.get_by_label("Starts").fill("2026-12-10T10:00")
    page.select_option("select[name=invitees]", values)
    page.get_by_role("button", name="Save session").click()
    expect(page.locator("h1")).to_contain_text("Carers forum")
    session = Session.objects.get(title="Carers forum")
    assert sorted(p.preferred_name for p in session.invitees.all()) == sorted(chosen)
    axe_check(page)

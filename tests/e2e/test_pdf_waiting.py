"""A PDF asked for in the browser (issue 23): the page says it is being made, passes
axe and fits a phone in English and Welsh, and shows the download by itself (htmx asks
every few seconds) once the background worker has made it."""

import pytest
from playwright.sync_api import Browser, expect

from coproduce.core.models import OrganisationKind, Role
from tests.e2e.tabs import open_tab
from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_pdf_page_waits_kindly_then_offers_the_download(
    browser: Browser, live_server, axe_check, run_tasks, settings, tmp_path
) -> None:
    settings.PRIVATE_ROOT = tmp_path
    org = OrganisationFactory(
        name="Riverside Carers", slug="riverside", kind=OrganisationKind.VOLUNTARY
    )
    coordinator = MembershipFactory(organisation=org, role=Role.COORDINATOR).user
    base = live_server.url
    address = f"{base}/orgs/riverside/evidence-pack/?format=pdf"
    for language, said in (
        ("cy", "Mae eich PDF yn cael ei greu"),
        ("en", "Your PDF is being made"),
    ):
        tab = open_tab(browser, base, coordinator.email, language, 320)
        response = tab.goto(address)
        assert response is not None
        assert response.status == 202
        expect(tab.get_by_role("heading", level=1)).to_have_text(said)
        axe_check(tab)
        assert tab.evaluate("document.documentElement.scrollWidth") <= 320
        if language == "en":
            run_tasks()  # the background worker makes both
            ready = tab.get_by_role("link", name="Download your PDF")
            expect(ready).to_be_visible(timeout=15_000)
            assert ready.get_attribute("href") == "/orgs/riverside/evidence-pack/?format=pdf"
            axe_check(tab)
        tab.context.close()

"""axe, and a 320 px screen, in English and in Welsh, on the insight pages of issue 20
with the demo's figures in them: a network's members' work (all of it, and one member
that agreed to be named), who takes part in the network quarter by quarter, and a
member's choice of what its networks see; and the annual review, its list and a part
being written."""

import pytest
from playwright.sync_api import Page

from coproduce.core.models import Organisation, User
from coproduce.demo.services import demo_load
from coproduce.reports.services import review_start
from tests.e2e.tabs import open_tab

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PAGES = {
    "commissioner@example.org": [
        "/orgs/wandle-cen/network/",
        "/orgs/wandle-cen/network/?member=st-barnabas",
        "/orgs/wandle-cen/who-takes-part/",
        "/orgs/wandle-cen/who-takes-part/?over_time=age_band&activity=spoke",
        "/orgs/wandle-cen/compare/?group=all",
    ],
    "admin@example.org": [
        "/orgs/al-noor/networks/sharing/",
        "/orgs/wy-network/network/",
        "/orgs/northfield-council/compare/",
    ],
    "coordinator@example.org": [
        "/orgs/wandle-cen/annual-review/",
        "/orgs/wandle-cen/annual-review/2026/",
        "/orgs/wandle-cen/annual-review/2026/changed/",
    ],
    "amara@example.org": ["/orgs/wandle-cen/annual-review/2026/"],
}


def test_insight_pages_pass_axe_and_fit_a_phone_in_both_languages(
    page: Page, live_server, axe_check, tmp_path, settings, browser
) -> None:
    settings.VAR_DIR = tmp_path
    demo_load(password="a long test password 42")
    review_start(
        organisation=Organisation.objects.get(slug="wandle-cen"),
        year=2026,
        by=User.objects.get(email="coordinator@example.org"),
    )
    base = live_server.url
    for email, paths in PAGES.items():
        for language in ("en", "cy"):
            tab = open_tab(browser, base, email, language, 320)
            for path in paths:
                response = tab.goto(f"{base}{path}")
                assert response is not None, path
                assert response.status == 200, path
                axe_check(tab)
                width = tab.evaluate("document.documentElement.scrollWidth")
                assert width <= 320, f"{path} ({language}) is {width} px wide at 320"
            tab.context.close()

    # The demo's network shows who is missing and names the member that agreed.
    tab = open_tab(browser, base, "commissioner@example.org", "en", 1280)
    tab.goto(f"{base}/orgs/wandle-cen/who-takes-part/")
    assert tab.locator(".govuk-inset-text").filter(has_text="Who is missing").count() == 1
    tab.goto(f"{base}/orgs/wandle-cen/network/")
    assert tab.get_by_role("link", name="St Barnabas Family Church").count() == 1
    assert tab.get_by_text("members that keep their figures to themselves").count() == 1

"""axe, and a 320 px screen, in English and in Welsh, on the insight pages of issue 20
with the demo's figures in them: a network's members' work (all of it, and one member
that agreed to be named), who takes part in the network quarter by quarter, and a
member's choice of what its networks see; the annual review, its list and a part
being written; and the peer network's pages (issue 21)."""

import pytest
from playwright.sync_api import Page

from coproduce.conversations.models import Thread
from coproduce.core.models import Organisation, User
from coproduce.demo.services import demo_load
from coproduce.evidence.models import Excerpt
from coproduce.evidence.surveys.models import SurveyAnswer
from coproduce.peers.models import NetworkEvent
from coproduce.reports.services import review_start
from coproduce.workshop.models import Reflection
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
        # The peer network (issue 21), with the demo's entries, request and log.
        "/orgs/st-barnabas/peers/",
        "/orgs/riverside-parents/peers/",
        "/orgs/riverside-parents/peers/entry/",
        "/orgs/riverside-parents/peers/ask/",
        "/orgs/al-noor/peers/learning/",
        "/orgs/wandle-cen/peers/events/",
        "/orgs/st-barnabas/peers/events/",
        "/orgs/st-barnabas/conversations/",
        "/orgs/wandle-cen/conversations/moderators/",
    ],
    "coordinator@example.org": [
        "/orgs/wandle-cen/annual-review/",
        "/orgs/wandle-cen/annual-review/2026/",
        "/orgs/wandle-cen/annual-review/2026/changed/",
        "/orgs/wandle-cen/conversations/",
    ],
    "amara@example.org": [
        "/orgs/wandle-cen/annual-review/2026/",
        # Conversations (issue 21): the list, and a thread with a sensitive reply.
        "/orgs/wandle-cen/conversations/",
        "/orgs/wandle-cen/conversations/new/",
    ],
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
    threads = [
        f"/orgs/wandle-cen/conversations/{pk}/"
        for pk in Thread.objects.filter(organisation__slug="wandle-cen").values_list(
            "pk", flat=True
        )
    ]
    pages = {**PAGES}
    # A moderator sees who wrote the sensitive reply, and the moderation controls.
    held = Reflection.objects.get().session_id
    written = SurveyAnswer.objects.filter(organisation__slug="wandle-cen").exclude(text="").first()
    passage = Excerpt.objects.filter(organisation__slug="wandle-cen").first()
    pages["coordinator@example.org"] = [
        *PAGES["coordinator@example.org"],
        *threads,
        # Perspective cards (issue 21): a card, what the group said, and the sheet to print.
        f"/orgs/wandle-cen/sessions/{held}/cards/",
        f"/orgs/wandle-cen/sessions/{held}/cards/print/",
        # A survey answer and a coded passage on their way to "you said, we did".
        f"/orgs/wandle-cen/said/answer/{written.pk}/item/",
        f"/orgs/wandle-cen/said/passage/{passage.pk}/item/",
    ]
    pages["amara@example.org"] = [*PAGES["amara@example.org"], *threads[:1]]
    event = NetworkEvent.objects.get().pk
    pages["admin@example.org"] = [
        *PAGES["admin@example.org"],
        f"/orgs/wandle-cen/peers/events/{event}/",
        f"/orgs/st-barnabas/peers/events/{event}/",
        f"/orgs/st-barnabas/conversations/{Thread.objects.get(network_wide=True).pk}/",
    ]
    for email, paths in pages.items():
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

"""Someone searches the library, narrows by two facets, reads a case study, and shares
a story without an account; a moderator publishes it. axe checks every page."""

import base64
import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import Page, expect

from coproduce.core.models import OrganisationKind, Role
from coproduce.demo.library import load_demo_library
from coproduce.library import forms as library_forms
from coproduce.library.models import CaseStatus, CaseStudy
from coproduce.library.services import attachment_add, credit_add, quote_add
from tests.e2e.test_people_journey import sign_in
from tests.factories import MembershipFactory, OrganisationFactory

# A real one-pixel PNG, so the browser can draw it.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_search_filter_read_and_share_a_story(
    page: Page, live_server, axe_check, monkeypatch, settings, tmp_path
):
    network = OrganisationFactory(slug="network", kind=OrganisationKind.NETWORK)
    moderator = MembershipFactory(organisation=network, role=Role.ADMIN).user
    load_demo_library(by=moderator)
    settings.PRIVATE_ROOT = tmp_path
    play = CaseStudy.objects.get(title="Hackney Play Streets")
    quote_add(
        case_study=play, by=moderator, text="The street felt like ours again.", speaker="A parent"
    )
    credit_add(
        case_study=play,
        by=moderator,
        name="Hackney Play Association",
        agreed_on=datetime.date(2026, 11, 1),
    )
    attachment_add(
        case_study=play,
        by=moderator,
        upload=SimpleUploadedFile("street.png", PNG),
        title="Chalk drawings on the road",
        alt_text="Children drawing with chalk on a closed street",
    )
    # Playwright types faster than any person; the timing check still runs, at one second.
    monkeypatch.setattr(library_forms, "FASTEST_HUMAN_SECONDS", 1)
    base = live_server.url

    page.goto(f"{base}/library/")
    axe_check(page)
    page.get_by_label("Search case studies").fill("parents")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("#results")).to_contain_text("case studies")
    page.get_by_text("Filter", exact=True).click()  # the filters are folded away at first
    page.get_by_label("London (", exact=False).check()
    page.get_by_label("Children and families (", exact=False).check()
    page.get_by_role("button", name="Apply filters").click()
    expect(
        page.get_by_role("link", name="Parents Reference Group in Kensington and Chelsea")
    ).to_be_visible()
    expect(
        page.get_by_role(
            "link", name="Time for Families: a time bank for families with disabled children"
        )
    ).to_have_count(0)
    expect(page.locator("mark").first).to_be_visible()
    axe_check(page)

    page.goto(f"{base}/library/?q=play+streets")
    page.get_by_role("link", name="Hackney Play Streets").click()
    expect(page.get_by_role("heading", name="Hackney Play Streets", level=1)).to_be_visible()
    expect(page.get_by_text("The street felt like ours again.")).to_be_visible()
    expect(
        page.get_by_role("img", name="Children drawing with chalk on a closed street")
    ).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="Read an easy read summary").click()
    expect(page.get_by_text("Children play outside safely.")).to_be_visible()
    axe_check(page)
    for path in ("/library/glossary/", "/library/toolkit/"):
        page.goto(f"{base}{path}")
        axe_check(page)

    page.goto(f"{base}/library/share/")
    axe_check(page)
    page.get_by_role("button", name="Send it for review").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Give the story a title.")
    axe_check(page)
    page.get_by_label("Title", exact=True).fill("Singing for breathing")
    page.get_by_label("In one or two sentences").fill(
        "People with lung conditions set up a singing group with the respiratory team."
    )
    page.get_by_label("What the problem was").fill(
        "Classes at the hospital were hard to get to and felt clinical."
    )
    page.get_by_label("Who was involved, and how").fill(
        "Patients, two physiotherapists and a choir leader planned it together."
    )
    page.get_by_label("What changed").fill("A weekly group in the library, now run by its members.")
    page.get_by_label("Co-delivery").check()
    page.get_by_label("Your name").fill("Pat")
    page.get_by_label("Your email address").fill("pat@example.test")
    page.wait_for_timeout(1100)
    page.get_by_role("button", name="Send it for review").click()
    expect(page.get_by_role("heading", name="Thank you for sharing your story")).to_be_visible()
    axe_check(page)
    story = CaseStudy.objects.get(title="Singing for breathing")
    assert story.status == CaseStatus.SUBMITTED

    sign_in(page, base, moderator.email)
    for path in ("/library/share/", "/library/glossary/new/", "/library/toolkit/new/"):
        page.goto(f"{base}{path}")
        axe_check(page)
    page.goto(f"{base}/library/moderate/")
    axe_check(page)
    page.get_by_role("link", name="Singing for breathing").click()
    axe_check(page)
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("Saved: Published.")).to_be_visible()
    page.goto(f"{base}/library/?q=singing")
    expect(page.get_by_role("link", name="Singing for breathing")).to_be_visible()

"""Evidence in the browser: a coordinator codes passages with the keyboard alone and sees
the theme counts change in place, and axe checks every evidence page on the demo data."""

import pytest
from playwright.sync_api import Page, expect

from coproduce.core.models import OrganisationKind, Role, User
from coproduce.demo.services import demo_load
from coproduce.evidence import services
from coproduce.evidence.models import Indicator, Period, Survey
from coproduce.frameworks.models import Framework
from coproduce.initiatives.models import Initiative
from tests.e2e.test_people_journey import sign_in
from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NOTES = """Asha: I trust the staff now, after years of not trusting anyone.

Ben: They spoke my language, so my mother could come.

Asha: They came to our festival and ate with us. That was respect.

Ben: The room was cold."""


def tab_to(page: Page, selector: str, presses: list[str], limit: int = 40) -> None:
    """Press Tab until the element matching `selector` has focus, counting the presses."""
    for _ in range(limit):
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
        presses.append("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def test_coordinator_codes_three_passages_with_the_keyboard(page: Page, live_server, axe_check):
    org = OrganisationFactory(
        name="Riverside Network", slug="riverside", kind=OrganisationKind.NETWORK
    )
    coordinator = MembershipFactory(organisation=org, role=Role.COORDINATOR).user
    framework = Framework.objects.get(key="authentic-principles", is_current=True)
    services.codebook_add_framework(organisation=org, by=coordinator, framework=framework)
    services.code_create(organisation=org, by=coordinator, name="Language")
    document = services.document_add(
        organisation=org, by=coordinator, title="Forum notes", kind="notes", text=NOTES
    )
    excerpts = list(document.excerpts.all())
    codes = {code.name: code.pk for code in org.codes.all()}
    base = live_server.url

    sign_in(page, base, coordinator.email)
    page.goto(f"{base}/orgs/riverside/evidence/documents/{document.pk}/")
    axe_check(page)
    counts = page.locator("#theme-counts")
    expect(counts.locator('[data-theme="Trust"]')).to_have_text("0")

    presses: list[str] = []
    page.keyboard.press("Tab")  # into the page, from the top
    presses.append("Tab")
    plan = [
        (excerpts[0], ["Trust"]),
        (excerpts[1], ["Language"]),
        (excerpts[2], ["Respect", "Trust"]),
    ]
    for excerpt, names in plan:
        for name in names:
            tab_to(page, f"#code-{excerpt.pk}-{codes[name]}", presses)
            page.keyboard.press("Space")
            presses.append("Space")
        tab_to(page, f"#excerpt-{excerpt.pk} button[type=submit]", presses)
        page.keyboard.press("Enter")
        presses.append("Enter")
        saved = page.locator(f"#excerpt-{excerpt.pk} .cp-saved")
        expect(saved).to_have_text(f"Passage {excerpt.position} saved.")
        # Focus lands on the message, so the next Tab carries on down the page.
        expect(saved).to_be_focused()

    expect(counts.locator('[data-theme="Trust"]')).to_have_text("2")
    expect(counts.locator('[data-theme="Language"]')).to_have_text("1")
    expect(counts.locator('[data-theme="Respect"]')).to_have_text("1")
    expect(counts.locator('[data-theme="Mutuality"]')).to_have_text("0")
    axe_check(page)
    assert len(presses) < 80, len(presses)
    print(f"three passages coded in {len(presses)} key presses")

    # The suggestions say which words they rest on.
    page.locator(f"#excerpt-{excerpts[3].pk}").get_by_role("link", name="Suggest themes").click()
    expect(page.locator(f"#suggest-{excerpts[3].pk}")).to_contain_text("No suggestions")


def test_evidence_pages_pass_axe(page: Page, live_server, axe_check, tmp_path, settings):
    settings.VAR_DIR = tmp_path
    demo_load(password="a long test password 42")
    base = live_server.url
    coordinator = User.objects.get(email="coordinator@example.org")
    indicator = Indicator.objects.get(name="Referrals to talking therapies")
    first = Period.objects.get(label="Sep 2009 to Aug 2010")
    second = Period.objects.get(label="Sep 2010 to Aug 2011")
    survey = Survey.objects.get(organisation__slug="wandle-cen")
    services.survey_set(survey=survey, by=coordinator, status="open")
    initiative = Initiative.objects.get(title="Talking therapies at community sites")
    amara = User.objects.get(email="amara@example.org")

    # Answering the survey through its link, with no account.
    page.goto(f"{base}/survey/{survey.key}/")
    axe_check(page)
    page.get_by_role("button", name="Send my answers").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Answer at least one question.")
    axe_check(page)
    page.get_by_label("Agree", exact=True).first.check()
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_role("heading", name="Thank you")).to_be_visible()
    axe_check(page)

    sign_in(page, base, "coordinator@example.org")
    evidence = "/orgs/wandle-cen/evidence"
    for path in (
        f"{evidence}/",
        f"{evidence}/indicators/{indicator.pk}/",
        f"{evidence}/indicators/{indicator.pk}/compare/?breakdown=referral+source&a={first.pk}&b={second.pk}",
        f"{evidence}/indicators/{indicator.pk}/figures/?period={first.pk}&breakdown=referral+source",
        f"{evidence}/indicators/{indicator.pk}/import/",
        f"{evidence}/indicators/new/",
        f"{evidence}/periods/new/",
        f"{evidence}/settings/",
        f"{evidence}/outcomes/",
        f"{evidence}/outcomes/new/",
        f"{evidence}/surveys/",
        f"{evidence}/surveys/new/",
        f"{evidence}/surveys/{survey.pk}/",
        f"{evidence}/surveys/{survey.pk}/enter/",
        f"{evidence}/documents/",
        f"{evidence}/documents/new/",
        f"{evidence}/codebook/",
        f"{evidence}/themes/",
        f"{evidence}/agreement/?first={coordinator.pk}&second={amara.pk}",
        f"{evidence}/value/{initiative.pk}/",
        f"/orgs/wandle-cen/evidence-pack/?initiative={initiative.pk}",
    ):
        page.goto(f"{base}{path}")
        axe_check(page)
    # The comparison draws its chart beside the table.
    page.goto(
        f"{base}{evidence}/indicators/{indicator.pk}/compare/?breakdown=referral+source&a={first.pk}&b={second.pk}"
    )
    expect(page.locator("#evidence-bars")).to_be_visible()
    assert page.evaluate("window.Chart.getChart('evidence-bars') !== undefined")

    # The evidence pack draws a chart for each comparison, each beside its table.
    page.goto(f"{base}/orgs/wandle-cen/evidence-pack/?initiative={initiative.pk}")
    drawn = page.evaluate(
        "[...document.querySelectorAll('canvas.cp-bar-chart')]"
        ".filter((c) => window.Chart.getChart(c) !== undefined).length"
    )
    assert drawn >= 1

    # Forms with errors: a figure that is not a number, an empty indicator, a bad import.
    page.goto(
        f"{base}{evidence}/indicators/{indicator.pk}/figures/?period={first.pk}&breakdown=referral+source"
    )
    page.get_by_label("Figure, row 1", exact=True).fill("many")
    page.get_by_role("button", name="Save figures").click()
    expect(page.locator(".govuk-error-message").first).to_contain_text("is not a number")
    axe_check(page)
    page.goto(f"{base}{evidence}/indicators/new/")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    axe_check(page)
    page.goto(f"{base}{evidence}/indicators/{indicator.pk}/import/")
    page.set_input_files(
        "#id_file", files=[{"name": "f.csv", "mimeType": "text/csv", "buffer": b"when,what\n1,2\n"}]
    )
    page.get_by_role("button", name="Import").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Nothing was saved")
    axe_check(page)

"""The content security policy holds in a real browser: pages that use htmx, charts and
GOV.UK Frontend's scripts run with nothing refused, and an injected inline script is."""

import pytest
from playwright.sync_api import Browser, expect

from coproduce.core.models import User
from coproduce.demo.services import demo_load
from coproduce.evidence.models import Document, Indicator, Period
from coproduce.initiatives.models import Initiative

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_pages_run_under_the_policy_and_inline_script_is_refused(
    browser: Browser, live_server, tmp_path, settings
):
    settings.VAR_DIR = tmp_path
    demo_load(password="a long test password 42")
    base = live_server.url
    context = browser.new_context()  # the policy enforced, unlike the axe tests
    page = context.new_page()
    refused: list[str] = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Email").fill("coordinator@example.org")
    page.get_by_label("Password", exact=True).fill("a long test password 42")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{base}/organisations/")

    indicator = Indicator.objects.get(name="Referrals to talking therapies")
    first = Period.objects.get(label="Sep 2009 to Aug 2010")
    second = Period.objects.get(label="Sep 2010 to Aug 2011")
    document = Document.objects.get(title="Focus group at the temple clinic")
    initiative = Initiative.objects.get(title="Talking therapies at community sites")
    # Charts (Chart.js), htmx swaps, and GOV.UK Frontend's modules.
    page.goto(
        f"{base}/orgs/wandle-cen/evidence/indicators/{indicator.pk}/compare/"
        f"?breakdown=referral+source&a={first.pk}&b={second.pk}"
    )
    assert page.evaluate("window.Chart.getChart('evidence-bars') !== undefined")
    page.goto(f"{base}/orgs/wandle-cen/evidence/documents/{document.pk}/")
    passage = document.excerpts.get(position=2)
    page.locator(f"#excerpt-{passage.pk}").get_by_role("button", name="Save themes").click()
    expect(page.locator(f"#excerpt-{passage.pk} .cp-saved")).to_have_text("Passage 2 saved.")
    page.goto(f"{base}/orgs/wandle-cen/initiatives/{initiative.pk}/")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.body.classList.contains('govuk-frontend-supported')")
    assert refused == []

    # An inline script, as an attacker would inject it, does not run.
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.injected = true'; document.body.appendChild(s); }"
    )
    assert page.evaluate("window.injected === undefined")
    assert any("Content Security Policy" in text for text in refused)
    header = page.request.get(f"{base}/").headers["content-security-policy"]
    assert "script-src 'self'" in header
    assert "object-src 'none'" in header
    context.close()
    assert User.objects.filter(email="coordinator@example.org").exists()

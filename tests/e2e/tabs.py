"""A fresh browser tab signed in as someone, reading in English or Welsh."""

from typing import Any

from playwright.sync_api import Page

from tests.e2e.test_people_journey import sign_in


def open_tab(browser: Any, base: str, email: str | None, language: str, width: int) -> Page:
    """A tab in its own context (close it with `tab.context.close()`); the pages' scripts
    run without the content security policy, so axe can be added to them."""
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    tab = context.new_page()
    if email:
        sign_in(tab, base, email)
    if language == "cy":
        tab.goto(f"{base}/library/")
        tab.locator("button[name=language]").click()
        tab.wait_for_load_state()
    return tab

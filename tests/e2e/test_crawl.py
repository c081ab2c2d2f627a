"""Every page reachable for each role, in English and in Welsh, at 320 px and 1,280 px
(issue 19, must show): zero axe violations and no page wider than the screen. `make
test` crawls a slice (COPRODUCE_CRAWL_PAGES pages for each role and language, 12 by
default); `make crawl` crawls them all (up to 3 pages of each URL pattern) and prints
how many pages each visited."""

import os
import re
from collections import Counter
from urllib.parse import urljoin, urlsplit

import pytest
from django.urls import Resolver404, resolve
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

from coproduce.demo.services import demo_load
from tests.e2e.tabs import open_tab

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PAGES = int(os.environ.get("COPRODUCE_CRAWL_PAGES", "12"))
# At most this many pages of each URL pattern (a person's page, a session's register).
PER_ROUTE = int(os.environ.get("COPRODUCE_CRAWL_PER_ROUTE", "3"))
WIDTHS = [int(w) for w in os.environ.get("COPRODUCE_CRAWL_WIDTHS", "320").split(",")]
ROLES = {
    "anonymous": None,
    "admin": "admin@example.org",
    "coordinator": "coordinator@example.org",
    "co-producer": "amara@example.org",
    "viewer": "commissioner@example.org",
    "peer reviewer": "reviewer@example.org",
}
# Files, feeds, machine endpoints and what changes state (signing out, the switch).
NOT_PAGES = re.compile(
    r"(logout|/i18n/|\.(csv|xlsx|pdf|ics|json|xml)(\?|$)|format=|/api/|/admin/|/calendar/|"
    r"/feed|sitemap|/healthz|/static/|/media/)"
)


def _route(path: str) -> str:
    """The URL pattern a path belongs to, with any query string apart."""
    bare, _, query = path.partition("?")
    try:
        match = resolve(bare)
    except Resolver404:
        return bare
    return f"{match.route}?{query.split('=')[0]}" if query else match.route


def _crawl(page: Page, base: str, axe_check, width: int, limit: int) -> tuple[int, list[str]]:
    """Visit up to `limit` pages from the home pages, following links; returns how many
    were visited and every problem found (all of them, not only the first)."""
    seen: set[str] = set()
    queue = ["/", "/organisations/?stay=1", "/library/"]
    problems = []
    per_route: Counter[str] = Counter()
    while queue and len(seen) < limit:
        path = queue.pop(0)
        if path in seen or NOT_PAGES.search(path):
            continue
        # Every kind of page, a few of each: the sixty-fifth person's page is drawn by
        # the same template as the first.
        route = _route(path)
        if per_route[route] >= PER_ROUTE:
            continue
        per_route[route] += 1
        seen.add(path)
        try:
            answer = page.goto(base + path)
        except PlaywrightError as error:  # a link that downloads a file is not a page
            if "Download is starting" not in str(error):
                problems.append(f"{path}: {error}")
            continue
        if (
            answer is None
            or answer.status >= 400
            or "html" not in answer.headers.get("content-type", "")
        ):
            continue
        try:
            axe_check(page)
        except AssertionError as problem:
            problems.append(str(problem))
        wide = page.evaluate("document.documentElement.scrollWidth")
        if wide > width:
            problems.append(f"{path} is {wide} px wide at {width}")
        for href in page.eval_on_selector_all(
            "a[href]", "els => els.map(e => e.getAttribute('href'))"
        ):
            if not href or href.startswith(("http", "mailto:", "#", "webcal:", "tel:")):
                continue
            found = urlsplit(urljoin(path, href))
            query = f"?{found.query}" if found.query and "page=" not in found.query else ""
            if found.path + query not in seen:
                queue.append(found.path + query)
    return len(seen), problems


def test_every_role_in_both_languages_fits_the_screen_and_passes_axe(
    page: Page, live_server, axe_check, tmp_path, settings, browser
) -> None:
    settings.VAR_DIR = tmp_path
    demo_load(password="a long test password 42")
    base = live_server.url
    problems, visited = [], {}
    # COPRODUCE_CRAWL_ROLES="co-producer,viewer" crawls only those (to split a long crawl).
    wanted = [r for r in os.environ.get("COPRODUCE_CRAWL_ROLES", "").split(",") if r]
    for role, email in ROLES.items():
        if wanted and role not in wanted:
            continue
        for language in ("en", "cy"):
            for width in WIDTHS:
                tab = open_tab(browser, base, email, language, width)
                count, wide = _crawl(tab, base, axe_check, width, PAGES)
                visited[f"{role}, {language}, {width} px"] = count
                problems += wide
                # As it goes, for the long crawl (make crawl): pages and problems so far.
                print(f"{role}, {language}, {width} px: {count} pages, {len(wide)} problems")
                for problem in wide:
                    print("  ", problem.replace("\n", "\n     "), flush=True)
                tab.context.close()
    print("pages visited:", visited)
    print(f"problems: {len(problems)}")
    assert all(count > 1 for count in visited.values()), visited
    assert problems == [], "\n".join(problems)

"""Browser tests: Playwright driving Debian's Chromium against Django's live server."""

import os
from pathlib import Path

import pytest

from coproduce.frameworks.services import frameworks_sync

# Django's live_server runs in a thread while Playwright's sync API holds an
# event loop in this one; Django must be told that is safe here (tests only).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(autouse=True)
def _framework_library(transactional_db):
    """Browser tests run in transactions that are flushed afterwards, which also empties
    tables a migration filled; load the framework library again for each test."""
    frameworks_sync()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # axe-core is injected as an inline script, which the site's own policy forbids;
    # test_csp.py checks the policy with a context that does not bypass it.
    return {**browser_context_args, "bypass_csp": True}


@pytest.fixture
def axe_check():
    """Run axe-core on the current page and fail on any violation, listing each one."""
    checked: list[str] = []

    def check(page):
        page.add_script_tag(path=str(AXE))
        result = page.evaluate(
            "axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', "
            "'wcag22aa', 'best-practice']})"
        )
        problems = [
            f"{v['id']} ({v['impact']}): {v['help']} at "
            + ", ".join(str(node["target"]) for node in v["nodes"][:3])
            for v in result["violations"]
        ]
        assert problems == [], f"axe found problems on {page.url}:\n" + "\n".join(problems)
        checked.append(page.url)

    check.checked = checked
    return check

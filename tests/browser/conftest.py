"""Playwright in Debian's Chromium against Django's live server, with axe-core checks."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.conftest import World, build_world

# Django's live server with Playwright's sync API (CONVENTIONS.md, known pitfalls).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not os.path.exists(CHROMIUM):
        message = "Debian's chromium is not installed (make test installs it through apt)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="sv-SE", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


@pytest.fixture
def live_world(transactional_db: None) -> World:
    return build_world()


AXE = Axe()


def assert_accessible(page: Any) -> None:
    """axe-core finds no serious or critical violation on the page as it is now."""
    results = AXE.run(page)
    bad = [v for v in results.response["violations"] if v.get("impact") in {"serious", "critical"}]
    details = "; ".join(f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}" for v in bad)
    assert not bad, f"axe on {page.url}: {details}"

"""Playwright in Debian's Chromium against Django's live server. Every page a test checks with
`assert_accessible` passes axe at desktop width, reflows at 320 CSS px without sideways scrolling
(WCAG 2.1 1.4.10), and is kept for the Nu HTML Checker, which checks them all in one batch at the
end of the session (issue 8, point 5)."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from collections.abc import Iterator
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.conftest import World, build_world
from tests.html_check import vnu_errors

# Django's live server with Playwright's sync API (CONVENTIONS.md, known pitfalls).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# A loaded 2-core CI machine can take longer than Playwright's default of 5 s for an assertion.
expect.set_options(timeout=15_000)

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
    # reduced motion: Bootstrap then draws no transitions, so axe never reads a colour half-way
    # through one (a button the pointer left, or one a swap put under it)
    context = browser.new_context(locale="sv-SE", accept_downloads=True, reduced_motion="reduce")
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


@pytest.fixture
def live_world(transactional_db: None) -> World:
    # A live-server test's database is flushed after each test, and with it the reference data the
    # migrations loaded: build_world loads Agenda 2030's goals and targets again when they are gone.
    return build_world()


AXE = Axe()
PHONE_WIDTH = 320  # CSS px: WCAG 2.1 AA reflow (1.4.10)

#: The HTML of every page checked during the session, for one run of the Nu HTML Checker at its end.
VISITED: dict[str, str] = {}

#: Elements that stick out beyond the viewport, outside any box that scrolls on its own.
_OVERFLOWING = """(width) => {
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.right <= width + 0.5) continue;
    let scroller = el.parentElement, inside = false;
    for (; scroller && scroller !== document.body; scroller = scroller.parentElement) {
      const style = getComputedStyle(scroller);
      const scrolls = ['auto', 'scroll', 'hidden', 'clip'].includes(style.overflowX);
      if (scrolls && scroller.getBoundingClientRect().right <= width + 0.5) { inside = true; break; }
    }
    if (inside && getComputedStyle(el).position !== 'absolute') continue;
    const classes = typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
    out.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + classes + ' (right ' + Math.round(box.right) + ')');
  }
  return out.slice(0, 8);
}"""


def assert_accessible(page: Any) -> None:
    """axe-core finds no serious or critical violation on the page as it is now (desktop width),
    the page reflows at 320 px, and its HTML is kept for the checker."""
    results = AXE.run(page)
    bad = [v for v in results.response["violations"] if v.get("impact") in {"serious", "critical"}]
    details = "; ".join(f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}" for v in bad)
    assert not bad, f"axe on {page.url}: {details}"
    keep_html(page)
    assert_reflows(page)


check_page = assert_accessible


def keep_html(page: Any) -> None:
    """Keep the page's HTML as it is now (after any htmx swaps), once per distinct content."""
    html = page.content()
    digest = hashlib.sha256(html.encode("utf-8")).hexdigest()[:12]
    VISITED.setdefault(f"{page.url} [{digest}]", html)


def assert_reflows(page: Any, width: int = PHONE_WIDTH) -> None:
    """At 320 CSS px nothing scrolls sideways: the page is no wider than the viewport; wide content
    scrolls in its own box. With STYR_SCREENSHOTS=<folder> each check leaves a screenshot there."""
    size = page.viewport_size
    page.set_viewport_size({"width": width, "height": 640})
    try:
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        folder = os.environ.get("STYR_SCREENSHOTS")
        if folder:
            name = re.sub(r"[^A-Za-z0-9]+", "-", page.url.split("//", 1)[-1].split("/", 1)[-1]).strip("-") or "home"
            page.screenshot(path=os.path.join(folder, f"{len(os.listdir(folder)):03}-{name[:80]}.png"), full_page=True)
        offenders = page.evaluate(_OVERFLOWING, width) if scroll_width > width else []
        assert scroll_width <= width, f"{page.url} is {scroll_width} px wide at {width} px: {offenders}"
    finally:
        page.set_viewport_size(size)


@pytest.fixture(scope="session", autouse=True)
def _visited_pages_are_valid_html() -> Iterator[None]:
    """The Nu HTML Checker finds no error on any page the browser tests checked (one JVM start)."""
    yield
    documents = dict(VISITED)
    VISITED.clear()
    try:
        errors = vnu_errors(documents)
    except pytest.skip.Exception:
        return  # no Java here (outside CI): the checker is skipped, not failed
    assert not errors, f"the Nu HTML Checker found {len(errors)} errors:\n" + "\n".join(errors)

"""The årshjul in the browser: the KS controller creates it; the wheel and the list pass axe."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import assert_accessible
from tests.browser.test_walking_skeleton import log_in
from tests.conftest import World

pytestmark = pytest.mark.browser


def test_ks_controller_creates_the_calendar_and_it_is_accessible(live_server: Any, live_world: World, page: Any) -> None:
    base = live_server.url
    log_in(page, base, "ks_controller")
    page.get_by_role("link", name="Årshjul").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_role("button", name="Skapa utifrån styrmodellen").click()
    page.wait_for_load_state()
    assert page.get_by_role("img", name="Årshjul 2026").is_visible() or page.locator("svg.annual-wheel").is_visible()
    assert page.locator("table tbody tr").count() > 20
    assert_accessible(page)

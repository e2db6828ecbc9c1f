"""Search from the header box (issue 8, point 6): the results page, grouped by kind, passes axe."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import assert_accessible
from tests.browser.test_walking_skeleton import log_in
from tests.conftest import World

pytestmark = pytest.mark.browser


def test_the_controller_searches_from_the_header_and_opens_a_unit(live_server: Any, live_world: World, page: Any) -> None:
    base = live_server.url
    log_in(page, base, "ks_controller")
    page.get_by_role("search").get_by_label("Sök efter").fill("Hagaskolan")
    page.get_by_role("search").get_by_label("Sök efter").press("Enter")
    page.wait_for_url(f"{base}/sok/?q=Hagaskolan")
    assert page.get_by_role("heading", name="Enheter").is_visible()
    assert_accessible(page)
    page.get_by_role("main").get_by_role("link", name="Hagaskolan", exact=True).click()
    page.wait_for_url(f"{base}/enheter/{live_world.unit('Hagaskolan').pk}/")

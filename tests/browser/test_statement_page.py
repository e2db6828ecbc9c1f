"""Issue 9 §1: a controller reads the municipality's result statement from the unit page; axe finds
nothing serious, the tables reflow at 320 px, and the HTML is checked at the session's end."""

from __future__ import annotations

from typing import Any

import pytest

from styr.economy.services import sie_import
from tests.browser.conftest import assert_accessible
from tests.browser.test_walking_skeleton import log_in
from tests.conftest import World
from tests.economy.test_statement import KOMMUN, MUNICIPALITY

pytestmark = pytest.mark.browser


def test_a_controller_opens_the_result_statement_from_the_unit_page(live_server: Any, live_world: World, page: Any) -> None:
    unit = live_world.unit(MUNICIPALITY)
    sie_import(actor=live_world.users["ks_controller"], org_unit=unit, file_name=KOMMUN.name, path=KOMMUN)
    base = live_server.url
    log_in(page, base, "ks_controller")
    page.goto(f"{base}/enheter/{unit.pk}/?ar=2024")
    page.locator("#statement-link").click()
    page.wait_for_url(f"{base}/enheter/{unit.pk}/resultatrakning/?ar=2024")
    assert page.locator("#row-year_result td").first.inner_text() == "1\u00a0717\u00a0001"
    assert page.locator("#unmapped-table").get_by_text("9110").is_visible()
    assert_accessible(page)

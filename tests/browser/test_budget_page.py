"""The internal budget in the browser (issue 9 §3): a committee's controller enters a unit's
budget by the summer profile and sees the undistributed part of the frame; axe on each page,
and the wide units × months table scrolls in its own box at 320 px."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from styr.economy.services import frame_set
from tests.browser.conftest import assert_accessible
from tests.browser.test_walking_skeleton import log_in
from tests.conftest import YEAR, World

pytestmark = pytest.mark.browser


def test_a_controller_enters_a_unit_budget_and_sees_what_is_undistributed(live_server: Any, live_world: World, page: Any) -> None:
    committee, haga = live_world.unit("Utbildningsnämnden"), live_world.unit("Hagaskolan")
    frame_set(actor=None, org_unit=committee, year=YEAR, amount_tsek=Decimal("100"))
    base = live_server.url
    log_in(page, base, "ks_controller")
    page.goto(f"{base}/enheter/{committee.pk}/?ar={YEAR}")
    page.locator("#internal-budget-link").click()
    page.wait_for_url(f"**/enheter/{committee.pk}/internbudget/?ar={YEAR}")
    assert_accessible(page)
    page.locator("#id_unit").select_option(str(haga.pk))
    page.locator("#id_key").select_option("profile")
    page.locator("#id_profile").select_option("sommar")
    page.locator("#id_total_sek").fill("60 000")
    page.locator("form:has(input[value=enter]) button[type=submit]").click()
    page.wait_for_load_state()
    assert "40\u00a0000" in page.locator("#undistributed-row").inner_text()
    assert_accessible(page)
    page.get_by_role("link", name="Hagaskolan").last.click()
    page.wait_for_url(f"**/enheter/{haga.pk}/budget/?ar={YEAR}")
    assert "60\u00a0000" in page.locator("main table").inner_text()
    assert_accessible(page)

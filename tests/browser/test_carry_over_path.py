"""Issue 11 §7's year-end path: the KS controller computes the committees' carry-over proposals
from last year's frames and books, the council's chair records the council's decision with one
amount changed and its reason, and this year's frame page shows the carried line. axe on every
page visited."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from playwright.sync_api import expect

from styr.economy.models import CarryOver, CarryOverState
from styr.economy.services import frame_set
from tests.browser.conftest import assert_accessible
from tests.browser.test_budget_process_path import log_out
from tests.browser.test_walking_skeleton import log_in
from tests.conftest import YEAR, World
from tests.economy.carry_over_setup import LAST, year_end

pytestmark = pytest.mark.browser


def test_the_year_end_carry_over_goes_from_proposal_to_the_councils_decision(live_server: Any, live_world: World, page: Any) -> None:
    base = live_server.url
    year_end(live_world)
    school_board = live_world.unit("Utbildningsnämnden")
    frame_set(actor=live_world.users["ks_controller"], org_unit=school_board, year=YEAR, amount_tsek=Decimal("1500.0"))

    # 1. The KS controller computes the proposals
    log_in(page, base, "ks_controller")
    page.goto(f"{base}/resultatoverforing/?ar={LAST}")
    assert_accessible(page)
    page.get_by_role("button", name="Beräkna förslagen").click()
    row = page.locator(f"#carry-over-{school_board.pk}")
    expect(row).to_contain_text("42")
    expect(row).to_contain_text("Förslag, inför fullmäktiges beslut")
    assert_accessible(page)
    log_out(page)

    # 2. The council's chair records the council's decision, carrying 30 tkr with its reason
    log_in(page, base, "council_chair")
    page.goto(f"{base}/resultatoverforing/?ar={LAST}")
    assert_accessible(page)
    page.get_by_label("Beslutsdatum").fill(f"{YEAR}-04-20")
    page.get_by_label("Paragraf").fill("§ 31")
    page.get_by_label("Diarienummer").fill(f"KS {YEAR}/44")
    page.get_by_label("Beslutad resultatöverföring för Utbildningsnämnden (tkr)").fill("30")
    page.get_by_label("Skäl för Utbildningsnämnden").fill("Vakanser under hösten.")
    page.get_by_role("button", name="Registrera beslutet").click()
    expect(page.locator(f"#carry-over-{school_board.pk}")).to_contain_text("Beslutad av fullmäktige")
    assert_accessible(page)
    assert CarryOver.objects.get(org_unit=school_board).state == CarryOverState.DECIDED

    # 3. This year's frame shows the carried line
    page.goto(f"{base}/enheter/{school_board.pk}/driftram/?ar={YEAR}")
    expect(page.locator("#frame-carry-over")).to_contain_text("30")
    expect(page.locator("#frame-in-force")).to_contain_text("1530")
    assert_accessible(page)

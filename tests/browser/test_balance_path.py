"""Issue 11 §4 and §7: the balance requirement statement shows a deficit and its restoration. A
controller enters the year of the deficit in place (htmx), the following years are already there;
the council records a recovery plan; axe finds nothing serious and the page reflows at 320 px."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from styr.economy.services.balance import balance_statement_save
from tests.browser.conftest import assert_accessible
from tests.browser.test_walking_skeleton import log_in
from tests.conftest import World

pytestmark = pytest.mark.browser


def test_a_deficit_and_its_restoration_on_the_balance_page(live_server: Any, live_world: World, page: Any) -> None:
    controller = live_world.users["ks_controller"]
    balance_statement_save(actor=controller, group=live_world.group, year=2023, changes={"year_result_sek": Decimal(-3_000_000)})
    balance_statement_save(actor=controller, group=live_world.group, year=2024, changes={"year_result_sek": Decimal(1_000_000)})
    base = live_server.url
    log_in(page, base, "ks_controller")
    page.goto(f"{base}/balanskrav/")
    assert_accessible(page)
    # the controller enters 2025, which restores the rest of 2023's deficit, without leaving the page
    page.locator("#new-heading ~ details summary").click()
    page.locator("#id_new-year").fill("2025")
    page.locator("#id_new-year_result_sek").fill("2500000")
    for name in (
        "realisation_gains",
        "exception_gains",
        "exception_losses",
        "unrealised_securities",
        "unrealised_reversal",
        "reserve_provision",
        "reserve_use",
    ):
        page.locator(f"#id_new-{name}_sek").fill("0")
    page.locator("#new-heading ~ details button[type=submit]").click()
    page.locator("#year-2025").wait_for()
    ledger = page.locator("#ledger-caption").locator("xpath=..")
    assert "2024: 1\u00a0000\u00a0000" in ledger.inner_text() and "2025: 2\u00a0000\u00a0000" in ledger.inner_text()
    assert_accessible(page)
    log_in(page, base, "council_chair")
    page.goto(f"{base}/balanskrav/")
    page.locator("#ledger-heading ~ details summary").click()
    page.locator("#id_decide-text").fill("Åtgärdsplan: vakanser hålls.")
    page.locator("#id_decide-decided_on").fill("2024-04-22")
    page.locator("#id_decide-paragraph").fill("§ 40")
    page.locator("#id_decide-registration_number").fill("KF 2024/9")
    page.locator("#ledger-heading ~ details button[type=submit]").click()
    page.get_by_text("Åtgärdsplan: vakanser hålls.").first.wait_for()
    assert_accessible(page)

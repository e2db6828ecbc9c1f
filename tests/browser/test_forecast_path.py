"""Issue 9 §3's path: a controller opens the committee's monthly report, sees budget and actual
beside the goals, enters the full-year forecast with a comment and sees the deviation (colour and
text); KS's overview shows it. axe on every page visited."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest

from styr.economy.models import Forecast
from styr.economy.services import budget_set, frame_set
from tests.browser.conftest import assert_accessible
from tests.browser.test_walking_skeleton import log_in
from tests.conftest import YEAR, World
from tests.economy.test_economy_followup import monthly_period, municipal_books

pytestmark = pytest.mark.browser


def test_a_controller_enters_the_forecast_on_the_reporting_page(live_server: Any, live_world: World, page: Any) -> None:
    municipal_books(live_world)
    period = monthly_period(live_world)
    committee = live_world.unit("Utbildningsnämnden")
    frame_set(actor=None, org_unit=committee, year=YEAR, amount_tsek=Decimal(20))
    budget_set(actor=None, org_unit=live_world.unit("Hagaskolan"), year=YEAR, months=[Decimal(1500)] * 12)
    base = live_server.url

    log_in(page, base, "ks_controller")
    page.goto(f"{base}/enheter/{committee.pk}/rapportering/{period.pk}/")
    economy = page.get_by_role("region", name="Ekonomi")
    assert page.get_by_role("heading", name="Ekonomi").is_visible()
    table = economy.get_by_role("table", name=re.compile("Budget och utfall per månad"))
    assert table.get_by_role("row", name=re.compile(f"^{YEAR}-01 ")).inner_text().split("\t")[1:3] == ["1500", "1300"]
    assert "Ej bedömt" in page.locator("#economy-variance").inner_text()
    assert_accessible(page)

    page.evaluate("window.__stillHere = true")
    page.get_by_label("Helårsprognos, nettokostnad (kr)").fill("21 000")
    page.get_by_label("Kommentar till prognosen").fill("Fler elever i höst.")
    page.get_by_role("button", name="Spara prognosen").click()
    page.get_by_text("Prognosen har sparats.").wait_for()
    assert page.evaluate("window.__stillHere") is True  # saved in place, no page load
    variance = page.locator("#economy-variance").inner_text()
    assert "-1000 kr" in variance and "Ej uppfyllt" in variance  # the colour has its words
    forecast = Forecast.objects.get(report__org_unit=committee, report__period=period)
    assert forecast.amount_sek == Decimal(21000) and forecast.comment == "Fler elever i höst."
    assert_accessible(page)

    page.goto(f"{base}/oversikt/{YEAR}/")
    row = page.get_by_role("table", name=re.compile("^Ram som antagen")).get_by_role("row").filter(has_text="Utbildningsnämnden")
    assert "21\u00a0000" in row.inner_text() and "Ej uppfyllt" in row.inner_text()
    assert_accessible(page)

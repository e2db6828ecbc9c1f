"""The budget assumptions page (edited in place by KS's controllers, locked after adoption, MOB-002)
and the investment room page with its chart (issue 11 §6, §3)."""

from __future__ import annotations

from decimal import Decimal

from styr.core.models import AuditEvent
from styr.economy.models import BudgetAssumption
from tests.conftest import YEAR, World
from tests.economy.test_frames_decided import adopt_goals_and_budget
from tests.economy.test_long_term_budget import enter_year, set_frames
from tests.html_check import vnu_errors

URL = f"/budgetforutsattningar/{YEAR}/"


def form_data(given: dict[str, str] | None = None, year: int = YEAR) -> dict[str, str]:
    data = {"year": str(year), f"y{year}-tax_revenue-amount_tsek": "1100000", f"y{year}-tax_revenue-source": "SKR cirkulär 26:14"}
    data[f"y{year}-tax_revenue-source_date"] = f"{YEAR - 1}-04-24"
    return data | (given or {})


def test_a_controller_edits_the_assumptions_in_place_and_others_only_read(world: World) -> None:
    client = world.client("ks_controller")
    assert client.get("/budgetforutsattningar/").status_code == 302  # to this year's
    page = client.get(URL)
    assert page.status_code == 200 and f'id="assumptions-{YEAR}-form"' in page.content.decode()
    assert client.post(URL, form_data()).status_code == 302
    assert BudgetAssumption.objects.get(year=YEAR, key="tax_revenue").amount_tsek == Decimal("1100000")
    assert AuditEvent.objects.filter(action="budget_assumption.set").count() == 1
    refused = client.post(URL, form_data({f"y{YEAR}-depreciation-amount_tsek": "-5", f"y{YEAR}-depreciation-source": "KS"}))
    assert refused.status_code == 422 and "MOB-003" in refused.content.decode()
    auditor = world.client("auditor").get(URL).content.decode()
    assert "SKR cirkulär 26:14" in auditor and f'id="assumptions-{YEAR}-form"' not in auditor
    assert world.client("auditor").post(URL, form_data()).status_code == 403
    assert world.client("outsider").get(URL).status_code == 403


def test_the_page_shows_the_budgets_and_locks_an_adopted_year(world: World) -> None:
    set_frames(world)
    enter_year(world, YEAR)
    adopt_goals_and_budget(world)
    client = world.client("ks_controller")
    html = client.get(URL, HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert f'id="assumptions-{YEAR}-locked"' in html and f'id="assumptions-{YEAR}-form"' not in html
    assert f'id="assumptions-{YEAR + 1}-form"' in html
    assert 'id="result_budget-year_result"' in html and "Resultatbudget" in html and "Kassaflödesbudget" in html
    room = client.get(f"/investeringsutrymme/{YEAR}/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert not vnu_errors({"assumptions.html": html, "room.html": room})
    assert client.post(URL, form_data()).status_code == 409  # MOB-002 (the form is not offered: the answer says why)


def test_the_investment_room_page_draws_the_plan_against_the_room(world: World) -> None:
    set_frames(world)
    enter_year(world, YEAR)
    response = world.client("auditor").get(f"/investeringsutrymme/{YEAR}/", HTTP_ACCEPT_LANGUAGE="sv")
    html = response.content.decode()
    assert response.status_code == 200 and "<img" in html and "data:image/svg+xml" in html
    assert 'id="investment_room-borrowing_need"' in html and "88\xa0000" in html

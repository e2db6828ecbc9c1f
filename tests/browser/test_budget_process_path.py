"""Issue 10 §5's path through the budget process: a KS controller runs the resource allocation
model, copies it as a scenario, changes a price in place and compares the two, then uses the
scenario as the frame proposals; the council adopts its Mål och budget and with it the frames; a
politician on KS adjusts one frame during the year with §, date, registration number and reason;
and Utbildningsnämnden adopts its internal budget once the units' budgets sum to the frame
(ECON-012 refuses it before). axe on every page visited.

The frames are for this year (YEAR): KS adjusts a frame during its own year (FRAME-004), dated
TODAY, after the council adopted it the June before; Mål och budget for next year waits for the
council elected this autumn (PLAN-006)."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
from playwright.sync_api import expect

from styr.economy.models import AllocationDriver, AllocationModel, FrameAdjustment, InternalBudgetAdoption, OperatingFrame
from styr.economy.services import (
    allocation_adjustment_add,
    allocation_driver_add,
    allocation_fixed_amount_add,
    allocation_model_create,
    budget_set,
    population_series_store,
)
from styr.planning.models import Plan
from tests.browser.conftest import assert_accessible
from tests.browser.test_walking_skeleton import log_in
from tests.conftest import TODAY, YEAR, World

pytestmark = pytest.mark.browser

D = Decimal
NBSP = "\u00a0"


def kr(amount: int) -> str:
    """A whole amount as the pages write it: groups of three joined by a no-break space."""
    return f"{amount:,}".replace(",", NBSP)


def allocation_model(world: World) -> AllocationModel:
    """This year's model, through the services (as tests/economy/allocation_setup.py builds next
    year's): ten residents of every age in each of the three years; an index of 3 % wages and 2 %
    prices in the budget year.

    - Utbildningsnämnden: Grundskola 6–15 år, 100 pupils × 100 000 kr, wage share 70 % → ×1.027
      = 10 270 000 kr, and a political adjustment of +1 000 000 kr: 11 270 000 kr.
    - Omsorgsnämnden: Äldreomsorg 80+ år, 210 × 200 000 kr, wage share 80 % → 43 176 000 kr.
    - Kommunstyrelsen: a fixed 5 000 000 kr, wage share 50 % → 5 125 000 kr."""
    cells = [(y, "Alvesta", age, 10) for y in (YEAR, YEAR + 1, YEAR + 2) for age in range(101)]
    series = population_series_store(actor=None, group=world.group, name="Befolkning Alvesta", source="demo", cells=cells, region="0764")
    model = allocation_model_create(
        actor=None, group=world.group, budget_year=YEAR, name="Resursfördelning", population_series=series, wage_index_n=D(3), price_index_n=D(2)
    )
    school, care, board = (world.unit(n) for n in ("Utbildningsnämnden", "Omsorgsnämnden", "Kommunstyrelsen"))
    allocation_driver_add(
        actor=None, model=model, committee=school, name="Grundskola 6–15 år", age_from=6, age_to=15, price_sek=D(100000), wage_share_percent=D(70)
    )
    allocation_driver_add(
        actor=None, model=model, committee=care, name="Äldreomsorg 80+ år", age_from=80, age_to=100, price_sek=D(200000), wage_share_percent=D(80)
    )
    allocation_adjustment_add(actor=None, model=model, committee=school, year_offset=0, amount_sek=D(1000000), reason="Satsning på läsning")
    allocation_fixed_amount_add(actor=None, model=model, committee=board, reason="Politisk verksamhet", amount_sek=D(5000000), wage_share_percent=D(50))
    return model


def log_out(page: Any) -> None:
    page.locator("header form[action$='/konto/logga-ut/'] button").click()
    page.wait_for_load_state()


def row_cells(table: Any, name: str) -> list[str]:
    """The cells of the table's row headed by ``name`` (its header cell left out)."""
    row = table.get_by_role("row", name=re.compile(f"^{re.escape(name)}"))
    expect(row).to_have_count(1)
    return [c.strip() for c in row.get_by_role("cell").all_inner_texts()]


def test_the_budget_process_from_the_allocation_model_to_the_committees_internal_budget(live_server: Any, live_world: World, page: Any) -> None:
    base = live_server.url
    council, school_board, care, board = (live_world.unit(n) for n in ("Kommunfullmäktige", "Utbildningsnämnden", "Omsorgsnämnden", "Kommunstyrelsen"))
    model = allocation_model(live_world)

    # 1. The KS controller opens the population and the allocation model for the year.
    log_in(page, base, "ks_controller")
    page.goto(f"{base}/befolkning/")
    expect(page.get_by_role("link", name="Befolkning Alvesta")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Resursfördelning").click()
    page.wait_for_url(f"{base}/resursfordelning/")
    assert_accessible(page)
    page.get_by_role("main").get_by_role("link", name="Resursfördelning", exact=True).click()
    page.wait_for_url(f"{base}/resursfordelning/{model.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Resursfördelning")
    result = page.get_by_role("table", name=re.compile("^Tilldelning"))
    assert row_cells(result, "Utbildningsnämnden")[0] == kr(11_270_000)
    assert_accessible(page)
    # every step of a committee's allocation is there to follow
    page.locator(f"#committee-{school_board.pk} summary").click()
    steps = page.get_by_role("table", name="Stegen för Utbildningsnämnden")
    expect(steps).to_contain_text("Grundskola 6–15 år")
    expect(steps).to_contain_text("Satsning på läsning")
    assert_accessible(page)

    # ... copies it as a scenario on the page ...
    page.get_by_text("Kopiera som scenario").click()
    page.get_by_label("Scenariots namn").fill("Fler lärare")
    page.get_by_role("button", name="Skapa scenariot").click()
    scenario_url = re.compile(rf"{re.escape(base)}/resursfordelning/(?!{model.pk}/)\d+/$")
    page.wait_for_url(scenario_url)
    scenario = AllocationModel.objects.get(name="Fler lärare")
    assert scenario.based_on_id == model.pk and scenario.budget_year == YEAR
    expect(page.get_by_text("Scenariot Fler lärare skapades som en kopia av Resursfördelning.")).to_be_visible()
    assert_accessible(page)

    # ... and raises the price per pupil in place (htmx swaps the page's body, no reload).
    page.evaluate("window.__styrNoReload = 'kept'")
    driver = AllocationDriver.objects.get(model=scenario, name="Grundskola 6–15 år")
    page.locator(f"#driver-{driver.pk}").get_by_role("link", name=re.compile("Grundskola 6–15 år")).click()
    editing = page.get_by_role("form", name="Ändra resursfördelningsfaktorn")
    expect(editing).to_be_visible()
    assert_accessible(page)
    editing.get_by_label("Pris per invånare (kr)").fill("110000")
    with page.expect_response(lambda r: r.request.method == "POST") as response:
        editing.get_by_role("button", name="Spara").click()
    assert response.value.status == 200, response.value.text()
    expect(page.locator("#allocation-body").get_by_role("status")).to_have_text("Sparat.")
    expect(editing).to_have_count(0)
    driver.refresh_from_db()
    assert driver.price_sek == D(110000)
    # 110 000 × 1.027 × 100 + 1 000 000
    assert row_cells(page.get_by_role("table", name=re.compile("^Tilldelning")), "Utbildningsnämnden")[0] == kr(12_297_000)
    assert page.evaluate("window.__styrNoReload") == "kept", "a full page load happened"
    assert_accessible(page)

    # Compare the model and its scenario: the difference per committee, read from the table.
    page.get_by_role("link", name="Jämför med den").click()
    page.wait_for_url(f"{base}/resursfordelning/{model.pk}/jamfor/{scenario.pk}/")
    compared = page.get_by_role("table", name="Tilldelning per nämnd: Resursfördelning och Fler lärare (kr)")
    # per year: the model, the scenario, the difference and it in percent; the budget year first
    assert row_cells(compared, "Utbildningsnämnden")[:3] == [kr(11_270_000), kr(12_297_000), kr(1_027_000)]
    assert row_cells(compared, "Omsorgsnämnden")[:3] == [kr(43_176_000), kr(43_176_000), "0"]
    assert row_cells(compared, "Kommunstyrelsen")[:3] == [kr(5_125_000), kr(5_125_000), "0"]
    assert_accessible(page)

    # The scenario becomes the frame proposals for the council's Mål och budget.
    page.get_by_role("main").get_by_role("link", name="Fler lärare", exact=True).click()
    page.wait_for_url(f"{base}/resursfordelning/{scenario.pk}/")
    page.get_by_role("button", name="Använd som förslag till driftramar").click()
    expect(page.get_by_role("status")).to_contain_text(f"Tilldelningen för {YEAR} sattes som förslag till driftram för 3")
    assert_accessible(page)
    frames = {f.org_unit_id: f.amount_tsek for f in OperatingFrame.objects.filter(year=YEAR)}
    assert frames == {school_board.pk: D("12297.0"), care.pk: D("43176.0"), board.pk: D("5125.0")}
    page.goto(f"{base}/enheter/{school_board.pk}/driftram/?ar={YEAR}")
    expect(page.locator("#frame-proposal")).to_contain_text(kr(12_297))
    expect(page.get_by_role("heading", name="Bered ramförslaget")).to_be_visible()  # still a proposal: the controller may prepare it
    assert_accessible(page)

    # 2. The council adopts Mål och budget, and the frames with it: the controller creates the
    # council's plan and proposes it, the council's chair adopts it with its decision.
    page.goto(f"{base}/enheter/{council.pk}/plan/{YEAR}/?flik=beslut")
    expect(page.locator('#plan-panel[data-tab="beslut"]')).to_be_visible()
    assert_accessible(page)
    with page.expect_response(lambda r: r.request.method == "POST"):
        page.locator("#plan-create").click()
    expect(page.locator("#plan-propose")).to_be_visible()
    with page.expect_response(lambda r: r.request.method == "POST"):
        page.locator("#plan-propose").click()
    expect(page.locator("#plan-withdraw")).to_be_visible()
    plan = Plan.objects.get(org_unit=council, year=YEAR)
    assert plan.kind == "goals_and_budget" and plan.state == "proposed"
    assert_accessible(page)
    log_out(page)

    log_in(page, base, "council_chair")
    page.goto(f"{base}/enheter/{council.pk}/plan/{YEAR}/?flik=beslut")
    expect(page.locator('#plan-panel[data-tab="beslut"]')).to_be_visible()
    assert_accessible(page)
    page.locator(f"#adopt-{plan.pk}-decided_on").fill(f"{YEAR - 1}-06-16")
    page.locator(f"#adopt-{plan.pk}-paragraph").fill("§ 62")
    page.locator(f"#adopt-{plan.pk}-registration_number").fill(f"KS {YEAR - 1}/71")
    with page.expect_response(lambda r: r.request.method == "POST") as response:
        page.locator(f"#adopt-{plan.pk}-submit").click()
    assert response.value.status == 200, response.value.text()
    expect(page.locator(f"#plan-{plan.pk} .decision")).to_contain_text("§ 62")
    plan.refresh_from_db()
    assert plan.state == "adopted" and plan.snapshot is not None
    assert {f["title"]: f["amount_tsek"] for f in plan.snapshot["sections"]["frames"]}.get("Utbildningsnämnden") == "12297.0"
    assert_accessible(page)
    # the plan's economy tab shows the frames as adopted
    page.locator("#tab-ekonomi").click()
    expect(page.locator('#plan-panel[data-tab="ekonomi"]')).to_be_visible()
    expect(page.locator("#frames-stage")).to_contain_text("antagna")
    assert row_cells(page.locator("#council-frames"), "Utbildningsnämnden")[0] == kr(12_297)
    assert_accessible(page)
    log_out(page)

    # 3. During the year KS adjusts Utbildningsnämnden's frame by a decision of its own.
    log_in(page, base, "ks_politician")
    page.goto(f"{base}/enheter/{school_board.pk}/driftram/?ar={YEAR}")
    expect(page.locator("#frame-adopted")).to_contain_text(kr(12_297))
    assert page.get_by_role("heading", name="Bered ramförslaget").count() == 0  # adopted: no more proposals
    assert_accessible(page)
    adjust = page.get_by_role("form", name="Registrera kommunstyrelsens justering")
    adjust.get_by_label("Beslutsdatum").fill(TODAY.isoformat())
    adjust.get_by_label("Paragraf").fill("§ 31")
    adjust.get_by_label("Diarienummer").fill(f"KS {YEAR}/44")
    adjust.get_by_label("Ändring av driftramen (tkr)").fill("500")
    adjust.get_by_label("Skäl").fill("Fler elever i grundskolan än modellen räknade med.")
    adjust.get_by_role("button", name="Registrera justeringen").click()
    expect(page.get_by_text("Kommunstyrelsens justering registrerades.")).to_be_visible()
    # the history: the frame as adopted, KS's adjustment and the frame as it stands now
    assert row_cells(page.locator("#frame-table"), "Som fullmäktige antog den")[0] == kr(12_297)
    expect(page.locator("#frame-now")).to_contain_text(kr(12_797))
    adjustment = FrameAdjustment.objects.get()
    row = page.locator(f"#adjustment-{adjustment.pk}")
    for text in (TODAY.isoformat(), "§ 31", f"KS {YEAR}/44", "Fler elever i grundskolan", "500", kr(12_797)):
        expect(row).to_contain_text(text)
    assert_accessible(page)
    # KS's overview shows the frame as adopted, its adjustment and as it stands now
    page.goto(f"{base}/oversikt/{YEAR}/")
    economy = page.locator("section", has=page.locator("#overview-economy-heading"))
    expect(economy).to_contain_text(kr(12_797_000))
    expect(economy.get_by_role("link", name=re.compile("1 beslut"))).to_be_visible()
    assert_accessible(page)
    log_out(page)

    # 4. Utbildningsnämnden adopts its internal budget: refused while the units' budgets do not
    # sum to the frame (ECON-012), adopted once they do.
    school = live_world.unit("Hagaskolan")
    budget_set(actor=None, org_unit=school, year=YEAR, months=[D(1_000_000)] * 12)
    budget_set(actor=None, org_unit=school_board, year=YEAR, months=[D(60_000)] * 12)  # 12 720 000 kr against 12 797 000
    log_in(page, base, "committee_politician")
    internal = f"{base}/enheter/{school_board.pk}/internbudget/?ar={YEAR}"
    page.goto(internal)
    expect(page.locator("#frame-check")).to_contain_text("ECON-012")
    expect(page.locator("#undistributed")).to_contain_text(kr(77_000))
    assert_accessible(page)

    def adopt() -> Any:
        form = page.get_by_role("form", name="Anta internbudgeten")
        form.get_by_label("Beslutsdatum").fill(TODAY.isoformat())
        form.get_by_label("Paragraf").fill("§ 112")
        form.get_by_label("Diarienummer").fill(f"UN {YEAR}/58")
        with page.expect_response(lambda r: r.request.method == "POST") as response:
            form.get_by_role("button", name="Besluta").click()
        page.wait_for_load_state()
        return response.value

    refused = adopt()
    assert refused.status == 422
    expect(page.locator("#adopt-errors")).to_be_visible()
    expect(page.locator("#adopt-errors")).to_contain_text("ECON-012")
    expect(page.locator("#adopt-errors")).to_contain_text(kr(77_000))
    assert not InternalBudgetAdoption.objects.exists()
    assert_accessible(page)

    budget_set(actor=None, org_unit=school_board, year=YEAR, months=[D(60_000)] * 11 + [D(137_000)])  # now 12 797 000
    page.goto(internal)
    expect(page.locator("#frame-check")).not_to_contain_text("ECON-012")
    assert adopt().status == 302
    page.wait_for_url(internal)
    state = page.locator("#adoption-state")
    expect(state).to_contain_text("Beslutad")
    expect(state).to_contain_text("§ 112")
    expect(state).to_contain_text(f"UN {YEAR}/58")
    adoption = InternalBudgetAdoption.objects.get()
    assert (adoption.committee_id, adoption.year, adoption.total_sek, adoption.frame_tsek) == (school_board.pk, YEAR, D(12_797_000), D("12797.0"))
    assert page.get_by_role("form", name="Anta internbudgeten").count() == 0
    assert_accessible(page)

    # The committee's plan shows its frame, KS's adjustment and the internal budget.
    page.goto(f"{base}/enheter/{school_board.pk}/plan/{YEAR}/?flik=ekonomi")
    expect(page.locator("#plan-frame")).to_contain_text(kr(12_797))
    expect(page.locator("#plan-adjustments")).to_contain_text("§ 31")
    expect(page.locator("#plan-internal-budget")).to_contain_text(kr(12_000_000))
    assert_accessible(page)

"""Issue 11 §7's path through the money over the years, as its users walk it: a KS controller enters
the budget assumptions of Mål och budget in place and reads the result budget's arithmetic, adds an
investment project for the budget year and the two plan years and sees it against the investment
room; the council adopts Mål och budget with its frames and investments, and the adopted PDF holds
the result budget and the investment plan; at year end the controller computes the carry-over
proposals and the council decides them, one with another amount and its reason, and the decided
amount is its own line in the committee's frame; the balance requirement's chain shows last year's
deficit and its restoration with the deficit ledger; and KS's annual report shows the
municipality's statements and the group's, with the eliminations. axe on every page visited.

Mål och budget is for this year (YEAR), adopted the June before (YEAR is an election year: next
year's waits for the new council, PLAN-006). Hand-checked figures (tkr):

- frames YEAR 1 500 + 600 = 2 100; depreciation 130 → net cost −2 230; tax revenue 2 950 and general
  grants 420 → 1 140; financial costs 40 → the year's result 1 100.
- the investment room YEAR: 1 100 + 130 = 1 230 against 1 500 invested: 270 to borrow.
- carry-over (tests/economy/carry_over_setup.py): Utbildningsnämnden's proposal 42, decided 30 →
  in force 1 530.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from styr.domain.numbers import sv_number as sv
from styr.economy.models import CarryOver, CarryOverState, InvestmentAmount, InvestmentProject
from styr.economy.services import budget_assumption_set, frame_set
from styr.economy.services.balance import balance_statement_save
from styr.followup import services as followup
from styr.followup.models import ReportingPeriod
from styr.planning.models import Plan
from tests.browser.conftest import assert_accessible
from tests.browser.test_budget_process_path import log_out
from tests.browser.test_walking_skeleton import log_in
from tests.conftest import YEAR, World
from tests.documents.test_plan_documents import pdf_text
from tests.economy.carry_over_setup import LAST, year_end
from tests.economy.group_books import load_group_books
from tests.economy.test_group_statements import set_up_group

pytestmark = pytest.mark.browser

D = Decimal
PROJECT = "Ny förskola i Alvesta"


def set_up(world: World, folder: Path) -> ReportingPeriod:
    """Last year's frames, decision and books (the carry-over's world); this year's frames; the plan
    years' assumptions; the balance requirement's past years; the group's books of this year."""
    controller = world.users["ks_controller"]
    year_end(world)
    frame_set(actor=controller, org_unit=world.unit("Utbildningsnämnden"), year=YEAR, amount_tsek=D("1500.0"))
    frame_set(actor=controller, org_unit=world.unit("Omsorgsnämnden"), year=YEAR, amount_tsek=D("600.0"))
    for year in (YEAR + 1, YEAR + 2):
        for key, amount in {"tax_revenue": "2950", "general_grants": "420", "depreciation": "130", "financial_costs": "40"}.items():
            budget_assumption_set(actor=controller, group=world.group, year=year, key=key, amount_tsek=D(amount), source="SKR cirkulär 25:30")
    # the balance requirement before Styr held the books: a deficit the year before last, restored last year
    balance_statement_save(actor=controller, group=world.group, year=LAST - 1, changes={"year_result_sek": D(-1_000_000)})
    balance_statement_save(actor=controller, group=world.group, year=LAST, changes={"year_result_sek": D(1_500_000)})
    load_group_books(world, folder)
    set_up_group(world)
    calendar = followup.calendar_create(actor=None, group=world.group, year=YEAR)
    return ReportingPeriod.objects.get(calendar=calendar, kind="annual_report", org_unit__isnull=True)


def cell(page: Any, row_id: str, column: int) -> str:
    """The text of a row's ``column``-th amount cell (0: the first after the row's header)."""
    return str(page.locator(f"#{row_id} td").nth(column).inner_text()).strip()


def test_the_council_steers_the_money_over_the_years(live_server: Any, live_world: World, page: Any, tmp_path: Path) -> None:
    base = live_server.url
    period = set_up(live_world, tmp_path)
    council, school_board, ks = (live_world.unit(n) for n in ("Kommunfullmäktige", "Utbildningsnämnden", "Kommunstyrelsen"))

    # 1. The KS controller enters the budget assumptions of the budget year in place ...
    log_in(page, base, "ks_controller")
    page.goto(f"{base}/budgetforutsattningar/{YEAR}/")
    assert_accessible(page)
    form = page.locator(f"#assumptions-{YEAR}-form")
    for key, amount in {"tax_revenue": "2950", "general_grants": "420", "depreciation": "130", "financial_costs": "40"}.items():
        form.locator(f"[name='y{YEAR}-{key}-amount_tsek']").fill(amount)
        form.locator(f"[name='y{YEAR}-{key}-source']").fill("SKR cirkulär 25:30")
    form.get_by_role("button").click()
    page.wait_for_url(f"{base}/budgetforutsattningar/{YEAR}/")
    expect(page.get_by_text(f"4 rader för {YEAR} sparades.")).to_be_visible()
    # ... and reads the result budget's arithmetic: last year's outcome, then the budget year
    expect(page.locator("#result_budget-table thead")).to_contain_text(f"Budget {YEAR}")
    assert cell(page, "result_budget-net_cost", 1) == sv(-2230)
    assert cell(page, "result_budget-tax_revenue", 1) == sv(2950)
    assert cell(page, "result_budget-year_result", 1) == sv(1100)
    assert_accessible(page)

    # She adds an investment project on the plan page, then its amounts for the three years in place.
    page.goto(f"{base}/investeringar/{YEAR}/")
    assert_accessible(page)
    create = page.get_by_role("form", name="Lägg till ett investeringsprojekt")
    create.locator("[name=committee]").select_option(label="Utbildningsnämnden")
    create.locator("[name=name]").fill(PROJECT)
    create.locator("[name=category]").select_option(value="expansion")
    create.locator("[name=status]").select_option(value="planned")
    create.locator("[name=start_year]").fill(str(YEAR))
    create.locator("[name=end_year]").fill(str(YEAR + 2))
    create.get_by_role("button").click()
    project = InvestmentProject.objects.get(name=PROJECT)
    row = page.locator(f"#project-{project.pk}")
    expect(row).to_be_visible()
    for offset, amount in enumerate(("1500", "800", "300")):
        row.locator(f"[name='y{YEAR + offset}-amount_tsek']").fill(amount)
    row.get_by_role("button").click()
    expect(page.locator("#plan-totals")).to_contain_text(sv(2600))
    assert [a.amount_tsek for a in InvestmentAmount.objects.filter(project=project, plan_year=YEAR).order_by("year")] == [D(1500), D(800), D(300)]
    assert_accessible(page)
    # ... and against the investment room: 1 100 + 130 = 1 230 against 1 500, 270 to borrow
    page.goto(f"{base}/investeringsutrymme/{YEAR}/")
    expect(page.locator("figure img")).to_be_visible()
    assert cell(page, "investment_room-borrowing_need", 0) == sv(270)
    assert_accessible(page)

    # 2. The council adopts Mål och budget: the controller creates and proposes the council's plan ...
    page.goto(f"{base}/enheter/{council.pk}/plan/{YEAR}/?flik=beslut")
    assert_accessible(page)
    with page.expect_response(lambda r: r.request.method == "POST"):
        page.locator("#plan-create").click()
    with page.expect_response(lambda r: r.request.method == "POST"):
        page.locator("#plan-propose").click()
    expect(page.locator("#plan-withdraw")).to_be_visible()
    assert_accessible(page)
    log_out(page)
    # ... and the council's chair records the council's decision.
    log_in(page, base, "council_chair")
    page.goto(f"{base}/enheter/{council.pk}/plan/{YEAR}/?flik=beslut")
    plan = Plan.objects.get(org_unit=council, year=YEAR)
    assert_accessible(page)
    page.locator(f"#adopt-{plan.pk}-decided_on").fill(f"{YEAR - 1}-06-16")
    page.locator(f"#adopt-{plan.pk}-paragraph").fill("§ 62")
    page.locator(f"#adopt-{plan.pk}-registration_number").fill(f"KS {YEAR - 1}/71")
    with page.expect_response(lambda r: r.request.method == "POST") as response:
        page.locator(f"#adopt-{plan.pk}-submit").click()
    assert response.value.status == 200, response.value.text()
    expect(page.locator(f"#plan-{plan.pk} .decision")).to_contain_text("§ 62")
    assert_accessible(page)
    # The adopted document holds the result budget and the investment plan, frames and investments.
    link = page.locator(f"#plan-{plan.pk}").get_by_role("link", name=re.compile("^PDF"))
    document = page.request.get(base + str(link.get_attribute("href")))
    assert document.ok and document.headers["content-type"] == "application/pdf"
    text = pdf_text(document.body())
    for expected in (
        f"Resultatbudget tkr Utfall {LAST} Budget {YEAR} Plan {YEAR + 1} Plan {YEAR + 2}",
        "Verksamhetens nettokostnad -2000,1 -2230",  # last year's outcome from the books beside it
        f"Skatteintäkter 0 2950 2950 2950 {YEAR}: SKR cirkulär 25:30",
        "Årets resultat -2000,1 1100",
        "Utbildningsnämnden 1500 1500",  # its operating frame and its investment frame, the plan's
        f"Investeringsplan tkr {YEAR} {YEAR + 1} {YEAR + 2} Utbildningsnämnden 1500 800 300",
        f"{PROJECT} Expansion 1500 800 300 2600",  # the plan's projects per committee
        "Lånebehov 270",
    ):
        assert expected in text, expected
    log_out(page)

    # 3. Year end: the controller computes the carry-over proposals from last year's frames and books ...
    log_in(page, base, "ks_controller")
    page.goto(f"{base}/resultatoverforing/?ar={LAST}")
    assert_accessible(page)
    page.get_by_role("button", name="Beräkna förslagen").click()
    expect(page.locator(f"#carry-over-{school_board.pk}")).to_contain_text("Förslag, inför fullmäktiges beslut")
    expect(page.locator(f"#carry-over-{school_board.pk}")).to_contain_text("42")
    assert_accessible(page)
    log_out(page)
    # ... and the council decides them, carrying 30 tkr instead of 42 with its reason.
    log_in(page, base, "council_chair")
    page.goto(f"{base}/resultatoverforing/?ar={LAST}")
    assert_accessible(page)
    page.get_by_label("Beslutsdatum").fill(f"{YEAR}-04-20")
    page.get_by_label("Paragraf").fill("§ 31")
    page.get_by_label("Diarienummer").fill(f"KF {YEAR}/44")
    page.get_by_label("Beslutad resultatöverföring för Utbildningsnämnden (tkr)").fill("30")
    page.get_by_label("Skäl för Utbildningsnämnden").fill("Vakanser under hösten.")
    page.get_by_role("button", name="Registrera beslutet").click()
    expect(page.locator(f"#carry-over-{school_board.pk}")).to_contain_text("Beslutad av fullmäktige")
    assert_accessible(page)
    decided = CarryOver.objects.get(org_unit=school_board, year=LAST)
    assert (decided.state, decided.decided_tsek) == (CarryOverState.DECIDED, D("30.00"))
    # The decided amount is its own line in the committee's frame for this year, beside the adopted frame.
    page.goto(f"{base}/enheter/{school_board.pk}/driftram/?ar={YEAR}")
    expect(page.locator("#frame-adopted")).to_contain_text(sv(1500))
    expect(page.locator("#frame-carry-over")).to_contain_text("30")
    expect(page.locator("#frame-in-force")).to_contain_text(sv(1530))
    assert_accessible(page)
    log_out(page)

    # 4. The balance requirement: the year before last's deficit, restored last year, in the ledger.
    log_in(page, base, "ks_controller")
    page.goto(f"{base}/balanskrav/")
    expect(page.locator(f"#year-{LAST - 1}")).to_be_visible()
    ledger = page.locator("#ledger-caption").locator("xpath=..")
    deficit = ledger.get_by_role("row", name=re.compile(f"^{LAST - 1}"))
    expect(deficit).to_contain_text(sv(1_000_000))
    expect(deficit).to_contain_text(f"{LAST}: {sv(1_000_000)}")
    statement = page.locator(f"#statement-{LAST}").locator("xpath=..")
    expect(statement).to_contain_text(sv(1_500_000))
    assert_accessible(page)

    # 5. KS's annual report shows the municipality's statements and the group's ...
    page.goto(f"{base}/enheter/{ks.pk}/rapportering/{period.pk}/")
    statements = page.locator("#statements")
    for table in ("#statement-result", "#statement-balance", "#statement-cash-flow", "#statement-group"):
        expect(statements.locator(table)).to_be_visible()
    expect(statements.locator("#statement-cash-flow")).to_contain_text("Årets kassaflöde")
    expect(statements.locator("#statement-group")).to_contain_text("194")  # 140 + 60 % of 90
    assert_accessible(page)
    # ... and, a link away, the group's statements with the eliminations column.
    statements.get_by_role("link", name=f"Koncernens räkenskaper {YEAR}").click()
    page.wait_for_url(f"{base}/koncernen/{YEAR}/")
    result = page.locator("#group-result")
    expect(result.locator("thead")).to_contain_text("Elimineringar")
    expect(result).to_contain_text(sv(-120_000))  # the internal sales out
    expect(result).to_contain_text(sv(194_000))
    assert_accessible(page)

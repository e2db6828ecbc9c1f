"""Budget assumptions and the result, balance and cash-flow budgets of Mål och budget (issue 11 §6):
entered by KS's controllers before the council adopts (MOB-002 after), audited, and read into the
result budget with the frames, the allocation model and last year's outcome."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from styr.core.errors import NotAllowed
from styr.core.models import AuditEvent
from styr.domain.errors import RuleViolation
from styr.economy.models import BudgetAssumption
from styr.economy.selectors.investment_room import investment_room_of
from styr.economy.selectors.long_term import CARRIED, FRAMES, expected_cash_flow, result_budget
from styr.economy.services import budget_assumption_set, frame_set, investment_amount_set, investment_project_create
from tests.conftest import YEAR, World
from tests.economy.test_frames_decided import adopt_goals_and_budget

D = Decimal
SKR = "SKR cirkulär 26:14, skatteunderlagsprognos"

#: what the controller enters for each year (tkr)
FIGURES = {"tax_revenue": D("1100000"), "general_grants": D("450000"), "depreciation": D("60000"), "financial_costs": D("18000")}


def enter_year(world: World, year: int, **changes: Decimal) -> None:
    for key, amount in (FIGURES | changes).items():
        budget_assumption_set(
            actor=world.users["ks_controller"], group=world.group, year=year, key=key, amount_tsek=amount, source=SKR, source_date=date(YEAR - 1, 4, 24)
        )


def plan_investment(world: World, committee: str, year: int, amount_tsek: Decimal, plan_year: int = YEAR) -> None:
    project = investment_project_create(
        actor=None, committee=world.unit(committee), name=f"Projekt {committee} {year}", category="expansion", start_year=year, end_year=year
    )
    investment_amount_set(actor=None, project=project, plan_year=plan_year, year=year, amount_tsek=amount_tsek)


def set_frames(world: World) -> None:
    """The committees' frames for the year, and 120 000 tkr in the investment plan."""
    controller = world.users["ks_controller"]
    frame_set(actor=controller, org_unit=world.unit("Utbildningsnämnden"), year=YEAR, amount_tsek=D("900000"))
    frame_set(actor=controller, org_unit=world.unit("Omsorgsnämnden"), year=YEAR, amount_tsek=D("600000"))
    plan_investment(world, "Utbildningsnämnden", YEAR, D("100000"))
    plan_investment(world, "Omsorgsnämnden", YEAR, D("20000"))


def test_the_controller_enters_an_assumption_in_place_and_it_is_audited(world: World) -> None:
    enter_year(world, YEAR)
    budget_assumption_set(actor=world.users["ks_controller"], group=world.group, year=YEAR, key="tax_revenue", amount_tsek=D("1102500"), source="SKR 26:20")
    stored = BudgetAssumption.objects.get(group=world.group, year=YEAR, key="tax_revenue")
    assert (stored.amount_tsek, stored.source, stored.source_date) == (D("1102500"), "SKR 26:20", None)
    event = AuditEvent.objects.filter(action="budget_assumption.set").order_by("-pk").first()
    assert event is not None and event.before["amount_tsek"] == "1100000.0" and event.after["amount_tsek"] == "1102500.0"
    assert event.org_unit_id == world.unit("Kommunstyrelsen").pk


@pytest.mark.parametrize("persona", ["committee_politician", "auditor", "outsider", "council_chair"])
def test_only_ks_controllers_enter_assumptions(world: World, persona: str) -> None:
    with pytest.raises(NotAllowed):
        budget_assumption_set(actor=world.users[persona], group=world.group, year=YEAR, key="tax_revenue", amount_tsek=D(1), source=SKR)
    assert not BudgetAssumption.objects.exists()


def test_mob_002_the_assumptions_are_locked_once_the_council_adopts_goals_and_budget(world: World) -> None:
    enter_year(world, YEAR)
    adopt_goals_and_budget(world)
    with pytest.raises(RuleViolation) as caught:
        budget_assumption_set(actor=world.users["ks_controller"], group=world.group, year=YEAR, key="tax_revenue", amount_tsek=D(1), source=SKR)
    assert caught.value.code == "MOB-002"
    assert BudgetAssumption.objects.get(year=YEAR, key="tax_revenue").amount_tsek == D("1100000")
    # the plan years are the ground of next year's Mål och budget: still open
    enter_year(world, YEAR + 1, tax_revenue=D("1130000"))


def test_the_result_budget_adds_frames_and_assumptions_and_carries_the_frames_forward(world: World) -> None:
    set_frames(world)
    enter_year(world, YEAR)
    enter_year(world, YEAR + 1, tax_revenue=D("1140000"))
    budget = result_budget(world.group, YEAR)
    # −(900 000 + 600 000) − 60 000 + 1 100 000 + 450 000 − 18 000 = −128 000
    assert budget.line("frames").amounts[YEAR] == D("-1500000")
    assert budget.line("net_cost").amounts[YEAR] == D("-1560000")
    assert budget.line("year_result").amounts[YEAR] == D("-28000")
    assert budget.line("year_result").amounts[YEAR + 1] == D("12000")
    assert budget.line("tax_revenue").sources[YEAR] == f"{SKR} ({YEAR - 1}-04-24)"
    assert budget.frames_basis == {YEAR: FRAMES, YEAR + 1: CARRIED, YEAR + 2: CARRIED}
    # MOB-001: N+2 has no assumptions: its figures are not known and it gives no cash flow
    assert budget.missing[YEAR + 2] == ["depreciation", "tax_revenue", "general_grants"]
    assert budget.line("year_result").amounts[YEAR + 2] is None
    assert budget.line("year_result").amounts[YEAR - 1] is None  # no ledger
    assert expected_cash_flow(world.group, YEAR) == {YEAR: (D("-28000"), D("60000")), YEAR + 1: (D("12000"), D("60000"))}


def test_the_investment_room_sets_the_investment_plan_against_the_cash_flow(world: World) -> None:
    set_frames(world)
    enter_year(world, YEAR)
    room = investment_room_of(world.group, YEAR)
    first = room.years[0]
    # cash flow −28 000 + 60 000 = 32 000; investments 120 000: borrowing 88 000, no population series
    assert (first.cash_flow_tsek, first.investments_tsek, first.borrowing_need_tsek, first.new_residents) == (D("32000"), D("120000"), D("88000"), None)
    assert first.room_tsek == D("32000") and first.self_financing_percent == D("26.7")
    assert room.per_new_resident_tsek == D("250") and room.missing_years == [YEAR + 1, YEAR + 2]

"""The rolling three-year investment plan (issue 11 §3): projects, amounts, the lock and the roll (INV-001…INV-007)."""

from __future__ import annotations

from decimal import Decimal

from styr.economy.models import InvestmentProject
from styr.economy.selectors.investments import investment_totals
from styr.economy.services.investments import investment_amount_set, investment_project_create
from tests.conftest import YEAR, World

D = Decimal


def school(world: World, **extra: object) -> InvestmentProject:
    fields: dict[str, object] = {
        "committee": world.unit("Utbildningsnämnden"),
        "name": "Tillbyggnad Hagaskolan",
        "category": InvestmentProject.Category.EXPANSION,
        "start_year": YEAR,
        "end_year": YEAR + 2,
        "code": "P100",
        "total_tsek": D("30000"),
    }
    fields.update(extra)
    return investment_project_create(actor=world.users["ks_controller"], **fields)  # type: ignore[arg-type]


def plan(world: World, project: InvestmentProject, amounts: dict[int, str], *, plan_year: int = YEAR) -> None:
    for year, amount in amounts.items():
        investment_amount_set(actor=world.users["ks_controller"], project=project, plan_year=plan_year, year=year, amount_tsek=D(amount))


def test_investment_totals_sum_the_plan_of_the_year_per_year_and_skip_cancelled_projects(world: World) -> None:
    assert investment_totals(world.group, YEAR) == {YEAR: 0, YEAR + 1: 0, YEAR + 2: 0}
    plan(world, school(world), {YEAR: "10000", YEAR + 1: "15000.5"})
    streets = school(world, name="Gator", code="P200", category="reinvestment", committee=world.unit("Kommunstyrelsen"))
    plan(world, streets, {YEAR: "2000", YEAR + 2: "2500"})
    cancelled = school(world, name="Simhall", code="P300", status="cancelled")
    plan(world, cancelled, {YEAR: "99000"})
    totals = investment_totals(world.group, YEAR)
    assert totals == {YEAR: D("12000.0"), YEAR + 1: D("15000.5"), YEAR + 2: D("2500.0")}
    assert list(totals) == [YEAR, YEAR + 1, YEAR + 2]
    assert investment_totals(world.group, YEAR + 1) == {YEAR + 1: 0, YEAR + 2: 0, YEAR + 3: 0}

"""The rolling three-year investment plan (issue 11 §3): projects, amounts, the lock and the roll (INV-001…INV-007)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.http import Http404

from styr.core.errors import NotAllowed
from styr.core.models import AuditEvent
from styr.domain.errors import RuleViolation
from styr.economy.models import InvestmentAmount, InvestmentProject
from styr.economy.selectors.investments import investment_totals
from styr.economy.services.investments import investment_amount_set, investment_plan_roll, investment_project_create, investment_project_update
from tests.conftest import YEAR, World
from tests.economy.test_frames_decided import adopt_goals_and_budget

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


def test_a_controller_plans_a_project_and_each_write_is_audited(world: World) -> None:
    project = school(world)
    investment_amount_set(
        actor=world.users["administration_official"],
        project=project,
        plan_year=YEAR,
        year=YEAR + 1,
        amount_tsek=D("12000"),
        capital_cost_tsek=D("450"),
        running_cost_tsek=D("300"),
    )
    stored = InvestmentAmount.objects.get(project=project)
    assert (stored.amount_tsek, stored.capital_cost_tsek, stored.running_cost_tsek) == (D("12000.0"), D("450.0"), D("300.0"))
    assert AuditEvent.objects.filter(action="investment_project.created", object_id=str(project.pk)).exists()
    event = AuditEvent.objects.get(action="investment_amount.set")
    assert event.before is None and event.after["amount_tsek"] == "12000.0" and event.after["year"] == YEAR + 1
    investment_project_update(actor=world.users["ks_controller"], project=project, status="ongoing")
    assert InvestmentProject.objects.get(pk=project.pk).status == "ongoing"


@pytest.mark.parametrize("persona", ["outsider", "auditor", "committee_politician", "other_committee_politician"])
def test_only_controllers_and_the_committees_officials_prepare_the_plan(world: World, persona: str) -> None:
    project = school(world)
    with pytest.raises((NotAllowed, Http404)):
        investment_amount_set(actor=world.users[persona], project=project, plan_year=YEAR, year=YEAR, amount_tsek=D(1))
    with pytest.raises((NotAllowed, Http404)):
        investment_project_create(
            actor=world.users[persona], committee=world.unit("Utbildningsnämnden"), name="X", category="expansion", start_year=YEAR, end_year=YEAR
        )
    assert not InvestmentAmount.objects.exists() and InvestmentProject.objects.count() == 1


@pytest.mark.parametrize(
    ("rule", "call"),
    [
        ("INV-001", lambda w, p: investment_amount_set(actor=None, project=p, plan_year=YEAR + 1, year=YEAR + 3, amount_tsek=D(1))),
        ("INV-002", lambda w, p: investment_amount_set(actor=None, project=p, plan_year=YEAR, year=YEAR, amount_tsek=D("-5"))),
        ("INV-002", lambda w, p: investment_amount_set(actor=None, project=p, plan_year=YEAR, year=YEAR, amount_tsek=D("1.25"))),
        ("INV-004", lambda w, p: school(w, code="P2", committee=w.unit("Utbildningsförvaltningen"))),
        ("INV-005", lambda w, p: school(w, name="Annan", code="P100")),
        ("INV-006", lambda w, p: investment_amount_set(actor=None, project=p, plan_year=YEAR, year=YEAR + 3, amount_tsek=D(1))),
        ("INV-007", lambda w, p: investment_project_update(actor=None, project=p, end_year=YEAR - 1)),
    ],
)
def test_the_plans_rules_refuse_and_nothing_is_written(world: World, rule: str, call: object) -> None:
    """INV-001 amounts outside the project's years, INV-002 negative or finer than 0.1 tkr, INV-004 not a committee,
    INV-005 a project code taken, INV-006 a year outside the plan's three, INV-007 an end before the start."""
    project = school(world)
    with pytest.raises(RuleViolation) as refused:
        call(world, project)  # type: ignore[operator]
    assert refused.value.code == rule
    assert not InvestmentAmount.objects.exists() and InvestmentProject.objects.count() == 1
    assert InvestmentProject.objects.get().end_year == YEAR + 2


def test_inv_003_the_plan_is_locked_once_goals_and_budget_is_adopted(world: World) -> None:
    project = school(world)
    plan(world, project, {YEAR: "10000"})
    adopt_goals_and_budget(world)
    with pytest.raises(RuleViolation) as refused:
        plan(world, project, {YEAR: "11000"})
    assert refused.value.code == "INV-003"
    assert InvestmentAmount.objects.get().amount_tsek == D("10000.0")
    # next year's plan is still prepared
    plan(world, project, {YEAR + 1: "5000"}, plan_year=YEAR + 1)


def test_the_plan_rolls_forward_dropping_the_year_and_adding_the_remaining_amount(world: World) -> None:
    """N drops out, N+1 and N+2 keep their amounts, N+3 gets the total less what was planned; finished projects stay behind."""
    long = school(world, end_year=YEAR + 4, total_tsek=D("50000"))
    plan(world, long, {YEAR: "10000", YEAR + 1: "15000", YEAR + 2: "12000"})
    short = school(world, name="Gator 2026", code="P200", category="reinvestment", end_year=YEAR + 2, total_tsek=None)
    plan(world, short, {YEAR: "3000", YEAR + 2: "1000"})
    done = school(world, name="Förskola", code="P300", status="finished")
    plan(world, done, {YEAR: "7000"})
    written = investment_plan_roll(actor=world.users["ks_controller"], group=world.group, from_year=YEAR)
    rolled = {(a.project_id, a.year): a.amount_tsek for a in InvestmentAmount.objects.filter(plan_year=YEAR + 1)}
    assert rolled == {
        (long.pk, YEAR + 1): D("15000.0"),
        (long.pk, YEAR + 2): D("12000.0"),
        (long.pk, YEAR + 3): D("13000.0"),
        (short.pk, YEAR + 2): D("1000.0"),
    }
    assert len(written) == len(rolled)
    assert investment_totals(world.group, YEAR + 1) == {YEAR + 1: D("15000.0"), YEAR + 2: D("13000.0"), YEAR + 3: D("13000.0")}
    event = AuditEvent.objects.get(action="investment_plan.rolled")
    assert event.after == {"from_year": YEAR, "to_year": YEAR + 1, "amounts": len(written), "projects": 2}
    # rolling again keeps what the draft already holds
    plan(world, long, {YEAR + 3: "9000"}, plan_year=YEAR + 1)
    assert investment_plan_roll(actor=world.users["ks_controller"], group=world.group, from_year=YEAR) == []
    assert InvestmentAmount.objects.get(project=long, plan_year=YEAR + 1, year=YEAR + 3).amount_tsek == D("9000.0")
    with pytest.raises(NotAllowed):
        investment_plan_roll(actor=world.users["administration_official"], group=world.group, from_year=YEAR)

"""Reads of the long-term budget (issue 11 §6, §3): the budget assumptions, and the result, balance
and cash-flow budgets of Mål och budget for year N with plan years N+1, N+2 and last year's outcome,
and the investment room. The arithmetic is ``styr.domain.long_term_budget``.

Where the figures come from:

- the committees' frames for N: the council's frames (``frames.py``): the proposal until the council
  adopts Mål och budget, as adopted after (a revision's proposal while one is prepared); KS's later
  adjustments do not change the budget as decided;
- the frames for N+1 and N+2: the year totals of the group's allocation model for N (the model,
  not a scenario) where it runs; else N's frames carried forward (``frames_basis`` says which);
- everything else: the budget assumptions entered for the year (``BudgetAssumption``);
- N−1: the result statement and balance sheet of the municipality's ledger (the group's ledger
  kept by no company) for N−1;
- investments: the rolling investment plan of Mål och budget ``year`` (``investment_totals``), its
  gross investment per year.

Anyone who sees the group reads (auditors too); KS's controllers write (``budget_assumption.write``).
Callers of ``result_budget`` and ``expected_cash_flow`` check who reads.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_noop

from styr.core.permissions import can, scope_q
from styr.domain.allocation import to_tsek
from styr.domain.errors import RuleViolation
from styr.domain.long_term_budget import (
    ASSUMPTION_KEYS,
    DEPRECIATION,
    OUTSIDE_COMMITTEES,
    TENTH,
    ZERO,
    BalanceYear,
    CashFlowYear,
    ResultYear,
    cash_flow_year,
    result_year,
    roll_forward,
)
from styr.economy.models import AllocationModel, BudgetAssumption, Ledger
from styr.economy.selectors.allocation import allocation_result, allocation_year_totals
from styr.economy.selectors.followup import COMPANY_KINDS
from styr.economy.selectors.frames import FrameFigures, executive_board, frame_figures_of_years
from styr.economy.selectors.investments import investment_totals
from styr.economy.selectors.statement import ResultStatement, result_statement
from styr.organisation.models import MunicipalGroup, OrgUnit

FRAMES, ALLOCATION, CARRIED = "frames", "allocation", "frames_carried"


def sees_group(user: Any, group: MunicipalGroup) -> bool:
    return OrgUnit.objects.filter(scope_q(user, "pk"), group=group).exists()


def budget_assumptions_may_write(user: Any, group: MunicipalGroup) -> bool:
    return can(user, "budget_assumption.write", executive_board(group))


def budget_assumption_list(user: Any, *, group: MunicipalGroup, year: int | None = None) -> QuerySet[BudgetAssumption]:
    """The group's assumptions (of one year, when given), to anyone who sees the group."""
    if not sees_group(user, group):
        return BudgetAssumption.objects.none()
    found = BudgetAssumption.objects.filter(group=group)
    return found.filter(year=year) if year is not None else found


def assumptions_by_year(group: MunicipalGroup, years: list[int]) -> dict[int, dict[str, BudgetAssumption]]:
    by_year: dict[int, dict[str, BudgetAssumption]] = {year: {} for year in years}
    for a in BudgetAssumption.objects.filter(group=group, year__in=years):
        by_year[a.year][a.key] = a
    return by_year


def _decided(f: FrameFigures) -> Decimal:
    """A committee's frame as the council decides it: a revision's proposal, else as adopted, else the proposal."""
    for amount in (f.proposed_tsek, f.adopted_tsek, f.current_tsek):
        if amount is not None:
            return amount
    return ZERO


def allocation_model_of(group: MunicipalGroup, year: int) -> AllocationModel | None:
    """The group's allocation model for budget year ``year`` (the model, not a scenario)."""
    return (
        AllocationModel.objects.filter(group=group, budget_year=year, based_on__isnull=True).select_related("population_series").order_by("name", "pk").first()
    )


def frames_by_year(group: MunicipalGroup, year: int) -> tuple[dict[int, Decimal], dict[int, str], dict[int, Decimal]]:
    """The committees' operating frames (net cost, tkr) for N..N+2, what each year's figure rests on,
    and the investment plan's totals for N..N+2."""
    years = [year, year + 1, year + 2]
    figures = frame_figures_of_years(group, years)
    operating = {year: sum((_decided(f) for f in figures[year].values()), ZERO)}
    basis = {year: FRAMES}
    investments = investment_totals(group, year)
    totals: dict[int, Decimal] = {}
    model = allocation_model_of(group, year)
    if model is not None:
        try:
            totals = {y: to_tsek(amount) for y, amount in allocation_year_totals(allocation_result(model)).items()}
        except RuleViolation:  # the model lacks a count (ALLOC-004): the frames carry forward
            totals = {}
    for y in years[1:]:
        operating[y], basis[y] = (totals[y], ALLOCATION) if y in totals else (operating[year], CARRIED)
    return operating, basis, investments


@dataclass(frozen=True)
class Outcome:
    year: int
    statement: ResultStatement | None

    def amount(self, key: str) -> Decimal | None:
        if self.statement is None:
            return None
        found = next((line.amount_sek for line in (*self.statement.result, *self.statement.balance) if line.key == key), None)
        return (found / 1000).quantize(TENTH, rounding=ROUND_HALF_UP) if found is not None else None


def municipal_ledger_unit(group: MunicipalGroup) -> OrgUnit | None:
    ledger = Ledger.objects.filter(group=group).exclude(org_unit__kind__in=COMPANY_KINDS).select_related("org_unit").order_by("org_unit__pk").first()
    return ledger.org_unit if ledger is not None else None


def outcome_of(group: MunicipalGroup, year: int) -> Outcome:
    """The municipality's statements for the year (none without a ledger or the year's file)."""
    keeper = municipal_ledger_unit(group)
    if keeper is None:
        return Outcome(year, None)
    statement = result_statement(None, keeper, year)
    return Outcome(year, statement if statement.fiscal_year_start is not None else None)


@dataclass(frozen=True)
class BudgetLine:
    """A row of a budget over the years: amount per year (None: not known), and for an entered
    line its source per year."""

    key: str
    label: str
    amounts: dict[int, Decimal | None]
    is_sum: bool = False
    sources: dict[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ResultBudget:
    group_id: int
    year: int
    lines: tuple[BudgetLine, ...]
    #: per budget year: what the frames rest on (FRAMES, ALLOCATION, CARRIED)
    frames_basis: dict[int, str]
    #: per budget year: the keys MOB-001 finds missing (the year's figures are then None)
    missing: dict[int, list[str]]
    budgets: dict[int, ResultYear]
    outcome: Outcome
    investments_tsek: dict[int, Decimal]

    @property
    def years(self) -> list[int]:
        return [self.year - 1, self.year, self.year + 1, self.year + 2]

    @property
    def budget_years(self) -> list[int]:
        return [self.year, self.year + 1, self.year + 2]

    @property
    def complete(self) -> bool:
        return not any(self.missing.values())

    def line(self, key: str) -> BudgetLine:
        return next(line for line in self.lines if line.key == key)


RESULT_ROWS: tuple[tuple[str, str, bool], ...] = (
    ("frames", gettext_noop("The committees' operating frames"), False),
    *((k.key, k.label, False) for k in ASSUMPTION_KEYS if k.key in OUTSIDE_COMMITTEES),
    ("net_cost", gettext_noop("Net operating cost"), True),
    ("tax_revenue", gettext_noop("Tax revenue"), False),
    ("general_grants", gettext_noop("General government grants and equalisation"), False),
    ("operating_result", gettext_noop("Operating result"), True),
    ("financial_income", gettext_noop("Financial income"), False),
    ("financial_costs", gettext_noop("Financial costs"), False),
    ("year_result", gettext_noop("Result for the year"), True),
)


def _budget_amount(b: ResultYear, key: str) -> Decimal:
    fixed = {
        "frames": b.frames_tsek,
        "net_cost": b.net_cost_tsek,
        "tax_revenue": b.tax_revenue_tsek,
        "general_grants": b.general_grants_tsek,
        "operating_result": b.operating_result_tsek,
        "financial_income": b.financial_income_tsek,
        "financial_costs": b.financial_costs_tsek,
        "year_result": b.result_tsek,
    }
    return fixed[key] if key in fixed else b.outside_tsek[key]


def _outcome_amount(o: Outcome, key: str) -> Decimal | None:
    """Last year's line as booked: the committees' row holds the net cost before depreciation
    (revenue + operating costs); what lies outside the committees is not told apart, but depreciation."""
    if key == "frames":
        revenue, costs = o.amount("revenue"), o.amount("operating_costs")
        return revenue + costs if revenue is not None and costs is not None else None
    if key in OUTSIDE_COMMITTEES and key != DEPRECIATION:
        return None
    return o.amount({"year_result": "year_result"}.get(key, key))


def result_budget(group: MunicipalGroup, year: int) -> ResultBudget:
    """Mål och budget's result budget for ``year`` with plan years and last year's outcome (contract
    of issue 11: every line for N−1..N+2, tkr, signed as in the result statement)."""
    operating, basis, investments = frames_by_year(group, year)
    entered = assumptions_by_year(group, [year, year + 1, year + 2])
    budgets: dict[int, ResultYear] = {}
    missing: dict[int, list[str]] = {}
    for y in (year, year + 1, year + 2):
        try:
            budgets[y] = result_year(y, frames_tsek=operating[y], entered={k: a.amount_tsek for k, a in entered[y].items()})
            missing[y] = []
        except RuleViolation as violation:
            missing[y] = list(violation.detail["keys"])
    outcome = outcome_of(group, year - 1)
    lines = []
    for key, label, is_sum in RESULT_ROWS:
        amounts: dict[int, Decimal | None] = {year - 1: _outcome_amount(outcome, key)}
        amounts |= {y: _budget_amount(budgets[y], key) if y in budgets else None for y in (year, year + 1, year + 2)}
        sources = {y: _source(entered[y][key]) for y in (year, year + 1, year + 2) if key in entered[y]}
        lines.append(BudgetLine(key, label, amounts, is_sum, sources))
    return ResultBudget(group.pk, year, tuple(lines), basis, missing, budgets, outcome, investments)


def _source(a: BudgetAssumption) -> str:
    return f"{a.source} ({a.source_date:%Y-%m-%d})" if a.source_date else a.source


def expected_cash_flow(group: MunicipalGroup, year: int) -> dict[int, tuple[Decimal, Decimal]]:
    """(expected result, depreciation) in tkr for each of year..year+2 whose result budget is
    complete (a year lacking a required assumption, MOB-001, is left out)."""
    budget = result_budget(group, year)
    return {y: (b.result_tsek, b.depreciation_tsek) for y, b in sorted(budget.budgets.items())}


def cash_flow_years(budget: ResultBudget, investments: Mapping[int, Decimal]) -> dict[int, CashFlowYear]:
    return {
        y: cash_flow_year(y, result_tsek=b.result_tsek, depreciation_tsek=b.depreciation_tsek, investments_tsek=investments.get(y, ZERO))
        for y, b in sorted(budget.budgets.items())
    }


def opening_balance(outcome: Outcome) -> BalanceYear | None:
    """The balance sheet at the end of N−1 in the budget's five groups. Books not yet closed hold
    the year's result outside equity: the difference between assets and claims is taken as it."""
    amounts = {key: outcome.amount(key) for key in ("fixed_assets", "current_assets", "equity", "provisions", "liabilities", "total_assets")}
    if any(v is None for v in amounts.values()):
        return None
    values = {k: v for k, v in amounts.items() if v is not None}
    unclosed = values["total_assets"] - values["equity"] - values["provisions"] - values["liabilities"]
    return BalanceYear(outcome.year, values["fixed_assets"], values["current_assets"], values["equity"] + unclosed, values["provisions"], values["liabilities"])


def balance_years(budget: ResultBudget, flows: Mapping[int, CashFlowYear]) -> dict[int, BalanceYear]:
    """N−1 as booked, then each budget year rolled forward (``roll_forward``) while the chain holds."""
    start = opening_balance(budget.outcome)
    if start is None:
        return {}
    found = {start.year: start}
    for y in budget.budget_years:
        if y not in flows:
            break
        start = found[y] = roll_forward(start, flows[y])
    return found

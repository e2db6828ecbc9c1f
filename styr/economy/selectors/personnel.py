"""Reads of the personnel budget (lönebudget, issue 10 §2): a unit's positions, what they cost
per month with the PO rate in force, beside the unit's own periodised budget."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from styr.core.permissions import require_visible, scope_q
from styr.domain.errors import RuleViolation
from styr.domain.personnel import MONTHS, MonthCost, OverheadRate, position_costs, unit_costs, year_total
from styr.economy.models import PersonnelOverheadRate, Position
from styr.economy.selectors.budget import UnitBudget, unit_budget
from styr.organisation.models import MunicipalGroup, OrgUnit

ZERO = Decimal("0.00")


@dataclass
class PositionCost:
    position: Position
    months: tuple[MonthCost, ...]

    @property
    def total_sek(self) -> Decimal:
        return year_total(self.months)


@dataclass
class ComparedMonth:
    """One month of the personnel cost beside the unit's budget for the month."""

    cost: MonthCost
    budget_sek: Decimal | None

    @property
    def remaining_sek(self) -> Decimal | None:
        """The unit's budget less its personnel cost: what is left for everything else."""
        return None if self.budget_sek is None else self.budget_sek - self.cost.total_sek


@dataclass
class PersonnelBudget:
    unit: OrgUnit
    year: int
    positions: list[PositionCost]
    months: tuple[MonthCost, ...]
    budget: UnitBudget
    rates: list[PersonnelOverheadRate]
    #: PAY-006 when a month with salaries has no PO rate: the costs are then not counted
    refusal: RuleViolation | None = None
    compared: list[ComparedMonth] = field(default_factory=list)

    @property
    def salary_sek(self) -> Decimal:
        return sum((m.salary_sek for m in self.months), ZERO)

    @property
    def overhead_sek(self) -> Decimal:
        return sum((m.overhead_sek for m in self.months), ZERO)

    @property
    def total_sek(self) -> Decimal:
        return year_total(self.months)

    @property
    def full_time_equivalents(self) -> Decimal:
        """The positions' employment rates summed, as full-time posts (årsarbetare, by months held)."""
        held = sum((p.position.employment_rate * (p.position.end_month - p.position.start_month + 1) for p in self.positions), Decimal(0))
        return (held / 100 / MONTHS).quantize(Decimal("0.01"))


def overhead_rate_list(user: Any, group: MunicipalGroup) -> QuerySet[PersonnelOverheadRate]:
    """The group's PO rates, newest first, for anyone who sees a unit of the group."""
    if not OrgUnit.objects.filter(scope_q(user, "pk"), group=group).exists():
        raise Http404
    return PersonnelOverheadRate.objects.filter(group=group).order_by("-valid_from")


def overhead_rate_get(user: Any, pk: int) -> PersonnelOverheadRate:
    rate = PersonnelOverheadRate.objects.select_related("group").filter(pk=pk).first()
    if rate is None:
        raise Http404
    overhead_rate_list(user, rate.group)
    return rate


def position_list(user: Any, unit: OrgUnit, year: int) -> QuerySet[Position]:
    require_visible(user, unit)
    return Position.objects.filter(org_unit=unit, year=year).order_by("title", "pk")


def position_get(user: Any, pk: int) -> Position:
    position = Position.objects.select_related("org_unit", "group").filter(pk=pk).first()
    if position is None:
        raise Http404
    require_visible(user, position.org_unit)
    return position


def _terms(rates: list[PersonnelOverheadRate]) -> list[OverheadRate]:
    return [OverheadRate(valid_from=r.valid_from, rate_percent=r.rate_percent) for r in rates]


def personnel_budget(user: Any, unit: OrgUnit, year: int) -> PersonnelBudget:
    """The unit's positions and their costs per month (salary + PO), the unit's totals and its
    periodised budget beside them. Four queries, however many positions."""
    positions = list(position_list(user, unit, year))
    rates = list(PersonnelOverheadRate.objects.filter(group_id=unit.group_id).order_by("-valid_from"))
    terms = _terms(rates)
    budget = unit_budget(user, unit, year)
    refusal: RuleViolation | None = None
    try:
        costs = [PositionCost(position=p, months=position_costs(p.terms(), year=year, rates=terms)) for p in positions]
        months = unit_costs([p.terms() for p in positions], year=year, rates=terms)
    except RuleViolation as violation:  # PAY-006: shown on the page, the positions listed without costs
        refusal = violation
        months = tuple(MonthCost(month=m, salary_sek=ZERO, overhead_sek=ZERO, rate_percent=None) for m in range(1, MONTHS + 1))
        costs = [PositionCost(position=p, months=months) for p in positions]
    compared = [ComparedMonth(cost=m, budget_sek=budget.months[m.month - 1]) for m in months]
    return PersonnelBudget(unit=unit, year=year, positions=costs, months=months, budget=budget, rates=rates, refusal=refusal, compared=compared)

"""The rolling three-year investment plan (seed §5.D, issue 11 §3): rules and arithmetic over
``Decimal`` and plain values, never saved here.

A plan belongs to a year N of Mål och budget and holds, per project, the amounts for N (the budget
year) and N+1, N+2 (the plan years) in tkr. Each year the plan rolls forward (``roll_amounts``): the
plan of N becomes the draft of N+1, year N falls out, N+1 and N+2 stay as planned and N+3 is added.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from styr.domain.errors import RuleViolation, _
from styr.domain.levels import LevelKind

ZERO = Decimal(0)
TENTH = Decimal("0.1")
TSEK_LIMIT = Decimal(10) ** 13
#: A plan covers its budget year and the two plan years after it.
PLAN_YEARS = 3
#: Kommun-Bas: fixed assets (materiella och immateriella anläggningstillgångar) are the accounts of
#: class 1 whose two first digits are 10–13; an investment is capitalised there.
INVESTMENT_ACCOUNT_PREFIXES = ("10", "11", "12", "13")
#: The committees an investment plan is drawn up for: those the council gives frames to.
INVESTMENT_COMMITTEES = frozenset({LevelKind.COMMITTEE, LevelKind.EXECUTIVE_BOARD})


def plan_years(plan_year: int) -> tuple[int, ...]:
    """The years a plan of ``plan_year`` covers: N, N+1, N+2."""
    return tuple(range(plan_year, plan_year + PLAN_YEARS))


def is_investment_account(number: str) -> bool:
    return number.startswith(INVESTMENT_ACCOUNT_PREFIXES)


def check_amount(amount_tsek: Decimal, *, field: str) -> None:
    """INV-002: an amount of the plan is a non-negative sum in tkr with at most one decimal."""
    if not amount_tsek.is_finite() or amount_tsek < 0 or amount_tsek >= TSEK_LIMIT or amount_tsek != amount_tsek.quantize(TENTH):
        raise RuleViolation(
            "INV-002",
            _("%(amount)s is not an amount of the investment plan: give a sum in tkr of 0 or more with at most one decimal."),
            {"amount": str(amount_tsek)},
            field=field,
        )


def check_within_project(*, year: int, start_year: int, end_year: int, project: str) -> None:
    """INV-001: a project is planned only in the years between its start and its end."""
    if not start_year <= year <= end_year:
        raise RuleViolation(
            "INV-001",
            _("%(project)s runs %(start)s–%(end)s: it cannot have an amount in %(year)s."),
            {"project": project, "start": start_year, "end": end_year, "year": year},
            field="year",
        )


def check_plan_year(*, year: int, plan_year: int) -> None:
    """INV-006: the plan of N holds the years N, N+1 and N+2 only."""
    if year not in plan_years(plan_year):
        raise RuleViolation(
            "INV-006",
            _("The investment plan of %(plan_year)s covers %(first)s–%(last)s, not %(year)s."),
            {"plan_year": plan_year, "first": plan_year, "last": plan_year + PLAN_YEARS - 1, "year": year},
            field="year",
        )


def check_plan_open(*, adopted: bool, plan_year: int) -> None:
    """INV-003: once the council has adopted Mål och budget for N, its investment plan is locked."""
    if adopted:
        raise RuleViolation(
            "INV-003",
            _("The council has adopted Goals and budget %(year)s: its investment plan is locked. Prepare the next year's plan instead."),
            {"year": plan_year},
            field="plan_year",
        )


def check_committee(kind: LevelKind) -> None:
    """INV-004: an investment project belongs to a committee (or KS), which the council gives frames to."""
    if kind not in INVESTMENT_COMMITTEES:
        raise RuleViolation(
            "INV-004",
            _("An investment project belongs to a committee or the executive board, not to a unit of kind %(kind)s."),
            {"kind": kind.value},
            field="committee",
        )


def check_code_free(*, code: str, taken: bool) -> None:
    """INV-005: a project code names one project in the group's ledgers."""
    if code and taken:
        raise RuleViolation("INV-005", _("The project code %(code)s is already used by another project."), {"code": code}, field="code")


def check_years(*, start_year: int, end_year: int) -> None:
    """INV-007: a project ends in or after the year it starts."""
    if end_year < start_year:
        raise RuleViolation(
            "INV-007", _("A project cannot end (%(end)s) before it starts (%(start)s)."), {"start": start_year, "end": end_year}, field="end_year"
        )


@dataclass(frozen=True)
class ProjectPlan:
    """One project as the roll-forward sees it: its years, whether it is still going, its total
    cost (when known) and its amounts in the plan being rolled (year → tkr)."""

    start_year: int
    end_year: int
    carried: bool
    total_tsek: Decimal | None
    amounts: Mapping[int, Decimal]
    #: what was planned for it in plans before the one rolled (years before N), counted as spent
    earlier_tsek: Decimal = ZERO


def roll_amounts(project: ProjectPlan, *, from_year: int) -> dict[int, Decimal] | None:
    """The amounts of the draft plan of N+1 rolled from the plan of N (``from_year``), or ``None``
    when the project is not carried (finished or cancelled).

    - N+1 and N+2 keep the amounts planned for them;
    - N+3 gets the project's remaining amount: its total cost less what was planned for it in N and
      earlier and in N+1, N+2 (never below 0), when the project runs into N+3 and has a total; else 0.
    An unfinished project whose end year has passed is carried too, its remaining amount in N+1.
    """
    if not project.carried:
        return None
    new = plan_years(from_year + 1)
    rolled = {year: project.amounts.get(year, ZERO) for year in new[:-1]}
    planned = project.earlier_tsek + sum(project.amounts.values(), ZERO)
    remaining = max(project.total_tsek - planned, ZERO) if project.total_tsek is not None else ZERO
    last = new[-1]
    if project.end_year >= last:
        rolled[last] = remaining
    else:
        rolled[last] = ZERO
        if project.end_year < new[0]:
            rolled[new[0]] += remaining  # late: what is left of it falls in the first year of the new plan
    return rolled


def deviation(budget_tsek: Decimal, actual_tsek: Decimal) -> Decimal:
    """The investment account's deviation: budget − actual (positive: less spent than planned)."""
    return budget_tsek - actual_tsek

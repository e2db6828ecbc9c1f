"""The result statement and balance sheet of a unit's ledger in a year (issue 9 §1).

The ledger's figures (``balances``) are grouped by the statement mapping of the chart of
accounts its keeper keeps (``model.economy.account_plans`` of the group's preset: Kommun-Bas for
the municipality, BAS for the companies). Each account lands on a row by range, so the
municipality's own accounts count too; an account on no row (ACC-002) is listed apart with its
amount, never dropped. Four queries plus the unit's, however many accounts or transactions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from styr.domain.account_files import shipped_statement
from styr.domain.accounts import StatementMapping, StatementRow
from styr.economy.models import Ledger
from styr.economy.selectors.ledger import AccountFigures, balances, balances_build, fiscal_year_get
from styr.organisation.models import OrgUnit

ZERO = Decimal("0.00")
#: ``until`` for the balance sheet at the fiscal year's opening (the last year-end); its result is empty
OPENING = "000000"


@dataclass(frozen=True)
class StatementAccount:
    account: str
    name: str
    amount_sek: Decimal


@dataclass(frozen=True)
class StatementLine:
    """A row as shown: ``amount_sek`` = sign × the booked sum of its accounts (a sum row: the sum
    of its rows as shown); ``budget_sek`` likewise from the #PBUDGET months (result rows only)."""

    key: str
    label_sv: str
    label_en: str
    is_sum: bool
    memo: bool
    amount_sek: Decimal
    budget_sek: Decimal | None
    accounts: tuple[StatementAccount, ...] = ()

    def label(self, language: str = "sv") -> str:
        return self.label_en if language.startswith("en") else self.label_sv


@dataclass(frozen=True)
class ResultStatement:
    org_unit: OrgUnit
    year: int
    plan: str
    plan_name: str
    has_ledger: bool
    fiscal_year_start: date | None
    fiscal_year_end: date | None
    result: tuple[StatementLine, ...]
    balance: tuple[StatementLine, ...]
    #: ACC-002: accounts of the ledger on no row, with their year's amount as booked
    unmapped: tuple[StatementAccount, ...] = field(default_factory=tuple)

    def line(self, key: str) -> StatementLine:
        return next(line for line in (*self.result, *self.balance) if line.key == key)


def plan_kept_by(org_unit: OrgUnit) -> str:
    """The chart of accounts the unit's ledger keeps, by the group's model."""
    return org_unit.group.governance.account_plans.plan_for(org_unit.kind)


def _result_amount(figures: AccountFigures, until: str | None = None) -> Decimal:
    if until is not None:
        return sum((amount for period, amount in figures.months.items() if period <= until), ZERO)
    if figures.result_sek is not None:
        return figures.result_sek
    return sum(figures.months.values(), ZERO)


def _balance_amount(figures: AccountFigures, until: str | None = None) -> Decimal:
    if until == OPENING:
        return figures.opening_sek or ZERO
    if until is not None:
        return (figures.opening_sek or ZERO) + _result_amount(figures, until)
    if figures.closing_sek is not None:
        return figures.closing_sek
    return (figures.opening_sek or ZERO) + sum(figures.months.values(), ZERO)


def _lines(mapping: StatementMapping, part: str, booked: dict[str, list[tuple[AccountFigures, Decimal]]], with_budget: bool) -> tuple[StatementLine, ...]:
    shown: dict[str, tuple[Decimal, Decimal]] = {}
    lines: list[StatementLine] = []
    for row in mapping.rows_of(part):
        if row.is_sum:
            amount = sum((shown[key][0] for key in row.sums), ZERO)
            budget = sum((shown[key][1] for key in row.sums), ZERO)
            accounts: tuple[StatementAccount, ...] = ()
        else:
            entries = booked.get(row.key, [])
            amount = row.sign * sum((value for _f, value in entries), ZERO)
            budget = row.sign * sum((sum(f.budget.values(), ZERO) for f, _v in entries), ZERO)
            accounts = tuple(StatementAccount(f.account, f.name, row.sign * value) for f, value in entries)
        shown[row.key] = (amount, budget)
        lines.append(StatementLine(row.key, row.label_sv, row.label_en, row.is_sum, row.memo, amount, budget if with_budget else None, accounts))
    return tuple(lines)


def result_statement(user: Any, org_unit: OrgUnit, year: int, *, until: str | None = None) -> ResultStatement:
    """The statement of the unit's own ledger for the fiscal year that begins in ``year``; empty
    rows when the unit keeps no ledger or the year is not imported. ``balances`` checks that the
    user may see the unit (a 404 otherwise); ``user`` None when the caller has checked it. ``until`` (``YYYYMM``): the result of the months up
    to it and the balance sheet at its end (the interim accounts, from the months' amounts), or
    ``OPENING``: the balance sheet at the year's opening balances."""
    return result_statement_build(org_unit, year, until=until, figures=balances(user, org_unit, year))


def result_statement_build(org_unit: OrgUnit, year: int, *, until: str | None = None, figures: list[AccountFigures] | None = None) -> ResultStatement:
    """``result_statement`` without a permission check (a report's content, checked by its caller)."""
    if figures is None:
        figures = balances_build(org_unit, year)
    plan_key = plan_kept_by(org_unit)
    plan, mapping = shipped_statement(plan_key)
    ledger = Ledger.objects.filter(org_unit=org_unit).first()
    fiscal_year = fiscal_year_get(ledger, year) if ledger is not None else None
    booked: dict[str, list[tuple[AccountFigures, Decimal]]] = {}
    unmapped: list[StatementAccount] = []
    for entry in figures:
        row: StatementRow | None = mapping.find_row(entry.account)
        name = entry.name or plan.name_of(entry.account)
        if row is None:
            amount = _result_amount(entry, until) if entry.result_sek is not None or entry.closing_sek is None else _balance_amount(entry, until)
            unmapped.append(StatementAccount(entry.account, name, amount))
            continue
        value = _result_amount(entry, until) if row.part == "result" else _balance_amount(entry, until)
        booked.setdefault(row.key, []).append((AccountFigures(entry.account, name, budget=entry.budget), value))
    return ResultStatement(
        org_unit=org_unit,
        year=year,
        plan=plan.key,
        plan_name=plan.name,
        has_ledger=ledger is not None,
        fiscal_year_start=fiscal_year.start if fiscal_year else None,
        fiscal_year_end=fiscal_year.end if fiscal_year else None,
        result=_lines(mapping, "result", booked, with_budget=True),
        balance=_lines(mapping, "balance", booked, with_budget=False),
        unmapped=tuple(unmapped),
    )

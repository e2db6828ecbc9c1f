"""The municipality's and the group's statements for the interim accounts and the annual report
(issue 11 §5): the result statement and balance sheet with last year beside them, the cash-flow
statement (``domain.cash_flow``) and the group's consolidation (``domain.consolidation``).

The municipality is every unit that keeps a ledger and is not a company (in Alvesta the council
keeps the municipality's books), its statements added row by row. A company is in the group's
statements once KS's controllers have set its ownership share (``GroupMember``); the accounts
that hold the members' trade with each other (``InternalAccount``) are eliminated.

``*_build`` functions read without a permission check, for a report's content (its caller has
checked who reads it); the others take the user.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from styr.core.permissions import require_visible
from styr.domain.account_files import shipped_row_map, shipped_statement
from styr.domain.accounts import StatementRow
from styr.domain.cash_flow import CashFlowStatement, cash_flow
from styr.domain.consolidation import COMPANY_KINDS, CapitalElimination, Consolidation, InternalItem, Member, consolidate, map_rows
from styr.economy.models import GroupMember, InternalAccount, Ledger
from styr.economy.selectors.statement import OPENING, ResultStatement, plan_kept_by, result_statement_build
from styr.organisation.models import MunicipalGroup, OrgUnit

ZERO = Decimal("0.00")
MUNICIPALITY = "municipality"
MUNICIPAL_PLAN = "kommun-bas"


@dataclass(frozen=True)
class Figures:
    """Leaf rows as shown (row key → amount) of a result statement and a balance sheet."""

    result: dict[str, Decimal]
    balance: dict[str, Decimal]
    has_books: bool = False


def leaves(statement: ResultStatement) -> Figures:
    """The statement's leaf rows. Before the books are closed (nothing on the closing account of
    the year's result) the result is not yet on equity's accounts: the balance sheet a report shows
    has it there, so equity includes the year's result (or the result to date) and the sheet balances."""
    balance = {line.key: line.amount_sek for line in statement.balance if not line.is_sum and not line.memo}
    closing = next((line.amount_sek for line in statement.result if line.key == "closing"), ZERO)
    if not closing and "equity" in balance:
        balance["equity"] += statement.line("year_result").amount_sek
    return Figures(
        {line.key: line.amount_sek for line in statement.result if not line.is_sum and not line.memo}, balance, statement.fiscal_year_start is not None
    )


def municipal_units(group: MunicipalGroup) -> list[OrgUnit]:
    """The units that keep the municipality's books: a ledger, and not a company."""
    return list(OrgUnit.objects.filter(group=group, pk__in=Ledger.objects.values("org_unit")).exclude(kind__in=COMPANY_KINDS).order_by("position", "name"))


def municipal_figures_build(group: MunicipalGroup, year: int, until: str | None = None) -> Figures:
    """The municipality's statements: its ledgers' rows added up."""
    result: dict[str, Decimal] = {}
    balance: dict[str, Decimal] = {}
    has_books = False
    for unit in municipal_units(group):
        found = leaves(result_statement_build(unit, year, until=until))
        has_books = has_books or found.has_books
        for key, amount in found.result.items():
            result[key] = result.get(key, ZERO) + amount
        for key, amount in found.balance.items():
            balance[key] = balance.get(key, ZERO) + amount
    return Figures(result, balance, has_books)


def statement_rows(plan: str = MUNICIPAL_PLAN) -> tuple[StatementRow, ...]:
    return shipped_statement(plan)[1].rows


def shown(rows: tuple[StatementRow, ...], part: str, amounts: dict[str, Decimal]) -> list[tuple[StatementRow, Decimal]]:
    """The part's rows with their amounts, sum rows added from their rows (memo rows left out)."""
    found: dict[str, Decimal] = {}
    lines: list[tuple[StatementRow, Decimal]] = []
    for row in rows:
        if row.part != part or row.memo:
            continue
        found[row.key] = sum((found[k] for k in row.sums), ZERO) if row.is_sum else amounts.get(row.key, ZERO)
        lines.append((row, found[row.key]))
    return lines


def cash_flow_of(unit_or_group: OrgUnit | MunicipalGroup, year: int, until: str | None = None) -> CashFlowStatement:
    """The cash flow from the year's opening balances to ``until`` (or the year's end): of one
    unit's ledger, or of the municipality as a whole."""
    if isinstance(unit_or_group, OrgUnit):
        closing, opening = leaves(result_statement_build(unit_or_group, year, until=until)), leaves(result_statement_build(unit_or_group, year, until=OPENING))
        rows = statement_rows(plan_kept_by(unit_or_group))
    else:
        closing, opening = municipal_figures_build(unit_or_group, year, until), municipal_figures_build(unit_or_group, year, OPENING)
        rows = statement_rows()
    result = {row.key: amount for row, amount in shown(rows, "result", closing.result)}
    return cash_flow(result=result, opening=opening.balance, closing=closing.balance)


def cash_flow_statement(user: Any, org_unit: OrgUnit, year: int, until: str | None = None) -> CashFlowStatement:
    """The cash-flow statement of the unit's ledger (404 when the user may not see the unit)."""
    require_visible(user, org_unit)
    return cash_flow_of(org_unit, year, until)


@dataclass(frozen=True)
class GroupStatements:
    group: MunicipalGroup
    year: int
    consolidation: Consolidation
    #: companies with books but no ownership share set: not in the group's statements
    left_out: tuple[str, ...]


def group_statements_build(group: MunicipalGroup, year: int, until: str | None = None) -> GroupStatements:
    """The municipality and its companies consolidated for the year, or up to ``until`` (YYYYMM)."""
    rows = statement_rows()
    found_members = list(GroupMember.objects.filter(group=group).select_related("org_unit"))
    shares = {m.org_unit_id: m.ownership_percent for m in found_members}
    companies = list(OrgUnit.objects.filter(group=group, kind__in=COMPANY_KINDS, pk__in=Ledger.objects.values("org_unit")).order_by("position", "name"))
    municipal = {u.pk for u in municipal_units(group)}
    members = [Member(MUNICIPALITY, group.name, Decimal(100), _all(municipal_figures_build(group, year, until)))]
    statements: dict[int, ResultStatement] = {}
    for company in companies:
        if company.pk not in shares:
            continue
        statement = statements[company.pk] = result_statement_build(company, year, until=until)
        members.append(Member(str(company.pk), company.name, shares[company.pk], map_rows(_all(leaves(statement)), shipped_row_map(plan_kept_by(company)))))

    def key_of(unit_id: int) -> str | None:
        return MUNICIPALITY if unit_id in municipal else (str(unit_id) if unit_id in statements else None)

    items: list[InternalItem] = []
    internal = list(InternalAccount.objects.filter(group=group).order_by("org_unit_id", "account"))
    for unit in municipal_units(group):
        if any(i.org_unit_id == unit.pk for i in internal):
            statements[unit.pk] = result_statement_build(unit, year, until=until)
    for entry in internal:
        member, counterpart = key_of(entry.org_unit_id), key_of(entry.counterpart_id)
        if member is None or counterpart is None or entry.org_unit_id not in statements:
            continue
        statement = statements[entry.org_unit_id]
        row_map = shipped_row_map(statement.plan)
        for line in (*statement.result, *statement.balance):
            if line.is_sum or line.memo or line.key not in row_map:
                continue
            amount = sum((a.amount_sek for a in line.accounts if a.account.startswith(entry.account)), ZERO)
            if amount:
                items.append(InternalItem(member, counterpart, row_map[line.key], amount))
    left_out = tuple(c.name for c in companies if c.pk not in shares)
    return GroupStatements(group, year, consolidate(rows, members, items, capital_eliminations(found_members, statements)), left_out)


def capital_eliminations(members: list[GroupMember], statements: dict[int, ResultStatement]) -> list[CapitalElimination]:
    """The municipality's shares in each consolidated company against the company's equity at
    acquisition (GROUP-005), for the companies whose data KS's controllers have entered."""
    mapping = shipped_statement(MUNICIPAL_PLAN)[1]
    found = []
    for m in members:
        if m.org_unit_id not in statements or m.shares_book_value_sek is None or m.equity_at_acquisition_sek is None:
            continue
        row = mapping.find_row(m.shares_account)
        if row is not None:
            found.append(CapitalElimination(MUNICIPALITY, str(m.org_unit_id), row.key, m.shares_book_value_sek, m.equity_at_acquisition_sek))
    return found


#: the capital elimination's difference lines, as the cash flow reads them: goodwill an intangible asset, negative goodwill a provision
_FOLDED = {"acquisition_surplus": "intangible_assets", "acquisition_deficit": "provisions"}


def _group_column(found: GroupStatements, part: str) -> dict[str, Decimal]:
    c = found.consolidation
    column = len(c.columns) - 1
    amounts: dict[str, Decimal] = {}
    for line in c.lines:
        if line.part != part:
            continue
        key = _FOLDED.get(line.key, line.key)
        amounts[key] = amounts.get(key, ZERO) + line.amounts[column]
    return amounts


def group_cash_flow_build(group: MunicipalGroup, year: int, until: str | None = None) -> CashFlowStatement:
    """The group's cash flow (indirect method) from its consolidated balance sheets at the year's
    opening and at ``until`` (or the year's end) and its consolidated result between them."""
    closing, opening = group_statements_build(group, year, until), group_statements_build(group, year, OPENING)
    return cash_flow(result=_group_column(closing, "result"), opening=_group_column(opening, "balance"), closing=_group_column(closing, "balance"))


def _all(figures: Figures) -> dict[str, Decimal]:
    return {**figures.result, **figures.balance}


def group_statements(user: Any, group: MunicipalGroup, year: int) -> GroupStatements:
    """The group's statements, for a reader who sees the whole group (KS, the council, the auditors)."""
    roots = OrgUnit.objects.filter(group=group, parent__isnull=True)
    for root in roots:
        require_visible(user, root)
    return group_statements_build(group, year)

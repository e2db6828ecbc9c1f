"""The group's statements (sammanställda räkenskaper, lag (2018:597) om kommunal bokföring och
redovisning 12 kap.; RKR R16), issue 11 §5: the municipality and its companies consolidated.

Each member's statement rows (the companies' BAS rows already moved onto the municipality's
Kommun-Bas rows) are taken at the member's ownership share: proportional consolidation, the
municipality itself at 100 %. Trade and balances between two members are then eliminated: an
internal item is an amount on a member's statement row that the mapping of internal accounts
says is with another member (internal sales and purchases, receivables and liabilities, the
municipality's shares against the company's equity). Each side of a pair is eliminated at the
pair's share, the smaller of the two ownership shares: the part of the trade that lies within
the group on both sides. What is eliminated is a column of its own, so an auditor can follow it.

Amounts are as the statements show them (revenue positive, costs negative, assets and claims
positive). A member's share of a row is rounded to the öre (half up) row by row, the eliminations
item by item, and every sum row is the sum of its rounded rows in each column, so the columns
add across to the group total exactly.

Rules: GROUP-001 (an ownership share lies above 0 and at most 100 per cent), GROUP-002 (the two
sides of a pair's internal items match: what one member sold the other bought, what one is owed
the other owes; a difference is listed, since it leaves a remainder in the group's figures),
GROUP-005 (the capital elimination's data: the book value and the equity at acquisition given
together, the book value not negative, the shares on a class 13 account).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from styr.domain.accounts import StatementMapping, StatementRow
from styr.domain.errors import RuleViolation, _

ZERO = Decimal("0.00")
ORE = Decimal("0.01")
HUNDRED = Decimal(100)
#: The balance sheet's sum row whose rows are assets; its other rows are claims (equity, provisions, liabilities).
ASSETS_TOTAL = "total_assets"


def check_ownership(percent: Decimal, *, member: str = "") -> None:
    """GROUP-001: the group consolidates a company at a share above 0 and at most 100 per cent."""
    if not ZERO < percent <= HUNDRED:
        raise RuleViolation(
            "GROUP-001",
            _("The ownership share of %(member)s must be above 0 and at most 100 per cent (given %(percent)s)."),
            {"member": member, "percent": str(percent)},
            field="ownership_percent",
        )


@dataclass(frozen=True)
class Member:
    """A member of the group: its leaf rows as shown (row key → amount) and its ownership share."""

    key: str
    name: str
    share_percent: Decimal
    rows: Mapping[str, Decimal]


@dataclass(frozen=True)
class InternalItem:
    """An amount on ``member``'s statement row ``row`` that is its trade with ``counterpart``."""

    member: str
    counterpart: str
    row: str
    amount_sek: Decimal


@dataclass(frozen=True)
class Unbalanced:
    """GROUP-002: a pair's internal items that do not match, in one part of the statements."""

    member: str
    counterpart: str
    part: str
    difference_sek: Decimal
    code: str = "GROUP-002"


#: The lines the capital elimination's difference is shown on (inserted into the balance sheet).
SURPLUS_ROW = StatementRow("acquisition_surplus", "balance", "Övervärde vid förvärv (goodwill)", "Surplus value on acquisition (goodwill)")
DEFICIT_ROW = StatementRow("acquisition_deficit", "balance", "Undervärde vid förvärv (negativ goodwill)", "Deficit on acquisition (negative goodwill)")
#: after which row and into which sum each difference line goes
_DIFFERENCE_PLACES = {SURPLUS_ROW.key: ("intangible_assets", "fixed_assets"), DEFICIT_ROW.key: ("provisions", "total_equity_and_liabilities")}
SHARES_CLASS = "13"


def check_capital(*, book_value_sek: Decimal | None, equity_at_acquisition_sek: Decimal | None, account: str, member: str = "") -> None:
    """GROUP-005: the capital elimination needs both the owner's book value of the shares (not
    negative) and the company's equity at acquisition, and the shares sit on a class 13 account
    (aktier och andelar); a book value above the equity taken over is a difference, not an error."""
    if book_value_sek is None and equity_at_acquisition_sek is None and not account:
        return
    if book_value_sek is None or equity_at_acquisition_sek is None:
        raise RuleViolation(
            "GROUP-005",
            _("The capital elimination of %(member)s needs both the book value of the shares and the equity at acquisition."),
            {"member": member},
            field="shares_book_value_sek" if book_value_sek is None else "equity_at_acquisition_sek",
        )
    if book_value_sek < 0:
        raise RuleViolation("GROUP-005", _("The book value of the shares in %(member)s cannot be negative."), {"member": member}, field="shares_book_value_sek")
    if not (account.isdigit() and account.startswith(SHARES_CLASS)):
        raise RuleViolation(
            "GROUP-005",
            _("The shares in %(member)s sit on an account of class 13, shares and participations (given %(account)s)."),
            {"member": member, "account": account},
            field="shares_account",
        )


@dataclass(frozen=True)
class CapitalElimination:
    """The owner's shares in ``member`` (``book_value_sek`` on its statement row ``shares_row``)
    against ``member``'s equity at acquisition (the whole company's; taken at its share)."""

    owner: str
    member: str
    shares_row: str
    book_value_sek: Decimal
    equity_at_acquisition_sek: Decimal
    equity_row: str = "equity"


@dataclass(frozen=True)
class CapitalEntry:
    """One entry of a capital elimination in the eliminations column: the row and the amount."""

    owner: str
    member: str
    kind: str  # "shares", "equity", "surplus" or "deficit"
    row: str
    amount_sek: Decimal


def capital_entries(item: CapitalElimination, share_percent: Decimal) -> tuple[CapitalEntry, ...]:
    """The entries that eliminate the shares against the equity at acquisition at the ownership
    share, the difference on its own line; the entries balance (assets change as claims do)."""
    equity = share_of(item.equity_at_acquisition_sek, share_percent)
    book = ore(item.book_value_sek)
    difference = book - equity
    entries = [
        CapitalEntry(item.owner, item.member, "shares", item.shares_row, -book),
        CapitalEntry(item.owner, item.member, "equity", item.equity_row, -equity),
    ]
    if difference > 0:
        entries.append(CapitalEntry(item.owner, item.member, "surplus", SURPLUS_ROW.key, difference))
    elif difference < 0:
        entries.append(CapitalEntry(item.owner, item.member, "deficit", DEFICIT_ROW.key, -difference))
    return tuple(entries)


def with_difference_rows(rows: Sequence[StatementRow], keys: set[str]) -> tuple[StatementRow, ...]:
    """The statement's rows with the difference lines ``keys`` inserted where they belong and added
    to their sum rows."""
    extra = {SURPLUS_ROW.key: SURPLUS_ROW, DEFICIT_ROW.key: DEFICIT_ROW}
    after = {_DIFFERENCE_PLACES[k][0]: extra[k] for k in keys}
    into = {_DIFFERENCE_PLACES[k][1]: k for k in keys}
    found: list[StatementRow] = []
    for row in rows:
        if row.key in into:
            row = StatementRow(row.key, row.part, row.label_sv, row.label_en, row.sign, row.ranges, (*row.sums, into[row.key]), row.memo)
        found.append(row)
        if row.key in after:
            found.append(after[row.key])
    return tuple(found)


@dataclass(frozen=True)
class Column:
    key: str
    name: str
    kind: str  # "member", "eliminations" or "group"
    share_percent: Decimal | None = None


@dataclass(frozen=True)
class ConsolidatedLine:
    key: str
    part: str
    label_sv: str
    label_en: str
    is_sum: bool
    amounts: tuple[Decimal, ...]  # one per column

    def label(self, language: str = "sv") -> str:
        return self.label_en if language.startswith("en") else self.label_sv


@dataclass(frozen=True)
class Consolidation:
    columns: tuple[Column, ...]
    lines: tuple[ConsolidatedLine, ...]
    unbalanced: tuple[Unbalanced, ...]
    capital: tuple[CapitalEntry, ...] = ()

    def line(self, key: str) -> ConsolidatedLine:
        return next(line for line in self.lines if line.key == key)

    def amount(self, key: str, column: str) -> Decimal:
        index = next(i for i, c in enumerate(self.columns) if c.key == column)
        return self.line(key).amounts[index]


def ore(value: Decimal) -> Decimal:
    return value.quantize(ORE, rounding=ROUND_HALF_UP)


def share_of(amount: Decimal, percent: Decimal) -> Decimal:
    """A member's share of an amount, to the öre."""
    return ore(amount * percent / HUNDRED)


def asset_rows(rows: Sequence[StatementRow]) -> frozenset[str]:
    """The balance sheet's leaf rows under ``total_assets`` (through its sum rows)."""
    by_key = {row.key: row for row in rows}
    found: set[str] = set()
    stack = list(by_key[ASSETS_TOTAL].sums) if ASSETS_TOTAL in by_key else []
    while stack:
        row = by_key[stack.pop()]
        if row.is_sum:
            stack.extend(row.sums)
        else:
            found.add(row.key)
    return frozenset(found)


def unbalanced_pairs(rows: Sequence[StatementRow], items: Sequence[InternalItem], *, tolerance_sek: Decimal = ZERO) -> tuple[Unbalanced, ...]:
    """GROUP-002: per pair of members and part, what does not cancel out: in the result statement
    the items add to zero (one's revenue is the other's cost), in the balance sheet the assets
    equal the claims (one's receivable is the other's liability)."""
    part_of = {row.key: row.part for row in rows}
    assets = asset_rows(rows)
    totals: dict[tuple[str, str, str], Decimal] = {}
    for item in items:
        pair = min(item.member, item.counterpart), max(item.member, item.counterpart)
        part = part_of[item.row]
        signed = -item.amount_sek if part == "balance" and item.row not in assets else item.amount_sek
        key = (*pair, part)
        totals[key] = totals.get(key, ZERO) + signed
    return tuple(Unbalanced(a, b, part, amount) for (a, b, part), amount in sorted(totals.items()) if abs(amount) > tolerance_sek)


def consolidate(
    rows: Sequence[StatementRow], members: Sequence[Member], items: Sequence[InternalItem] = (), capital: Sequence[CapitalElimination] = ()
) -> Consolidation:
    """The group's statement rows: a column per member at its share, the eliminations (internal
    items and the capital elimination), the group."""
    shares = {m.key: m.share_percent for m in members}
    for member in members:
        check_ownership(member.share_percent, member=member.name)
    eliminated: dict[str, Decimal] = {}
    for item in items:
        pair_share = min(shares[item.member], shares[item.counterpart])
        eliminated[item.row] = eliminated.get(item.row, ZERO) - share_of(item.amount_sek, pair_share)
    entries = tuple(entry for c in capital if c.member in shares and c.owner in shares for entry in capital_entries(c, shares[c.member]))
    for entry in entries:
        eliminated[entry.row] = eliminated.get(entry.row, ZERO) + entry.amount_sek
    rows = with_difference_rows(rows, {e.row for e in entries if e.kind in ("surplus", "deficit")})
    columns = (
        *(Column(m.key, m.name, "member", m.share_percent) for m in members),
        Column("eliminations", "Eliminations", "eliminations"),
        Column("group", "Group", "group"),
    )
    leaves: list[dict[str, Decimal]] = [{row.key: share_of(m.rows.get(row.key, ZERO), m.share_percent) for row in rows if not row.is_sum} for m in members]
    leaves.append({row.key: eliminated.get(row.key, ZERO) for row in rows if not row.is_sum})
    leaves.append({key: sum((column[key] for column in leaves), ZERO) for key in leaves[-1]})
    lines: list[ConsolidatedLine] = []
    for row in rows:
        if row.memo:
            continue
        if row.is_sum:
            for column in leaves:
                column[row.key] = sum((column[key] for key in row.sums), ZERO)
        lines.append(ConsolidatedLine(row.key, row.part, row.label_sv, row.label_en, row.is_sum, tuple(column[row.key] for column in leaves)))
    return Consolidation(columns, tuple(lines), unbalanced_pairs(rows, items), entries)


def row_map_from_mapping(data: Mapping[str, object], source: StatementMapping, target: StatementMapping, *, name: str = "<row map>") -> dict[str, str]:
    """GROUP-003: the map of a company's statement rows onto the municipality's, checked: every row
    of ``source`` that holds amounts lands on a row of ``target`` that holds amounts."""
    raw = data.get("rows")
    found = {str(k): str(v) for k, v in raw.items()} if isinstance(raw, Mapping) else {}
    leaves_from = [row.key for row in source.rows if not row.is_sum and not row.memo]
    leaves_to = {row.key for row in target.rows if not row.is_sum and not row.memo}
    missing = [key for key in leaves_from if found.get(key) not in leaves_to]
    if missing or set(found) - set(leaves_from):
        raise RuleViolation(
            "GROUP-003",
            _("%(file)s does not map every row of the companies' statement onto a row of the municipality's (%(rows)s)."),
            {"file": name, "rows": ", ".join(missing or sorted(set(found) - set(leaves_from)))},
        )
    return found


def map_rows(amounts: Mapping[str, Decimal], row_map: Mapping[str, str]) -> dict[str, Decimal]:
    """A company's leaf rows moved onto the municipality's rows (several may land on one)."""
    moved: dict[str, Decimal] = {}
    for key, amount in amounts.items():
        if key in row_map:
            moved[row_map[key]] = moved.get(row_map[key], ZERO) + amount
    return moved


COMPANY_KINDS = frozenset({"PARENT_COMPANY", "COMPANY"})


def check_member(kind: str, *, name: str, counterpart_kind: str | None = None, same: bool = False) -> None:
    """GROUP-004: an ownership share is a company's; an internal account leads from one member to
    another (the municipality or a company), never to the member itself."""
    if counterpart_kind is None and kind not in COMPANY_KINDS:
        raise RuleViolation(
            "GROUP-004", _("%(member)s is not a company: only a company has an ownership share in the group."), {"member": name}, field="org_unit"
        )
    if counterpart_kind is not None and same:
        raise RuleViolation("GROUP-004", _("An internal account of %(member)s leads to another member, not to itself."), {"member": name}, field="counterpart")

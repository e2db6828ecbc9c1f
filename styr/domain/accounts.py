"""Charts of accounts and the statement they feed (issue 9 §1): the values and their rules.

A chart of accounts (``presets/accounts/<plan>.yaml``: Kommun-Bas for the municipality, BAS
for the companies) has classes (one digit), groups (two digits) and accounts. Its statement
mapping (``presets/accounts/statement-<plan>.yaml``) puts account *ranges* on the rows of the
result statement and the balance sheet, so an account the chart does not list (a
municipality's own 4567, or 30106) lands on the row its number falls in.

A range is written ``"30-39"`` or ``"84"`` and is read by the leading digits: ``"30-39"``
holds 30, 301, 3011 and 399999 alike, ``"8900-8989"`` holds 8910 but not 8999.

Rules: ACC-001 (ranges of two rows overlap) and ACC-002 (an account lands on no row) here; the
files are read, and ACC-003, ACC-004 and ACC-005 checked, in ``domain/account_files.py``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from styr.domain.errors import RuleViolation, _
from styr.domain.levels import LevelKind

#: Account numbers are compared on this many digits (SIE allows 20 characters).
WIDTH = 20
PARTS = ("result", "balance")


@dataclass(frozen=True)
class AccountPlans:
    """Which chart of accounts each org unit's ledger keeps (the preset's
    ``model.economy.account_plans``): by level kind, else ``default``. A municipal group keeps
    Kommun-Bas, its companies BAS."""

    default: str = "kommun-bas"
    by_kind: tuple[tuple[LevelKind, str], ...] = ((LevelKind.PARENT_COMPANY, "bas"), (LevelKind.COMPANY, "bas"))

    def plan_for(self, kind: LevelKind | str) -> str:
        for known, plan in self.by_kind:
            if known == kind:
                return plan
        return self.default

    def to_mapping(self) -> dict[str, str]:
        return {"default": self.default, **{kind.value: plan for kind, plan in self.by_kind}}


@dataclass(frozen=True)
class PlanAccount:
    number: str
    name: str


@dataclass(frozen=True)
class AccountGroup:
    number: str
    name: str
    accounts: tuple[PlanAccount, ...]


@dataclass(frozen=True)
class AccountClass:
    number: str
    name: str
    groups: tuple[AccountGroup, ...]


@dataclass(frozen=True)
class AccountPlan:
    key: str
    name: str
    classes: tuple[AccountClass, ...]

    def accounts(self) -> Iterator[PlanAccount]:
        for account_class in self.classes:
            for group in account_class.groups:
                yield from group.accounts

    def name_of(self, number: str) -> str:
        """The account's name, else its group's, else its class's (an own account is named by
        where it belongs); empty when the number is in no class of the chart."""
        for account_class in self.classes:
            if not number.startswith(account_class.number):
                continue
            for group in account_class.groups:
                if number.startswith(group.number):
                    for account in group.accounts:
                        if account.number == number:
                            return account.name
                    return group.name
            return account_class.name
        return ""


@dataclass(frozen=True)
class AccountRange:
    """Accounts whose leading digits lie from ``first`` to ``last`` (of equal length)."""

    first: str
    last: str

    @property
    def low(self) -> int:
        return int(self.first.ljust(WIDTH, "0"))

    @property
    def high(self) -> int:
        return int(self.last.ljust(WIDTH, "9"))

    def contains(self, number: str) -> bool:
        """True when every account the number can stand for lies in the range: 3011 and 3 both
        lie in 30-39 (3 is the whole class 3); 8 does not lie in 80-84."""
        if not number.isdigit() or len(number) > WIDTH:
            return False
        return self.low <= int(number.ljust(WIDTH, "0")) and int(number.ljust(WIDTH, "9")) <= self.high

    def __str__(self) -> str:
        return self.first if self.first == self.last else f"{self.first}-{self.last}"


@dataclass(frozen=True)
class StatementRow:
    key: str
    part: str
    label_sv: str
    label_en: str
    #: shown amount = sign × booked amount (credit revenue and liabilities are negative in a ledger)
    sign: int = 1
    ranges: tuple[AccountRange, ...] = ()
    #: a sum row: the keys of earlier rows of its part, added as shown
    sums: tuple[str, ...] = ()
    #: shown apart, in no sum (the closing account of the year's result)
    memo: bool = False

    @property
    def is_sum(self) -> bool:
        return bool(self.sums)

    def label(self, language: str = "sv") -> str:
        return self.label_en if language.startswith("en") else self.label_sv


@dataclass(frozen=True)
class StatementMapping:
    key: str
    plan: str
    name: str
    rows: tuple[StatementRow, ...]

    def rows_of(self, part: str) -> tuple[StatementRow, ...]:
        return tuple(row for row in self.rows if row.part == part)

    def find_row(self, number: str) -> StatementRow | None:
        for row in self.rows:
            if any(r.contains(number) for r in row.ranges):
                return row
        return None

    def row_for(self, number: str) -> StatementRow:
        """ACC-002: the row an account lands on, by range; refused when it lands on none."""
        row = self.find_row(str(number).strip())
        if row is None:
            raise RuleViolation(
                "ACC-002",
                _("Account %(account)s lands on no row of the statement “%(statement)s”."),
                {"account": number, "statement": self.key},
                field="account",
            )
        return row


def check_no_overlap(mapping: StatementMapping, *, source: str | None = None) -> None:
    """ACC-001: no account can land on two rows (ranges of different rows never meet)."""
    spans = [(r, row.key) for row in mapping.rows for r in row.ranges]
    for index, (first, first_row) in enumerate(spans):
        for second, second_row in spans[index + 1 :]:
            if first_row != second_row and first.low <= second.high and second.low <= first.high:
                raise RuleViolation(
                    "ACC-001",
                    _("The accounts %(first)s (row “%(first_row)s”) and %(second)s (row “%(second_row)s”) overlap: an account would land on two rows."),
                    {"first": str(first), "first_row": first_row, "second": str(second), "second_row": second_row},
                    source=source,
                )


def check_plan_covered(plan: AccountPlan, mapping: StatementMapping) -> None:
    """ACC-002: every account the chart lists lands on a row of its statement."""
    missing = [account.number for account in plan.accounts() if mapping.find_row(account.number) is None]
    if missing:
        raise RuleViolation(
            "ACC-002",
            _("Account %(account)s lands on no row of the statement “%(statement)s”."),
            {"account": missing[0], "statement": mapping.key, "accounts": missing},
        )

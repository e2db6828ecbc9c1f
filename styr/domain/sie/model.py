"""What a SIE file holds, as small immutable values, and the findings about it."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal, NamedTuple

from styr.domain.errors import RuleViolation

#: an object list: ((dimension, object), ...)
Objects = tuple[tuple[str, str], ...]
Severity = Literal["error", "warning"]


class Transaction(NamedTuple):
    """A #TRANS, #BTRANS or #RTRANS row of a voucher.

    A named tuple rather than a dataclass: it is the one row a file holds a million of, and
    a tuple is built several times faster and weighs less (it is just as immutable)."""

    account: str
    objects: Objects
    amount: Decimal
    date: dt.date | None
    text: str
    quantity: Decimal | None
    kind: str  # "TRANS", "BTRANS" or "RTRANS"
    line: int


@dataclass(frozen=True, slots=True)
class Voucher:
    series: str
    number: str
    date: dt.date
    text: str
    registered: dt.date | None
    sign: str
    line: int
    transactions: tuple[Transaction, ...]

    @property
    def booked(self) -> tuple[Transaction, ...]:
        """The rows booked (SIE-010): every #TRANS, and an added row (#RTRANS) only where the
        program wrote no twin #TRANS for it; never a removed row (#BTRANS)."""
        rows = self.transactions
        for t in rows:
            if t.kind != "TRANS":
                break
        else:
            return rows  # the common case: nothing removed or added
        lone = set(lone_added(rows))
        return tuple(t for t in rows if t.kind == "TRANS" or t in lone)

    @property
    def total(self) -> Decimal:
        """The sum of the booked rows (a row added with #RTRANS and repeated as #TRANS counts once)."""
        return sum((t.amount for t in self.booked), Decimal(0))


def is_twin(added: Transaction, row: Transaction) -> bool:
    """The #TRANS a program writes beside an #RTRANS for readers that know only #TRANS: the same
    account, objects and amount (its date is often the voucher's, the #RTRANS's the change's)."""
    return row.kind == "TRANS" and row.account == added.account and row.objects == added.objects and row.amount == added.amount


def lone_added(rows: tuple[Transaction, ...] | list[Transaction]) -> list[Transaction]:
    """The #RTRANS rows without a twin #TRANS in the voucher: booked by themselves (SIE-010).

    The format has the twin follow its #RTRANS; some programs write it before. Each #TRANS is
    the twin of one #RTRANS at most, the nearest following one first."""
    used: set[int] = set()
    lone: list[Transaction] = []
    for i, row in enumerate(rows):
        if row.kind != "RTRANS":
            continue
        order = [*range(i + 1, len(rows)), *range(i - 1, -1, -1)]
        twin = next((j for j in order if j not in used and is_twin(row, rows[j])), None)
        if twin is None:
            lone.append(row)
        else:
            used.add(twin)
    return lone


@dataclass(frozen=True, slots=True)
class FiscalYear:
    number: int  # 0 this year, -1 the year before, ...
    start: dt.date
    end: dt.date
    line: int


@dataclass(frozen=True, slots=True)
class Account:
    number: str
    name: str
    line: int
    type: str = ""  # #KTYP: T, S, K or I
    unit: str = ""  # #ENHET
    sru: str = ""


@dataclass(frozen=True, slots=True)
class Dimension:
    number: str
    name: str
    line: int
    parent: str | None = None  # #UNDERDIM's super dimension


@dataclass(frozen=True, slots=True)
class Balance:
    """#IB, #UB, #RES (no objects) and #OIB, #OUB (with objects)."""

    kind: str
    year: int
    account: str
    objects: Objects
    amount: Decimal
    quantity: Decimal | None
    line: int


@dataclass(frozen=True, slots=True)
class PeriodBalance:
    """#PSALDO (actual) and #PBUDGET (budget) for a month, YYYYMM."""

    kind: str
    year: int
    period: int
    account: str
    objects: Objects
    amount: Decimal
    quantity: Decimal | None
    line: int


@dataclass(frozen=True, slots=True)
class Finding:
    """A broken rule (an error refuses the file) or something worth telling (a warning)."""

    code: str
    template: str
    detail: Mapping[str, Any]
    line: int | None
    severity: Severity = "error"

    @property
    def message(self) -> str:
        return self.template % dict(self.detail) if self.detail else self.template

    def violation(self, source: str | None = None) -> RuleViolation:
        return RuleViolation(self.code, self.template, self.detail, source=source, line=self.line)


@dataclass
class SieFile:
    """The summary of a parsed file: everything but the vouchers (which are streamed)."""

    source: str | None = None
    encoding: str = "cp437"
    header: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sie_type: str = ""
    years: dict[int, FiscalYear] = field(default_factory=dict)
    accounts: dict[str, Account] = field(default_factory=dict)
    dimensions: dict[str, Dimension] = field(default_factory=dict)
    objects: dict[tuple[str, str], str] = field(default_factory=dict)
    balances: list[Balance] = field(default_factory=list)
    period_balances: list[PeriodBalance] = field(default_factory=list)
    #: the vouchers, kept only when no ``on_voucher`` callback was given
    vouchers: list[Voucher] = field(default_factory=list)
    #: per account, the sum of #TRANS amounts of vouchers dated in year 0
    transaction_totals: dict[str, Decimal] = field(default_factory=dict)
    counts: Counter[str] = field(default_factory=Counter)
    errors: list[Finding] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)
    #: errors beyond the ones kept (a broken file is not held line by line in memory)
    more_errors: int = 0
    #: None: no #KSUMMA; True: verified; False: it did not match
    checksum_ok: bool | None = None

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def variant(self) -> str:
        """ "1", "2", "3", "4E" or "4I": #SIETYP 4 is an export (4E) unless the file is named
        *.SI, which the format keeps for import files (4I: vouchers for another program)."""
        if self.sie_type != "4":
            return self.sie_type
        return "4I" if (self.source or "").lower().endswith(".si") else "4E"

    @property
    def program(self) -> str:
        return " ".join(self.header.get("PROGRAM", ()))

    @property
    def company(self) -> str:
        return " ".join(self.header.get("FNAMN", ()))

    def header_value(self, tag: str) -> str:
        values = self.header.get(tag, ())
        return values[0] if values else ""

    def violations(self) -> list[RuleViolation]:
        return [e.violation(self.source) for e in self.errors]

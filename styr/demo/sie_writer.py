"""A SIE 4 writer for the demo's made-up ledgers: a chart of accounts, dimensions and objects,
opening and closing balances and results that agree with the vouchers, and the vouchers,
written as accounting programs write them (CP437, ``#FORMAT PC8``, CR LF line ends).

Pure Python: the file is the same bytes for the same input, whichever machine writes it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from styr.domain.sie.lexer import quote

ORE = Decimal("0.01")
ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class Row:
    """A #TRANS row: debit positive, credit negative; ``obj`` is an object of ``#DIM 1``."""

    account: str
    amount: Decimal
    obj: str = ""


@dataclass(frozen=True, slots=True)
class Entry:
    """A voucher (#VER) whose rows balance."""

    series: str
    date: dt.date
    text: str
    rows: tuple[Row, ...]


@dataclass
class Books:
    """Everything a SIE 4 file holds for one company and one fiscal year."""

    company: str
    year_start: dt.date
    year_end: dt.date
    generated: dt.date
    accounts: Mapping[str, tuple[str, str]]  # number: (name, type T/S/K/I)
    program: str = "Styr demo"
    version: str = "1.0"
    org_number: str = ""
    chart: str = ""  # #KPTYP: BAS2024, KOMMUN…
    dimension_name: str = ""  # #DIM 1
    objects: Mapping[str, str] = field(default_factory=dict)  # code: name
    opening: Mapping[str, Decimal] = field(default_factory=dict)  # balance accounts' #IB
    entries: Sequence[Entry] = ()


def _amount(value: Decimal) -> str:
    return f"{value.quantize(ORE)}"


def _objects(obj: str) -> str:
    return "{" + f"1 {quote(obj)}" + "}" if obj else "{}"


def write_sie4(books: Books) -> bytes:
    """The books as a SIE type 4 file (4E, an export): header, chart, #IB/#UB for the balance
    accounts and #RES for the result accounts (computed from the vouchers, so they reconcile),
    then the vouchers numbered per series in date order."""
    movement: dict[str, Decimal] = {}
    for entry in books.entries:
        total = sum((r.amount for r in entry.rows), ZERO)
        if total != ZERO:
            raise ValueError(f"voucher {entry.series} {entry.date} {entry.text!r} does not balance: {total}")
        for row in entry.rows:
            movement[row.account] = movement.get(row.account, ZERO) + row.amount
    lines = [
        "#FLAGGA 0",
        f"#PROGRAM {quote(books.program)} {books.version}",
        "#FORMAT PC8",
        f"#GEN {books.generated:%Y%m%d}",
        "#SIETYP 4",
    ]
    if books.org_number:
        lines.append(f"#ORGNR {books.org_number}")
    lines.append(f"#FNAMN {quote(books.company)}")
    lines.append(f"#RAR 0 {books.year_start:%Y%m%d} {books.year_end:%Y%m%d}")
    if books.chart:
        lines.append(f"#KPTYP {books.chart}")
    for number, (name, kind) in sorted(books.accounts.items()):
        lines.append(f"#KONTO {number} {quote(name)}")
        lines.append(f"#KTYP {number} {kind}")
    if books.dimension_name:
        lines.append(f"#DIM 1 {quote(books.dimension_name)}")
        for code, name in sorted(books.objects.items()):
            lines.append(f"#OBJEKT 1 {quote(code)} {quote(name)}")
    for number in sorted(books.accounts):
        if number[0] in "12":
            opening = books.opening.get(number, ZERO)
            lines.append(f"#IB 0 {number} {_amount(opening)}")
            lines.append(f"#UB 0 {number} {_amount(opening + movement.get(number, ZERO))}")
    for number in sorted(books.accounts):
        if number[0] not in "12" and number in movement:
            lines.append(f"#RES 0 {number} {_amount(movement[number])}")
    serial: dict[str, int] = {}
    for entry in sorted(books.entries, key=lambda e: (e.date, e.series)):
        serial[entry.series] = serial.get(entry.series, 0) + 1
        lines.append(f"#VER {entry.series} {serial[entry.series]} {entry.date:%Y%m%d} {quote(entry.text)} {entry.date:%Y%m%d}")
        lines.append("{")
        for row in entry.rows:
            lines.append(f"#TRANS {row.account} {_objects(row.obj)} {_amount(row.amount)}")
        lines.append("}")
    return ("\r\n".join(lines) + "\r\n").encode("cp437")

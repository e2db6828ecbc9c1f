"""A small SIE writer, CP437 (``#FORMAT PC8``) with CR LF line ends as accounting programs write
it: a budget as #PBUDGET rows (issue 9: a committee's budget back out as SIE), and whole books as
SIE 4 (the demo's made-up ledgers). The same input gives the same bytes on any machine."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from styr.domain.sie.lexer import quote
from styr.domain.sie.model import Objects

ORE = Decimal("0.01")
ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class BudgetRow:
    period: int  # YYYYMM
    account: str
    amount: Decimal
    objects: Objects = ()


def _header(program: str, version: str, generated: dt.date, sie_type: str, org_number: str, company: str, start: dt.date, end: dt.date) -> list[str]:
    """The identification records every file starts with, as accounting programs write them."""
    lines = ["#FLAGGA 0", f"#PROGRAM {quote(program)} {version}", "#FORMAT PC8", f"#GEN {generated:%Y%m%d}", f"#SIETYP {sie_type}"]
    if org_number:
        lines.append(f"#ORGNR {org_number}")
    return [*lines, f"#FNAMN {quote(company)}", f"#RAR 0 {start:%Y%m%d} {end:%Y%m%d}"]


def _objects(objects: Objects) -> str:
    return "{" + " ".join(f"{dim} {quote(obj)}" for dim, obj in objects) + "}"


def write_pbudget(
    rows: Iterable[BudgetRow],
    *,
    company: str,
    year_start: dt.date,
    year_end: dt.date,
    generated: dt.date,
    program: str = "Styr",
    version: str = "1",
    org_number: str = "",
    accounts: Mapping[str, str] | None = None,
    dimensions: Mapping[str, str] | None = None,
    objects: Mapping[tuple[str, str], str] | None = None,
    sie_type: str = "2",
) -> bytes:
    """A SIE file (type 2, period balances; type 3 when the rows carry objects) holding the
    budget as #PBUDGET rows for year 0, in CP437 (#FORMAT PC8) with CR LF line ends, as
    accounting programs read it."""
    lines = _header(program, quote(version), generated, sie_type, org_number, company, year_start, year_end)
    for number, name in sorted((accounts or {}).items()):
        lines.append(f"#KONTO {number} {quote(name)}")
    for dim, name in sorted((dimensions or {}).items()):
        lines.append(f"#DIM {dim} {quote(name)}")
    for (dim, obj), name in sorted((objects or {}).items()):
        lines.append(f"#OBJEKT {dim} {quote(obj)} {quote(name)}")
    for row in sorted(rows, key=lambda r: (r.account, r.period, r.objects)):
        amount = row.amount.quantize(ORE)
        lines.append(f"#PBUDGET 0 {row.period} {row.account} {_objects(row.objects)} {amount}")
    return ("\r\n".join(lines) + "\r\n").encode("cp437", "replace")


@dataclass(frozen=True, slots=True)
class Row:
    """A #TRANS row: debit positive, credit negative; ``obj`` is an object of ``#DIM 1``,
    ``project`` one of ``#DIM 6`` (SIE's standard "Projekt")."""

    account: str
    amount: Decimal
    obj: str = ""
    project: str = ""


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
    projects: Mapping[str, str] = field(default_factory=dict)  # #DIM 6 "Projekt": code: name
    opening: Mapping[str, Decimal] = field(default_factory=dict)  # balance accounts' #IB
    entries: Sequence[Entry] = ()


def _amount(value: Decimal) -> str:
    return f"{value.quantize(ORE)}"


def _row_objects(row: Row) -> str:
    objects = ((("1", row.obj),) if row.obj else ()) + ((("6", row.project),) if row.project else ())
    return _objects(objects)


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
    lines = _header(books.program, books.version, books.generated, "4", books.org_number, books.company, books.year_start, books.year_end)
    if books.chart:
        lines.append(f"#KPTYP {books.chart}")
    for number, (name, kind) in sorted(books.accounts.items()):
        lines.append(f"#KONTO {number} {quote(name)}")
        lines.append(f"#KTYP {number} {kind}")
    if books.dimension_name:
        lines.append(f"#DIM 1 {quote(books.dimension_name)}")
        for code, name in sorted(books.objects.items()):
            lines.append(f"#OBJEKT 1 {quote(code)} {quote(name)}")
    if books.projects:
        lines.append(f"#DIM 6 {quote('Projekt')}")
        for code, name in sorted(books.projects.items()):
            lines.append(f"#OBJEKT 6 {quote(code)} {quote(name)}")
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
            lines.append(f"#TRANS {row.account} {_row_objects(row)} {_amount(row.amount)}")
        lines.append("}")
    return ("\r\n".join(lines) + "\r\n").encode("cp437")

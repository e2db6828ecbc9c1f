"""A small SIE writer: a budget as #PBUDGET rows (issue 9: a committee's budget back out as SIE)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from styr.domain.sie.lexer import quote
from styr.domain.sie.model import Objects

ORE = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class BudgetRow:
    period: int  # YYYYMM
    account: str
    amount: Decimal
    objects: Objects = ()


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
    lines = [
        "#FLAGGA 0",
        f"#PROGRAM {quote(program)} {quote(version)}",
        "#FORMAT PC8",
        f"#GEN {generated:%Y%m%d}",
        f"#SIETYP {sie_type}",
    ]
    if org_number:
        lines.append(f"#ORGNR {org_number}")
    lines.append(f"#FNAMN {quote(company)}")
    lines.append(f"#RAR 0 {year_start:%Y%m%d} {year_end:%Y%m%d}")
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

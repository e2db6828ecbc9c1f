"""The reader's state and the values of a record's fields (amounts, dates, accounts, objects).

``_State`` is the base of the record readers (``vouchers.py``, ``records.py``) and of the
reader itself (``parser.py``): it holds what a pass over the file keeps, and turns a field
into a value or raises ``LineError`` naming what is wrong with it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from styr.domain.sie import messages as M
from styr.domain.sie.lexer import Field, LineError
from styr.domain.sie.model import Finding, FiscalYear, Objects, SieFile, Transaction, Voucher

#: how many distinct dates and object lists are remembered (a file repeats a few many times)
_CACHE = 100_000


def _text(tok: Field) -> str:
    return tok if isinstance(tok, str) else " ".join(tok)


class _State:
    def __init__(self, source: str | None, on_voucher: Callable[[Voucher], None] | None, max_findings: int) -> None:
        self.sie = SieFile(source=source)
        self.on_voucher = on_voucher
        self.max_findings = max_findings
        self.encoding: str | None = None
        self.replacements = 0
        self.first_replacement: int | None = None
        self.year0: FiscalYear | None = None
        self.dates: dict[str, dt.date] = {}
        self.object_lists: dict[tuple[str, ...], Objects] = {(): ()}
        self.inside_lists: dict[str, Objects] = {"": ()}  # the same, by the text between the braces
        # the voucher being read: its #VER fields, its rows once { is read
        self.head: tuple[str, str, dt.date, str, dt.date | None, str, int] | None = None
        self.head_line = 0
        self.awaiting_open = False
        self.rows: list[Transaction] | None = None
        self.broken = False
        # #KSUMMA: the running CRC-32 from the opening #KSUMMA on
        self.crc: int | None = None

    # -- findings ------------------------------------------------------------------------
    def error(self, code: str, template: str, detail: dict[str, Any] | None, line: int | None) -> None:
        if len(self.sie.errors) < self.max_findings:
            self.sie.errors.append(Finding(code, template, detail or {}, line))
        else:
            self.sie.more_errors += 1

    def warn(self, code: str, template: str, detail: dict[str, Any] | None, line: int | None) -> None:
        if len(self.sie.warnings) < self.max_findings:
            self.sie.warnings.append(Finding(code, template, detail or {}, line, "warning"))

    # -- values --------------------------------------------------------------------------
    @staticmethod
    def need(f: list[Field], i: int, name: str) -> str:
        if i >= len(f):
            raise LineError(M.MISSING_FIELD, {"record": _text(f[0])[1:], "field": name})
        tok = f[i]
        if not isinstance(tok, str):
            raise LineError(M.MISSING_FIELD, {"record": _text(f[0])[1:], "field": name})
        return tok

    @staticmethod
    def amount(tok: Field, *, ore: bool = True) -> Decimal:
        if not isinstance(tok, str):
            raise LineError(M.NOT_AMOUNT, {"value": "{" + " ".join(tok) + "}"})
        digits = tok[1:] if tok[:1] in ("-", "+") else tok
        if not (digits.isascii() and digits.replace(".", "", 1).isdigit()):
            raise LineError(M.NOT_AMOUNT, {"value": tok})
        value = Decimal(tok)
        if ore:
            dot = digits.find(".")
            if dot >= 0 and len(digits) - dot > 3:
                rounded = value.quantize(Decimal("0.01"))
                if rounded != value:
                    raise LineError(M.FRACTION_OF_ORE, {"value": tok})
                value = rounded
        return value

    def date(self, tok: str) -> dt.date:
        value = self.dates.get(tok)
        if value is None:
            if len(tok) != 8 or not (tok.isascii() and tok.isdigit()):
                raise LineError(M.NOT_DATE, {"value": tok})
            try:
                value = dt.date(int(tok[:4]), int(tok[4:6]), int(tok[6:]))
            except ValueError:
                raise LineError(M.NOT_DATE, {"value": tok}) from None
            if len(self.dates) < _CACHE:
                self.dates[tok] = value
        return value

    def optional_date(self, f: list[Field], i: int) -> dt.date | None:
        if i >= len(f):
            return None
        tok = f[i]
        if not isinstance(tok, str):
            raise LineError(M.NOT_DATE, {"value": _text(tok)})
        return self.date(tok) if tok else None

    def optional_quantity(self, f: list[Field], i: int) -> Decimal | None:
        if i >= len(f) or f[i] == "":
            return None
        return self.amount(f[i], ore=False)

    def objects(self, tok: tuple[str, ...]) -> Objects:
        value = self.object_lists.get(tok)
        if value is None:
            if len(tok) % 2:
                raise LineError(M.OBJECT_PAIRS)
            value = tuple(zip(tok[::2], tok[1::2], strict=True))
            if len(self.object_lists) < _CACHE:
                self.object_lists[tok] = value
        return value

    @staticmethod
    def account(tok: str) -> str:
        if not (tok.isascii() and tok.isdigit()):
            raise LineError(M.NOT_ACCOUNT, {"value": tok})
        return tok

    @staticmethod
    def year(tok: str) -> int:
        digits = tok[1:] if tok[:1] == "-" else tok
        if not (digits.isascii() and digits.isdigit()):
            raise LineError(M.NOT_YEAR, {"value": tok})
        return int(tok)

    @staticmethod
    def integer(tok: str) -> str:
        if not (tok.isascii() and tok.isdigit()):
            raise LineError(M.NOT_NUMBER, {"value": tok})
        return tok

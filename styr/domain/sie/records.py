"""Reading the records outside vouchers: the header, fiscal years (#RAR), the chart (#KONTO,
#KTYP, #ENHET, #SRU), dimensions and objects, balances (#IB, #UB, #RES, #OIB, #OUB), period
rows (#PSALDO, #PBUDGET) and the checksum (#KSUMMA)."""

from __future__ import annotations

import dataclasses

from styr.domain.sie import messages as M
from styr.domain.sie.lexer import Field, LineError
from styr.domain.sie.model import Account, Balance, Dimension, FiscalYear, Objects, PeriodBalance
from styr.domain.sie.state import _State, _text

HEADER = frozenset(
    {"FLAGGA", "PROGRAM", "FORMAT", "GEN", "SIETYP", "PROSA", "FNR", "ORGNR", "FNAMN", "ADRESS", "TAXAR"} | {"OMFATTN", "KPTYP", "VALUTA", "FTYP", "BKOD"}
)
TYPES = frozenset({"1", "2", "3", "4"})


class OtherRecords(_State):
    def header(self, tag: str, f: list[Field], number: int) -> None:
        values = tuple(_text(tok) for tok in f[1:])
        if tag == "FNAMN" and len(values) > 1:
            values = (" ".join(values),)  # an unquoted name with spaces
        self.sie.header[tag] = values
        if tag == "SIETYP":
            kind = self.need(f, 1, "type")
            if kind not in TYPES:
                self.error(M.ENCODING, M.UNKNOWN_TYPE, {"value": kind}, number)
            self.sie.sie_type = kind
        elif tag in ("GEN", "OMFATTN"):
            self.date(self.need(f, 1, "date"))

    def rar(self, f: list[Field], number: int) -> None:
        year = self.year(self.need(f, 1, "year"))
        start = self.date(self.need(f, 2, "start"))
        end = self.date(self.need(f, 3, "end"))
        if end < start:
            raise LineError(M.NOT_DATE, {"value": _text(f[3])})
        self.sie.years[year] = FiscalYear(year, start, end, number)
        if year == 0:
            self.year0 = self.sie.years[0]

    def konto(self, f: list[Field], number: int) -> None:
        account = self.account(self.need(f, 1, "account"))
        name = " ".join(_text(tok) for tok in f[2:])
        known = self.sie.accounts.get(account)
        if known is None:
            self.sie.accounts[account] = Account(account, name, number)
        else:
            self.sie.accounts[account] = dataclasses.replace(known, name=name, line=number)

    def account_detail(self, f: list[Field], number: int) -> None:
        tag = _text(f[0])[1:]
        account = self.account(self.need(f, 1, "account"))
        value = self.need(f, 2, {"KTYP": "type", "ENHET": "unit", "SRU": "code"}[tag])
        known = self.sie.accounts.get(account) or Account(account, "", number)
        if tag == "KTYP":
            known = dataclasses.replace(known, type=value)
        elif tag == "ENHET":
            known = dataclasses.replace(known, unit=value)
        else:
            known = dataclasses.replace(known, sru=value)
        self.sie.accounts[account] = known

    def dim(self, f: list[Field], number: int) -> None:
        dimension = self.integer(self.need(f, 1, "dimension"))
        name = self.need(f, 2, "name") if len(f) > 2 else ""
        parent = self.integer(self.need(f, 3, "super dimension")) if _text(f[0]) == "#UNDERDIM" else None
        self.sie.dimensions[dimension] = Dimension(dimension, name, number, parent)

    def objekt(self, f: list[Field], number: int) -> None:
        dimension = self.integer(self.need(f, 1, "dimension"))
        self.sie.objects[(dimension, self.need(f, 2, "object"))] = _text(f[3]) if len(f) > 3 else ""

    def balance(self, f: list[Field], number: int) -> None:
        kind = _text(f[0])[1:]
        year = self.year(self.need(f, 1, "year"))
        account = self.account(self.need(f, 2, "account"))
        at = 4 if len(f) > 3 and not isinstance(f[3], str) else 3  # a stray {} before the amount
        amount = self.amount(self.need(f, at, "amount"))
        quantity = self.optional_quantity(f, at + 1)
        self.sie.balances.append(Balance(kind, year, account, (), amount, quantity, number))

    def object_balance(self, f: list[Field], number: int) -> None:
        kind = _text(f[0])[1:]
        year = self.year(self.need(f, 1, "year"))
        account = self.account(self.need(f, 2, "account"))
        tok = f[3] if len(f) > 3 else ""
        if isinstance(tok, str):
            raise LineError(M.MISSING_FIELD, {"record": kind, "field": "objects"})
        objects = self.objects(tok)
        amount = self.amount(self.need(f, 4, "amount"))
        self.sie.balances.append(Balance(kind, year, account, objects, amount, self.optional_quantity(f, 5), number))

    def period(self, f: list[Field], number: int) -> None:
        kind = _text(f[0])[1:]
        year = self.year(self.need(f, 1, "year"))
        period_text = self.need(f, 2, "period")
        if len(period_text) != 6 or not period_text.isdigit() or not 1 <= int(period_text[4:]) <= 12:
            raise LineError(M.NOT_PERIOD, {"value": period_text})
        account = self.account(self.need(f, 3, "account"))
        tok = f[4] if len(f) > 4 else ""
        if isinstance(tok, str):  # written without an object list
            objects: Objects = ()
            at = 4
        else:
            objects = self.objects(tok)
            at = 5
        amount = self.amount(self.need(f, at, "amount"))
        quantity = self.optional_quantity(f, at + 1)
        row = PeriodBalance(kind, year, int(period_text), account, objects, amount, quantity, number)
        self.sie.period_balances.append(row)

    def ksumma(self, f: list[Field], number: int) -> None:
        if len(f) == 1:
            self.crc = 0
            return
        expected = self.need(f, 1, "checksum")
        if self.crc is None:
            self.warn(M.CHECKSUM, M.CHECKSUM_MISSING, None, number)
            return
        actual = self.crc
        self.crc = None
        if not expected.isdigit() or int(expected) != actual:
            self.error(M.CHECKSUM, M.CHECKSUM_WRONG, {"expected": expected, "actual": actual}, number)
            self.sie.checksum_ok = False
        else:
            self.sie.checksum_ok = True

    def checksum_bytes(self, f: list[Field]) -> bytes:
        """The bytes of a record that #KSUMMA covers: its label and fields, without the
        separators, quotes and braces, in the file's encoding."""
        text = "".join(tok if isinstance(tok, str) else "".join(tok) for tok in f)
        return text.encode(self.encoding or "cp437", "replace")

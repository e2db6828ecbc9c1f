"""The streaming SIE reader: one pass over the lines, constant memory when vouchers are
handed to a callback. Types 1, 2, 3 and 4 (4E export and 4I import files)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import zlib
from collections.abc import Callable, Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

from styr.domain.sie import messages as M
from styr.domain.sie.checks import ZERO, dedupe_period_balances, reconciliation_findings, voucher_findings
from styr.domain.sie.lexer import ENCODING_NAMES, Field, LineError, fields, plain_fields, sniff
from styr.domain.sie.model import (
    Account,
    Balance,
    Dimension,
    Finding,
    FiscalYear,
    Objects,
    PeriodBalance,
    SieFile,
    Transaction,
    Voucher,
)

HEADER = frozenset(
    {"FLAGGA", "PROGRAM", "FORMAT", "GEN", "SIETYP", "PROSA", "FNR", "ORGNR", "FNAMN", "ADRESS", "TAXAR"} | {"OMFATTN", "KPTYP", "VALUTA", "FTYP", "BKOD"}
)
TYPES = frozenset({"1", "2", "3", "4"})
TRANSACTIONS = frozenset({"TRANS", "BTRANS", "RTRANS"})
BOM = b"\xef\xbb\xbf"
_CACHE = 100_000
#: a well-formed transaction row in its usual shape, read with one match instead of a split and
#: field-by-field checks: kind, account, object list's inside, amount, date, quoted or bare text
_TRANS_ROW = re.compile(
    r"#(TRANS|BTRANS|RTRANS)[ \t]+([0-9]+)[ \t]*\{([^{}]*)\}[ \t]*(-?[0-9]+(?:\.[0-9][0-9]?)?)"
    r'(?:[ \t]+(?:([0-9]{8})|"")(?:[ \t]+(?:"([^"\\]*)"|([^\s"{}\\]+)))?)?',
    re.ASCII,
).fullmatch


def parse(
    stream: Iterable[bytes],
    *,
    source: str | None = None,
    on_voucher: Callable[[Voucher], None] | None = None,
    max_findings: int = 1000,
) -> SieFile:
    """Read a SIE file given as binary lines (an open file, ``io.BytesIO``…).

    Each voucher goes to ``on_voucher`` as it is read (and is then forgotten), or, without a
    callback, into ``SieFile.vouchers``. The answer holds everything else and the findings:
    ``errors`` (the file is refused when there is one) and ``warnings``."""
    return _Parser(source, on_voucher, max_findings).run(stream)


def parse_bytes(data: bytes, **options: Any) -> SieFile:
    return parse(io.BytesIO(data), **options)


def parse_path(path: str | Path, **options: Any) -> SieFile:
    options.setdefault("source", Path(path).name)
    with open(path, "rb") as handle:
        return parse(handle, **options)


def _text(tok: Field) -> str:
    return tok if isinstance(tok, str) else " ".join(tok)


class _Parser:
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
        self.handlers: dict[str, Callable[[list[Field], int], None]] = {
            "VER": self.ver,
            "RAR": self.rar,
            "KONTO": self.konto,
            "KTYP": self.account_detail,
            "ENHET": self.account_detail,
            "SRU": self.account_detail,
            "DIM": self.dim,
            "UNDERDIM": self.dim,
            "OBJEKT": self.objekt,
            "IB": self.balance,
            "UB": self.balance,
            "RES": self.balance,
            "OIB": self.object_balance,
            "OUB": self.object_balance,
            "PSALDO": self.period,
            "PBUDGET": self.period,
            "KSUMMA": self.ksumma,
        }

    # -- findings ------------------------------------------------------------------------
    def error(self, code: str, template: str, detail: dict[str, Any] | None, line: int | None) -> None:
        if len(self.sie.errors) < self.max_findings:
            self.sie.errors.append(Finding(code, template, detail or {}, line))
        else:
            self.sie.more_errors += 1

    def warn(self, code: str, template: str, detail: dict[str, Any] | None, line: int | None) -> None:
        if len(self.sie.warnings) < self.max_findings:
            self.sie.warnings.append(Finding(code, template, detail or {}, line, "warning"))

    # -- the loop --------------------------------------------------------------------------
    def run(self, stream: Iterable[bytes]) -> SieFile:
        counts = self.sie.counts
        handlers = self.handlers
        transaction = self.transaction
        for number, raw in enumerate(stream, 1):
            text = raw.decode("ascii") if raw.isascii() else self.decode(raw, number)
            line = text.strip()
            if not line:
                continue
            if line[0] != "#":
                if line == "{":
                    self.open_block(number)
                elif line == "}":
                    self.close_block(number)
                else:
                    self.error(M.SYNTAX, M.NOT_RECORD, None, number)
                continue
            opens = False
            try:
                if self.rows is not None and self.crc is None:
                    match = _TRANS_ROW(line)
                    if match is not None:
                        self.fast_transaction(match.groups(), number)
                        continue
                try:
                    f = fields(line)
                except LineError:
                    if not (line.startswith("#VER") and line.endswith("{")):
                        raise
                    f, opens = fields(line[:-1]), True  # "#VER … {" on one line
                tag: str = f[0][1:]  # type: ignore[assignment]  # a line beginning with # begins with a string
                counts[tag] += 1
                if self.crc is not None and tag != "KSUMMA":
                    self.crc = zlib.crc32(self.checksum_bytes(f), self.crc)
                if tag in TRANSACTIONS:
                    transaction(tag, f, number)
                    continue
                if self.rows is not None:
                    self.error(M.SYNTAX, M.INSIDE_VOUCHER, {"record": tag}, number)
                    continue
                if self.awaiting_open:
                    self.error(M.SYNTAX, M.VOUCHER_NOT_OPENED, None, self.head_line)
                    self.awaiting_open = False
                    self.head = None
                handler = handlers.get(tag)
                if handler is not None:
                    handler(f, number)
                elif tag in HEADER:
                    self.header(tag, f, number)
                else:
                    self.warn(M.UNKNOWN, M.UNKNOWN_RECORD, {"record": tag}, number)
            except LineError as err:
                if self.rows is not None:
                    self.broken = True
                self.error(M.SYNTAX, err.template, err.detail, number)
            if opens:
                self.open_block(number)
        return self.finish()

    def decode(self, raw: bytes, number: int) -> str:
        if number == 1 and raw.startswith(BOM):
            raw = raw[3:]
            if self.encoding is None:
                self.note_encoding("utf-8", number)
            if raw.isascii():
                return raw.decode("ascii")
        encoding = self.encoding
        if encoding is None:
            encoding = self.note_encoding(sniff(raw), number)
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            text = raw.decode(encoding, "replace")
            self.warn(M.ENCODING, M.UNDECODABLE, {"encoding": ENCODING_NAMES[encoding]}, number)
        if "\ufffd" in text:
            self.replacements += text.count("\ufffd")
            if self.first_replacement is None:
                self.first_replacement = number
        return text

    def note_encoding(self, encoding: str, number: int) -> str:
        self.encoding = self.sie.encoding = encoding
        if encoding != "cp437":
            self.warn(M.ENCODING, M.WRONG_ENCODING, {"encoding": ENCODING_NAMES[encoding]}, number)
        return encoding

    def finish(self) -> SieFile:
        sie = self.sie
        if self.rows is not None or self.awaiting_open:
            self.error(M.SYNTAX, M.VOUCHER_UNCLOSED, None, self.head_line)
        if self.replacements:
            self.warn(M.ENCODING, M.REPLACEMENT_CHARACTERS, {"count": self.replacements}, self.first_replacement)
        if self.crc is not None:
            self.error(M.CHECKSUM, M.CHECKSUM_MISSING, None, None)
        sie.period_balances, duplicates = dedupe_period_balances(sie.period_balances, sie.dimensions.keys())
        sie.warnings += duplicates
        if sie.counts["VER"]:
            for finding in reconciliation_findings(sie.transaction_totals, sie.balances):
                self.error(finding.code, finding.template, dict(finding.detail), finding.line)
        return sie

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

    # -- vouchers ------------------------------------------------------------------------
    def ver(self, f: list[Field], number: int) -> None:
        self.head, self.head_line, self.awaiting_open, self.broken = None, number, True, False
        series = self.need(f, 1, "series")
        voucher_number = self.need(f, 2, "number")
        voucher_date = self.date(self.need(f, 3, "date"))
        text = _text(f[4]) if len(f) > 4 else ""
        registered = self.optional_date(f, 5)
        sign = _text(f[6]) if len(f) > 6 else ""
        self.head = (series, voucher_number, voucher_date, text, registered, sign, number)

    def open_block(self, number: int) -> None:
        if not self.awaiting_open:
            self.error(M.SYNTAX, M.STRAY_BRACE, {"value": "{"}, number)
            return
        self.awaiting_open = False
        self.rows = []
        if self.head is None:
            self.broken = True

    def close_block(self, number: int) -> None:
        rows = self.rows
        if rows is None:
            self.error(M.SYNTAX, M.STRAY_BRACE, {"value": "}"}, number)
            return
        self.rows = None
        head = self.head
        self.head = None
        if head is None or self.broken:
            return
        voucher = Voucher(*head, transactions=tuple(rows))
        year0 = self.year0
        in_year0 = year0 is None or year0.start <= voucher.date <= year0.end
        totals = self.sie.transaction_totals
        total = ZERO
        for row in rows:
            if row.kind == "TRANS":
                total += row.amount
                if in_year0:
                    totals[row.account] = totals.get(row.account, ZERO) + row.amount
        if total:
            for finding in voucher_findings(voucher):
                self.error(finding.code, finding.template, dict(finding.detail), finding.line)
        if self.on_voucher is None:
            self.sie.vouchers.append(voucher)
        else:
            self.on_voucher(voucher)

    def fast_transaction(self, groups: tuple[str | Any, ...], number: int) -> None:
        """A row matched by _TRANS_ROW: its shape is already checked, only values are left."""
        kind, account, inside, value, when, quoted, bare = groups
        self.sie.counts[kind] += 1
        objects = self.inside_lists.get(inside)
        if objects is None:
            objects = self.objects(tuple(plain_fields(inside))) if inside.strip() else ()
            if len(self.inside_lists) < _CACHE:
                self.inside_lists[inside] = objects
        when_date = None
        if when is not None:
            when_date = self.dates.get(when)
            if when_date is None:
                when_date = self.date(when)
        text = quoted if quoted is not None else bare or ""
        self.rows.append(Transaction(account, objects, Decimal(value), when_date, text, None, kind, number))  # type: ignore[union-attr]

    def transaction(self, kind: str, f: list[Field], number: int) -> None:
        rows = self.rows
        if rows is None:
            self.error(M.SYNTAX, M.OUTSIDE_VOUCHER, {"record": kind}, number)
            return
        n = len(f)
        if n > 3:
            # the fast path: "#TRANS 1930 {…} -12.50 [date [text [quantity]]]", all well formed
            account, tok, value = f[1], f[2], f[3]
            if type(tok) is tuple and type(account) is str and type(value) is str and account.isdigit() and account.isascii():
                digits = value[1:] if value[:1] == "-" else value
                dot = digits.find(".")
                if digits.isascii() and digits.replace(".", "", 1).isdigit() and (dot < 0 or len(digits) - dot <= 3):
                    known = self.object_lists.get(tok)
                    listed = self.objects(tok) if known is None else known
                    when_date = None
                    text = ""
                    quantity = None
                    if n > 4:
                        when = f[4]
                        if when != "":
                            when_date = self.dates.get(when) if type(when) is str else None  # type: ignore[arg-type]
                            if when_date is None:
                                when_date = self.optional_date(f, 4)
                        if n > 5:
                            text = _text(f[5])
                            if n > 6:
                                quantity = self.optional_quantity(f, 6)
                    rows.append(Transaction(account, listed, Decimal(value), when_date, text, quantity, kind, number))
                    return
        account = f[1] if n > 1 else ""
        if not (isinstance(account, str) and account.isdigit() and account.isascii()):
            self.account(self.need(f, 1, "account"))  # raises the right error
        tok = f[2] if n > 2 else ""
        if isinstance(tok, str):  # written without an object list
            objects: Objects = ()
            at = 2
        else:
            found = self.object_lists.get(tok)
            objects = self.objects(tok) if found is None else found
            at = 3
        if at >= n:
            raise LineError(M.MISSING_FIELD, {"record": kind, "field": "amount"})
        amount = self.amount(f[at])
        if n > at + 1:
            when = f[at + 1]
            when_date = self.dates.get(when) if isinstance(when, str) else None
            if when_date is None and when != "":
                when_date = self.optional_date(f, at + 1)
            text = _text(f[at + 2]) if n > at + 2 else ""
            quantity = self.optional_quantity(f, at + 3) if n > at + 3 else None
        else:
            when_date, text, quantity = None, "", None
        rows.append(Transaction(account, objects, amount, when_date, text, quantity, kind, number))  # type: ignore[arg-type]

    # -- the rest ------------------------------------------------------------------------
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

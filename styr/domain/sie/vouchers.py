"""Reading vouchers: ``#VER`` and its block of ``#TRANS``, ``#BTRANS`` and ``#RTRANS`` rows.

A voucher is checked as it is closed (SIE-001 balance, SIE-010 added rows, SIE-011 its year),
added to the per-account sums that SIE-002 compares with the balances, and handed on."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from styr.domain.sie import messages as M
from styr.domain.sie.checks import ZERO, voucher_findings
from styr.domain.sie.lexer import Field, LineError, plain_fields
from styr.domain.sie.model import Objects, Transaction, Voucher, lone_added
from styr.domain.sie.state import _CACHE, _State, _text

#: a well-formed transaction row in its usual shape, read with one match instead of a split and
#: field-by-field checks: kind, account, object list's inside, amount, date, quoted or bare text
_TRANS_ROW = re.compile(
    r"#(TRANS|BTRANS|RTRANS)[ \t]+([0-9]+)[ \t]*\{([^{}]*)\}[ \t]*(-?[0-9]+(?:\.[0-9][0-9]?)?)"
    r'(?:[ \t]+(?:([0-9]{8})|"")(?:[ \t]+(?:"([^"\\]*)"|([^\s"{}\\]+)))?)?',
    re.ASCII,
).fullmatch


class VoucherRecords(_State):
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
        if not in_year0 and year0 is not None:
            detail = {"series": voucher.series or '""', "number": voucher.number or '""', "date": voucher.date.isoformat()}
            detail |= {"start": year0.start.isoformat(), "end": year0.end.isoformat()}
            self.error(M.VOUCHER_YEAR, M.VOUCHER_OUTSIDE_YEAR, detail, voucher.line)
        totals = self.sie.transaction_totals
        total = ZERO
        added = False
        for row in rows:
            kind = row.kind
            if kind == "TRANS":
                total += row.amount
                if in_year0:
                    totals[row.account] = totals.get(row.account, ZERO) + row.amount
            elif kind == "RTRANS":
                added = True
        if added:
            for row in lone_added(rows):
                self.warn(M.ADDED, M.ADDED_ROW_ALONE, {"account": row.account}, row.line)
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

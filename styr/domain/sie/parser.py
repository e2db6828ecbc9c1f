"""The streaming SIE reader: one pass over the lines, constant memory when vouchers are
handed to a callback. Types 1, 2, 3 and 4 (4E export and 4I import files).

The loop and the file-wide checks are here; the records are read by ``vouchers.py`` (#VER and
its rows) and ``records.py`` (everything else), on the state and values of ``state.py``."""

from __future__ import annotations

import io
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from styr.domain.sie import messages as M
from styr.domain.sie import vouchers
from styr.domain.sie.checks import dedupe_period_balances, reconciliation_findings
from styr.domain.sie.lexer import ENCODING_NAMES, Field, LineError, fields, sniff
from styr.domain.sie.model import SieFile, Voucher
from styr.domain.sie.records import HEADER, OtherRecords
from styr.domain.sie.vouchers import VoucherRecords

TRANSACTIONS = frozenset({"TRANS", "BTRANS", "RTRANS"})
BOM = b"\xef\xbb\xbf"


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


class _Parser(VoucherRecords, OtherRecords):
    def __init__(self, source: str | None, on_voucher: Callable[[Voucher], None] | None, max_findings: int) -> None:
        super().__init__(source, on_voucher, max_findings)
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

    def run(self, stream: Iterable[bytes]) -> SieFile:
        counts = self.sie.counts
        handlers = self.handlers
        transaction = self.transaction
        trans_row = vouchers._TRANS_ROW
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
                    match = trans_row(line)
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

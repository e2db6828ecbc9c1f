"""The booked rows of a SIE import: a voucher's rows written in batches as the parser hands
them over, without building a model instance for each (a ledger holds millions).

On PostgreSQL the rows go through ``COPY … FROM STDIN`` (psycopg's ``cursor.copy``), elsewhere
through one ``INSERT`` run with ``executemany``. Both run inside the import's transaction, so a
file refused at the end writes none of them."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import connection

from styr.domain.sie import Finding, Voucher
from styr.domain.sie import messages as M
from styr.domain.sie.model import Objects
from styr.economy.models import Ledger, LedgerTransaction, SieImport

#: the largest amount a column holds (17 digits, 2 of them decimals)
MAX_AMOUNT = Decimal("1e15")
ACCOUNT_LENGTH = 20


def _t(value: str, length: int) -> str:
    """Text as a column keeps it: no NUL (PostgreSQL stores none), at most ``length`` characters."""
    return value.replace("\x00", "")[:length]


def _limits(account: str, amount: Decimal, line: int) -> Finding | None:
    """SIE-003 for what the parser reads but no column holds: an account number over 20 digits,
    an amount of a thousand billion kronor or more."""
    if len(account) > ACCOUNT_LENGTH:
        return Finding(M.SYNTAX, M.NOT_ACCOUNT, {"value": account}, line)
    if abs(amount) >= MAX_AMOUNT:
        return Finding(M.SYNTAX, M.NOT_AMOUNT, {"value": f"{amount}"}, line)
    return None


def _pick(objects: Objects, responsibility: str) -> tuple[str, str]:
    """The object a row is kept under: the responsibility dimension's, else the first."""
    for dimension, code in objects:
        if dimension == responsibility:
            return dimension, code
    return objects[0] if objects else ("", "")


#: the columns of a booked row, in the order ``_Vouchers`` builds its tuples
_TRANSACTION_FIELDS = ("group", "ledger", "sie_import", "series", "number", "date", "text", "account", "amount_sek", "dimension", "object", "line")


def _columns() -> tuple[str, str]:
    """The table and its quoted column list, from the model's own meta."""
    quote = connection.ops.quote_name
    column_of = {f.name: str(f.column) for f in LedgerTransaction._meta.concrete_fields}
    return quote(LedgerTransaction._meta.db_table), ", ".join(quote(column_of[name]) for name in _TRANSACTION_FIELDS)


def _insert_sql() -> str:
    """One INSERT for ``executemany`` (the ORM's ``bulk_create`` spends most of an import's time
    building model instances)."""
    table, columns = _columns()
    marks = ", ".join(["%s"] * len(_TRANSACTION_FIELDS))
    # names from the model's own meta, quoted; every value goes as a parameter
    return f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608


def _copy_sql() -> str:
    table, columns = _columns()
    return f"COPY {table} ({columns}) FROM STDIN"


def uses_copy() -> bool:
    """PostgreSQL through psycopg 3, whose cursors have ``copy``."""
    if connection.vendor != "postgresql":
        return False
    connection.ensure_connection()
    with connection.cursor() as cursor:
        return hasattr(cursor.cursor, "copy")


def _foreign_keys() -> list[str]:
    """The names of the booked rows' foreign-key constraints (PostgreSQL)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass AND contype = 'f' AND condeferrable ORDER BY conname",
            [LedgerTransaction._meta.db_table],
        )
        return [str(name) for (name,) in cursor.fetchall()]


def _set_constraints(names: list[str], mode: str) -> None:
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        # names read from the catalogue, quoted; mode is one of two words
        cursor.execute(f"SET CONSTRAINTS {', '.join(quote(n) for n in names)} {'IMMEDIATE' if mode == 'IMMEDIATE' else 'DEFERRED'}")


class _Vouchers:
    """Writes the booked rows of the vouchers in batches as the parser hands them over."""

    def __init__(self, ledger: Ledger, record: SieImport, batch_size: int) -> None:
        self.ledger = ledger
        self.record = record
        self.batch_size = batch_size
        self.rows: list[tuple[Any, ...]] = []
        self.objects: set[tuple[str, str]] = set()
        self.errors: list[Finding] = []
        #: per object list, the object its rows are kept under (a file repeats a few lists)
        self.picked: dict[Objects, tuple[str, str]] = {}
        self.copy = uses_copy()
        self.sql = _copy_sql() if self.copy else _insert_sql()
        self.checked_now = _foreign_keys() if self.copy else []
        if self.checked_now:
            # Django declares foreign keys DEFERRABLE INITIALLY DEFERRED: a million rows would
            # queue three million checks for the commit (half the import's time). Checked at
            # the end of each batch's COPY instead, they cost a tenth of that.
            _set_constraints(self.checked_now, "IMMEDIATE")

    def add(self, voucher: Voucher) -> None:
        group_id, ledger_id, import_id = self.ledger.group_id, self.ledger.pk, self.record.pk
        series, number = _t(voucher.series, 20), _t(voucher.number, 20)
        rows = self.rows
        picked = self.picked
        for t in voucher.booked:  # removed rows (#BTRANS) are not booked, an added row once (SIE-010)
            account, amount = t.account, t.amount
            if len(account) > ACCOUNT_LENGTH or not -MAX_AMOUNT < amount < MAX_AMOUNT:
                finding = _limits(account, amount, t.line)
                if finding is not None and len(self.errors) < 100:
                    self.errors.append(finding)
                continue
            objects = t.objects
            if objects:
                kept = picked.get(objects)
                if kept is None:
                    kept = self.pick(objects)
                    if len(picked) < 100_000:
                        picked[objects] = kept
                dimension, code = kept
            else:
                dimension = code = ""
            text = t.text or voucher.text
            if len(text) > 200 or "\x00" in text:
                text = _t(text, 200)
            rows.append((group_id, ledger_id, import_id, series, number, t.date or voucher.date, text, account, amount, dimension, code, t.line))
        if len(rows) >= self.batch_size:
            self.flush()

    def pick(self, objects: Objects) -> tuple[str, str]:
        """The (dimension, object) a row with these objects is kept under, noted as seen."""
        dimension, code = _pick(objects, self.ledger.responsibility_dimension)
        dimension = dimension[:10]
        if code:
            code = _t(code, 40)
            self.objects.add((dimension, code))
        return dimension, code

    def finish(self) -> None:
        """The last batch; the foreign keys deferred again for the rest of the transaction."""
        self.flush()
        if self.checked_now:
            _set_constraints(self.checked_now, "DEFERRED")

    def flush(self) -> None:
        if not self.rows:
            return
        with connection.cursor() as cursor:
            if self.copy:
                with cursor.cursor.copy(self.sql) as copy:
                    for row in self.rows:
                        copy.write_row(row)
            else:
                cursor.executemany(self.sql, self.rows)
        self.rows = []

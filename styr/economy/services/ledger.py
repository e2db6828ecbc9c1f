"""SIE files read into a ledger (issue 9 §2): one import, one transaction, one audit event.

The file is read once to hash it (the same file twice changes nothing), then streamed through
the domain parser; vouchers are written in batches as they are read, and everything is rolled
back when the checks (SIE-001…SIE-008) find an error at the end, so a refused file writes nothing."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from django.db import transaction
from django.utils.translation import gettext

from styr.core import audit
from styr.core.actors import Actor, as_user
from styr.core.permissions import require
from styr.domain.errors import RuleViolation
from styr.domain.sie import Balance, Finding, PeriodBalance, SieFile, parse
from styr.domain.sie import messages as M
from styr.domain.sie.model import Objects
from styr.economy.models import (
    Account,
    AccountBalance,
    Dimension,
    FiscalYear,
    Ledger,
    LedgerObject,
    LedgerTransaction,
    ObjectBalance,
    PeriodAmount,
    SieImport,
)
from styr.economy.services.ledger_rows import ACCOUNT_LENGTH, _limits, _pick, _t, _Vouchers
from styr.organisation.models import OrgUnit

BATCH_SIZE = 5000
#: how many lines between two progress reports
PROGRESS_EVERY = 20_000
ACCOUNT_TYPES = frozenset({"T", "S", "K", "I"})


@dataclass(frozen=True)
class ImportOutcome:
    sie_import: SieImport
    #: the same file (by SHA-256) was imported into this ledger before: nothing was written
    unchanged: bool
    #: the imports whose year this one replaced
    replaced: tuple[int, ...] = ()


def finding_dict(finding: Finding) -> dict[str, Any]:
    """A finding as the API and the history show it: line, rule and the Swedish message."""
    text = gettext(finding.template)
    try:
        message = text % dict(finding.detail) if finding.detail else text
    except (KeyError, TypeError, ValueError):
        message = finding.message
    return {"line": finding.line, "code": finding.code, "message": message.replace("\x00", "")}  # stored: no NUL, as in every text (_t)


def refusal(sie: SieFile, file_name: str) -> RuleViolation:
    """The file's first error, with every error listed in ``detail["errors"]``."""
    first = sie.errors[0]
    detail = dict(first.detail)
    detail["errors"] = [finding_dict(e) for e in sie.errors]
    if sie.more_errors:
        detail["more_errors"] = sie.more_errors
    return RuleViolation(first.code, first.template, detail, source=file_name, line=first.line)


def sie_import(
    *,
    actor: Actor,
    org_unit: OrgUnit,
    file_name: str,
    stream: IO[bytes] | None = None,
    path: str | Path | None = None,
    batch_size: int = BATCH_SIZE,
    on_progress: Callable[[int], None] | None = None,
) -> ImportOutcome:
    """Read a SIE file (an open binary file that can seek, or a path) into the org unit's ledger.

    Refuses the file with its first error (a ``RuleViolation`` naming file and line, all errors in
    its detail) and writes nothing; answers ``unchanged`` for a file imported before; replaces the
    figures of the file's current year (and of other years it holds that no file has given as its
    current year), keeping the earlier import in the history. ``on_progress`` gets the bytes read."""
    if actor is not None:
        require(actor, "ledger.import", org_unit)
    if path is not None:
        with open(path, "rb") as handle:
            return _import(actor, org_unit, file_name, handle, batch_size, on_progress)
    if stream is None:
        raise TypeError("sie_import needs a stream or a path")
    return _import(actor, org_unit, file_name, stream, batch_size, on_progress)


def _sha256(handle: IO[bytes]) -> str:
    digest = hashlib.sha256()
    for chunk in iter(lambda: handle.read(1 << 20), b""):
        digest.update(chunk)
    handle.seek(0)
    return digest.hexdigest()


def _lines(handle: IO[bytes], on_progress: Callable[[int], None] | None) -> Iterator[bytes]:
    if on_progress is None:
        yield from handle
        return
    read = 0
    for number, line in enumerate(handle, 1):
        read += len(line)
        if number % PROGRESS_EVERY == 0:
            on_progress(read)
        yield line
    on_progress(read)


def _import(actor: Actor, org_unit: OrgUnit, file_name: str, handle: IO[bytes], batch_size: int, on_progress: Callable[[int], None] | None) -> ImportOutcome:
    sha256 = _sha256(handle)
    earlier = SieImport.objects.filter(ledger__org_unit=org_unit, sha256=sha256).first()
    if earlier is not None:
        return ImportOutcome(earlier, unchanged=True)
    with transaction.atomic():
        ledger, _created = Ledger.objects.get_or_create(org_unit=org_unit, defaults={"group_id": org_unit.group_id})
        ledger = Ledger.objects.select_for_update().get(pk=ledger.pk)  # one import at a time per ledger
        earlier = SieImport.objects.filter(ledger=ledger, sha256=sha256).first()
        if earlier is not None:
            return ImportOutcome(earlier, unchanged=True)
        user = as_user(actor)
        record = SieImport.objects.create(
            group_id=ledger.group_id,
            ledger=ledger,
            actor=user,
            actor_name=(user.get_full_name() or user.get_username()) if user is not None else "system",
            file_name=_t(file_name, 255),
            sha256=sha256,
        )
        vouchers = _Vouchers(ledger, record, batch_size)
        sie = parse(_lines(handle, on_progress), source=file_name, on_voucher=vouchers.add)
        vouchers.finish()
        # what the parser reads but no column holds comes after the parser's own findings
        figures: list[Balance | PeriodBalance] = [*sie.balances, *sie.period_balances]
        beyond = vouchers.errors + [f for f in (_limits(b.account, b.amount, b.line) for b in figures) if f is not None]
        beyond += [Finding(M.SYNTAX, M.NOT_ACCOUNT, {"value": a.number}, a.line) for a in sie.accounts.values() if len(a.number) > ACCOUNT_LENGTH]
        sie.errors += sorted(beyond, key=lambda e: e.line or 0)
        if sie.errors:
            raise refusal(sie, file_name)
        if 0 not in sie.years:
            finding = Finding(M.FISCAL_YEAR, M.NO_FISCAL_YEAR, {}, 1)
            raise RuleViolation(M.FISCAL_YEAR, M.NO_FISCAL_YEAR, {"errors": [finding_dict(finding)]}, source=file_name, line=1)
        replaced = _write(ledger, record, sie, vouchers.objects, batch_size)
        record.sie_type = sie.variant
        record.program = _t(sie.program, 200)
        record.generated = _date(sie.header_value("GEN"))
        # a record's name is the file's text too: byte 0 dropped, as from every text (PostgreSQL stores none, in JSON either)
        record.counts = dict(sorted((_t(tag, 100), n) for tag, n in sie.counts.items()))
        record.fiscal_years = [{"year": n, "start": y.start.isoformat(), "end": y.end.isoformat()} for n, y in sorted(sie.years.items(), reverse=True)]
        record.warnings = [finding_dict(w) for w in sie.warnings]
        record.save()
        if sie.company and not ledger.name:
            ledger.name = _t(sie.company, 200)
            ledger.organisation_number = _t(sie.header_value("ORGNR"), 20)
            ledger.save(update_fields=["name", "organisation_number"])
        audit.record(
            actor=actor,
            action="sie.imported",
            obj=record,
            org_unit=org_unit,
            after={
                "file_name": record.file_name,
                "sha256": sha256,
                "counts": record.counts,
                "fiscal_years": record.fiscal_years,
                "warnings": len(record.warnings),
                "replaced": list(replaced),
            },
        )
    return ImportOutcome(record, unchanged=False, replaced=replaced)


def _date(text: str) -> dt.date | None:
    try:
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:8])) if len(text) == 8 else None
    except ValueError:
        return None


def _write(ledger: Ledger, record: SieImport, sie: SieFile, seen_objects: set[tuple[str, str]], batch_size: int) -> tuple[int, ...]:
    """Everything but the vouchers: the chart, dimensions and objects (merged), and the figures
    of the years this file replaces. Answers the ids of the imports it replaced."""
    group_id = ledger.group_id
    responsibility = ledger.responsibility_dimension

    # the chart of accounts: new accounts added, names and types brought up to date
    numbers = set(sie.accounts) | {b.account for b in sie.balances} | {p.account for p in sie.period_balances}
    accounts = {a.number: a for a in Account.objects.filter(ledger=ledger)}
    new_accounts, changed = [], []
    for number in sorted(numbers):
        declared = sie.accounts.get(number)
        name = _t(declared.name, 200) if declared else ""
        kind = declared.type if declared and declared.type in ACCOUNT_TYPES else ""
        known = accounts.get(number)
        if known is None:
            new_accounts.append(Account(group_id=group_id, ledger=ledger, number=number, name=name, type=kind))
        elif declared is not None and (known.name, known.type) != (name, kind or known.type):
            known.name, known.type = name, kind or known.type
            changed.append(known)
    Account.objects.bulk_create(new_accounts, batch_size=batch_size)
    Account.objects.bulk_update(changed, ["name", "type"], batch_size=batch_size)
    account_ids = dict(Account.objects.filter(ledger=ledger).values_list("number", "id"))

    # dimensions and objects (an object's mapping to an org unit is kept)
    dimensions = {d.number: d for d in Dimension.objects.filter(ledger=ledger)}
    for number, dim in sie.dimensions.items():
        known_dim = dimensions.get(number)
        if known_dim is None:
            Dimension.objects.create(group_id=group_id, ledger=ledger, number=number[:10], name=_t(dim.name, 200), parent=(dim.parent or "")[:10])
        elif (known_dim.name, known_dim.parent) != (_t(dim.name, 200), (dim.parent or "")[:10]):
            known_dim.name, known_dim.parent = _t(dim.name, 200), (dim.parent or "")[:10]
            known_dim.save(update_fields=["name", "parent"])
    names = {(d[:10], _t(code, 40)): _t(name, 200) for (d, code), name in sie.objects.items()}
    listed: list[Balance | PeriodBalance] = [*sie.period_balances, *sie.balances]
    for row in listed:
        if row.objects:
            d, code = _pick(row.objects, responsibility)
            seen_objects.add((d[:10], _t(code, 40)))
    wanted = set(names) | seen_objects
    objects = {(o.dimension, o.code): o for o in LedgerObject.objects.filter(ledger=ledger)}
    new_objects, renamed = [], []
    for key in sorted(wanted):
        name = names.get(key, "")
        known_obj = objects.get(key)
        if known_obj is None:
            new_objects.append(LedgerObject(group_id=group_id, ledger=ledger, dimension=key[0], code=key[1], name=name))
        elif key in names and known_obj.name != name:
            known_obj.name = name
            renamed.append(known_obj)
    LedgerObject.objects.bulk_create(new_objects, batch_size=batch_size)
    LedgerObject.objects.bulk_update(renamed, ["name"], batch_size=batch_size)

    # the years: the file's current year is replaced; its other years only where no file
    # has given them as its current year
    years: dict[int, FiscalYear] = {}
    replaced: set[int] = set()
    for n, fy in sorted(sie.years.items(), reverse=True):
        year, _created = FiscalYear.objects.get_or_create(ledger=ledger, start=fy.start, defaults={"group_id": group_id, "end": fy.end})
        if n != 0 and year.complete:
            continue
        if year.source_id is not None and year.complete:
            replaced.add(year.source_id)
        AccountBalance.objects.filter(fiscal_year=year).delete()
        ObjectBalance.objects.filter(fiscal_year=year).delete()
        PeriodAmount.objects.filter(fiscal_year=year).delete()
        if n == 0 and sie.counts["VER"]:
            LedgerTransaction.objects.filter(ledger=ledger, date__range=(fy.start, fy.end)).exclude(sie_import=record).delete()
        year.end, year.source, year.complete = fy.end, record, year.complete or n == 0
        year.save(update_fields=["end", "source", "complete"])
        years[n] = year

    figures: dict[tuple[int, str], dict[str, Decimal]] = {}
    by_object: dict[tuple[int, str, Objects], dict[str, Decimal]] = {}
    for b in sie.balances:
        if b.year not in years:
            continue  # a year without #RAR has nowhere to go
        if b.objects:
            by_object.setdefault((b.year, b.account, b.objects), {})[b.kind] = b.amount
        else:
            figures.setdefault((b.year, b.account), {})[b.kind] = b.amount
    AccountBalance.objects.bulk_create(
        [
            AccountBalance(
                group_id=group_id,
                fiscal_year=years[n],
                account_id=account_ids[account],
                opening_sek=kinds.get("IB"),
                closing_sek=kinds.get("UB"),
                result_sek=kinds.get("RES"),
            )
            for (n, account), kinds in figures.items()
        ],
        batch_size=batch_size,
    )
    ObjectBalance.objects.bulk_create(
        [
            ObjectBalance(
                group_id=group_id,
                fiscal_year=years[n],
                account_id=account_ids[account],
                dimension=_pick(objects, responsibility)[0][:10],
                object=_t(_pick(objects, responsibility)[1], 40),
                object_list=[[d, o] for d, o in objects],
                opening_sek=kinds.get("OIB"),
                closing_sek=kinds.get("OUB"),
            )
            for (n, account, objects), kinds in by_object.items()
        ],
        batch_size=batch_size,
    )
    periods = []
    for p in sie.period_balances:
        if p.year not in years:
            continue
        dimension, code = _pick(p.objects, responsibility)
        periods.append(
            PeriodAmount(
                group_id=group_id,
                fiscal_year=years[p.year],
                account_id=account_ids[p.account],
                kind=PeriodAmount.Kind.ACTUAL if p.kind == "PSALDO" else PeriodAmount.Kind.BUDGET,
                period=p.period,
                dimension=dimension[:10],
                object=_t(code, 40),
                amount_sek=p.amount,
            )
        )
    PeriodAmount.objects.bulk_create(periods, batch_size=batch_size)
    if replaced:
        SieImport.objects.filter(pk__in=replaced).exclude(pk=record.pk).update(state=SieImport.State.REPLACED)
    return tuple(sorted(replaced - {record.pk}))

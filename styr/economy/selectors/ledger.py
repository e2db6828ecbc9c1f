"""Reads of a ledger: an account's balances and months in a year, and the history of imports."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet, Sum
from django.db.models.functions import ExtractMonth, ExtractYear

from styr.core.permissions import require_visible
from styr.economy.models import AccountBalance, FiscalYear, Ledger, LedgerTransaction, ObjectBalance, PeriodAmount, SieImport
from styr.organisation.models import OrgUnit


@dataclass
class ObjectFigures:
    """An account's opening (#OIB) and closing (#OUB) balance for one object list: ``objects``
    maps each dimension to its object; ``dimension`` and ``object`` are the one it is kept under
    (the responsibility dimension's, else the list's first)."""

    dimension: str
    object: str
    objects: dict[str, str]
    opening_sek: Decimal | None = None
    closing_sek: Decimal | None = None


@dataclass
class AccountFigures:
    """One account in one fiscal year: balances, the amount per month (``YYYYMM``: #PSALDO where
    the file gives it, else the sum of the month's transactions) and the budget per month (#PBUDGET)."""

    account: str
    name: str
    opening_sek: Decimal | None = None
    closing_sek: Decimal | None = None
    result_sek: Decimal | None = None
    months: dict[str, Decimal] = field(default_factory=dict)
    budget: dict[str, Decimal] = field(default_factory=dict)
    #: the balances per object (#OIB, #OUB), where the file gives them
    objects: list[ObjectFigures] = field(default_factory=list)


def fiscal_year_get(ledger: Ledger, year: int) -> FiscalYear | None:
    """The fiscal year that begins in the calendar year (a broken year 2025/26 is 2025's)."""
    return FiscalYear.objects.filter(ledger=ledger, start__year=year).order_by("start").first()


def balances(user: Any, org_unit: OrgUnit, year: int, account: str | None = None) -> list[AccountFigures]:
    """Per account of the unit's ledger in the year, sorted by account; five queries however many
    accounts, objects, months or transactions. Figures are for the account as a whole, and the
    file's balances per object (#OIB, #OUB) beside them. ``user`` None: the caller has checked who
    reads (the council's result budget, built into Mål och budget's snapshot)."""
    if user is not None:
        require_visible(user, org_unit)
    return balances_build(org_unit, year, account)


def balances_build(org_unit: OrgUnit, year: int, account: str | None = None) -> list[AccountFigures]:
    """``balances`` without the permission check, once the caller has checked who reads the
    figures: a report's content (its snapshot is what the body adopts), the financial goals' measures."""
    ledger = Ledger.objects.filter(org_unit=org_unit).first()
    if ledger is None:
        return []
    fiscal_year = fiscal_year_get(ledger, year)
    if fiscal_year is None:
        return []
    found: dict[str, AccountFigures] = {}

    def figures(number: str, name: str = "") -> AccountFigures:
        entry = found.get(number)
        if entry is None:
            entry = found[number] = AccountFigures(number, name)
        elif name and not entry.name:
            entry.name = name
        return entry

    rows = AccountBalance.objects.filter(fiscal_year=fiscal_year).select_related("account")
    if account is not None:
        rows = rows.filter(account__number=account)
    for row in rows:
        entry = figures(row.account.number, row.account.name)
        entry.opening_sek, entry.closing_sek, entry.result_sek = row.opening_sek, row.closing_sek, row.result_sek
    per_object = ObjectBalance.objects.filter(fiscal_year=fiscal_year).select_related("account").order_by("account__number", "dimension", "object", "id")
    if account is not None:
        per_object = per_object.filter(account__number=account)
    for ob in per_object:
        entry = figures(ob.account.number, ob.account.name)
        entry.objects.append(ObjectFigures(ob.dimension, ob.object, {d: o for d, o in ob.object_list}, ob.opening_sek, ob.closing_sek))
    # the row for the account as a whole ({}); where the file gives none for a month, the sum of
    # the rows per object of the responsibility dimension (which together make the account)
    periods = PeriodAmount.objects.filter(Q(object="") | Q(dimension=ledger.responsibility_dimension), fiscal_year=fiscal_year)
    if account is not None:
        periods = periods.filter(account__number=account)
    whole: dict[tuple[str, str, str], Decimal] = {}
    by_object: dict[tuple[str, str, str], Decimal] = {}
    names: dict[str, str] = {}
    fields = ("account__number", "account__name", "kind", "period", "object", "amount_sek")
    for number, name, kind, period, code, amount in periods.values_list(*fields).order_by("period"):
        names[number] = name
        target = by_object if code else whole
        key = (number, kind, str(period))
        target[key] = target.get(key, Decimal(0)) + amount
    actual_from_file = False
    for key in sorted(whole.keys() | by_object.keys(), key=lambda k: k[2]):
        number, kind, period = key
        amount = whole[key] if key in whole else by_object[key]
        entry = figures(number, names[number])
        (entry.months if kind == PeriodAmount.Kind.ACTUAL else entry.budget)[period] = amount
        actual_from_file = actual_from_file or kind == PeriodAmount.Kind.ACTUAL
    if not actual_from_file:
        transactions = LedgerTransaction.objects.filter(ledger=ledger, date__range=(fiscal_year.start, fiscal_year.end))
        if account is not None:
            transactions = transactions.filter(account=account)
        sums: dict[str, dict[str, Decimal]] = defaultdict(dict)
        totals = (
            transactions.annotate(y=ExtractYear("date"), m=ExtractMonth("date"))
            .values_list("account", "y", "m")
            .annotate(total=Sum("amount_sek"))
            .order_by("account", "y", "m")
        )
        for number, y, m, total in totals:
            sums[number][f"{y:04d}{m:02d}"] = Decimal(total)
        if sums:
            names = dict(ledger.accounts.filter(number__in=list(sums)).values_list("number", "name"))
            for number, months in sums.items():
                figures(number, names.get(number, "")).months = months
    return [found[number] for number in sorted(found)]


def ledger_kept(user: Any, org_unit: OrgUnit) -> bool:
    """Whether the unit keeps a ledger in Styr (a SIE file was imported for it)."""
    require_visible(user, org_unit)
    return Ledger.objects.filter(org_unit=org_unit).exists()


def sie_import_list(user: Any, org_unit: OrgUnit) -> QuerySet[SieImport]:
    require_visible(user, org_unit)
    return SieImport.objects.filter(ledger__org_unit=org_unit).order_by("-imported_at", "-id")

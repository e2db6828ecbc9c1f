"""Reads of the internal budget (issue 9 §3): a committee's frame, each unit's budget per month,
their sum and what is left undistributed; the ledger's #PBUDGET per unit; the budget as SIE."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.text import slugify

from styr.core.permissions import require_visible
from styr.domain.budget import MONTHS, frame_in_sek, undistributed
from styr.domain.economy import FRAME_RECEIVERS, check_frame_receiver, is_operating_account
from styr.domain.errors import RuleViolation, _
from styr.domain.org_tree import ancestor_ids, subtree_ids
from styr.domain.sie.writer import BudgetRow, write_pbudget
from styr.economy.models import Account, BudgetMonth, Dimension, FiscalYear, Ledger, LedgerObject, OperatingFrame, PeriodAmount
from styr.organisation.models import OrgUnit

ZERO = Decimal("0.00")


@dataclass
class UnitBudget:
    """One row of the internal budget: a unit's own budget (not its sub-units'), per month."""

    unit: OrgUnit
    depth: int
    months: list[Decimal | None] = field(default_factory=lambda: [None] * MONTHS)
    source: str = ""

    @property
    def indent(self) -> int:
        """Bootstrap's padding step (0–5) that shows the unit's depth below the committee."""
        return (0, 3, 4, 5)[min(self.depth, 3)]

    @property
    def has_budget(self) -> bool:
        return any(m is not None for m in self.months)

    @property
    def total(self) -> Decimal | None:
        return sum((m or ZERO for m in self.months), ZERO) if self.has_budget else None


@dataclass
class InternalBudget:
    committee: OrgUnit
    year: int
    frame_sek: Decimal | None
    rows: list[UnitBudget]
    #: the council has adopted the frame (with Mål och budget); before that it is a proposal
    frame_adopted: bool = False

    @property
    def month_sums(self) -> list[Decimal]:
        return [sum((r.months[m] or ZERO for r in self.rows), ZERO) for m in range(MONTHS)]

    @property
    def total(self) -> Decimal:
        return sum(self.month_sums, ZERO)

    @property
    def undistributed(self) -> Decimal | None:
        return undistributed(self.frame_sek, [self.total])


def _parent_of(unit: OrgUnit) -> dict[int, int | None]:
    return dict(OrgUnit.objects.filter(group_id=unit.group_id).values_list("id", "parent_id"))


def budget_committee_of(unit: OrgUnit) -> OrgUnit | None:
    """The committee (or KS) whose frame the unit's budget is part of: the unit itself or its
    nearest ancestor that receives a frame."""
    if unit.level_kind in FRAME_RECEIVERS:
        return unit
    ancestors: list[OrgUnit] = list(unit.ancestors())
    for ancestor in reversed(ancestors):
        if ancestor.level_kind in FRAME_RECEIVERS:
            return ancestor
    return None


def budget_units(committee: OrgUnit) -> list[tuple[OrgUnit, int]]:
    """The committee and every unit below it, in tree order, with the depth below the committee
    (two queries)."""
    below = subtree_ids(_parent_of(committee), [committee.pk])
    units = list(OrgUnit.objects.with_tree_fields().filter(pk__in=below).order_siblings_by("position", "name"))
    base = min((u.tree_depth for u in units), default=0)  # type: ignore[attr-defined]
    return [(u, u.tree_depth - base) for u in units]  # type: ignore[attr-defined]


def internal_budget(user: Any, committee: OrgUnit, year: int) -> InternalBudget:
    """The committee's frame, each of its units' budgets per month, their sum and what is left
    undistributed (ECON-001: only a committee or KS has an internal budget). Four queries,
    however many units."""
    require_visible(user, committee)
    return internal_budget_build(committee, year)


def internal_budget_build(committee: OrgUnit, year: int) -> InternalBudget:
    """``internal_budget`` without a permission check: for a plan's content (the snapshot a body
    adopts) once the caller has checked who reads it."""
    check_frame_receiver(committee.level_kind)
    units = budget_units(committee)
    rows = {u.pk: UnitBudget(unit=u, depth=depth) for u, depth in units}
    for unit_id, month, amount, source in BudgetMonth.objects.filter(org_unit_id__in=list(rows), year=year).values_list(
        "org_unit_id", "month", "amount_sek", "source"
    ):
        rows[unit_id].months[month - 1] = amount
        rows[unit_id].source = source
    frame = OperatingFrame.objects.filter(org_unit=committee, year=year).values_list("amount_tsek", "decision_id").first()
    return InternalBudget(
        committee=committee,
        year=year,
        frame_sek=frame_in_sek(frame[0]) if frame is not None else None,
        rows=list(rows.values()),
        frame_adopted=frame is not None and frame[1] is not None,
    )


def unit_budget(user: Any, unit: OrgUnit, year: int) -> UnitBudget:
    require_visible(user, unit)
    row = UnitBudget(unit=unit, depth=0)
    for month, amount, source in BudgetMonth.objects.filter(org_unit=unit, year=year).values_list("month", "amount_sek", "source"):
        row.months[month - 1] = amount
        row.source = source
    return row


def _ledgers_for(committee: OrgUnit, below: set[int]) -> list[Ledger]:
    """The ledgers that can hold the committee's budget: kept by the committee, a unit below it
    or one above it (the municipality's books, whose objects are mapped to its units)."""
    above = set(ancestor_ids(_parent_of(committee), committee.pk))
    return list(Ledger.objects.filter(Q(org_unit_id__in=below) | Q(org_unit_id__in=above)).order_by("pk"))


def ledger_budget_by_unit(committee: OrgUnit, year: int) -> dict[int, list[Decimal]]:
    """The ledgers' #PBUDGET for the year's months, summed over the operating accounts
    (``is_operating_account``) per object of the responsibility dimension and given to the unit
    the object is mapped to. An unmapped object, and a month of an account that the file budgets
    only as a whole (``{}``), count to the unit that keeps the ledger (when it is the committee's).
    Units outside the committee are left out."""
    below = subtree_ids(_parent_of(committee), [committee.pk])
    found: dict[int, list[Decimal]] = defaultdict(lambda: [ZERO] * MONTHS)
    for ledger in _ledgers_for(committee, below):
        mapped = dict(
            LedgerObject.objects.filter(ledger=ledger, dimension=ledger.responsibility_dimension, org_unit__isnull=False).values_list("code", "org_unit_id")
        )
        keeper = ledger.org_unit_id if ledger.org_unit_id in below else None
        amounts = (
            PeriodAmount.objects.filter(
                Q(object="") | Q(dimension=ledger.responsibility_dimension),
                fiscal_year__ledger=ledger,
                kind=PeriodAmount.Kind.BUDGET,
                period__gte=year * 100 + 1,
                period__lte=year * 100 + MONTHS,
            )
            .values_list("account__number", "period", "object")
            .annotate(total=Sum("amount_sek"))
            .order_by()
        )
        whole: dict[tuple[str, int], Decimal] = {}
        by_object: set[tuple[str, int]] = set()
        for account, period, code, total in amounts:
            if not is_operating_account(account):
                continue
            if not code:
                whole[(account, period)] = whole.get((account, period), ZERO) + total
                continue
            by_object.add((account, period))
            unit_id = mapped.get(code, keeper)
            if unit_id is not None and unit_id in below:
                found[unit_id][period % 100 - 1] += total
        if keeper is not None:
            for (account, period), total in whole.items():
                if (account, period) not in by_object:
                    found[keeper][period % 100 - 1] += total
    return dict(found)


@dataclass
class SieExport:
    data: bytes
    filename: str
    #: units with a budget but no object in the ledger's responsibility dimension: not in the file
    skipped: list[OrgUnit]


def budget_sie_export(user: Any, committee: OrgUnit, year: int) -> SieExport:
    """The committee's internal budget as a SIE file for its ledger: #SIETYP 3, the ledger's
    responsibility dimension (#DIM) and each unit's mapped object (#OBJEKT), and a row
    ``#PBUDGET 0 YYYYMM account {dim "object"} amount`` per unit and month, on the preset's
    export account, in CP437. ECON-008 when no ledger has objects mapped to the committee's units."""
    budget = internal_budget(user, committee, year)
    below = {row.unit.pk for row in budget.rows}
    ledgers = _ledgers_for(committee, below)
    objects = list(LedgerObject.objects.filter(ledger__in=ledgers, org_unit_id__in=below).select_related("ledger").order_by("ledger_id", "code"))
    objects = [o for o in objects if o.dimension == o.ledger.responsibility_dimension]
    if not objects:
        raise RuleViolation(
            "ECON-008",
            _("No ledger has objects of its responsibility dimension mapped to the units of %(committee)s; map them on the ledger's page first."),
            {"committee": committee.name},
        )
    # the ledger with the most of the committee's units mapped
    counts: dict[int, int] = defaultdict(int)
    for obj in objects:
        counts[obj.ledger_id] += 1
    ledger = next(o.ledger for o in objects if counts[o.ledger_id] == max(counts.values()))
    dim = ledger.responsibility_dimension
    code_of: dict[int, LedgerObject] = {}
    for obj in objects:
        if obj.ledger_id == ledger.pk and obj.org_unit_id is not None:
            code_of.setdefault(obj.org_unit_id, obj)
    account = committee.group.governance.budget.export_account
    rows: list[BudgetRow] = []
    skipped: list[OrgUnit] = []
    for row in budget.rows:
        if not row.has_budget:
            continue
        mapped = code_of.get(row.unit.pk)
        if mapped is None:
            skipped.append(row.unit)
            continue
        for month, amount in enumerate(row.months, start=1):
            rows.append(BudgetRow(period=year * 100 + month, account=account, amount=amount or ZERO, objects=((dim, mapped.code),)))
    fiscal_year = FiscalYear.objects.filter(ledger=ledger, start__year=year).order_by("start").first()
    start, end = (fiscal_year.start, fiscal_year.end) if fiscal_year else (dt.date(year, 1, 1), dt.date(year, 12, 31))
    account_name = Account.objects.filter(ledger=ledger, number=account).values_list("name", flat=True).first()
    dimension_name = Dimension.objects.filter(ledger=ledger, number=dim).values_list("name", flat=True).first()
    data = write_pbudget(
        rows,
        company=ledger.name or str(ledger.org_unit),
        org_number=ledger.organisation_number,
        year_start=start,
        year_end=end,
        generated=timezone.localdate(),
        sie_type="3",
        accounts={account: account_name or "Budget"},
        dimensions={dim: dimension_name or "Ansvar"},
        objects={(dim, o.code): o.name for o in code_of.values()},
    )
    filename = f"internbudget-{slugify(committee.short_name or committee.name)}-{year}.se"
    return SieExport(data=data, filename=filename, skipped=skipped)

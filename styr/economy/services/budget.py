"""Writes of the periodised budget (issue 9 §3)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.db import transaction

from styr.core import audit
from styr.core.actors import Actor
from styr.core.permissions import require
from styr.economy.models import BudgetMonth
from styr.organisation.models import OrgUnit


@transaction.atomic
def budget_set(
    *,
    actor: Actor,
    org_unit: OrgUnit,
    year: int,
    months: Sequence[Decimal],
    source: str = BudgetMonth.Source.ENTERED,
) -> list[BudgetMonth]:
    """A unit's budget for the year, as twelve monthly net costs in kronor (use
    ``domain.economy.periodise`` to spread a yearly sum by a key). Replaces the year's months
    and records one audit event with the months before and after."""
    if actor is not None:
        require(actor, "budget.write", org_unit)
    if len(months) != 12:
        raise ValueError("a budget has twelve months")
    current = {b.month: b for b in BudgetMonth.objects.select_for_update().filter(org_unit=org_unit, year=year)}
    before = {str(m): str(b.amount_sek) for m, b in sorted(current.items())} or None
    saved: list[BudgetMonth] = []
    for month, amount in enumerate(months, start=1):
        row = current.get(month)
        if row is None:
            row = BudgetMonth.objects.create(group=org_unit.group, org_unit=org_unit, year=year, month=month, amount_sek=amount, source=source)
        elif row.amount_sek != amount or row.source != source:
            row.amount_sek = amount
            row.source = source
            row.save(update_fields=["amount_sek", "source"])
        saved.append(row)
    after = {str(b.month): str(b.amount_sek) for b in saved}
    audit.record(
        actor=actor,
        action="budget.set",
        obj=org_unit,
        org_unit=org_unit,
        before=before,
        after={"year": year, "source": str(source), "months": after},
    )
    return saved

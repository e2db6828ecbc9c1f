"""Writes of the periodised budget (issue 9 §3)."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.db import transaction

from styr.core import audit
from styr.core.actors import Actor
from styr.core.permissions import require
from styr.domain.budget import MONTHS, periodise_budget
from styr.domain.economy import check_frame_receiver
from styr.domain.errors import RuleViolation, _
from styr.domain.versions import STALE
from styr.economy import excel
from styr.economy.models import BudgetMonth
from styr.economy.selectors.budget import budget_units, ledger_budget_by_unit
from styr.economy.services.budget_adoption import check_budget_open
from styr.organisation.models import OrgUnit


@transaction.atomic
def budget_set(
    *,
    actor: Actor,
    org_unit: OrgUnit,
    year: int,
    months: Sequence[Decimal],
    source: str = BudgetMonth.Source.ENTERED,
    detail: Mapping[str, Any] | None = None,
) -> list[BudgetMonth]:
    """A unit's budget for the year, as twelve monthly net costs in kronor (use
    ``domain.economy.periodise`` to spread a yearly sum by a key). Replaces the year's months
    and records one audit event with the months before and after. ECON-014 (409) while the
    internal budget of the unit's committee for the year is adopted (``check_budget_open``)."""
    if actor is not None:
        require(actor, "budget.write", org_unit)
    check_budget_open(org_unit, year)
    if len(months) != MONTHS:
        raise RuleViolation("ECON-002", _("A budget given month by month has twelve amounts, not %(count)s."), {"count": len(months)}, field="months")
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
        after={"year": year, "source": str(source), "months": after, **(detail or {})},
    )
    return saved


@transaction.atomic
def budget_enter(
    *,
    actor: Actor,
    org_unit: OrgUnit,
    year: int,
    key: str,
    total_sek: object = None,
    months: Sequence[object] | None = None,
    profile: str = "",
) -> list[BudgetMonth]:
    """A unit's budget for the year entered by hand: a yearly total spread ``even``ly or by a
    ``profile`` of the governance model, or the twelve months as ``given`` (ECON-002..004)."""
    if actor is not None:
        require(actor, "budget.write", org_unit)
    check_budget_open(org_unit, year)
    spread = periodise_budget(key, total_sek=total_sek, months=months, profile=profile, settings=org_unit.group.governance.budget)
    detail: dict[str, Any] = {"key": key}
    if key == "profile":
        detail["profile"] = profile
    return budget_set(actor=actor, org_unit=org_unit, year=year, months=spread, source=BudgetMonth.Source.ENTERED, detail=detail)


def _committee_check(actor: Actor, committee: OrgUnit, year: int) -> None:
    if actor is not None:
        require(actor, "budget.write", committee)
    check_frame_receiver(committee.level_kind)
    check_budget_open(committee, year)


@transaction.atomic
def budget_import(
    *, actor: Actor, org_unit: OrgUnit, year: int, data: bytes, file_name: str = "", seen: Mapping[int, int] | None = None
) -> dict[int, tuple[Decimal, ...]]:
    """The committee's internal budget from its filled-in Excel template: every row with an amount
    replaces that unit's months (source Excel). ECON-014 while the committee's internal budget
    for the year is adopted (as for every write of a unit's months). The whole file is read and checked before anything
    is written; a refusal (ECON-005 naming the cell, ECON-006 the file) writes nothing. One audit
    event per unit written, and one for the file (its name, SHA-256 and the units).

    EDIT-001: each row carries its unit's version as the template was made; a unit whose budget
    was saved by someone else since, to other months than the file's, refuses the file whole with
    both side by side. ``seen``: the versions the person was shown in that refusal, for the units
    whose saved budget they choose to replace with the file's."""
    _committee_check(actor, org_unit, year)
    units = [u for u, _depth in budget_units(org_unit)]
    upload = excel.read_upload(data, committee=org_unit, year=year, unit_ids=[u.pk for u in units])
    found = upload.months
    check_unit_versions(
        [u for u in units if u.pk in found],
        {**upload.versions, **{k: v for k, v in (seen or {}).items() if k in found}},
        year=year,
        incoming=found,
        template=_(
            "The file is based on an older version of the budget of %(units)s: someone else saved it after the template was downloaded. "
            "Compare the budgets side by side; to replace the saved budget with the file's, upload it again."
        ),
    )
    for unit in units:
        if unit.pk in found:
            budget_set(actor=actor, org_unit=unit, year=year, months=found[unit.pk], source=BudgetMonth.Source.EXCEL, detail={"file": file_name})
    audit.record(
        actor=actor,
        action="budget.imported",
        obj=org_unit,
        org_unit=org_unit,
        after={"year": year, "file": file_name, "sha256": hashlib.sha256(data).hexdigest(), "units": sorted(found)},
    )
    return found


def saved_months(unit_ids: Sequence[int], year: int) -> dict[int, tuple[Decimal, ...]]:
    """Each unit's saved budget for the year as twelve months (0 where a month has none); a unit
    without any budget is left out."""
    saved: dict[int, list[Decimal]] = {}
    for unit_id, month, amount in BudgetMonth.objects.filter(org_unit_id__in=unit_ids, year=year).values_list("org_unit_id", "month", "amount_sek"):
        saved.setdefault(unit_id, [Decimal("0.00")] * MONTHS)[month - 1] = amount
    return {unit_id: tuple(months) for unit_id, months in saved.items()}


LEDGER_STALE = _(
    "Someone else saved the budget of %(units)s after you opened the page, and the ledger's budget would replace it. "
    "Compare the budgets side by side; to replace the saved budget with the ledger's, take it from the ledger again."
)


def check_unit_versions(units: Sequence[OrgUnit], expected: Mapping[int, int], *, year: int, incoming: Mapping[int, Sequence[Decimal]], template: str) -> None:
    """EDIT-001 over several units' budgets written at once: each unit is held (``SELECT … FOR
    UPDATE``) and compared with the version it was read at (``expected``; a unit not in it is not
    compared). A unit saved since whose saved months differ from ``incoming`` refuses the whole write,
    every such unit in the detail with its version and both budgets (nothing is lost where the saved
    months are the ones being written)."""
    compared = [u.pk for u in units if u.pk in expected]
    if not compared:
        return
    current = dict(OrgUnit.objects.select_for_update().filter(pk__in=compared).values_list("pk", "version"))
    stale = [u for u in units if u.pk in current and current[u.pk] != expected[u.pk]]
    saved = saved_months([u.pk for u in stale], year)
    changed = [u for u in stale if tuple(saved.get(u.pk, ())) != tuple(incoming.get(u.pk, ()))]
    if not changed:
        return
    raise RuleViolation(
        STALE,
        template,
        {
            "units": ", ".join(u.name for u in changed),
            "changed": [
                {
                    "unit_id": u.pk,
                    "unit": u.name,
                    "expected": expected[u.pk],
                    "current": current[u.pk],
                    "current_months": [str(m) for m in saved.get(u.pk, ())],
                    "months": [str(m) for m in incoming.get(u.pk, ())],
                }
                for u in changed
            ],
        },
    )


@transaction.atomic
def budget_from_ledger(*, actor: Actor, org_unit: OrgUnit, year: int, seen: Mapping[int, int] | None = None) -> dict[int, list[Decimal]]:
    """The committee's internal budget taken from its ledgers' #PBUDGET: per object of the
    responsibility dimension mapped to its units, summed over the operating accounts
    (``ledger_budget_by_unit``). Each unit the ledger budgets is replaced (source ledger); the
    others are left as they are. ECON-008 when the ledgers hold no budget for the year's months
    on the committee's units. ``seen``: each unit's version as the page showed its budget; a unit
    saved by someone else since, to other months than the ledger's, refuses the whole (EDIT-001)."""
    _committee_check(actor, org_unit, year)
    found = ledger_budget_by_unit(org_unit, year)
    if not found:
        raise RuleViolation(
            "ECON-008",
            _("The ledgers hold no budget (#PBUDGET) for %(year)s on the units of %(committee)s; import a SIE file with a budget and map its objects first."),
            {"year": year, "committee": org_unit.name},
        )
    units = {u.pk: u for u, _depth in budget_units(org_unit)}
    if seen is not None:
        check_unit_versions([units[k] for k in sorted(found)], seen, year=year, incoming=found, template=LEDGER_STALE)
    for unit_id, months in sorted(found.items()):
        budget_set(actor=actor, org_unit=units[unit_id], year=year, months=months, source=BudgetMonth.Source.LEDGER)
    audit.record(
        actor=actor,
        action="budget.taken_from_ledger",
        obj=org_unit,
        org_unit=org_unit,
        after={"year": year, "units": {str(k): str(sum(v, Decimal(0))) for k, v in sorted(found.items())}},
    )
    return found

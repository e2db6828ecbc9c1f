"""Writes of the personnel budget (lönebudget, issue 10 §2): a unit's positions, one by one or
from the page's Excel template, and the group's dated personnel overhead rate (PO-pålägg).

Positions are kept by officials and controllers over the unit (``personnel_budget.write``: the
unit manager keeps their own unit's); the PO rate by KS's controllers
(``personnel_overhead.write`` on KS). Every value is checked by ``styr/domain/personnel.py``
(PAY-001…PAY-005); each write is audited."""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext

from styr.core import audit
from styr.core.actors import Actor, as_user
from styr.core.permissions import require
from styr.core.unique import created_once
from styr.domain.levels import LevelKind
from styr.domain.limits import TEXT_LENGTH, check_date, check_text_length, check_year
from styr.domain.personnel import DEFAULT_INCREASE_MONTH, MONTHS, check_position, parse_overhead_rate
from styr.domain.personnel import Position as PositionTerms
from styr.economy import personnel_excel
from styr.economy.models import PersonnelOverheadRate, Position
from styr.organisation.models import MunicipalGroup, OrgUnit

#: The fields of a position a caller gives, as the model names them.
RATE_FIELDS = ["valid_from", "rate_percent", "note"]
FIELDS = ("title", "monthly_salary_sek", "employment_rate", "start_month", "end_month", "salary_increase_percent", "salary_increase_month")


def _checked(values: dict[str, Any]) -> PositionTerms:
    return check_position(
        title=values["title"],
        monthly_salary_sek=values["monthly_salary_sek"],
        employment_rate=values["employment_rate"],
        start_month=values.get("start_month", 1),
        end_month=values.get("end_month", MONTHS),
        increase_percent=values.get("salary_increase_percent", 0),
        increase_month=values.get("salary_increase_month", DEFAULT_INCREASE_MONTH),
    )


def _fields(terms: PositionTerms) -> dict[str, Any]:
    return {
        "title": terms.title,
        "monthly_salary_sek": terms.monthly_salary_sek,
        "employment_rate": terms.employment_rate,
        "start_month": terms.start_month,
        "end_month": terms.end_month,
        "salary_increase_percent": terms.increase_percent,
        "salary_increase_month": terms.increase_month,
    }


@transaction.atomic
def position_create(
    *,
    actor: Actor,
    org_unit: OrgUnit,
    year: int,
    title: str,
    monthly_salary_sek: object,
    employment_rate: object = 100,
    start_month: object = 1,
    end_month: object = MONTHS,
    salary_increase_percent: object = 0,
    salary_increase_month: object = DEFAULT_INCREASE_MONTH,
) -> Position:
    """A position of the unit for the year. Amounts may be ``Decimal``, numbers or Swedish text
    ("32 500,50"); the employment rate is a percent of full time (100 unless given)."""
    if actor is not None:
        require(actor, "personnel_budget.write", org_unit)
    check_year(field="year", label=gettext("Year"), year=year)
    terms = _checked(
        {
            "title": title,
            "monthly_salary_sek": monthly_salary_sek,
            "employment_rate": employment_rate,
            "start_month": start_month,
            "end_month": end_month,
            "salary_increase_percent": salary_increase_percent,
            "salary_increase_month": salary_increase_month,
        }
    )
    position = Position.objects.create(group=org_unit.group, org_unit=org_unit, year=year, **_fields(terms))
    audit.record(actor=actor, action="position.created", obj=position, org_unit=org_unit, after=audit.snapshot(position))
    return position


@transaction.atomic
def position_update(*, actor: Actor, position: Position, **changes: Any) -> Position:
    """Change some of a position's fields (``FIELDS``); the whole position is checked again."""
    unknown = set(changes) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown position fields: {sorted(unknown)}")
    position = Position.objects.select_for_update().select_related("org_unit").get(pk=position.pk)
    if actor is not None:
        require(actor, "personnel_budget.write", position.org_unit)
    current = {name: getattr(position, name) for name in FIELDS}
    terms = _checked(current | changes)
    before = audit.snapshot(position, list(FIELDS))
    for name, value in _fields(terms).items():
        setattr(position, name, value)
    position.save(update_fields=list(FIELDS))
    audit.record(actor=actor, action="position.updated", obj=position, org_unit=position.org_unit, before=before, after=audit.snapshot(position, list(FIELDS)))
    return position


@transaction.atomic
def position_delete(*, actor: Actor, position: Position) -> None:
    position = Position.objects.select_for_update().select_related("org_unit").get(pk=position.pk)
    if actor is not None:
        require(actor, "personnel_budget.write", position.org_unit)
    before = audit.snapshot(position)
    audit.record(actor=actor, action="position.deleted", obj=position, org_unit=position.org_unit, before=before)
    position.delete()


@transaction.atomic
def positions_import(*, actor: Actor, org_unit: OrgUnit, year: int, data: bytes, file_name: str = "") -> list[Position]:
    """The unit's positions for the year from its filled-in Excel template: the file's rows
    replace the year's positions. The whole file is read and checked first; a refusal names the
    cell and its rule (PAY-001…PAY-004) or the file (PAY-007), and writes nothing. One audit event
    for the file: its name, SHA-256, and the positions before and after."""
    if actor is not None:
        require(actor, "personnel_budget.write", org_unit)
    check_year(field="year", label=gettext("Year"), year=year)
    found = personnel_excel.read_upload(data, unit=org_unit, year=year)
    existing = list(Position.objects.select_for_update().filter(org_unit=org_unit, year=year).order_by("pk"))
    before = [audit.snapshot(p, list(FIELDS)) for p in existing]
    Position.objects.filter(pk__in=[p.pk for p in existing]).delete()
    created = [Position.objects.create(group=org_unit.group, org_unit=org_unit, year=year, **_fields(terms)) for terms in found]
    audit.record(
        actor=actor,
        action="positions.imported",
        obj=org_unit,
        org_unit=org_unit,
        before={"year": year, "positions": before},
        after={
            "year": year,
            "file": file_name,
            "sha256": hashlib.sha256(data).hexdigest(),
            "count": len(created),
            "positions": [audit.snapshot(p, list(FIELDS)) for p in created],
        },
    )
    return created


def executive_board(group: MunicipalGroup) -> OrgUnit:
    return OrgUnit.objects.get(group=group, kind=LevelKind.EXECUTIVE_BOARD.value, valid_to__isnull=True)


@transaction.atomic
def overhead_rate_set(*, actor: Actor, group: MunicipalGroup, valid_from: date, rate_percent: object, note: str = "") -> PersonnelOverheadRate:
    """The group's PO rate from a date (a new year's rate is a new row; the same date replaces
    that row's rate). KS's controllers keep it (``personnel_overhead.write`` on KS). PAY-005 for
    a rate that is not a percent 0–100 with at most two decimals."""
    if actor is not None:
        require(actor, "personnel_overhead.write", executive_board(group))
    check_date(field="valid_from", label=gettext("Valid from"), value=valid_from)
    rate = parse_overhead_rate(rate_percent)
    note = (note or "").strip()
    check_text_length(field="note", label=gettext("Source"), length=len(note), limit=TEXT_LENGTH)
    row = PersonnelOverheadRate.objects.select_for_update().filter(group=group, valid_from=valid_from).first()
    before = audit.snapshot(row, RATE_FIELDS) if row is not None else None
    if row is None:
        with created_once(PersonnelOverheadRate, group=group, valid_from=valid_from):
            row = PersonnelOverheadRate.objects.create(group=group, valid_from=valid_from, rate_percent=rate, note=note, recorded_by=as_user(actor))
    else:
        row.rate_percent, row.note, row.recorded_by = rate, note, as_user(actor)
        row.save(update_fields=["rate_percent", "note", "recorded_by"])
    audit.record(
        actor=actor,
        action="personnel_overhead_rate.set",
        obj=row,
        group=group,
        before=before,
        after=audit.snapshot(row, RATE_FIELDS),
    )
    return row


@transaction.atomic
def overhead_rate_delete(*, actor: Actor, rate: PersonnelOverheadRate) -> None:
    if actor is not None:
        require(actor, "personnel_overhead.write", executive_board(rate.group))
    audit.record(actor=actor, action="personnel_overhead_rate.deleted", obj=rate, group=rate.group, before=audit.snapshot(rate, RATE_FIELDS))
    rate.delete()

"""The personnel budget (lönebudget, issue 10 §2): a unit's positions, their costs per month with
the group's dated PO rate, and the Excel import (PAY-001…PAY-007)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic import Field

from styr.api import refs
from styr.api.schemas import ERRORS, Day, DbId, Input, Patch, Text, Year
from styr.api.versions import IfMatch, Version, expected_version
from styr.core.errors import violation_dict
from styr.core.xlsx import MAX_BYTES
from styr.economy import services
from styr.economy.models import PersonnelOverheadRate, Position
from styr.economy.selectors import overhead_rate_get, overhead_rate_list, personnel_budget, position_get, position_list
from styr.organisation.selectors import group_of_user

router = Router(tags=["Personnel budget"])

#: Bounded only loosely here: the rules (PAY-001…PAY-005) refuse a value out of range with their id.
Number = Annotated[Decimal, Field(max_digits=20, allow_inf_nan=False, strict=False)]
Month = Annotated[int, Field(ge=-1000, le=1000)]
PositionTitle = Annotated[str, Field(max_length=1000, pattern=r"^[^\x00]*$")]


class PositionOut(Schema):
    id: int
    version: Version
    org_unit_id: int
    year: int
    title: str
    monthly_salary_sek: Decimal
    employment_rate: Decimal
    start_month: int
    end_month: int
    salary_increase_percent: Decimal
    salary_increase_month: int


class PositionIn(Input):
    org_unit: DbId
    year: Year
    title: PositionTitle
    monthly_salary_sek: Number
    employment_rate: Number = Decimal(100)
    start_month: Month = 1
    end_month: Month = 12
    salary_increase_percent: Number = Decimal(0)
    salary_increase_month: Month = 4


class PositionPatch(Patch):
    title: PositionTitle | None = None
    monthly_salary_sek: Number | None = None
    employment_rate: Number | None = None
    start_month: Month | None = None
    end_month: Month | None = None
    salary_increase_percent: Number | None = None
    salary_increase_month: Month | None = None


class MonthCostOut(Schema):
    month: int
    salary_sek: Decimal
    overhead_sek: Decimal
    rate_percent: Decimal | None
    total_sek: Decimal
    budget_sek: Decimal | None = Field(description="The unit's periodised budget for the month")


class PositionCostOut(Schema):
    id: int
    title: str
    total_sek: Decimal
    months_sek: list[Decimal]


class RefusalOut(Schema):
    code: str
    message: str
    detail: dict[str, Any]


class PersonnelCostsOut(Schema):
    org_unit: int
    year: int
    salary_sek: Decimal
    overhead_sek: Decimal
    total_sek: Decimal
    full_time_equivalents: Decimal
    budget_sek: Decimal | None = Field(description="The unit's budget for the year, for comparison")
    refusal: RefusalOut | None = Field(description="PAY-006 when a month with salaries has no PO rate: the costs are then 0")
    months: list[MonthCostOut]
    positions: list[PositionCostOut]


class OverheadRateOut(Schema):
    id: int
    valid_from: date
    rate_percent: Decimal
    note: str


class OverheadRateIn(Input):
    valid_from: Day
    rate_percent: Number
    note: Text = ""


@router.get("/personnel/positions", response={200: list[PositionOut], **ERRORS}, summary="A unit's positions for a year")
def list_positions(request: HttpRequest, org_unit: DbId, year: Year) -> QuerySet[Position]:
    return position_list(request.user, refs.unit(request, org_unit), year)


@router.post("/personnel/positions", response={201: PositionOut, **ERRORS}, summary="Add a position (PAY-001…PAY-004)")
def create_position(request: HttpRequest, payload: PositionIn) -> Status[Position]:
    unit = refs.unit(request, payload.org_unit)
    return Status(201, services.position_create(actor=request.user, org_unit=unit, **payload.dict(exclude={"org_unit"})))


@router.get("/personnel/positions/{position_id}", response={200: PositionOut, **ERRORS})
def get_position(request: HttpRequest, position_id: DbId) -> Position:
    return position_get(request.user, position_id)


@router.patch("/personnel/positions/{position_id}", response={200: PositionOut, **ERRORS}, summary="Change a position (PAY-001…PAY-004)")
def update_position(request: HttpRequest, position_id: DbId, payload: PositionPatch, if_match: IfMatch = None) -> Position:
    position = position_get(request.user, position_id)
    with expected_version(position, if_match):
        return services.position_update(actor=request.user, position=position, **payload.changes())


@router.delete("/personnel/positions/{position_id}", response={204: None, **ERRORS})
def delete_position(request: HttpRequest, position_id: DbId, if_match: IfMatch = None) -> Status[None]:
    position = position_get(request.user, position_id)
    with expected_version(position, if_match):
        services.position_delete(actor=request.user, position=position)
    return Status(204, None)


@router.post(
    "/personnel/position-imports",
    response={201: list[PositionOut], **ERRORS},
    summary="Replace a unit's positions for a year from its filled-in Excel template (PAY-001…PAY-004 naming the cell, PAY-007)",
    description=f"Multipart: `org_unit`, `year` and `file` (at most {MAX_BYTES // (1024 * 1024)} MB). A refused file writes nothing.",
)
def import_positions(request: HttpRequest, org_unit: Form[DbId], year: Form[Year], file: File[UploadedFile]) -> Status[list[Position]]:
    unit = refs.unit(request, org_unit)
    data = file.read(MAX_BYTES + 1)
    return Status(201, services.positions_import(actor=request.user, org_unit=unit, year=year, data=data, file_name=file.name or ""))


@router.get("/personnel/costs", response={200: PersonnelCostsOut, **ERRORS}, summary="A unit's personnel costs per month (salary + PO) beside its budget")
def get_costs(request: HttpRequest, org_unit: DbId, year: Year) -> dict[str, Any]:
    budget = personnel_budget(request.user, refs.unit(request, org_unit), year)
    return {
        "org_unit": budget.unit.pk,
        "year": year,
        "salary_sek": budget.salary_sek,
        "overhead_sek": budget.overhead_sek,
        "total_sek": budget.total_sek,
        "full_time_equivalents": budget.full_time_equivalents,
        "budget_sek": budget.budget.total,
        "refusal": violation_dict(budget.refusal) if budget.refusal is not None else None,
        "months": [
            {
                "month": c.cost.month,
                "salary_sek": c.cost.salary_sek,
                "overhead_sek": c.cost.overhead_sek,
                "rate_percent": c.cost.rate_percent,
                "total_sek": c.cost.total_sek,
                "budget_sek": c.budget_sek,
            }
            for c in budget.compared
        ],
        "positions": [
            {"id": p.position.pk, "title": p.position.title, "total_sek": p.total_sek, "months_sek": [m.total_sek for m in p.months]} for p in budget.positions
        ],
    }


@router.get("/personnel/overhead-rates", response={200: list[OverheadRateOut], **ERRORS}, summary="The caller's group's PO rates, newest first")
def list_overhead_rates(request: HttpRequest) -> QuerySet[PersonnelOverheadRate]:
    return overhead_rate_list(request.user, group_of_user(request.user))


@router.post(
    "/personnel/overhead-rates",
    response={201: OverheadRateOut, **ERRORS},
    summary="Set the group's PO rate from a date (KS's controllers; the same date replaces its rate; PAY-005)",
)
def set_overhead_rate(request: HttpRequest, payload: OverheadRateIn) -> Status[PersonnelOverheadRate]:
    group = group_of_user(request.user)
    rate = services.overhead_rate_set(actor=request.user, group=group, valid_from=payload.valid_from, rate_percent=payload.rate_percent, note=payload.note)
    return Status(201, rate)


@router.delete("/personnel/overhead-rates/{rate_id}", response={204: None, **ERRORS})
def delete_overhead_rate(request: HttpRequest, rate_id: DbId, if_match: IfMatch = None) -> Status[None]:
    rate = overhead_rate_get(request.user, rate_id)
    with expected_version(rate, if_match):
        services.overhead_rate_delete(actor=request.user, rate=rate)
    return Status(204, None)

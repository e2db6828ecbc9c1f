from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

from ninja import Schema
from pydantic import Field

#: Database ids and years as the API accepts them (bounded, so no value overflows a column).
DbId = Annotated[int, Field(ge=1, le=2**63 - 1)]
Year = Annotated[int, Field(ge=1900, le=2200)]
#: Free text from the caller: never a NUL byte (PostgreSQL cannot store one).
Text = Annotated[str, Field(max_length=10_000, pattern=r"^[^\x00]*$")]
ShortText = Annotated[str, Field(max_length=300, pattern=r"^[^\x00]*$")]
LevelKindName = Literal["COUNCIL", "EXECUTIVE_BOARD", "COMMITTEE", "ADMINISTRATION", "OPERATION", "UNIT", "PARENT_COMPANY", "COMPANY"]
StateName = Literal["draft", "proposed", "adopted"]


class Error(Schema):
    code: str
    message: str
    detail: dict[str, Any]


class OrgUnitOut(Schema):
    id: int
    group: str
    name: str
    short_name: str
    kind: str
    level_label: str
    parent_id: int | None
    members: int | None
    valid_from: date
    valid_to: date | None


class TargetOut(Schema):
    year: int
    value: Decimal


class MeasurementOut(Schema):
    period: date
    value: Decimal


class GoalIndicatorOut(Schema):
    id: int
    name: str
    unit_label: str
    direction: str
    baseline_year: int
    baseline_value: Decimal
    targets: list[TargetOut]
    measurements: list[MeasurementOut]


class GoalOut(Schema):
    id: int
    org_unit_id: int
    title: str
    citizen_change: str
    start_year: int
    end_year: int
    measurable: bool
    state: str
    indicators: list[GoalIndicatorOut]

"""Environment analysis (trends) and current-state analyses (seed §5.C, §6.2)."""

from typing import Annotated, Any, Literal

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field

from styr.api import refs
from styr.api.pagination import BoundedLimitOffsetPagination
from styr.api.schemas import ERRORS, DbId, IdList, Input, Patch, Text, Title, Year
from styr.api.versions import IfMatch, Version, expected_version
from styr.planning import services
from styr.planning.models import CurrentStateAnalysis, Trend
from styr.planning.selectors import current_state_list, trend_get, trend_list

router = Router(tags=["analysis"])

CategoryName = Literal["political", "economic", "social", "technological", "environmental", "legal"]
HorizonYears = Annotated[int, Field(ge=1, le=100)]


class TrendOut(Schema):
    id: int
    version: Version
    org_unit_id: int
    year: int
    category: str
    title: str
    description: str
    expected_impact: str
    horizon_years: int
    builds_on: list[int]
    citizen_dialogues: list[int] = Field(description="Ids of the citizen dialogues gathered into the trend as its sources (DIAL-005)")

    @staticmethod
    def resolve_builds_on(obj: Trend) -> list[int]:
        return [t.pk for t in obj.builds_on.all()]

    @staticmethod
    def resolve_citizen_dialogues(obj: Trend) -> list[int]:
        return sorted(d.pk for d in obj.citizen_sources.all())


class CurrentStateOut(Schema):
    id: int
    version: Version
    org_unit_id: int
    year: int
    core_mission_quality: str
    goal_attainment: str
    economy: str
    citizen_dialogues: list[int] = Field(description="Ids of the citizen dialogues gathered into the analysis (DIAL-005)")

    @staticmethod
    def resolve_citizen_dialogues(obj: CurrentStateAnalysis) -> list[int]:
        return sorted(d.pk for d in obj.citizen_sources.all())


class TrendIn(Input):
    org_unit: DbId
    year: Year
    category: CategoryName
    title: Title
    description: Text = ""
    expected_impact: Text = ""
    horizon_years: HorizonYears = 4
    builds_on: IdList = Field([], description="Ids of trends of the levels below the unit (TREND-001)")


class TrendPatch(Patch):
    year: Year | None = None
    category: CategoryName | None = None
    title: Title | None = None
    description: Text | None = None
    expected_impact: Text | None = None
    horizon_years: HorizonYears | None = None
    builds_on: IdList | None = None


class CurrentStateIn(Input):
    """The whole analysis for the year (PUT): a field left out is set empty."""

    core_mission_quality: Text = ""
    goal_attainment: Text = ""
    economy: Text = ""


def _builds_on(request: HttpRequest, fields: dict[str, Any]) -> dict[str, Any]:
    if fields.get("builds_on") is not None:
        fields["builds_on"] = refs.each(fields["builds_on"], lambda pk: trend_get(request.user, pk))
    return fields


@router.get("/trends", response=list[TrendOut], summary="Trends of the environment analyses the caller may see")
@paginate(BoundedLimitOffsetPagination)
def list_trends(request: HttpRequest, org_unit: DbId | None = None, year: Year | None = None) -> QuerySet[Trend]:
    unit = refs.unit(request, org_unit) if org_unit is not None else None
    return trend_list(request.user, org_unit=unit, year=year).order_by("org_unit_id", "year", "pk")


@router.post("/trends", response={201: TrendOut, **ERRORS}, summary="Add a trend (TREND-001 for what it builds on)")
def create_trend(request: HttpRequest, payload: TrendIn) -> Status[Trend]:
    unit = refs.unit(request, payload.org_unit)
    fields = _builds_on(request, payload.dict(exclude={"org_unit"}))
    return Status(201, services.trend_create(actor=request.user, org_unit=unit, **fields))


@router.get("/trends/{trend_id}", response={200: TrendOut, **ERRORS})
def get_trend(request: HttpRequest, trend_id: DbId) -> Trend:
    return trend_get(request.user, trend_id)


@router.patch("/trends/{trend_id}", response={200: TrendOut, **ERRORS}, summary="Change a trend")
def update_trend(request: HttpRequest, trend_id: DbId, payload: TrendPatch, if_match: IfMatch = None) -> Trend:
    trend = trend_get(request.user, trend_id)
    with expected_version(trend, if_match):
        return services.trend_update(actor=request.user, trend=trend, **_builds_on(request, payload.changes()))


@router.delete("/trends/{trend_id}", response={204: None, **ERRORS})
def delete_trend(request: HttpRequest, trend_id: DbId, if_match: IfMatch = None) -> Status[None]:
    trend = trend_get(request.user, trend_id)
    with expected_version(trend, if_match):
        services.trend_delete(actor=request.user, trend=trend)
    return Status(204, None)


@router.get("/current-state-analyses", response=list[CurrentStateOut], summary="Current-state analyses the caller may see")
@paginate(BoundedLimitOffsetPagination)
def list_current_states(request: HttpRequest, org_unit: DbId | None = None, year: Year | None = None) -> QuerySet[CurrentStateAnalysis]:
    unit = refs.unit(request, org_unit) if org_unit is not None else None
    return current_state_list(request.user, org_unit=unit, year=year).order_by("org_unit_id", "year")


@router.put("/org-units/{unit_id}/current-state/{year}", response={200: CurrentStateOut, **ERRORS}, summary="Write or replace a unit's current-state analysis")
def set_current_state(request: HttpRequest, unit_id: DbId, year: Year, payload: CurrentStateIn, if_match: IfMatch = None) -> CurrentStateAnalysis:
    unit = refs.unit(request, unit_id)
    with expected_version(current_state_list(request.user, org_unit=unit, year=year).first(), if_match):
        return services.current_state_set(actor=request.user, org_unit=unit, year=year, **payload.dict())

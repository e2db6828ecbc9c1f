"""Political direction and development areas of a unit for a year (seed §5.C)."""

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from styr.api import refs
from styr.api.pagination import BoundedLimitOffsetPagination
from styr.api.schemas import ERRORS, DbId, Input, Patch, RequiredText, Text, Title, Year
from styr.api.versions import IfMatch, Version, expected_version
from styr.planning import services
from styr.planning.models import DevelopmentArea, Direction
from styr.planning.selectors import development_area_get, development_area_list, direction_list

router = Router(tags=["direction and development areas"])


class DirectionOut(Schema):
    id: int
    version: Version
    org_unit_id: int
    year: int
    text: str


class DevelopmentAreaOut(Schema):
    id: int
    version: Version
    org_unit_id: int
    year: int
    title: str
    description: str


class DirectionIn(Input):
    text: RequiredText


class DevelopmentAreaIn(Input):
    org_unit: DbId
    year: Year
    title: Title
    description: Text = ""


class DevelopmentAreaPatch(Patch):
    year: Year | None = None
    title: Title | None = None
    description: Text | None = None


@router.get("/directions", response=list[DirectionOut], summary="Political directions the caller may see")
@paginate(BoundedLimitOffsetPagination)
def list_directions(request: HttpRequest, org_unit: DbId | None = None, year: Year | None = None) -> QuerySet[Direction]:
    unit = refs.unit(request, org_unit) if org_unit is not None else None
    return direction_list(request.user, org_unit=unit, year=year).order_by("org_unit_id", "year")


@router.put("/org-units/{unit_id}/direction/{year}", response={200: DirectionOut, **ERRORS}, summary="Set a unit's political direction for a year")
def set_direction(request: HttpRequest, unit_id: DbId, year: Year, payload: DirectionIn, if_match: IfMatch = None) -> Direction:
    unit = refs.unit(request, unit_id)
    with expected_version(direction_list(request.user, org_unit=unit, year=year).first(), if_match):
        return services.direction_set(actor=request.user, org_unit=unit, year=year, text=payload.text)


@router.get("/development-areas", response=list[DevelopmentAreaOut], summary="Development areas the caller may see")
@paginate(BoundedLimitOffsetPagination)
def list_development_areas(request: HttpRequest, org_unit: DbId | None = None, year: Year | None = None) -> QuerySet[DevelopmentArea]:
    unit = refs.unit(request, org_unit) if org_unit is not None else None
    return development_area_list(request.user, org_unit=unit, year=year).order_by("org_unit_id", "year", "pk")


@router.post("/development-areas", response={201: DevelopmentAreaOut, **ERRORS}, summary="Add a development area")
def create_development_area(request: HttpRequest, payload: DevelopmentAreaIn) -> Status[DevelopmentArea]:
    unit = refs.unit(request, payload.org_unit)
    area = services.development_area_create(actor=request.user, org_unit=unit, year=payload.year, title=payload.title, description=payload.description)
    return Status(201, area)


@router.get("/development-areas/{area_id}", response={200: DevelopmentAreaOut, **ERRORS})
def get_development_area(request: HttpRequest, area_id: DbId) -> DevelopmentArea:
    return development_area_get(request.user, area_id)


@router.patch("/development-areas/{area_id}", response={200: DevelopmentAreaOut, **ERRORS}, summary="Change a development area")
def update_development_area(request: HttpRequest, area_id: DbId, payload: DevelopmentAreaPatch, if_match: IfMatch = None) -> DevelopmentArea:
    area = development_area_get(request.user, area_id)
    with expected_version(area, if_match):
        return services.development_area_update(actor=request.user, area=area, **payload.changes())


@router.delete("/development-areas/{area_id}", response={204: None, **ERRORS})
def delete_development_area(request: HttpRequest, area_id: DbId, if_match: IfMatch = None) -> Status[None]:
    area = development_area_get(request.user, area_id)
    with expected_version(area, if_match):
        services.development_area_delete(actor=request.user, area=area)
    return Status(204, None)

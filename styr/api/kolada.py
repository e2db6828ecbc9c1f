"""Kolada (issue 13 §1): the shared catalogue (KPIs searchable by title, id and area; municipalities;
municipality groups), the group's Kolada settings, and syncs started in the background. Anyone
with a role in a group reads; KS's controllers (``kolada.sync``) change the settings and sync.
A sync already running for the group is 409 (KOLADA-007)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field

from styr.api.pagination import BoundedLimitOffsetPagination
from styr.api.schemas import ERRORS, Input
from styr.api.versions import IfMatch, Version, expected_version
from styr.core.permissions import require
from styr.economy.selectors.frames import executive_board
from styr.followup import kolada_runs
from styr.followup.kolada_settings import groups_including, kolada_settings_get, kolada_settings_save
from styr.organisation.selectors import group_of_user
from styr.planning.models import KoladaKpi, KoladaMunicipality, KoladaMunicipalityGroup, KoladaSettings
from styr.planning.selectors_kolada import kpi_query

router = Router(tags=["Kolada"])

KoladaId = Annotated[str, Field(min_length=1, max_length=20, pattern=r"^[A-Za-z0-9_-]+$")]


class KpiOut(Schema):
    id: str
    title: str
    description: str
    operating_area: str
    municipality_type: str
    is_divided_by_gender: bool
    has_ou_data: bool
    perspective: str
    publication_date: date | None
    publ_period: str
    metadata_hash: str
    #: when a sync last found another definition (KOLADA-004); None: never
    definition_changed_at: Any


class MunicipalityOut(Schema):
    id: str
    title: str
    type: str


class MunicipalityGroupOut(Schema):
    id: str
    title: str
    members: list[str]


class SettingsOut(Schema):
    version: Version
    municipality: str
    comparison_group: str
    comparison_municipalities: list[str]
    first_year: int


class SettingsIn(Input):
    municipality: Annotated[str, Field(min_length=1, max_length=10)]
    comparison_group: Annotated[str, Field(max_length=20)] = ""
    comparison_municipalities: Annotated[list[Annotated[str, Field(max_length=10)]], Field(max_length=100)] = []
    first_year: Annotated[int, Field(ge=1900, le=2200)]


class SyncOut(Schema):
    id: str
    #: queued, running, done or failed
    state: str
    step: str = ""
    done: int = 0
    total: int = 0
    #: what a finished sync stored: counts, changed definitions, indicators to review
    result: dict[str, Any] | None = None
    #: a failed sync's rule id and Swedish message
    error: dict[str, str] | None = None


@router.get("/kolada/kpis", response=list[KpiOut], summary="Kolada's KPIs, searched by title or id (q) and operating area (area)")
@paginate(BoundedLimitOffsetPagination)
def list_kpis(request: HttpRequest, q: str = "", area: str = "") -> QuerySet[KoladaKpi]:
    group_of_user(request.user)
    return kpi_query(q[:200], area[:200])


@router.get("/kolada/kpis/{kpi_id}", response={200: KpiOut, **ERRORS}, summary="One Kolada KPI with its definition")
def get_kpi(request: HttpRequest, kpi_id: KoladaId) -> KoladaKpi:
    group_of_user(request.user)
    kpi = KoladaKpi.objects.filter(id=kpi_id).first()
    if kpi is None:
        raise Http404
    return kpi


@router.get("/kolada/municipalities", response=list[MunicipalityOut], summary="Kolada's municipalities and regions (0000 is Riket)")
@paginate(BoundedLimitOffsetPagination)
def list_municipalities(request: HttpRequest) -> QuerySet[KoladaMunicipality]:
    group_of_user(request.user)
    return KoladaMunicipality.objects.order_by("id")


@router.get(
    "/kolada/municipality-groups",
    response=list[MunicipalityGroupOut],
    summary="Kolada's municipality groups; with `municipality`, those it is a member of",
)
def list_groups(request: HttpRequest, municipality: Annotated[str, Field(max_length=10)] = "") -> list[KoladaMunicipalityGroup]:
    group_of_user(request.user)
    if municipality.strip():
        return groups_including(municipality.strip())
    return list(KoladaMunicipalityGroup.objects.order_by("title")[:5000])


@router.get("/kolada/settings", response={200: SettingsOut, **ERRORS}, summary="The group's Kolada settings (404 before any are saved)")
def get_settings(request: HttpRequest) -> KoladaSettings:
    settings = kolada_settings_get(group_of_user(request.user))
    if settings is None:
        raise Http404
    return settings


@router.put("/kolada/settings", response={200: SettingsOut, **ERRORS}, summary="Save the group's Kolada settings (KOLADA-006)")
def put_settings(request: HttpRequest, payload: SettingsIn, if_match: IfMatch = None) -> KoladaSettings:
    group = group_of_user(request.user)
    with expected_version(kolada_settings_get(group), if_match):  # None: the first settings, nothing to overwrite
        return kolada_settings_save(actor=request.user, group=group, **payload.dict())


@router.post(
    "/kolada/syncs",
    response={202: SyncOut, **ERRORS},
    summary="Start a Kolada sync of the group in the background (409 KOLADA-007 while one runs)",
    description="Catalogue, then the values of the bound indicators; follow the run at `GET /kolada/syncs/{id}`. Nothing is stored if anything fails.",
)
def start_sync(request: HttpRequest) -> Status[dict[str, Any]]:
    group = group_of_user(request.user)
    run_id = kolada_runs.kolada_sync_start(actor=request.user, group=group)
    return Status(202, _run_out(run_id, group.pk))


@router.get("/kolada/syncs/{sync_id}", response={200: SyncOut, **ERRORS}, summary="A sync's state, progress and result")
def get_sync(request: HttpRequest, sync_id: Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[0-9a-f]+$")]) -> dict[str, Any]:
    group = group_of_user(request.user)
    require(request.user, "kolada.sync", executive_board(group))
    return _run_out(sync_id, group.pk)


def _run_out(run_id: str, group_id: int) -> dict[str, Any]:
    run = kolada_runs.run_get(run_id)
    if run is None or run.get("group") != group_id:
        raise Http404
    return {"id": run_id, **{k: run.get(k) for k in ("state", "step", "done", "total", "result", "error") if run.get(k) is not None}}

"""Population (issue 10 §1): the group's series with their counts by year, area and age (or age
band), a municipality's forecast uploaded as CSV or Excel, SCB's figures fetched. Anyone who sees
the group reads; KS's controllers write (``population.write``)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from django.http import Http404, HttpRequest
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic import Field

from styr.api.schemas import ERRORS, DbId, Input, Year
from styr.api.versions import IfMatch, expected_version
from styr.core import xlsx
from styr.domain.limits import NAME_LENGTH, OLDEST_AGE
from styr.domain.population import AGE_BANDS, BAND_BY_CODE
from styr.economy import population_files, services
from styr.economy.models import PopulationSeries
from styr.economy.selectors.population import (
    SeriesSummary,
    population_band_table,
    population_counts,
    population_series_get,
    population_series_list,
    population_summaries,
)
from styr.integrations import scb
from styr.organisation.selectors import group_of_user

router = Router(tags=["Population"])

SeriesName = Annotated[str, Field(min_length=1, max_length=NAME_LENGTH, pattern=r"^[^\x00]*[^\x00\s][^\x00]*$")]
Area = Annotated[str, Field(max_length=NAME_LENGTH, pattern=r"^[^\x00]*$")]
Age = Annotated[int, Field(ge=0, le=OLDEST_AGE)]
BandCode = Literal["0", "1-5", "6-15", "16-18", "19-64", "65-79", "80+"]


class SeriesOut(Schema):
    id: int
    name: str
    #: scb, upload or demo (made up)
    source: str
    region: str
    years: list[int]
    #: the areas of a forecast counted per area; empty: the whole region only
    areas: list[str]
    #: residents of the whole region per year
    residents_by_year: dict[str, int]
    detail: dict[str, Any]
    created_at: datetime


class CountOut(Schema):
    year: int
    area: str
    age: int
    count: int


class BandOut(Schema):
    year: int
    #: "" is the whole region (every area)
    area: str
    band: str
    age_from: int
    age_to: int
    count: int


class SeriesDetailOut(SeriesOut):
    counts: list[CountOut]
    bands: list[BandOut]


class FetchIn(Input):
    name: SeriesName
    region: Annotated[str, Field(pattern=r"^[0-9]{2}([0-9]{2})?$")]
    first_year: Annotated[int, Field(ge=scb.FIRST_YEAR, le=scb.LAST_YEAR)]
    last_year: Annotated[int, Field(ge=scb.FIRST_YEAR, le=scb.LAST_YEAR)]
    api: Literal["v2", "v1"] = "v2"


def _series_out(summary: SeriesSummary) -> dict[str, Any]:
    series = summary.series
    return {
        "id": series.pk,
        "name": series.name,
        "source": series.source,
        "region": series.region,
        "years": summary.years,
        "areas": summary.areas,
        "residents_by_year": {str(y): n for y, n in summary.residents_by_year.items()},
        "detail": series.detail,
        "created_at": series.created_at,
    }


def _get(request: HttpRequest, series_id: int) -> PopulationSeries:
    group = group_of_user(request.user)
    try:
        return population_series_get(request.user, group=group, pk=series_id)
    except PopulationSeries.DoesNotExist:
        raise Http404 from None


@router.get("/population/series", response={200: list[SeriesOut], **ERRORS}, summary="The group's population series with residents per year")
def list_series(
    request: HttpRequest, year: Year | None = None, area: Area | None = None, source: Literal["scb", "upload", "demo"] | None = None
) -> list[dict[str, Any]]:
    """``year``: only series counting that year; ``area``: only series counting that area."""
    group = group_of_user(request.user)
    series = population_series_list(request.user, group=group)
    if source:
        series = series.filter(source=source)
    if year is not None:
        series = series.filter(counts__year=year)
    if area:
        series = series.filter(counts__area=area)
    return [_series_out(s) for s in population_summaries(list(series.distinct()))]


# Declared before /population/series/{series_id}: that pattern would otherwise take this path.
@router.post(
    "/population/series/scb",
    response={201: SeriesOut, **ERRORS},
    summary="Fetch a region's population by age from SCB (table TAB638) as a series (POP-004…POP-007)",
    description="SCB's PxWebApi 2 (JSON-stat 2) by default, or the v1 API. SCB failing or answering what cannot be read is 422 and writes nothing.",
)
def fetch_series(request: HttpRequest, payload: FetchIn) -> Status[dict[str, Any]]:
    group = group_of_user(request.user)
    years = list(range(payload.first_year, payload.last_year + 1))
    series = services.population_fetch_scb(actor=request.user, group=group, region=payload.region, years=years, name=payload.name, api=payload.api)
    return Status(201, _series_out(population_summaries([series])[0]))


@router.get(
    "/population/series/{series_id}",
    response={200: SeriesDetailOut, **ERRORS},
    summary="One population series: its counts by year, area and age, and per age band (0, 1–5, 6–15, 16–18, 19–64, 65–79, 80+)",
    description=(
        'Filters: `year`, `area` ("" for counts of the whole region), and either `band` or `age_from`/`age_to`. '
        '`bands` holds per year and area the residents of each band (area "" sums the areas); with `band`, only that band.'
    ),
)
def get_series(
    request: HttpRequest,
    series_id: DbId,
    year: Year | None = None,
    area: Area | None = None,
    band: BandCode | None = None,
    age_from: Age = 0,
    age_to: Age = OLDEST_AGE,
) -> dict[str, Any]:
    series = _get(request, series_id)
    if band is not None:
        age_from, age_to = BAND_BY_CODE[band].age_from, BAND_BY_CODE[band].age_to
    counts = population_counts(series, year=year, area=area, age_from=age_from, age_to=age_to)
    bands = [
        {"year": row.year, "area": row.area, "band": b.code, "age_from": b.age_from, "age_to": b.age_to, "count": row.bands[b.code]}
        for row in population_band_table(series, year=year, area=area)
        for b in AGE_BANDS
        if band is None or b.code == band
    ]
    return {
        **_series_out(population_summaries([series])[0]),
        "counts": [{"year": c.year, "area": c.area, "age": c.age, "count": c.count} for c in counts],
        "bands": bands,
    }


@router.post(
    "/population/series",
    response={201: SeriesOut, **ERRORS},
    summary="Upload the municipality's population forecast (CSV or Excel) as a series (POP-001…POP-003, POP-008, POP-009)",
    description=(
        "Multipart: `name`, `file` and optionally `region`. The file has the columns år, område (optional), ålder "
        "(0–100, 100+) and antal: CSV separated by ; or , in UTF-8 (with or without BOM) or Windows-1252, or .xlsx. "
        "A refused file writes nothing and answers 422 naming the line or cell."
    ),
)
def upload_series(request: HttpRequest, name: Form[SeriesName], file: File[UploadedFile], region: Form[str] = "") -> Status[dict[str, Any]]:
    group = group_of_user(request.user)
    data = file.read(max(xlsx.MAX_BYTES, population_files.MAX_CSV_BYTES) + 1)
    series = services.population_upload(actor=request.user, group=group, name=name, data=data, file_name=file.name or "upload", region=region[:10])
    return Status(201, _series_out(population_summaries([series])[0]))


@router.delete("/population/series/{series_id}", response={204: None, **ERRORS}, summary="Delete a population series")
def delete_series(request: HttpRequest, series_id: DbId, if_match: IfMatch = None) -> Status[None]:
    series = _get(request, series_id)
    with expected_version(series, if_match):
        services.population_series_delete(actor=request.user, series=series)
    return Status(204, None)

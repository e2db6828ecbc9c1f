"""The public part of the API (issue 13 §3): the open data without a login (``auth=None``: this
router does not inherit the API's login). The same rows as the open data files, adopted content
only (OPEN-001, OPEN-002); a value from Kolada carries ``source`` "kolada" and ``source_note``
"Källa: Kolada" (KOLADA-002). An unknown municipal group answers 404."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from styr.api.pagination import MAX_OFFSET
from styr.api.schemas import Error, Year
from styr.organisation.selectors import group_get_public
from styr.public.open_data import frame_rows, goal_rows, plan_rows, value_page

router = Router(tags=["Public"], auth=None)
NOT_FOUND: dict[int, type[Error]] = {404: Error}


class PublicPlanOut(Schema):
    id: int
    org_unit_id: int
    org_unit: str
    kind: str
    kind_label: str
    year: int
    revision: int
    decided_on: date | None
    paragraph: str
    registration_number: str
    pdf_url: str
    docx_url: str


class PublicGoalOut(Schema):
    id: int
    org_unit_id: int
    org_unit: str
    title: str
    citizen_change: str
    start_year: int
    end_year: int
    #: the latest status assessed in an adopted report ("" when none)
    status: str
    status_label: str
    status_period_end: date | None
    indicator_count: int
    #: a new revision is prepared; the goal is given as adopted
    pending_revision: bool


class PublicValueOut(Schema):
    goal_id: int
    goal: str
    indicator_id: int
    indicator: str
    unit_label: str
    period: str = Field(description="YYYY-MM")
    value: Decimal
    source: str = Field(description='"manual" or "kolada"')
    source_note: str = Field(description='"Källa: Kolada" for a value from Kolada, else empty')


class PublicValuePage(Schema):
    count: int
    items: list[PublicValueOut]


class PublicFrameOut(Schema):
    year: int
    org_unit_id: int
    org_unit: str
    adopted_sek: Decimal
    adjustments_sek: Decimal
    frame_sek: Decimal
    adopted_investment_sek: Decimal
    investment_sek: Decimal | None
    decided_on: date
    paragraph: str
    registration_number: str
    actual_to_month: int | None
    actual_sek: Decimal | None
    forecast_sek: Decimal | None
    report_period_end: date | None


class YearFilter(Schema):
    year: Year | None = None


class ValueFilter(YearFilter):
    limit: int = Field(100, ge=1, le=500)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


def _base(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


@router.get("/public/{slug}/plans", response={200: list[PublicPlanOut], **NOT_FOUND}, summary="Adopted plans")
def public_plans(request: HttpRequest, slug: str, filters: Query[YearFilter]) -> list[dict[str, Any]]:
    rows = plan_rows(group_get_public(slug), filters.year, _base(request))
    return [
        {
            "id": r["plan_id"],
            "org_unit_id": r["organ_id"],
            "org_unit": r["organ"],
            "kind": r["typ"],
            "kind_label": r["typ_namn"],
            "year": r["ar"],
            "revision": r["revision"],
            "decided_on": r["beslutsdatum"],
            "paragraph": r["paragraf"],
            "registration_number": r["diarienummer"],
            "pdf_url": r["pdf"],
            "docx_url": r["word"],
        }
        for r in rows
    ]


@router.get("/public/{slug}/goals", response={200: list[PublicGoalOut], **NOT_FOUND}, summary="Goals in force with their status")
def public_goals(request: HttpRequest, slug: str, filters: Query[YearFilter]) -> list[dict[str, Any]]:
    rows = goal_rows(group_get_public(slug), filters.year)
    return [
        {
            "id": r["mal_id"],
            "org_unit_id": r["organ_id"],
            "org_unit": r["organ"],
            "title": r["titel"],
            "citizen_change": r["medborgarnytta"],
            "start_year": r["startar"],
            "end_year": r["slutar"],
            "status": r["status"],
            "status_label": r["status_namn"],
            "status_period_end": r["status_period"],
            "indicator_count": r["antal_indikatorer"],
            "pending_revision": r["under_revision"],
        }
        for r in rows
    ]


@router.get("/public/{slug}/indicator-values", response={200: PublicValuePage, **NOT_FOUND}, summary="Public indicator values (paginated)")
def public_indicator_values(request: HttpRequest, slug: str, filters: Query[ValueFilter]) -> dict[str, Any]:
    count, rows = value_page(group_get_public(slug), filters.year, offset=filters.offset, limit=filters.limit)
    items = [
        {
            "goal_id": r["mal_id"],
            "goal": r["mal"],
            "indicator_id": r["indikator_id"],
            "indicator": r["indikator"],
            "unit_label": r["enhet"],
            "period": r["period"],
            "value": r["varde"],
            "source": r["kalla"],
            "source_note": r["kallhanvisning"],
        }
        for r in rows
    ]
    return {"count": count, "items": items}


@router.get("/public/{slug}/frames", response={200: list[PublicFrameOut], **NOT_FOUND}, summary="Adopted frames and results")
def public_frames(request: HttpRequest, slug: str, filters: Query[YearFilter]) -> list[dict[str, Any]]:
    rows = frame_rows(group_get_public(slug), filters.year)
    return [
        {
            "year": r["ar"],
            "org_unit_id": r["organ_id"],
            "org_unit": r["organ"],
            "adopted_sek": r["driftram_beslutad_kr"],
            "adjustments_sek": r["justeringar_kr"],
            "frame_sek": r["driftram_kr"],
            "adopted_investment_sek": r["investeringsram_beslutad_kr"],
            "investment_sek": r["investeringsram_kr"],
            "decided_on": r["beslutsdatum"],
            "paragraph": r["paragraf"],
            "registration_number": r["diarienummer"],
            "actual_to_month": r["utfall_till_manad"],
            "actual_sek": r["utfall_kr"],
            "forecast_sek": r["helarsprognos_kr"],
            "report_period_end": r["rapport_period_slut"],
        }
        for r in rows
    ]

"""Kolada on indicators (issue 13 §1): bind a goal or quality indicator to a KPI, unbind it,
accept a changed definition (KOLADA-004), an indicator's comparison with other municipalities,
and the indicators whose KPI's definition changed. The services hold the rules (KOLADA-010,
KOLADA-011); the handlers resolve ids and shape the answers."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Literal

from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import Field

from styr.api.schemas import ERRORS, DbId, Input
from styr.api.versions import IfMatch, Version, expected_version
from styr.domain.errors import RuleViolation, _
from styr.planning.models import GoalIndicator, QualityIndicator
from styr.planning.selectors import indicator_get, quality_indicator_get
from styr.planning.selectors_kolada import Binding, binding, comparison, indicators_to_review
from styr.planning.services.kolada_bindings import indicator_kolada_bind, indicator_kolada_review, indicator_kolada_unbind

router = Router(tags=["Kolada"])

KpiId = Annotated[str, Field(min_length=1, max_length=20, pattern=r"^[^\x00]*$")]


class BindIn(Input):
    kpi_id: KpiId = Field(description="A KPI in Kolada's stored catalogue (KOLADA-010)")


class KoladaBindingOut(Schema):
    indicator_id: int
    #: the indicator's version: binding and unbinding change the indicator
    version: Version
    kind: Literal["goal", "quality"]
    kolada_kpi: str
    title: str
    definition: str
    unit: str
    operating_area: str
    url: str
    needs_review: bool
    definition_changed_at: datetime | None


def _out(indicator: GoalIndicator | QualityIndicator, found: Binding | None = None) -> KoladaBindingOut:
    """The indicator's binding; ``found`` when the list already read it (no query per row)."""
    b: Binding | None = found if found is not None else binding(indicator)
    kind: Literal["goal", "quality"] = "goal" if isinstance(indicator, GoalIndicator) else "quality"
    if b is None:
        return KoladaBindingOut(
            indicator_id=indicator.pk,
            version=indicator.version,
            kind=kind,
            kolada_kpi="",
            title="",
            definition="",
            unit="",
            operating_area="",
            url="",
            needs_review=False,
            definition_changed_at=None,
        )
    return KoladaBindingOut(
        indicator_id=indicator.pk,
        version=indicator.version,
        kind=kind,
        kolada_kpi=b.kpi_id,
        title=b.title,
        definition=b.definition,
        unit=b.unit,
        operating_area=b.operating_area,
        url=b.url,
        needs_review=b.needs_review,
        definition_changed_at=b.definition_changed_at,
    )


@router.put("/goal-indicators/{indicator_id}/kolada", response={200: KoladaBindingOut, **ERRORS}, summary="Bind a goal indicator to a Kolada KPI (KOLADA-010)")
def bind_goal_indicator(request: HttpRequest, indicator_id: DbId, payload: BindIn, if_match: IfMatch = None) -> KoladaBindingOut:
    indicator = indicator_get(request.user, indicator_id)
    with expected_version(indicator, if_match):
        return _out(indicator_kolada_bind(actor=request.user, indicator=indicator, kpi_id=payload.kpi_id))


@router.delete("/goal-indicators/{indicator_id}/kolada", response={200: KoladaBindingOut, **ERRORS}, summary="Unbind a goal indicator from Kolada")
def unbind_goal_indicator(request: HttpRequest, indicator_id: DbId, if_match: IfMatch = None) -> KoladaBindingOut:
    indicator = indicator_get(request.user, indicator_id)
    with expected_version(indicator, if_match):
        return _out(indicator_kolada_unbind(actor=request.user, indicator=indicator))


@router.post(
    "/goal-indicators/{indicator_id}/kolada/review",
    response={200: KoladaBindingOut, **ERRORS},
    summary="Accept the changed definition of a goal indicator's KPI (KOLADA-004, KOLADA-011)",
)
def review_goal_indicator(request: HttpRequest, indicator_id: DbId) -> KoladaBindingOut:
    return _out(indicator_kolada_review(actor=request.user, indicator=indicator_get(request.user, indicator_id)))


@router.put(
    "/quality-indicators/{indicator_id}/kolada", response={200: KoladaBindingOut, **ERRORS}, summary="Bind a quality indicator to a Kolada KPI (KOLADA-010)"
)
def bind_quality_indicator(request: HttpRequest, indicator_id: DbId, payload: BindIn, if_match: IfMatch = None) -> KoladaBindingOut:
    indicator = quality_indicator_get(request.user, indicator_id)
    with expected_version(indicator, if_match):
        return _out(indicator_kolada_bind(actor=request.user, indicator=indicator, kpi_id=payload.kpi_id))


@router.delete("/quality-indicators/{indicator_id}/kolada", response={200: KoladaBindingOut, **ERRORS}, summary="Unbind a quality indicator from Kolada")
def unbind_quality_indicator(request: HttpRequest, indicator_id: DbId, if_match: IfMatch = None) -> KoladaBindingOut:
    indicator = quality_indicator_get(request.user, indicator_id)
    with expected_version(indicator, if_match):
        return _out(indicator_kolada_unbind(actor=request.user, indicator=indicator))


@router.post(
    "/quality-indicators/{indicator_id}/kolada/review",
    response={200: KoladaBindingOut, **ERRORS},
    summary="Accept the changed definition of a quality indicator's KPI (KOLADA-004, KOLADA-011)",
)
def review_quality_indicator(request: HttpRequest, indicator_id: DbId) -> KoladaBindingOut:
    return _out(indicator_kolada_review(actor=request.user, indicator=quality_indicator_get(request.user, indicator_id)))


class SpreadOut(Schema):
    count: int
    min: Decimal | None
    median: Decimal | None
    max: Decimal | None


class ChosenValueOut(Schema):
    municipality: str
    name: str
    value: Decimal | None


class ComparisonYearOut(Schema):
    year: int
    own: Decimal | None
    own_women: Decimal | None
    own_men: Decimal | None
    group: SpreadOut
    chosen: list[ChosenValueOut]


class ComparisonOut(Schema):
    kpi_id: str
    title: str
    unit: str
    municipality: str
    municipality_name: str
    group_name: str
    group_size: int
    divided_by_gender: bool
    source: Literal["Kolada"]
    years: list[ComparisonYearOut]


@router.get(
    "/goal-indicators/{indicator_id}/kolada/comparison",
    response={200: ComparisonOut, **ERRORS},
    summary="The own municipality's values of the indicator's KPI against the comparison group's, per year",
)
def goal_indicator_comparison(request: HttpRequest, indicator_id: DbId) -> ComparisonOut:
    return _comparison(indicator_get(request.user, indicator_id))


@router.get(
    "/quality-indicators/{indicator_id}/kolada/comparison",
    response={200: ComparisonOut, **ERRORS},
    summary="The own municipality's values of the quality indicator's KPI against the comparison group's, per year",
)
def quality_indicator_comparison(request: HttpRequest, indicator_id: DbId) -> ComparisonOut:
    return _comparison(quality_indicator_get(request.user, indicator_id))


def _comparison(indicator: GoalIndicator | QualityIndicator) -> ComparisonOut:
    """KOLADA-012: an indicator not bound, or a municipality without Kolada settings, has no comparison."""
    c = comparison(indicator)
    if c is None:
        raise RuleViolation(
            "KOLADA-012",
            _("The indicator “%(name)s” has no comparison: it is not bound to a Kolada KPI, or the municipality has no Kolada settings."),
            {"name": indicator.name},
        )
    return ComparisonOut(
        kpi_id=c.kpi_id,
        title=c.title,
        unit=c.unit,
        municipality=c.own_id,
        municipality_name=c.own_name,
        group_name=c.group_name,
        group_size=c.group_size,
        divided_by_gender=c.gender,
        source="Kolada",
        years=[
            ComparisonYearOut(
                year=y.year,
                own=y.own,
                own_women=y.own_women,
                own_men=y.own_men,
                group=SpreadOut(count=y.group.count, min=y.group.minimum, median=y.group.median, max=y.group.maximum),
                chosen=[ChosenValueOut(municipality=m, name=name, value=v) for (m, name), v in zip(c.chosen, y.chosen, strict=True)],
            )
            for y in c.years
        ],
    )


class ToReviewOut(Schema):
    kind: Literal["goal", "quality"]
    indicator_id: int
    name: str
    unit_name: str
    parent_title: str
    binding: KoladaBindingOut


@router.get(
    "/kolada/indicators-to-review",
    response={200: list[ToReviewOut], **ERRORS},
    summary="Indicators in the caller's scope whose KPI's definition changed (KOLADA-004)",
)
def list_indicators_to_review(request: HttpRequest) -> list[ToReviewOut]:
    return [
        ToReviewOut(
            kind="goal" if r.kind == "goal" else "quality",
            indicator_id=r.indicator.pk,
            name=r.indicator.name,
            unit_name=r.unit_name,
            parent_title=r.parent_title,
            binding=_out(r.indicator, r.binding),
        )
        for r in indicators_to_review(request.user)
    ]

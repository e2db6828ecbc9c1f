"""Reads for Kolada on indicators (issue 13 §1): the KPI picker's search, what a bound indicator
shows of its KPI, the indicators whose KPI's definition changed (KOLADA-004), and the comparison
of the own municipality with the comparison group."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db.models import F, OuterRef, Q, QuerySet, Subquery

from styr.core.permissions import scope_q
from styr.domain.kolada_compare import Spread, spread
from styr.domain.kolada_units import unit_from_title
from styr.planning.models import GoalIndicator, KoladaKpi, KoladaMunicipality, KoladaMunicipalityGroup, KoladaSettings, KoladaValue, QualityIndicator

#: how many KPIs the picker lists at most
SEARCH_LIMIT = 25
KOLADA_KPI_URL = "https://www.kolada.se/verktyg/fri-sokning/?kpis={id}"


def kpi_search(query: str, area: str = "", *, limit: int = SEARCH_LIMIT) -> list[KoladaKpi]:
    """KPIs whose id or title holds every word of the query (and in the area, when given); the
    catalogue is shared reference data, readable by everyone signed in."""
    words = query.split()
    if not words and not area:
        return []
    kpis = KoladaKpi.objects.all()
    for word in words:
        kpis = kpis.filter(Q(id__iexact=word) | Q(title__icontains=word))
    if area:
        kpis = kpis.filter(operating_area__icontains=area)
    return list(kpis.order_by("id")[:limit])


def kpi_areas() -> list[str]:
    """The catalogue's operating areas, for the picker's filter."""
    return sorted({a for a in KoladaKpi.objects.exclude(operating_area="").values_list("operating_area", flat=True).distinct()})


@dataclass(frozen=True)
class Binding:
    """What a bound indicator shows of its KPI: Kolada's title, definition and unit."""

    kpi_id: str
    title: str
    definition: str
    unit: str
    operating_area: str
    url: str
    #: the KPI is in the catalogue (a KPI id typed by hand before binding existed may not be)
    known: bool
    needs_review: bool
    definition_changed_at: datetime | None
    is_divided_by_gender: bool


def needs_review(kpi_id: str, reviewed_hash: str, current_hash: str | None) -> bool:
    """KOLADA-004: a bound indicator whose reviewed hash is not its KPI's current one (a KPI not
    in the catalogue has nothing to compare with). An indicator bound before the catalogue held
    its KPI has no reviewed hash, so a person reviews the definition the first catalogue brings;
    the review list (``indicators_to_review``) and the sync's count agree."""
    return bool(kpi_id) and current_hash is not None and reviewed_hash != current_hash


def with_current_hash[T: QuerySet[Any]](indicators: T) -> T:
    """The indicators, each with its KPI's current hash as ``kolada_current_hash`` (None when
    unbound or the KPI is not in the catalogue), in the same query: lists answer ``needs_review``
    without a query per bound indicator."""
    current = KoladaKpi.objects.filter(pk=OuterRef("kolada_kpi")).values("metadata_hash")[:1]
    return indicators.annotate(kolada_current_hash=Subquery(current))  # type: ignore[return-value]


def _binding(kpi_id: str, kolada_hash: str, kpi: KoladaKpi | None) -> Binding:
    return Binding(
        kpi_id=kpi_id,
        title=kpi.title if kpi else "",
        definition=kpi.description if kpi else "",
        unit=unit_from_title(kpi.title) if kpi else "",
        operating_area=kpi.operating_area if kpi else "",
        url=KOLADA_KPI_URL.format(id=kpi_id),
        known=kpi is not None,
        needs_review=needs_review(kpi_id, kolada_hash, kpi.metadata_hash if kpi else None),
        definition_changed_at=kpi.definition_changed_at if kpi else None,
        is_divided_by_gender=kpi.is_divided_by_gender if kpi else False,
    )


def bindings(indicators: Iterable[GoalIndicator | QualityIndicator]) -> dict[int, Binding]:
    """Each bound indicator's KPI, by the indicator's pk, in one query."""
    bound = [i for i in indicators if i.kolada_kpi]
    kpis = KoladaKpi.objects.in_bulk({i.kolada_kpi for i in bound})
    return {i.pk: _binding(i.kolada_kpi, i.kolada_hash, kpis.get(i.kolada_kpi)) for i in bound}


def binding(indicator: GoalIndicator | QualityIndicator) -> Binding | None:
    return bindings([indicator]).get(indicator.pk)


def _drifted(queryset: QuerySet[Any]) -> QuerySet[Any]:
    """Bound indicators whose reviewed hash is not the KPI's current one (KOLADA-004)."""
    current = KoladaKpi.objects.filter(pk=OuterRef("kolada_kpi")).values("metadata_hash")[:1]
    drifted: QuerySet[Any] = (
        queryset.exclude(kolada_kpi="").annotate(current_hash=Subquery(current)).exclude(current_hash=None).exclude(current_hash=F("kolada_hash"))
    )
    return drifted


@dataclass(frozen=True)
class ToReview:
    kind: str  # "goal" or "quality"
    indicator: GoalIndicator | QualityIndicator
    binding: Binding
    unit_name: str
    parent_title: str


def indicators_to_review(user: Any) -> list[ToReview]:
    """The indicators in the user's scope whose KPI's definition changed since a person last
    bound or reviewed them (KOLADA-004), the most recently changed first."""
    goals = list(_drifted(GoalIndicator.objects.filter(scope_q(user, "goal__org_unit_id")).select_related("goal__org_unit")))
    quality = list(_drifted(QualityIndicator.objects.filter(scope_q(user, "factor__org_unit_id")).select_related("factor__org_unit")))
    goal_found, quality_found = bindings(goals), bindings(quality)
    rows = [ToReview("goal", i, goal_found[i.pk], i.goal.org_unit.name, i.goal.title) for i in goals]
    rows += [ToReview("quality", i, quality_found[i.pk], i.factor.org_unit.name, i.factor.title) for i in quality]
    return sorted(rows, key=lambda r: -(r.binding.definition_changed_at.timestamp() if r.binding.definition_changed_at else 0))


@dataclass(frozen=True)
class ComparisonYear:
    year: int
    own: Decimal | None
    own_women: Decimal | None
    own_men: Decimal | None
    group: Spread
    #: the chosen municipalities' values, in the order of ``Comparison.chosen``
    chosen: tuple[Decimal | None, ...]


@dataclass(frozen=True)
class Comparison:
    kpi_id: str
    title: str
    unit: str
    own_id: str
    own_name: str
    group_name: str
    group_size: int
    chosen: tuple[tuple[str, str], ...]  # (id, name)
    gender: bool
    years: tuple[ComparisonYear, ...]


def comparison(indicator: GoalIndicator | QualityIndicator) -> Comparison | None:
    """The own municipality's value of the indicator's KPI against the comparison group's (min,
    median, max) and the chosen municipalities', per year, from the stored Kolada values. None
    when the indicator is not bound or the municipal group has no Kolada settings."""
    if not indicator.kolada_kpi:
        return None
    settings = KoladaSettings.objects.filter(group_id=indicator.group_id).first()
    if settings is None:
        return None
    kpi = KoladaKpi.objects.filter(pk=indicator.kolada_kpi).first()
    group = KoladaMunicipalityGroup.objects.filter(pk=settings.comparison_group).first() if settings.comparison_group else None
    chosen_ids = [str(m) for m in settings.comparison_municipalities if str(m) != settings.municipality]
    members = {str(m) for m in (group.members if group else [])} | set(chosen_ids)
    members.discard(settings.municipality)
    names = dict(KoladaMunicipality.objects.filter(pk__in=[settings.municipality, *members]).values_list("id", "title"))
    values = KoladaValue.objects.filter(kpi=indicator.kolada_kpi, is_ou=False, municipality__in=[settings.municipality, *members]).values_list(
        "municipality", "year", "gender", "value"
    )
    by: dict[tuple[str, int, str], Decimal | None] = {}
    years: set[int] = set()
    for municipality, year, sex, value in values:
        by[(municipality, year, sex)] = value
        years.add(year)
    gender = bool(kpi and kpi.is_divided_by_gender)
    rows = tuple(
        ComparisonYear(
            year=year,
            own=by.get((settings.municipality, year, "T")),
            own_women=by.get((settings.municipality, year, "K")) if gender else None,
            own_men=by.get((settings.municipality, year, "M")) if gender else None,
            group=spread(by.get((m, year, "T")) for m in members),
            chosen=tuple(by.get((m, year, "T")) for m in chosen_ids),
        )
        for year in sorted(years)
        if year >= settings.first_year
    )
    return Comparison(
        kpi_id=indicator.kolada_kpi,
        title=kpi.title if kpi else indicator.kolada_kpi,
        unit=unit_from_title(kpi.title) if kpi else "",
        own_id=settings.municipality,
        own_name=names.get(settings.municipality, settings.municipality),
        group_name=group.title if group else "",
        group_size=len(members),
        chosen=tuple((m, names.get(m, m)) for m in chosen_ids),
        gender=gender,
        years=rows,
    )

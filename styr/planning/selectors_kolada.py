"""Reads for Kolada on indicators (issue 13 §1): the KPI picker's search, what a bound indicator
shows of its KPI, the indicators whose KPI's definition changed (KOLADA-004), and the comparison
of the own municipality with the comparison group."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db.models import OuterRef, Q, QuerySet, Subquery

from styr.core.permissions import scope_q
from styr.domain.kolada import KOLADA_SOURCE, is_bound, needs_review
from styr.domain.kolada_compare import Spread, spread
from styr.domain.kolada_units import unit_from_title
from styr.planning.models import GoalIndicator, KoladaKpi, KoladaMunicipality, KoladaMunicipalityGroup, KoladaSettings, KoladaValue, QualityIndicator

#: how many KPIs the picker lists at most
SEARCH_LIMIT = 25
KOLADA_KPI_URL = "https://www.kolada.se/verktyg/fri-sokning/?kpis={id}"


def kpi_query(query: str, area: str = "") -> QuerySet[KoladaKpi]:
    """KPIs whose id or title holds every word of the query (at most ten words), in the area when
    given, by id; an empty query: every KPI (the API's paginated list)."""
    kpis = KoladaKpi.objects.all()
    for word in query.replace("\x00", "").split()[:10]:
        kpis = kpis.filter(Q(id__iexact=word) | Q(title__icontains=word))
    if area.strip():
        kpis = kpis.filter(operating_area__icontains=area.replace("\x00", "").strip())
    return kpis.order_by("id")


def kpi_search(query: str, area: str = "", *, limit: int = SEARCH_LIMIT) -> list[KoladaKpi]:
    """The picker's search (``kpi_query``, at most ``limit``; nothing asked, nothing listed); the
    catalogue is shared reference data, readable by everyone signed in."""
    if not query.split() and not area.strip():
        return []
    return list(kpi_query(query, area)[:limit])


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
        needs_review=needs_review(kpi.metadata_hash if kpi else None, kolada_hash),
        definition_changed_at=kpi.definition_changed_at if kpi else None,
        is_divided_by_gender=kpi.is_divided_by_gender if kpi else False,
    )


def _source(indicator: GoalIndicator | QualityIndicator) -> str | None:
    return indicator.source if isinstance(indicator, QualityIndicator) else None


def bound_q(model: type[GoalIndicator] | type[QualityIndicator]) -> Q:
    """``is_bound`` (KOLADA-004) as a filter: the one place the database asks which are bound."""
    found = ~Q(kolada_kpi="")
    return found & Q(source=KOLADA_SOURCE) if model is QualityIndicator else found


def bindings(indicators: Iterable[GoalIndicator | QualityIndicator]) -> dict[int, Binding]:
    """Each bound indicator's KPI (``is_bound``), by the indicator's pk, in one query."""
    bound = [i for i in indicators if is_bound(i.kolada_kpi, _source(i))]
    kpis = KoladaKpi.objects.in_bulk({i.kolada_kpi for i in bound})
    return {i.pk: _binding(i.kolada_kpi, i.kolada_hash, kpis.get(i.kolada_kpi)) for i in bound}


def binding(indicator: GoalIndicator | QualityIndicator) -> Binding | None:
    return bindings([indicator]).get(indicator.pk)


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
    goals = list(GoalIndicator.objects.filter(scope_q(user, "goal__org_unit_id"), bound_q(GoalIndicator)).select_related("goal__org_unit"))
    quality = list(QualityIndicator.objects.filter(scope_q(user, "factor__org_unit_id"), bound_q(QualityIndicator)).select_related("factor__org_unit"))
    goal_found, quality_found = bindings(goals), bindings(quality)
    rows = [ToReview("goal", i, goal_found[i.pk], i.goal.org_unit.name, i.goal.title) for i in goals if goal_found[i.pk].needs_review]
    rows += [ToReview("quality", i, quality_found[i.pk], i.factor.org_unit.name, i.factor.title) for i in quality if quality_found[i.pk].needs_review]
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
    return comparisons_of([indicator])[0]


def comparisons_of(indicators: Sequence[GoalIndicator | QualityIndicator]) -> list[Comparison | None]:
    """``comparison`` of each indicator, in the same order, read in a constant number of queries
    (settings, KPIs, groups, municipalities' names, values) however many indicators."""
    bound = [i for i in indicators if is_bound(i.kolada_kpi, _source(i))]
    if not bound:
        return [None for _i in indicators]
    settings_of = {s.group_id: s for s in KoladaSettings.objects.filter(group_id__in={i.group_id for i in bound})}
    kpis = KoladaKpi.objects.in_bulk({i.kolada_kpi for i in bound})
    groups = KoladaMunicipalityGroup.objects.in_bulk({s.comparison_group for s in settings_of.values() if s.comparison_group})
    places: dict[int, tuple[list[str], set[str]]] = {}
    for group_id, chosen in settings_of.items():
        group = groups.get(chosen.comparison_group) if chosen.comparison_group else None
        chosen_ids = [str(m) for m in chosen.comparison_municipalities if str(m) != chosen.municipality]
        members = {str(m) for m in (group.members if group else [])} | set(chosen_ids)
        members.discard(chosen.municipality)
        places[group_id] = (chosen_ids, members)
    everywhere = {m for _c, members in places.values() for m in members} | {s.municipality for s in settings_of.values()}
    names = dict(KoladaMunicipality.objects.filter(pk__in=everywhere).values_list("id", "title"))
    by_kpi: dict[str, dict[tuple[str, int, str], Decimal | None]] = {}
    rows = KoladaValue.objects.filter(kpi__in={i.kolada_kpi for i in bound}, is_ou=False, municipality__in=everywhere)
    for kpi_id, municipality, year, sex, value in rows.values_list("kpi", "municipality", "year", "gender", "value"):
        by_kpi.setdefault(kpi_id, {})[(municipality, year, sex)] = value
    found: list[Comparison | None] = []
    for indicator in indicators:
        own = settings_of.get(indicator.group_id)
        if own is None or not is_bound(indicator.kolada_kpi, _source(indicator)):
            found.append(None)
            continue
        chosen_ids, members = places[indicator.group_id]
        group = groups.get(own.comparison_group) if own.comparison_group else None
        kpi_id = indicator.kolada_kpi
        found.append(_comparison(kpi_id, kpis.get(kpi_id), own, group, chosen_ids, members, names, by_kpi.get(kpi_id, {})))
    return found


def _comparison(
    kpi_id: str,
    kpi: KoladaKpi | None,
    settings: KoladaSettings,
    group: KoladaMunicipalityGroup | None,
    chosen_ids: list[str],
    members: set[str],
    names: dict[str, str],
    by: dict[tuple[str, int, str], Decimal | None],
) -> Comparison:
    own = settings.municipality
    years = {year for (municipality, year, _sex) in by if municipality == own or municipality in members}
    gender = bool(kpi and kpi.is_divided_by_gender)
    rows = tuple(
        ComparisonYear(
            year=year,
            own=by.get((own, year, "T")),
            own_women=by.get((own, year, "K")) if gender else None,
            own_men=by.get((own, year, "M")) if gender else None,
            group=spread(by.get((m, year, "T")) for m in members),
            chosen=tuple(by.get((m, year, "T")) for m in chosen_ids),
        )
        for year in sorted(years)
        if year >= settings.first_year
    )
    return Comparison(
        kpi_id=kpi_id,
        title=kpi.title if kpi else kpi_id,
        unit=unit_from_title(kpi.title) if kpi else "",
        own_id=own,
        own_name=names.get(own, own),
        group_name=group.title if group else "",
        group_size=len(members),
        chosen=tuple((m, names.get(m, m)) for m in chosen_ids),
        gender=gender,
        years=rows,
    )

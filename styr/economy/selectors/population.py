"""Reads of population series. The group's population is public statistics or the group's own
forecast; anyone who may see the group may read it (``unit.view`` somewhere in the group)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet, Sum

from styr.core.permissions import scope_q
from styr.economy.models import PopulationCount, PopulationSeries
from styr.organisation.models import MunicipalGroup, OrgUnit


def _sees_group(user: Any, group: MunicipalGroup) -> bool:
    return OrgUnit.objects.filter(scope_q(user, "pk"), group=group).exists()


def population_series_list(user: Any, *, group: MunicipalGroup) -> QuerySet[PopulationSeries]:
    if not _sees_group(user, group):
        return PopulationSeries.objects.none()
    return PopulationSeries.objects.filter(group=group)


def population_series_get(user: Any, *, group: MunicipalGroup, pk: int) -> PopulationSeries:
    return population_series_list(user, group=group).get(pk=pk)


def population_by_age(series: PopulationSeries, *, year: int, area: str = "") -> dict[int, int]:
    """Residents per age (100 = 100 or older) in one year; ``area`` "" sums every area."""
    counts = PopulationCount.objects.filter(series=series, year=year)
    if area:
        counts = counts.filter(area=area)
    return {age: int(total) for age, total in counts.values("age").annotate(total=Sum("count")).values_list("age", "total").order_by("age")}


def population_in_band(series: PopulationSeries, *, year: int, age_from: int, age_to: int, area: str = "") -> int:
    """Residents aged ``age_from``–``age_to`` (both included) in one year and area ("" = all)."""
    counts = PopulationCount.objects.filter(series=series, year=year, age__gte=age_from, age__lte=age_to)
    if area:
        counts = counts.filter(area=area)
    return int(counts.aggregate(total=Sum("count"))["total"] or 0)


def population_years(series: PopulationSeries) -> list[int]:
    return list(PopulationCount.objects.filter(series=series).values_list("year", flat=True).distinct().order_by("year"))


def population_areas(series: PopulationSeries) -> list[str]:
    return [a for a in PopulationCount.objects.filter(series=series).values_list("area", flat=True).distinct().order_by("area") if a]

"""Reads of population series. The group's population is public statistics or the group's own
forecast; anyone who may see the group may read it (``unit.view`` somewhere in the group)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from styr.core.permissions import scope_q
from styr.domain.limits import OLDEST_AGE
from styr.domain.population import AGE_BANDS, by_band, whole_region
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


def _by_area(counts: QuerySet[PopulationCount]) -> dict[str, dict[int, int]]:
    """Residents per area and age of ``counts`` (one query)."""
    by_area: dict[str, dict[int, int]] = {}
    for area, age, total in counts.values("area", "age").annotate(total=Sum("count")).values_list("area", "age", "total").order_by():
        by_area.setdefault(area, {})[age] = int(total)
    return by_area


def population_by_age(series: PopulationSeries, *, year: int, area: str = "") -> dict[int, int]:
    """Residents per age (100 = 100 or older) in one year and area, in one query. ``area`` ""
    is the whole region: the series' rows for the whole region (area "") when the year has any,
    else the sum over its areas; never both, which would count everyone twice
    (``styr.domain.population.whole_region``)."""
    counts = PopulationCount.objects.filter(series=series, year=year)
    ages = whole_region(_by_area(counts)) if not area else _by_area(counts.filter(area=area)).get(area, {})
    return dict(sorted(ages.items()))


def population_in_band(series: PopulationSeries, *, year: int, age_from: int, age_to: int, area: str = "") -> int:
    """Residents aged ``age_from``–``age_to`` (both included) in one year and area, in one query.
    ``area`` "" is the whole region, as in ``population_by_age``: the rows for the whole region
    (area "") when the year has any (whatever their ages), else the sum over the areas."""
    counts = PopulationCount.objects.filter(series=series, year=year)
    band = Q(age__gte=age_from, age__lte=age_to)
    if area:
        return int(counts.filter(band, area=area).aggregate(total=Sum("count"))["total"] or 0)
    figures = counts.aggregate(
        whole_rows=Count("pk", filter=Q(area="")),
        whole=Sum("count", filter=band & Q(area="")),
        areas=Sum("count", filter=band & ~Q(area="")),
    )
    return int((figures["whole"] if figures["whole_rows"] else figures["areas"]) or 0)


def population_years(series: PopulationSeries) -> list[int]:
    return list(PopulationCount.objects.filter(series=series).values_list("year", flat=True).distinct().order_by("year"))


def population_areas(series: PopulationSeries) -> list[str]:
    return [a for a in PopulationCount.objects.filter(series=series).values_list("area", flat=True).distinct().order_by("area") if a]


@dataclass(frozen=True)
class SeriesSummary:
    series: PopulationSeries
    #: residents of the whole region per year (its "" rows, else the sum over its areas)
    residents_by_year: dict[int, int]
    areas: list[str]

    @property
    def years(self) -> list[int]:
        return sorted(self.residents_by_year)


def population_summaries(series: Sequence[PopulationSeries]) -> list[SeriesSummary]:
    """Each series with its residents per year (``whole_region``'s rule) and its areas, in two
    queries however many series."""
    ids = [s.pk for s in series]
    by_year: dict[int, dict[int, dict[str, dict[str, int]]]] = {pk: {} for pk in ids}
    counts = PopulationCount.objects.filter(series_id__in=ids)
    rows = counts.values("series_id", "year", "area").annotate(total=Sum("count")).values_list("series_id", "year", "area", "total").order_by()
    for series_id, year, area, total in rows:
        by_year[series_id].setdefault(year, {})[area] = {"residents": int(total)}
    per_year = {pk: {year: whole_region(by_area).get("residents", 0) for year, by_area in years.items()} for pk, years in by_year.items()}
    areas: dict[int, list[str]] = {pk: [] for pk in ids}
    for series_id, area in counts.exclude(area="").values_list("series_id", "area").distinct().order_by("series_id", "area"):
        areas[series_id].append(area)
    return [SeriesSummary(s, dict(sorted(per_year[s.pk].items())), areas[s.pk]) for s in series]


@dataclass(frozen=True)
class BandRow:
    year: int
    area: str
    #: residents per band code, in the order of ``AGE_BANDS``
    bands: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.bands.values())


def population_band_table(series: PopulationSeries, *, year: int | None = None, area: str | None = None) -> list[BandRow]:
    """Residents per age band for each year and area of the series (one query); with several
    areas, a row "" per year sums them, unless the year has rows for the whole region ("") of its own. ``year`` and ``area`` narrow the rows."""
    counts = PopulationCount.objects.filter(series=series)
    if year is not None:
        counts = counts.filter(year=year)
    by_cell: dict[tuple[int, str], dict[int, int]] = {}
    for y, a, age, total in counts.values("year", "area", "age").annotate(total=Sum("count")).values_list("year", "area", "age", "total").order_by():
        by_cell.setdefault((y, a), {})[age] = int(total)
    rows = [BandRow(y, a, by_band(ages)) for (y, a), ages in sorted(by_cell.items())]
    areas = {a for _y, a in by_cell}
    if areas - {""}:
        for y in sorted({y for y, _a in by_cell if (y, "") not in by_cell}):  # a year with rows for the whole region has its own
            whole: dict[str, int] = {band.code: 0 for band in AGE_BANDS}
            for row in rows:
                if row.year == y:
                    for code, n in row.bands.items():
                        whole[code] += n
            rows.append(BandRow(y, "", whole))
        rows.sort(key=lambda r: (r.year, r.area != "", r.area))
    if area is not None:
        rows = [r for r in rows if r.area == area]
    return rows


def population_counts(
    series: PopulationSeries, *, year: int | None = None, area: str | None = None, age_from: int = 0, age_to: int = OLDEST_AGE
) -> QuerySet[PopulationCount]:
    """The series' counts (year, area, age, count), narrowed by year, area and ages."""
    counts = PopulationCount.objects.filter(series=series, age__gte=age_from, age__lte=age_to)
    if year is not None:
        counts = counts.filter(year=year)
    if area is not None:
        counts = counts.filter(area=area)
    return counts.order_by("year", "area", "age")

"""Reads of the resource allocation model (issue 10 §1). Anyone who sees the group reads its
models and scenarios (the base allocation is the ground of the council's public budget); only
KS's controllers and politicians change them (``allocation.write``)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from styr.core.permissions import can, scope_q
from styr.domain.allocation import (
    Adjustment,
    Allocation,
    Count,
    Difference,
    Driver,
    FixedAmount,
    Parameters,
    YearIndex,
    allocate,
    compare,
)
from styr.domain.allocation_rules import check_same_year
from styr.domain.economy import FRAME_RECEIVERS
from styr.domain.levels import LevelKind
from styr.domain.population import whole_region
from styr.economy.models import AllocationCountOverride, AllocationDriver, AllocationModel, PopulationCount
from styr.organisation.models import MunicipalGroup, OrgUnit


def _sees_group(user: Any, group_id: int) -> bool:
    return OrgUnit.objects.filter(scope_q(user, "pk"), group_id=group_id).exists()


def allocation_model_list(user: Any, *, group: MunicipalGroup, year: int | None = None) -> QuerySet[AllocationModel]:
    """The group's models and scenarios (of one budget year, when given), the models before their scenarios."""
    if not _sees_group(user, group.pk):
        return AllocationModel.objects.none()
    models = AllocationModel.objects.filter(group=group).select_related("based_on", "population_series")
    return models.filter(budget_year=year) if year is not None else models


def allocation_model_get(user: Any, pk: int) -> AllocationModel:
    """A model or scenario; 404 to someone who does not see its group."""
    model = AllocationModel.objects.select_related("group", "based_on", "population_series").filter(pk=pk).first()
    if model is None or not _sees_group(user, model.group_id):
        raise Http404
    return model


def allocation_may_write(user: Any, group: MunicipalGroup) -> bool:
    board = OrgUnit.objects.filter(group=group, kind=LevelKind.EXECUTIVE_BOARD.value, valid_to__isnull=True).first()
    return can(user, "allocation.write", board)


def allocation_committees(model: AllocationModel) -> list[OrgUnit]:
    """The committees and the executive board the model allocates to: those open now, and any
    closed since that a parameter still names; the executive board first, then by position."""
    named = (
        Q(pk__in=model.drivers.values("committee_id"))
        | Q(pk__in=model.fixed_amounts.values("committee_id"))
        | Q(pk__in=model.adjustments.values("committee_id"))
    )
    open_now = Q(kind__in=[k.value for k in FRAME_RECEIVERS], valid_to__isnull=True)
    units = OrgUnit.objects.filter(Q(group_id=model.group_id) & (open_now | named))
    return sorted(units, key=lambda u: (u.kind != LevelKind.EXECUTIVE_BOARD.value, u.position, u.name))


def allocation_parameters(model: AllocationModel, committees: list[OrgUnit] | None = None) -> Parameters:
    committees = allocation_committees(model) if committees is None else committees
    index = (
        YearIndex(model.wage_index_n, model.price_index_n),
        YearIndex(model.wage_index_n1, model.price_index_n1),
        YearIndex(model.wage_index_n2, model.price_index_n2),
    )
    return Parameters(
        budget_year=model.budget_year,
        committees=tuple(c.pk for c in committees),
        index=index,
        drivers=tuple(
            Driver(
                key=str(d.pk),
                committee=d.committee_id,
                name=d.name,
                age_from=d.age_from,
                age_to=d.age_to,
                area=d.area,
                price_sek=d.price_sek,
                wage_share_percent=d.wage_share_percent,
            )
            for d in model.drivers.all()
        ),
        fixed_amounts=tuple(
            FixedAmount(
                key=str(f.pk), committee=f.committee_id, reason=f.reason, amount_sek=f.amount_sek, wage_share_percent=f.wage_share_percent, indexed=f.indexed
            )
            for f in model.fixed_amounts.all()
        ),
        adjustments=tuple(
            Adjustment(key=str(a.pk), committee=a.committee_id, year_offset=a.year_offset, amount_sek=a.amount_sek, reason=a.reason)
            for a in model.adjustments.all()
        ),
    )


@dataclass(frozen=True)
class CountCell:
    driver: AllocationDriver
    year: int
    count: int | None  #: None: missing (the series lacks the year or area, and none is given by hand)
    override: AllocationCountOverride | None

    @property
    def missing(self) -> bool:
        return self.count is None


def _series_by_year(model: AllocationModel) -> dict[int, dict[str, dict[int, int]]]:
    """The model's population series for its three years: residents per year, area and age, in
    one query however many drivers read it."""
    by_year: dict[int, dict[str, dict[int, int]]] = {}
    if model.population_series_id is None:
        return by_year
    counts = PopulationCount.objects.filter(series_id=model.population_series_id, year__in=model.years)
    for year, area, age, count in counts.values_list("year", "area", "age", "count").order_by():
        by_year.setdefault(year, {}).setdefault(area, {})[age] = count
    return by_year


def allocation_counts(model: AllocationModel) -> list[CountCell]:
    """Each driver's count for N, N+1 and N+2: given by hand where an override is, else read from
    the population series by the rule of ``population_in_band`` (a driver without an area counts
    the series' rows for the whole region, area "", when the year has any, else the sum over its
    areas: ``whole_region``); missing where the series lacks the year (or the driver's area in that
    year). Three queries however many drivers: the drivers, their overrides and the series."""
    drivers = list(model.drivers.select_related("committee").prefetch_related("overrides"))
    by_year = _series_by_year(model) if drivers else {}
    ages: dict[tuple[int, str], dict[int, int]] = {}
    for year, by_area in by_year.items():
        ages |= {(year, area): counts for area, counts in by_area.items()}
        ages[(year, "")] = whole_region(by_area)
    cells = []
    for driver in drivers:
        overrides = {o.year: o for o in driver.overrides.all()}
        for year in model.years:
            override = overrides.get(year)
            count: int | None = None
            if override is not None:
                count = override.count
            elif (year, driver.area) in ages:
                count = sum(n for age, n in ages[(year, driver.area)].items() if driver.age_from <= age <= driver.age_to)
            cells.append(CountCell(driver=driver, year=year, count=count, override=override))
    return cells


def allocation_result(model: AllocationModel, *, counts: list[CountCell] | None = None, committees: list[OrgUnit] | None = None) -> Allocation:
    """The model run: each committee's base allocation, adjustments and steps for N, N+1, N+2.
    Refused with ALLOC-004 while a driver lacks a count for a year."""
    cells = allocation_counts(model) if counts is None else counts
    given = {(str(c.driver.pk), c.year): Count(c.count, reason=c.override.reason if c.override is not None else "") for c in cells if c.count is not None}
    return allocate(allocation_parameters(model, committees), given)


def allocation_compare(a: AllocationModel, b: AllocationModel) -> tuple[Difference, ...]:
    """Per committee and year: a, b, b − a in kronor and in percent of a. ALLOC-005 for two
    budget years; both models must be of one group (else 404)."""
    if a.group_id != b.group_id:
        raise Http404
    check_same_year(a.budget_year, b.budget_year)
    return compare(allocation_result(a), allocation_result(b))


def allocation_year_totals(result: Allocation) -> dict[int, Decimal]:
    return {year: result.year_total_sek(year) for year in result.years}

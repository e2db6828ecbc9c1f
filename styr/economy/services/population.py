"""Writes of population series (issue 10 §1): every write is one transaction and one audit event."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction

from styr.core import audit
from styr.core.actors import Actor, as_user
from styr.core.permissions import require
from styr.domain.errors import RuleViolation, _
from styr.domain.levels import LevelKind
from styr.domain.limits import OLDEST_AGE
from styr.economy.models import PopulationCount, PopulationSeries
from styr.organisation.models import MunicipalGroup, OrgUnit

#: One cell of a population table: (year, area, age, count); area "" is the whole region.
Cell = tuple[int, str, int, int]


def _executive_board(group: MunicipalGroup) -> OrgUnit:
    return OrgUnit.objects.get(group=group, kind=LevelKind.EXECUTIVE_BOARD.value, valid_to__isnull=True)


@transaction.atomic
def population_series_store(
    *,
    actor: Actor,
    group: MunicipalGroup,
    name: str,
    source: str,
    cells: Iterable[Cell],
    region: str = "",
    detail: Mapping[str, Any] | None = None,
) -> PopulationSeries:
    """A new population series with its counts. The same (year, area, age) given twice is added
    up (SCB answers per sex; a file may too). Refused, writing nothing: POP-001 when a name is
    taken, POP-002 when an age is outside 0–100 or a count is negative, POP-003 when no cell is
    given. KS's controllers keep the group's population (``population.write`` on KS)."""
    if actor is not None:
        require(actor, "population.write", _executive_board(group))
    name = name.strip()
    if PopulationSeries.objects.filter(group=group, name=name).exists():
        raise RuleViolation("POP-001", _("The group already has a population series named %(name)s."), {"name": name}, field="name")
    summed: dict[tuple[int, str, int], int] = {}
    for year, area, age, count in cells:
        if not 0 <= age <= OLDEST_AGE or count < 0:
            raise RuleViolation(
                "POP-002",
                _("A population count has an age from 0 to 100 and a number of residents of at least 0; %(year)s %(area)s age %(age)s has %(count)s."),
                {"year": year, "area": area, "age": age, "count": count},
                field="counts",
            )
        key = (year, area.strip(), age)
        summed[key] = summed.get(key, 0) + count
    if not summed:
        raise RuleViolation("POP-003", _("A population series needs at least one count."), {}, field="counts")
    series = PopulationSeries.objects.create(group=group, name=name, source=source, region=region, detail=dict(detail or {}), created_by=as_user(actor))
    PopulationCount.objects.bulk_create(  # rows of the series being created, audited as one event below
        [PopulationCount(series=series, year=y, area=a, age=g, count=c) for (y, a, g), c in sorted(summed.items())],
        batch_size=2000,
    )
    years = sorted({y for y, _a, _g in summed})
    audit.record(
        actor=actor,
        action="population_series.stored",
        obj=series,
        after={
            "name": name,
            "source": source,
            "region": region,
            "years": years,
            "areas": sorted({a for _y, a, _g in summed}),
            "cells": len(summed),
            "residents_by_year": {str(y): sum(c for (yy, _a, _g), c in summed.items() if yy == y) for y in years},
            **{k: audit.to_json(v) for k, v in (detail or {}).items()},
        },
    )
    return series


@transaction.atomic
def population_series_delete(*, actor: Actor, series: PopulationSeries) -> None:
    if actor is not None:
        require(actor, "population.write", _executive_board(series.group))
    before = {"name": series.name, "source": series.source, "cells": series.counts.count()}
    audit.record(actor=actor, action="population_series.deleted", obj=series, before=before)
    series.delete()

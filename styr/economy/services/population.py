"""Writes of population series (issue 10 §1): every write is one transaction and one audit event."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import httpx
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from styr.core import audit
from styr.core.actors import Actor, as_user
from styr.core.permissions import require
from styr.core.unique import unique_or
from styr.domain.errors import RuleViolation, _
from styr.domain.levels import LevelKind
from styr.domain.limits import NAME_LENGTH, OLDEST_AGE, check_text_length
from styr.domain.population import whole_region
from styr.economy.models import PopulationCount, PopulationSeries
from styr.economy.population_files import read_forecast
from styr.integrations import scb
from styr.organisation.models import MunicipalGroup, OrgUnit

#: One cell of a population table: (year, area, age, count); area "" is the whole region.
Cell = tuple[int, str, int, int]


def _executive_board(group: MunicipalGroup) -> OrgUnit:
    return OrgUnit.objects.get(group=group, kind=LevelKind.EXECUTIVE_BOARD.value, valid_to__isnull=True)


def _check_name_free(group: MunicipalGroup, name: str) -> None:
    check_text_length(field="name", label=gettext("Name"), length=len(name.strip()), limit=NAME_LENGTH)
    if PopulationSeries.objects.filter(group=group, name=name.strip()).exists():
        raise _name_taken(name)


def _name_taken(name: str) -> RuleViolation:
    return RuleViolation("POP-001", _("The group already has a population series named %(name)s."), {"name": name.strip()}, field="name")


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
    _check_name_free(group, name)
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
    with unique_or(_name_taken(name)):  # POP-001 for a name taken at the same moment
        series = PopulationSeries.objects.create(group=group, name=name, source=source, region=region, detail=dict(detail or {}), created_by=as_user(actor))
    PopulationCount.objects.bulk_create(  # rows of the series being created, audited as one event below
        [PopulationCount(series=series, year=y, area=a, age=g, count=c) for (y, a, g), c in sorted(summed.items())],
        batch_size=2000,
    )
    years = sorted({y for y, _a, _g in summed})
    by_year: dict[int, dict[str, dict[str, int]]] = {}
    for (y, a, _g), c in summed.items():
        per_area = by_year.setdefault(y, {}).setdefault(a, {"residents": 0})
        per_area["residents"] += c
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
            "residents_by_year": {str(y): whole_region(by_year[y])["residents"] for y in years},
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


def population_fetch_scb(
    *,
    actor: Actor,
    group: MunicipalGroup,
    region: str,
    years: Sequence[int],
    name: str,
    api: str = scb.V2,
    replace: bool = False,
    client: httpx.Client | None = None,
) -> PopulationSeries:
    """SCB's population of ``region`` by age for ``years`` (table TAB638), stored as a series with
    source "scb" and where it came from (API version, table, query, when). The call to SCB is made
    outside any transaction; what it answers is stored in one. ``replace`` (for a nightly
    ``manage.py fetch_population``) deletes the series of the same name in the same transaction.
    Refused, writing nothing: POP-004…POP-007 (SCB's answer and the question), POP-001…POP-003."""
    if actor is not None:
        require(actor, "population.write", _executive_board(group))
    if not replace:
        _check_name_free(group, name)
    fetched = scb.fetch_population(region=region, years=years, api=api, client=client)
    detail = {**fetched.detail(), "fetched_at": timezone.now().isoformat(timespec="seconds")}
    cells = [(c.year, "", c.age, c.count) for c in fetched.cells]
    with transaction.atomic():
        if replace:
            for old in PopulationSeries.objects.filter(group=group, name=name.strip()):
                population_series_delete(actor=actor, series=old)
        return population_series_store(
            actor=actor, group=group, name=name, source=PopulationSeries.Source.SCB, cells=cells, region=region.strip(), detail=detail
        )


def population_upload(*, actor: Actor, group: MunicipalGroup, name: str, data: bytes, file_name: str, region: str = "") -> PopulationSeries:
    """A municipality's own forecast from a CSV or Excel file, stored with source "upload" and the
    file's name and SHA-256. Refused whole, naming the line or cell: POP-008, POP-009, POP-001…003."""
    if actor is not None:
        require(actor, "population.write", _executive_board(group))
    _check_name_free(group, name)
    read = read_forecast(data, file_name=file_name)
    detail = {
        "file_name": file_name,
        "sha256": hashlib.sha256(data).hexdigest(),
        "format": read.format,
        "rows": read.forecast.rows,
        "rounded": read.forecast.rounded,
    }
    return population_series_store(
        actor=actor, group=group, name=name, source=PopulationSeries.Source.UPLOAD, cells=read.forecast.cells, region=region, detail=detail
    )

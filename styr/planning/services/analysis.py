"""Writes to environment and current-state analyses (seed §6.2)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from styr.core import crud
from styr.core.actors import Actor
from styr.core.unique import created_once
from styr.domain.errors import RuleViolation, _
from styr.domain.org_tree import subtree_ids
from styr.organisation.models import OrgUnit
from styr.planning.models import CurrentStateAnalysis, Trend
from styr.planning.services.locks import require_open


def units_below(unit: OrgUnit) -> set[int]:
    """The levels whose analyses a unit's analysis builds on: its subtree, and for KS, which leads
    and coordinates the committees and the companies (seed §3, §6.2), the whole group but the council."""
    rows = list(OrgUnit.objects.filter(group=unit.group).values_list("id", "parent_id"))
    parent_of = dict(rows)
    if unit.kind == "EXECUTIVE_BOARD":
        return {uid for uid, pid in rows if pid is not None} - {unit.pk}
    return subtree_ids(parent_of, [unit.pk]) - {unit.pk}


def _check_builds_on(unit: OrgUnit, builds_on: list[Trend]) -> None:
    """TREND-001: an analysis builds on the trends of the levels below it (seed §6.2)."""
    below = units_below(unit)
    for trend in builds_on:
        if trend.org_unit_id not in below:
            raise RuleViolation(
                "TREND-001",
                _("An environment analysis can only build on the trends of the levels below the unit."),
                {"trend": trend.title},
                field="builds_on",
            )


def trend_create(*, actor: Actor, org_unit: OrgUnit, year: int, builds_on: list[Trend] | None = None, **fields: Any) -> Trend:
    crud.allowed(actor, "analysis.write", org_unit)
    require_open(org_unit, [year])
    _check_builds_on(org_unit, builds_on or [])
    return crud.create(
        actor=actor,
        perm="analysis.write",
        unit=org_unit,
        model=Trend,
        action="trend.created",
        group=org_unit.group,
        org_unit=org_unit,
        year=year,
        builds_on=builds_on or [],
        **fields,
    )


def trend_update(*, actor: Actor, trend: Trend, **fields: Any) -> Trend:
    crud.allowed(actor, "analysis.write", trend.org_unit)
    require_open(trend.org_unit, [trend.year, fields.get("year", trend.year)])
    if "builds_on" in fields:
        _check_builds_on(trend.org_unit, fields["builds_on"])
    return crud.update(actor=actor, perm="analysis.write", unit=trend.org_unit, obj=trend, action="trend.updated", **fields)


def trend_delete(*, actor: Actor, trend: Trend) -> None:
    crud.allowed(actor, "analysis.write", trend.org_unit)
    require_open(trend.org_unit, [trend.year])
    crud.delete(actor=actor, perm="analysis.write", unit=trend.org_unit, obj=trend, action="trend.deleted")


@transaction.atomic
def current_state_set(*, actor: Actor, org_unit: OrgUnit, year: int, **fields: Any) -> CurrentStateAnalysis:
    crud.allowed(actor, "analysis.write", org_unit)
    require_open(org_unit, [year])
    existing = CurrentStateAnalysis.objects.filter(org_unit=org_unit, year=year).first()
    if existing is None:
        with created_once(CurrentStateAnalysis, org_unit=org_unit, year=year):
            return crud.create(
                actor=actor,
                perm="analysis.write",
                unit=org_unit,
                model=CurrentStateAnalysis,
                action="current_state.created",
                group=org_unit.group,
                org_unit=org_unit,
                year=year,
                **fields,
            )
    return crud.update(actor=actor, perm="analysis.write", unit=org_unit, obj=existing, action="current_state.updated", **fields)

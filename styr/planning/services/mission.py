"""Writes to the core mission, its risks, quality factors and quality indicators (seed §5.A, §5.B, §6.1)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from styr.core import crud
from styr.core.actors import Actor
from styr.core.unique import created_once
from styr.domain.quality import check_no_target, check_risk
from styr.organisation.models import OrgUnit
from styr.planning.models import CoreMission, QualityFactor, QualityIndicator, Risk
from styr.planning.national_quality import checked_requirement
from styr.planning.services.kolada_bindings import bound_fields
from styr.planning.services.removal import check_open, check_removable, indicator_below, remove_quality_factor, remove_quality_indicator


@transaction.atomic
def core_mission_set(*, actor: Actor, org_unit: OrgUnit, **fields: Any) -> CoreMission:
    """Create or update the unit's core mission (one per unit)."""
    existing = CoreMission.objects.filter(org_unit=org_unit).first()
    if existing is None:
        with created_once(CoreMission, org_unit=org_unit):
            return crud.create(
                actor=actor,
                perm="core_mission.write",
                unit=org_unit,
                model=CoreMission,
                action="core_mission.created",
                group=org_unit.group,
                org_unit=org_unit,
                **fields,
            )
    return crud.update(actor=actor, perm="core_mission.write", unit=org_unit, obj=existing, action="core_mission.updated", **fields)


def risk_create(*, actor: Actor, core_mission: CoreMission, description: str, likelihood: int, consequence: int) -> Risk:
    crud.allowed(actor, "core_mission.write", core_mission.org_unit)
    check_risk(likelihood, consequence, core_mission.org_unit.group.governance)
    return crud.create(
        actor=actor,
        perm="core_mission.write",
        unit=core_mission.org_unit,
        model=Risk,
        action="risk.created",
        group=core_mission.group,
        core_mission=core_mission,
        description=description,
        likelihood=likelihood,
        consequence=consequence,
    )


def risk_update(*, actor: Actor, risk: Risk, **fields: Any) -> Risk:
    crud.allowed(actor, "core_mission.write", risk.core_mission.org_unit)
    check_risk(fields.get("likelihood", risk.likelihood), fields.get("consequence", risk.consequence), risk.group.governance)
    return crud.update(actor=actor, perm="core_mission.write", unit=risk.core_mission.org_unit, obj=risk, action="risk.updated", **fields)


def risk_delete(*, actor: Actor, risk: Risk) -> None:
    crud.delete(actor=actor, perm="core_mission.write", unit=risk.core_mission.org_unit, obj=risk, action="risk.deleted")


def quality_factor_create(*, actor: Actor, org_unit: OrgUnit, title: str, description: str = "", national_requirement: str = "") -> QualityFactor:
    """QUAL-001: the national requirement it answers, if any, is one of the reference data's."""
    crud.allowed(actor, "quality.write", org_unit)
    checked_requirement(national_requirement)
    return crud.create(
        actor=actor,
        perm="quality.write",
        unit=org_unit,
        model=QualityFactor,
        action="quality_factor.created",
        group=org_unit.group,
        org_unit=org_unit,
        title=title,
        description=description,
        national_requirement=national_requirement,
    )


def quality_factor_update(*, actor: Actor, factor: QualityFactor, **fields: Any) -> QualityFactor:
    crud.allowed(actor, "quality.write", factor.org_unit)
    check_open(factor)
    if "national_requirement" in fields:
        checked_requirement(fields["national_requirement"])
    return crud.update(actor=actor, perm="quality.write", unit=factor.org_unit, obj=factor, action="quality_factor.updated", **fields)


@transaction.atomic
def quality_factor_delete(*, actor: Actor, factor: QualityFactor) -> None:
    """A factor whose indicators have values is ended instead (DEL-001); its indicators go with
    it, each its own audit event."""
    crud.allowed(actor, "quality.write", factor.org_unit)
    remove_quality_factor(actor, QualityFactor.objects.select_for_update().get(pk=factor.pk))


def quality_indicator_create(*, actor: Actor, factor: QualityFactor, **fields: Any) -> QualityIndicator:
    """QI-001: a target in any form is refused, before anything is written. A Kolada KPI id
    binds the indicator with the KPI's current definition (KOLADA-010, KOLADA-004)."""
    crud.allowed(actor, "quality.write", factor.org_unit)
    check_no_target(fields)
    check_open(factor)
    fields = bound_fields(fields)
    return crud.create(
        actor=actor,
        perm="quality.write",
        unit=factor.org_unit,
        model=QualityIndicator,
        action="quality_indicator.created",
        group=factor.group,
        factor=factor,
        **fields,
    )


def quality_indicator_update(*, actor: Actor, indicator: QualityIndicator, **fields: Any) -> QualityIndicator:
    """A changed Kolada KPI id re-binds the indicator, a cleared one unbinds it (KOLADA-010, KOLADA-004)."""
    crud.allowed(actor, "quality.write", indicator.factor.org_unit)
    check_no_target(fields)
    check_open(indicator)
    fields = bound_fields(fields, indicator)
    return crud.update(actor=actor, perm="quality.write", unit=indicator.factor.org_unit, obj=indicator, action="quality_indicator.updated", **fields)


@transaction.atomic
def quality_indicator_delete(*, actor: Actor, indicator: QualityIndicator) -> None:
    """An indicator with values is ended instead (DEL-001)."""
    crud.allowed(actor, "quality.write", indicator.factor.org_unit)
    indicator = QualityIndicator.objects.select_for_update().get(pk=indicator.pk)
    check_removable(indicator, indicator_below(indicator))
    remove_quality_indicator(actor, indicator, indicator.factor.org_unit)

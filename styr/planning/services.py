"""Writes to development goals and goal indicators."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from styr.core import audit
from styr.core.actors import Actor
from styr.core.permissions import require
from styr.domain.goals import (
    YearSpan,
    check_baseline_year,
    check_editable,
    check_goal_cap,
    check_horizon,
    check_target_year,
)
from styr.organisation.models import OrgUnit
from styr.planning.models import DevelopmentGoal, GoalIndicator, GoalIndicatorTarget, LifecycleState


def _lock_unit(unit: OrgUnit) -> OrgUnit:
    """Serialise goal writes per unit, so two requests cannot both pass the cap."""
    return OrgUnit.objects.select_for_update().select_related("group").get(pk=unit.pk)


@transaction.atomic
def goal_create(
    *,
    actor: Actor,
    org_unit: OrgUnit,
    title: str,
    citizen_change: str = "",
    start_year: int,
    end_year: int,
    measurable: bool = True,
) -> DevelopmentGoal:
    if actor is not None:
        require(actor, "goal.write", org_unit)
    unit = _lock_unit(org_unit)
    model = unit.group.governance
    span = YearSpan(start_year, end_year)
    check_horizon(span, model)
    existing = [g.span for g in DevelopmentGoal.objects.filter(org_unit=unit).only("start_year", "end_year")]
    check_goal_cap(span, existing, model)
    goal = DevelopmentGoal.objects.create(
        group=unit.group,
        org_unit=unit,
        title=title.strip(),
        citizen_change=citizen_change.strip(),
        start_year=start_year,
        end_year=end_year,
        measurable=measurable,
    )
    audit.record(actor=actor, action="goal.created", obj=goal, org_unit=unit, after=audit.snapshot(goal))
    return goal


@transaction.atomic
def goal_update(
    *,
    actor: Actor,
    goal: DevelopmentGoal,
    title: str,
    citizen_change: str,
    start_year: int,
    end_year: int,
    measurable: bool,
) -> DevelopmentGoal:
    if actor is not None:
        require(actor, "goal.write", goal.org_unit)
    unit = _lock_unit(goal.org_unit)
    goal = DevelopmentGoal.objects.get(pk=goal.pk)
    check_editable(goal.state)
    model = unit.group.governance
    span = YearSpan(start_year, end_year)
    check_horizon(span, model)
    others = [g.span for g in DevelopmentGoal.objects.filter(org_unit=unit).exclude(pk=goal.pk)]
    check_goal_cap(span, others, model)
    before = audit.snapshot(goal)
    goal.title, goal.citizen_change = title.strip(), citizen_change.strip()
    goal.start_year, goal.end_year, goal.measurable = start_year, end_year, measurable
    goal.save()
    audit.record(actor=actor, action="goal.updated", obj=goal, org_unit=unit, before=before, after=audit.snapshot(goal))
    return goal


@transaction.atomic
def goal_adopt(*, actor: Actor, goal: DevelopmentGoal) -> DevelopmentGoal:
    """A politician of the unit (or above) adopts the goal; it is locked from then on."""
    if actor is not None:
        require(actor, "goal.adopt", goal.org_unit)
    goal = DevelopmentGoal.objects.select_for_update().get(pk=goal.pk)
    check_editable(goal.state)
    before = audit.snapshot(goal)
    goal.state = LifecycleState.ADOPTED
    goal.adopted_at = timezone.now()
    goal.save(update_fields=["state", "adopted_at"])
    audit.record(actor=actor, action="goal.adopted", obj=goal, org_unit=goal.org_unit, before=before, after=audit.snapshot(goal))
    return goal


@transaction.atomic
def indicator_create(
    *,
    actor: Actor,
    goal: DevelopmentGoal,
    name: str,
    unit_label: str = "",
    direction: str = "higher",
    baseline_year: int,
    baseline_value: Decimal,
    target_year: int | None = None,
    target_value: Decimal | None = None,
) -> GoalIndicator:
    if actor is not None:
        require(actor, "goal.write", goal.org_unit)
    goal = DevelopmentGoal.objects.select_for_update().get(pk=goal.pk)
    check_editable(goal.state)
    check_baseline_year(goal.span, baseline_year)
    if target_year is not None:
        check_target_year(goal.span, target_year)
    indicator = GoalIndicator.objects.create(
        group=goal.group,
        goal=goal,
        name=name.strip(),
        unit_label=unit_label.strip(),
        direction=direction,
        baseline_year=baseline_year,
        baseline_value=baseline_value,
    )
    audit.record(actor=actor, action="goal_indicator.created", obj=indicator, org_unit=goal.org_unit, after=audit.snapshot(indicator))
    if target_year is not None and target_value is not None:
        target_set(actor=actor, indicator=indicator, year=target_year, value=target_value)
    return indicator


@transaction.atomic
def target_set(*, actor: Actor, indicator: GoalIndicator, year: int, value: Decimal) -> GoalIndicatorTarget:
    goal = indicator.goal
    if actor is not None:
        require(actor, "goal.write", goal.org_unit)
    check_editable(goal.state)
    check_target_year(goal.span, year)
    target = GoalIndicatorTarget.objects.filter(indicator=indicator, year=year).first()
    before = audit.snapshot(target) if target else None
    if target is None:
        target = GoalIndicatorTarget.objects.create(group=indicator.group, indicator=indicator, year=year, value=value)
    else:
        target.value = value
        target.save(update_fields=["value"])
    audit.record(actor=actor, action="goal_indicator.target_set", obj=target, org_unit=goal.org_unit, before=before, after=audit.snapshot(target))
    return target

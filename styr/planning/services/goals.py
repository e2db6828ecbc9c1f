"""Writes to development goals and goal indicators."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from styr.core import audit, crud
from styr.core.actors import Actor
from styr.core.bounds import checked
from styr.core.permissions import can, require
from styr.core.unique import created_once
from styr.domain.endings import check_not_ended, living_span
from styr.domain.goals import (
    YearSpan,
    check_baseline_year,
    check_contribution,
    check_development_area,
    check_editable,
    check_goal_cap,
    check_horizon,
    check_target_year,
)
from styr.domain.org_tree import ancestor_ids
from styr.organisation.models import OrgUnit
from styr.planning.models import DevelopmentArea, DevelopmentGoal, Direction, GoalIndicator, GoalIndicatorTarget, LifecycleState
from styr.planning.services.locks import require_goal_open, require_open
from styr.planning.services.removal import check_open, check_removable, indicator_below, named, remove_goal, remove_goal_indicator


def _check_contributions(unit: OrgUnit, targets: list[DevelopmentGoal]) -> None:
    """GOAL-005 for each goal this one contributes to."""
    if not targets:
        return
    parent_of = dict(OrgUnit.objects.filter(group=unit.group).values_list("id", "parent_id"))
    ancestors = ancestor_ids(parent_of, unit.pk)
    for target in targets:
        check_contribution(unit.pk, target.org_unit_id, ancestors)


LINKS = ("contributes_to", "sustainability_goals", "sustainability_targets")


def _set_links(goal: DevelopmentGoal, links: dict[str, Any]) -> dict[str, list[int]]:
    """Sets the links given (None leaves one as it is); returns every link as it now stands."""
    for name, values in links.items():
        if values is not None:
            getattr(goal, name).set(values)
    return _links_of(goal)


def _links_of(goal: DevelopmentGoal) -> dict[str, list[int]]:
    """The goal's links for the audit's before and after."""
    return {name: sorted(getattr(goal, name).values_list("pk", flat=True)) for name in LINKS}


def _hidden_links(actor: Actor, goal: DevelopmentGoal) -> list[DevelopmentGoal]:
    """The goals this one contributes to that the editor cannot see (a draft of a body above
    them): an edit keeps them, since the editor could neither see nor choose them."""
    if actor is None:
        return []
    return [
        target
        for target in goal.contributes_to.select_related("org_unit")
        if target.state != LifecycleState.ADOPTED and not can(actor, "unit.view", target.org_unit)
    ]


def _counted_spans(goals: Any) -> list[YearSpan]:
    """GOAL-001 counts an ended goal for the years up to the year it ended, not after (DEL-003)."""
    spans = (living_span(g.span, g.ended_on) for g in goals.only("start_year", "end_year", "ended_on"))
    return [span for span in spans if span is not None]


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
    development_area: DevelopmentArea | None = None,
    contributes_to: list[DevelopmentGoal] | None = None,
    sustainability_goals: list[object] | None = None,
    sustainability_targets: list[object] | None = None,
    owner: Any = None,
    deputy: Any = None,
) -> DevelopmentGoal:
    if actor is not None:
        require(actor, "goal.write", org_unit)
    unit = _lock_unit(org_unit)
    model = unit.group.governance
    span = YearSpan(start_year, end_year)
    check_horizon(span, model)
    require_open(unit, span.years)
    check_goal_cap(span, _counted_spans(DevelopmentGoal.objects.filter(org_unit=unit)), model)
    _check_contributions(unit, contributes_to or [])
    check_development_area(unit.pk, development_area.org_unit_id if development_area else None)
    goal = checked(
        DevelopmentGoal(
            group=unit.group,
            org_unit=unit,
            title=title.strip(),
            citizen_change=citizen_change.strip(),
            start_year=start_year,
            end_year=end_year,
            measurable=measurable,
            development_area=development_area,
            owner=owner,
            deputy=deputy,
        )
    )
    links = _set_links(
        goal,
        {"contributes_to": contributes_to, "sustainability_goals": sustainability_goals, "sustainability_targets": sustainability_targets},
    )
    audit.record(actor=actor, action="goal.created", obj=goal, org_unit=unit, after={**audit.snapshot(goal), **links})
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
    development_area: DevelopmentArea | None = None,
    contributes_to: list[DevelopmentGoal] | None = None,
    sustainability_goals: list[object] | None = None,
    sustainability_targets: list[object] | None = None,
) -> DevelopmentGoal:
    if actor is not None:
        require(actor, "goal.write", goal.org_unit)
    unit = _lock_unit(goal.org_unit)
    goal = DevelopmentGoal.objects.get(pk=goal.pk)
    check_not_ended(named(goal), goal.ended_on)
    require_goal_open(goal)
    model = unit.group.governance
    span = YearSpan(start_year, end_year)
    check_horizon(span, model)
    require_open(unit, [*goal.span.years, *span.years])
    check_goal_cap(span, _counted_spans(DevelopmentGoal.objects.filter(org_unit=unit).exclude(pk=goal.pk)), model)
    _check_contributions(unit, contributes_to or [])
    check_development_area(unit.pk, development_area.org_unit_id if development_area else None)
    if contributes_to is not None:
        chosen = {g.pk for g in contributes_to}
        contributes_to = [*contributes_to, *(g for g in _hidden_links(actor, goal) if g.pk not in chosen)]
    before = {**audit.snapshot(goal), **_links_of(goal)}
    goal.title, goal.citizen_change = title.strip(), citizen_change.strip()
    goal.start_year, goal.end_year, goal.measurable = start_year, end_year, measurable
    goal.development_area = development_area
    checked(goal)
    links = _set_links(
        goal,
        {"contributes_to": contributes_to, "sustainability_goals": sustainability_goals, "sustainability_targets": sustainability_targets},
    )
    audit.record(actor=actor, action="goal.updated", obj=goal, org_unit=unit, before=before, after={**audit.snapshot(goal), **links})
    return goal


@transaction.atomic
def goal_delete(*, actor: Actor, goal: DevelopmentGoal) -> None:
    """Only a goal that was never adopted can be removed: one in force stays until a decision
    replaces it (in a new revision its years can be changed instead). One with follow-up below it
    (DEL-001) or goals contributing to it (DEL-002) is ended instead; each row removed and each
    link undone is its own audit event."""
    if actor is not None:
        require(actor, "goal.write", goal.org_unit)
    goal = DevelopmentGoal.objects.select_for_update().get(pk=goal.pk)
    check_editable(goal.state)
    require_open(goal.org_unit, goal.span.years)
    remove_goal(actor, goal)


@transaction.atomic
def goal_adopt(*, actor: Actor, goal: DevelopmentGoal) -> DevelopmentGoal:
    """A politician of the unit (or above) adopts the goal; it is locked from then on."""
    if actor is not None:
        require(actor, "goal.adopt", goal.org_unit)
    goal = DevelopmentGoal.objects.select_for_update().get(pk=goal.pk)
    check_not_ended(named(goal), goal.ended_on)
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
    owner: Any = None,
    deputy: Any = None,
) -> GoalIndicator:
    if actor is not None:
        require(actor, "goal.write", goal.org_unit)
    goal = DevelopmentGoal.objects.select_for_update().get(pk=goal.pk)
    check_not_ended(named(goal), goal.ended_on)
    require_goal_open(goal)
    check_baseline_year(goal.span, baseline_year)
    if target_year is not None:
        check_target_year(goal.span, target_year)
    indicator = checked(
        GoalIndicator(
            group=goal.group,
            goal=goal,
            name=name.strip(),
            unit_label=unit_label.strip(),
            direction=direction,
            baseline_year=baseline_year,
            baseline_value=baseline_value,
            owner=owner,
            deputy=deputy,
        )
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
    check_open(indicator)
    require_goal_open(DevelopmentGoal.objects.get(pk=goal.pk))
    check_target_year(goal.span, year)
    target = GoalIndicatorTarget.objects.filter(indicator=indicator, year=year).first()
    before = audit.snapshot(target) if target else None
    if target is None:
        with created_once(GoalIndicatorTarget, indicator=indicator, year=year):
            target = GoalIndicatorTarget.objects.create(group=indicator.group, indicator=indicator, year=year, value=value)
    else:
        target.value = value
        target.save(update_fields=["value"])
    audit.record(actor=actor, action="goal_indicator.target_set", obj=target, org_unit=goal.org_unit, before=before, after=audit.snapshot(target))
    audit.raise_version(indicator)  # the targets are part of the indicator as read (its ETag, EDIT-001)
    return target


def direction_set(*, actor: Actor, org_unit: OrgUnit, year: int, text: str) -> Direction:
    """The unit's political direction (inriktning) for a year: one text, replaced when changed."""
    crud.allowed(actor, "direction.write", org_unit)
    require_open(org_unit, [year])
    existing = Direction.objects.filter(org_unit=org_unit, year=year).first()
    if existing is None:
        with created_once(Direction, org_unit=org_unit, year=year):
            return crud.create(
                actor=actor,
                perm="direction.write",
                unit=org_unit,
                model=Direction,
                action="direction.set",
                group=org_unit.group,
                org_unit=org_unit,
                year=year,
                text=text,
            )
    return crud.update(actor=actor, perm="direction.write", unit=org_unit, obj=existing, action="direction.set", text=text)


def development_area_create(*, actor: Actor, org_unit: OrgUnit, year: int, title: str, description: str = "") -> DevelopmentArea:
    crud.allowed(actor, "direction.write", org_unit)
    require_open(org_unit, [year])
    return crud.create(
        actor=actor,
        perm="direction.write",
        unit=org_unit,
        model=DevelopmentArea,
        action="development_area.created",
        group=org_unit.group,
        org_unit=org_unit,
        year=year,
        title=title,
        description=description,
    )


def development_area_update(*, actor: Actor, area: DevelopmentArea, **fields: Any) -> DevelopmentArea:
    crud.allowed(actor, "direction.write", area.org_unit)
    require_open(area.org_unit, [area.year, fields.get("year", area.year)])
    return crud.update(actor=actor, perm="direction.write", unit=area.org_unit, obj=area, action="development_area.updated", **fields)


def development_area_delete(*, actor: Actor, area: DevelopmentArea) -> None:
    crud.allowed(actor, "direction.write", area.org_unit)
    require_open(area.org_unit, [area.year])
    crud.delete(actor=actor, perm="direction.write", unit=area.org_unit, obj=area, action="development_area.deleted")


@transaction.atomic
def indicator_update(*, actor: Actor, indicator: GoalIndicator, **fields: Any) -> GoalIndicator:
    """Change a goal indicator of a goal that is not adopted (GOAL-004, GOAL-003 for the baseline)."""
    goal = indicator.goal
    crud.allowed(actor, "goal.write", goal.org_unit)
    check_open(indicator)
    require_goal_open(DevelopmentGoal.objects.get(pk=goal.pk))
    require_open(goal.org_unit, goal.span.years)
    if "baseline_year" in fields:
        check_baseline_year(goal.span, fields["baseline_year"])
    return crud.update(actor=actor, perm="goal.write", unit=goal.org_unit, obj=indicator, action="goal_indicator.updated", **fields)


@transaction.atomic
def indicator_delete(*, actor: Actor, indicator: GoalIndicator) -> None:
    """An indicator with values is ended instead (DEL-001); its targets go with it, each its own event."""
    goal = indicator.goal
    crud.allowed(actor, "goal.write", goal.org_unit)
    require_goal_open(DevelopmentGoal.objects.get(pk=goal.pk))
    require_open(goal.org_unit, goal.span.years)
    indicator = GoalIndicator.objects.select_for_update().get(pk=indicator.pk)
    check_removable(indicator, indicator_below(indicator))
    remove_goal_indicator(actor, indicator, goal.org_unit)

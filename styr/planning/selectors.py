"""Reads of goals and indicators, scoped by the user's roles."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from styr.core.errors import NotAllowed
from styr.core.permissions import can, scope
from styr.organisation.models import MunicipalGroup, OrgUnit
from styr.planning.models import DevelopmentGoal, GoalIndicator, LifecycleState


def _with_indicators(goals: QuerySet[DevelopmentGoal]) -> QuerySet[DevelopmentGoal]:
    return goals.select_related("org_unit", "group").prefetch_related(
        Prefetch("indicators", queryset=GoalIndicator.objects.prefetch_related("targets", "measurements"))
    )


def goal_list(
    user: Any,
    *,
    org_unit: OrgUnit | None = None,
    group: MunicipalGroup | None = None,
    year: int | None = None,
) -> QuerySet[DevelopmentGoal]:
    goals = DevelopmentGoal.objects.filter(org_unit_id__in=scope(user))
    if org_unit is not None:
        goals = goals.filter(org_unit=org_unit)
    if group is not None:
        goals = goals.filter(group=group)
    if year is not None:
        goals = goals.filter(start_year__lte=year, end_year__gte=year)
    return _with_indicators(goals)


def goal_get(user: Any, pk: int) -> DevelopmentGoal:
    goal = _with_indicators(DevelopmentGoal.objects.filter(pk=pk)).first()
    if goal is None:
        raise Http404
    if not can(user, "unit.view", goal.org_unit):
        raise NotAllowed("unit.view", goal.org_unit)
    return goal


def goal_list_public(group: MunicipalGroup, *, year: int | None = None) -> QuerySet[DevelopmentGoal]:
    """Adopted goals: what anyone, signed in or not, may read."""
    goals = DevelopmentGoal.objects.filter(group=group, state=LifecycleState.ADOPTED)
    if year is not None:
        goals = goals.filter(start_year__lte=year, end_year__gte=year)
    return _with_indicators(goals).order_by("org_unit__position", "start_year", "pk")


def indicator_get(user: Any, pk: int) -> GoalIndicator:
    indicator = GoalIndicator.objects.select_related("goal", "goal__org_unit", "goal__group").filter(pk=pk).first()
    if indicator is None:
        raise Http404
    if not can(user, "unit.view", indicator.goal.org_unit):
        raise NotAllowed("unit.view", indicator.goal.org_unit)
    return indicator

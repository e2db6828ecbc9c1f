"""Reads of goals and indicators, scoped by the user's roles."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from styr.core.permissions import can, require_visible, scope, scope_q
from styr.organisation.models import MunicipalGroup, OrgUnit
from styr.planning.models import (
    Activity,
    Assignment,
    CoreMission,
    CurrentStateAnalysis,
    DevelopmentArea,
    DevelopmentGoal,
    Direction,
    FinancialGoal,
    GoalIndicator,
    LifecycleState,
    Plan,
    QualityFactor,
    QualityIndicator,
    Risk,
    SustainabilityGoal,
    SustainabilityTarget,
    Trend,
)


def _with_indicators(goals: QuerySet[DevelopmentGoal], *, values: bool = True) -> QuerySet[DevelopmentGoal]:
    """Goals with their indicators and targets, and (``values``) every value each indicator has."""
    indicators = GoalIndicator.objects.prefetch_related("targets", "measurements") if values else GoalIndicator.objects.prefetch_related("targets")
    return goals.select_related("org_unit", "group").prefetch_related(Prefetch("indicators", queryset=indicators))


def goal_list(
    user: Any,
    *,
    org_unit: OrgUnit | None = None,
    group: MunicipalGroup | None = None,
    year: int | None = None,
) -> QuerySet[DevelopmentGoal]:
    goals = DevelopmentGoal.objects.filter(scope_q(user))
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
    require_visible(user, goal.org_unit)
    return goal


def goal_list_public(group: MunicipalGroup, *, year: int | None = None) -> QuerySet[DevelopmentGoal]:
    """Adopted goals: what anyone, signed in or not, may read."""
    goals = DevelopmentGoal.objects.filter(group=group, state=LifecycleState.ADOPTED)
    if year is not None:
        goals = goals.filter(start_year__lte=year, end_year__gte=year)
    return _with_indicators(goals, values=False).order_by("org_unit__position", "start_year", "pk")  # the public pages show targets, not values


def goal_list_above(user: Any, unit: OrgUnit, ancestors: list[OrgUnit], *, year: int) -> QuerySet[DevelopmentGoal]:
    """The goals of the levels above a unit for a year that a goal of it can contribute to
    (GOAL-005): those the user sees, and every adopted one (adopted goals are public)."""
    above = [a.pk for a in ancestors if a.pk != unit.pk]
    goals = DevelopmentGoal.objects.filter(group_id=unit.group_id, org_unit_id__in=above, start_year__lte=year, end_year__gte=year)
    return goals.filter(scope_q(user) | Q(state=LifecycleState.ADOPTED)).select_related("org_unit").order_by("org_unit__position", "pk")


def goal_visible(user: Any, goal: DevelopmentGoal) -> bool:
    """Whether the user may see the goal: in scope, or adopted (public)."""
    return goal.state == LifecycleState.ADOPTED or can(user, "unit.view", goal.org_unit)


def indicator_get(user: Any, pk: int) -> GoalIndicator:
    indicator = GoalIndicator.objects.select_related("goal", "goal__org_unit", "goal__group").filter(pk=pk).first()
    if indicator is None:
        raise Http404
    require_visible(user, indicator.goal.org_unit)
    return indicator


def _scoped(queryset: QuerySet[Any], user: Any, unit_field: str, *, org_unit: OrgUnit | None, year: int | None) -> QuerySet[Any]:
    qs = queryset.filter(scope_q(user, f"{unit_field}_id"))
    if org_unit is not None:
        qs = qs.filter(**{unit_field: org_unit})
    if year is not None and "year" in {f.name for f in queryset.model._meta.fields}:
        qs = qs.filter(year=year)
    return qs


def _get(queryset: QuerySet[Any], user: Any, pk: int, unit_of: Any) -> Any:
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        raise Http404
    require_visible(user, unit_of(obj))
    return obj


def core_mission_get(user: Any, org_unit: OrgUnit) -> CoreMission | None:
    require_visible(user, org_unit)
    return CoreMission.objects.filter(org_unit=org_unit).prefetch_related("risks", "governing_documents", "sustainability_goals").first()


def core_mission_list(user: Any, *, org_unit: OrgUnit | None = None) -> QuerySet[CoreMission]:
    return _scoped(CoreMission.objects.select_related("org_unit"), user, "org_unit", org_unit=org_unit, year=None).prefetch_related("risks")


def risk_get(user: Any, pk: int) -> Risk:
    return _get(Risk.objects.select_related("core_mission__org_unit"), user, pk, lambda r: r.core_mission.org_unit)  # type: ignore[no-any-return]


def quality_factor_list(user: Any, *, org_unit: OrgUnit | None = None) -> QuerySet[QualityFactor]:
    qs = _scoped(QualityFactor.objects.select_related("org_unit"), user, "org_unit", org_unit=org_unit, year=None)
    return qs.prefetch_related(Prefetch("indicators", queryset=QualityIndicator.objects.select_related("owner", "deputy")))


def quality_factor_get(user: Any, pk: int) -> QualityFactor:
    return _get(QualityFactor.objects.select_related("org_unit"), user, pk, lambda f: f.org_unit)  # type: ignore[no-any-return]


def quality_indicator_list(user: Any, *, org_unit: OrgUnit | None = None) -> QuerySet[QualityIndicator]:
    qs = QualityIndicator.objects.filter(scope_q(user, "factor__org_unit_id")).select_related("factor", "owner", "deputy")
    return qs.filter(factor__org_unit=org_unit) if org_unit is not None else qs


def quality_indicator_get(user: Any, pk: int) -> QualityIndicator:
    return _get(QualityIndicator.objects.select_related("factor__org_unit"), user, pk, lambda i: i.factor.org_unit)  # type: ignore[no-any-return]


def trend_list(user: Any, *, org_unit: OrgUnit | None = None, year: int | None = None) -> QuerySet[Trend]:
    return _scoped(Trend.objects.select_related("org_unit"), user, "org_unit", org_unit=org_unit, year=year).prefetch_related(
        "builds_on__org_unit", "citizen_sources"
    )


def trend_get(user: Any, pk: int) -> Trend:
    return _get(Trend.objects.select_related("org_unit"), user, pk, lambda t: t.org_unit)  # type: ignore[no-any-return]


def trends_below(user: Any, org_unit: OrgUnit, year: int) -> list[Trend]:
    """The lower levels' trends a unit's environment analysis can build on (seed §6.2), in the
    tree's order. The group's trends of a year are few beside its units: read them and keep those below."""
    from styr.planning.services.analysis import units_below

    below = units_below(org_unit) & scope(user)
    trends = Trend.objects.filter(group_id=org_unit.group_id, year=year).select_related("org_unit").order_by("org_unit__position", "pk")
    return [t for t in trends if t.org_unit_id in below]


def current_state_list(user: Any, *, org_unit: OrgUnit | None = None, year: int | None = None) -> QuerySet[CurrentStateAnalysis]:
    return _scoped(CurrentStateAnalysis.objects.select_related("org_unit"), user, "org_unit", org_unit=org_unit, year=year).prefetch_related("citizen_sources")


def direction_list(user: Any, *, org_unit: OrgUnit | None = None, year: int | None = None) -> QuerySet[Direction]:
    return _scoped(Direction.objects.select_related("org_unit"), user, "org_unit", org_unit=org_unit, year=year)


def development_area_list(user: Any, *, org_unit: OrgUnit | None = None, year: int | None = None) -> QuerySet[DevelopmentArea]:
    return _scoped(DevelopmentArea.objects.select_related("org_unit"), user, "org_unit", org_unit=org_unit, year=year)


def development_area_get(user: Any, pk: int) -> DevelopmentArea:
    return _get(DevelopmentArea.objects.select_related("org_unit"), user, pk, lambda a: a.org_unit)  # type: ignore[no-any-return]


def assignment_list(user: Any, *, org_unit: OrgUnit | None = None, year: int | None = None, received: bool = False) -> QuerySet[Assignment]:
    """Assignments issued by the unit (or received by it, with ``received``)."""
    field = "receiver" if received else "issuer"
    return _scoped(Assignment.objects.select_related("issuer", "receiver"), user, field, org_unit=org_unit, year=year)


def assignment_get(user: Any, pk: int) -> Assignment:
    """Readable by those who see the issuer or the receiver."""
    obj = Assignment.objects.select_related("issuer", "receiver").filter(pk=pk).first()
    if obj is None:
        raise Http404
    if not (can(user, "unit.view", obj.issuer) or can(user, "unit.view", obj.receiver)):
        raise Http404
    return obj


def activity_list(user: Any, *, org_unit: OrgUnit | None = None) -> QuerySet[Activity]:
    return _scoped(Activity.objects.select_related("org_unit", "goal", "assignment", "owner"), user, "org_unit", org_unit=org_unit, year=None)


def activity_get(user: Any, pk: int) -> Activity:
    return _get(Activity.objects.select_related("org_unit"), user, pk, lambda a: a.org_unit)  # type: ignore[no-any-return]


def financial_goal_list(user: Any, *, org_unit: OrgUnit | None = None, year: int | None = None) -> QuerySet[FinancialGoal]:
    return _scoped(FinancialGoal.objects.select_related("org_unit"), user, "org_unit", org_unit=org_unit, year=year)


def financial_goal_get(user: Any, pk: int) -> FinancialGoal:
    return _get(FinancialGoal.objects.select_related("org_unit"), user, pk, lambda g: g.org_unit)  # type: ignore[no-any-return]


def plan_list(user: Any, *, org_unit: OrgUnit | None = None, year: int | None = None) -> QuerySet[Plan]:
    return _scoped(Plan.objects.select_related("org_unit", "decision"), user, "org_unit", org_unit=org_unit, year=year)


def plan_get(user: Any, pk: int) -> Plan:
    return _get(Plan.objects.select_related("org_unit", "group", "decision"), user, pk, lambda p: p.org_unit)  # type: ignore[no-any-return]


def plan_list_public(group: MunicipalGroup) -> QuerySet[Plan]:
    """Adopted plans: anyone may read them, exactly as decided."""
    return Plan.objects.filter(group=group, state=LifecycleState.ADOPTED).select_related("org_unit", "decision").order_by("-year", "org_unit__position")


def plan_get_public(pk: int) -> Plan:
    plan = Plan.objects.filter(pk=pk, state=LifecycleState.ADOPTED).select_related("org_unit", "decision", "group").first()
    if plan is None:
        raise Http404
    return plan


@dataclass
class CascadeNode:
    goal: DevelopmentGoal
    children: list[CascadeNode] = field(default_factory=list)


def goal_cascade(user: Any, *, group: MunicipalGroup, year: int) -> list[CascadeNode]:
    """The council's goals and, under each, every goal that contributes to it, level by level.
    Adopted goals are public, so everyone sees the goals above their own that they contribute to."""
    visible = DevelopmentGoal.objects.filter(group=group, start_year__lte=year, end_year__gte=year).filter(scope_q(user) | Q(state=LifecycleState.ADOPTED))
    # the cascade shows titles, units, states and statuses: no indicators or values are read
    goals = list(visible.select_related("org_unit").order_by("org_unit__position", "start_year", "pk"))
    nodes = {g.pk: CascadeNode(g) for g in goals}
    contributes_to: dict[int, list[int]] = {}
    for goal_id, above_id in DevelopmentGoal.contributes_to.through.objects.filter(from_developmentgoal__in=visible).values_list(
        "from_developmentgoal_id", "to_developmentgoal_id"
    ):
        contributes_to.setdefault(goal_id, []).append(above_id)
    roots: list[CascadeNode] = []
    for goal in goals:
        parents = [nodes[p] for p in contributes_to.get(goal.pk, ()) if p in nodes]
        for parent in parents:
            parent.children.append(nodes[goal.pk])
        if not parents and goal.org_unit.kind == "COUNCIL":
            roots.append(nodes[goal.pk])
    return roots


def goals_without_contribution(user: Any, *, group: MunicipalGroup, year: int) -> QuerySet[DevelopmentGoal]:
    """Goals below the council that contribute to nothing: worth a look in the cascade."""
    goals = DevelopmentGoal.objects.filter(scope_q(user), group=group, start_year__lte=year, end_year__gte=year)
    return goals.exclude(org_unit__kind="COUNCIL").filter(contributes_to__isnull=True).select_related("org_unit")


@dataclass
class AgendaCoverage:
    goal: SustainabilityGoal
    touched: bool
    targets: list[tuple[SustainabilityTarget, bool]]


def agenda_coverage(group: MunicipalGroup) -> list[AgendaCoverage]:
    """Which Agenda 2030 goals and targets the group's core missions, goals and indicators touch."""
    goal_ids: set[int] = set()
    target_ids: set[int] = set()
    for model, unit_path in (
        (CoreMission, "org_unit__group"),
        (DevelopmentGoal, "group"),
        (GoalIndicator, "group"),
        (QualityIndicator, "group"),
    ):
        filt = {unit_path: group}
        goal_ids |= set(model.objects.filter(**filt).values_list("sustainability_goals", flat=True))  # type: ignore[attr-defined]
        target_ids |= set(model.objects.filter(**filt).values_list("sustainability_targets", flat=True))  # type: ignore[attr-defined]
    goal_ids.discard(None)  # type: ignore[arg-type]
    target_ids.discard(None)  # type: ignore[arg-type]
    result = []
    for sdg in SustainabilityGoal.objects.prefetch_related("targets"):
        targets = [(t, t.pk in target_ids) for t in sdg.targets.all()]
        result.append(AgendaCoverage(sdg, sdg.pk in goal_ids or any(hit for _, hit in targets), targets))
    return result


def sustainability_goal_list() -> QuerySet[SustainabilityGoal]:
    """The 17 Agenda 2030 goals with their targets: public reference data."""
    return SustainabilityGoal.objects.prefetch_related("targets")

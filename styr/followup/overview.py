"""KS's overview (uppsiktsplikt, seed §7) and roll-ups of goal status over a subtree (issue 4, points 5 and 6)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from styr.core.permissions import scope
from styr.domain.org_tree import subtree_ids
from styr.followup.models import Assessment, Measurement, Report, ReportingPeriod
from styr.organisation.models import MunicipalGroup, OrgUnit
from styr.planning.models import Assignment, DevelopmentGoal, GoalIndicator, QualityIndicator

OVERSEEN_KINDS = ("COMMITTEE", "EXECUTIVE_BOARD", "PARENT_COMPANY", "COMPANY")


@dataclass
class BodyOverview:
    unit: OrgUnit
    reports: dict[int, str] = field(default_factory=dict)  # period id -> report state ("" when none)
    statuses: Counter[str] = field(default_factory=Counter)
    goals: int = 0
    indicators_without_owner: int = 0
    indicators_without_values: int = 0
    overdue_assignments: list[Assignment] = field(default_factory=list)
    deviations: list[Assessment] = field(default_factory=list)

    @property
    def reported(self) -> int:
        return sum(1 for state in self.reports.values() if state in {"submitted", "reviewed", "adopted"})


def ks_overview(user: Any, *, group: MunicipalGroup, year: int, today: date) -> tuple[list[ReportingPeriod], list[BodyOverview]]:
    """For every committee, KS and company the user may see: reporting per period, the spread of
    goal statuses in the latest assessed period, indicators without an owner or values, overdue
    assignments (past the deadline and not assessed at the scale's top) and deviations (goals at
    the scale's lowest assessed step). A fixed number of queries, whatever the size."""
    visible = scope(user)
    units = list(OrgUnit.objects.with_tree_fields().filter(group=group).order_siblings_by("position", "name"))
    parent_of = {u.pk: u.parent_id for u in units}
    bodies = [u for u in units if u.kind in OVERSEEN_KINDS and u.pk in visible]
    periods = list(ReportingPeriod.objects.filter(group=group, end__year=year, org_unit__isnull=True).order_by("end"))
    reports = {(r.org_unit_id, r.period_id): r.state for r in Report.objects.filter(group=group, period__in=periods)}
    assessments = list(Assessment.objects.filter(group=group, period__in=periods).select_related("goal", "assignment", "period").order_by("period__end"))
    latest_by_goal: dict[int, Assessment] = {}
    for a in assessments:
        if a.goal_id is not None:
            latest_by_goal[a.goal_id] = a
    goals = list(DevelopmentGoal.objects.filter(group=group, start_year__lte=year, end_year__gte=year))
    indicators = list(GoalIndicator.objects.filter(group=group, goal__start_year__lte=year, goal__end_year__gte=year).select_related("goal"))
    qualities = list(QualityIndicator.objects.filter(group=group).select_related("factor"))
    with_values = set(Measurement.objects.filter(group=group, period__year=year).values_list("indicator_id", "quality_indicator_id"))
    goal_ids_with_values = {i for i, _ in with_values if i}
    quality_ids_with_values = {q for _, q in with_values if q}
    assignments = list(Assignment.objects.filter(group=group, year=year, deadline__lt=today).select_related("receiver", "issuer"))
    assessed_steps = [s for s in group.governance.status_scale if s.rank > 0]
    highest, lowest = assessed_steps[0].code, assessed_steps[-1].code
    done_assignments = {a.assignment_id for a in assessments if a.assignment_id and a.status == highest}
    result = []
    for body in bodies:
        subtree = subtree_ids(parent_of, [body.pk])
        overview = BodyOverview(unit=body, reports={p.pk: reports.get((body.pk, p.pk), "") for p in periods})
        overview.goals = sum(1 for g in goals if g.org_unit_id in subtree)
        overview.statuses = Counter(latest_by_goal[g.pk].status for g in goals if g.org_unit_id in subtree and g.pk in latest_by_goal)
        latest = [latest_by_goal[g.pk] for g in goals if g.org_unit_id in subtree and g.pk in latest_by_goal]
        overview.deviations = [a for a in latest if a.status == lowest]
        own_indicators = [i for i in indicators if i.goal.org_unit_id in subtree]
        own_qualities = [q for q in qualities if q.factor.org_unit_id in subtree]
        overview.indicators_without_owner = sum(1 for i in own_indicators if i.owner_id is None and i.goal.owner_id is None) + sum(
            1 for q in own_qualities if q.owner_id is None
        )
        overview.indicators_without_values = sum(1 for i in own_indicators if i.pk not in goal_ids_with_values) + sum(
            1 for q in own_qualities if q.pk not in quality_ids_with_values
        )
        overview.overdue_assignments = [a for a in assignments if a.receiver_id in subtree and a.pk not in done_assignments]
        result.append(overview)
    return periods, result


def unit_rollup(user: Any, *, unit: OrgUnit, period: ReportingPeriod) -> dict[str, int]:
    """A unit's goal status summarised over its subtree for one period (point 5)."""
    parent_of = dict(OrgUnit.objects.filter(group=unit.group).values_list("id", "parent_id"))
    subtree = subtree_ids(parent_of, [unit.pk]) & scope(user)
    counts: dict[str, int] = defaultdict(int)
    for a in Assessment.objects.filter(period=period, goal__org_unit_id__in=subtree).only("status"):
        counts[a.status] += 1
    return dict(counts)


def latest_goal_statuses(*, group: MunicipalGroup, year: int, language: str = "sv") -> dict[int, str]:
    """Each goal's status in its latest assessed period of the year, as a label of the model's scale
    (how the goals stand under each council goal in the cascade, point 5). One query."""
    labels = {s.code: (s.label_en if language.startswith("en") else s.label_sv) for s in group.governance.status_scale}
    latest: dict[int, str] = {}
    for goal_id, status in (
        Assessment.objects.filter(group=group, goal__isnull=False, period__end__year=year).order_by("period__end").values_list("goal_id", "status")
    ):
        latest[goal_id] = labels.get(status, status)
    return latest

"""Selectors of what is in force: the adopted goals as they were decided (issue 8, §2).

An adopted goal is locked (GOAL-004) and its live content is what was decided, except while a
new revision of a plan that holds it is drafted (``plan_revise``): then the goal stays adopted
and public, but the editors change its live content in the draft. What is in force until the
new revision is adopted is the goal as the adopted plan's frozen snapshot holds it
(``documents.builders.plan_content_build`` keeps each goal's and indicator's id and figures).
The public pages read through ``goals_in_force``; the API marks such a goal
``pending_revision``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import BooleanField, Case, Exists, OuterRef, Q, QuerySet, Value, When

from styr.organisation.models import MunicipalGroup, OrgUnit
from styr.planning.models import DevelopmentGoal, LifecycleState, Plan
from styr.planning.selectors import goal_list_public
from styr.planning.services.locks import goal_locked


@dataclass(frozen=True)
class TargetInForce:
    year: int
    value: Decimal


@dataclass(frozen=True)
class IndicatorInForce:
    name: str
    unit_label: str
    baseline_year: int
    baseline_value: Decimal
    targets: tuple[TargetInForce, ...]


@dataclass(frozen=True)
class GoalInForce:
    """A goal as it is in force: read from the adopted snapshot while a revision is drafted
    (``pending_revision``), from the goal itself otherwise (then they are the same)."""

    pk: int
    org_unit: OrgUnit
    title: str
    citizen_change: str
    start_year: int
    end_year: int
    indicators: tuple[IndicatorInForce, ...]
    pending_revision: bool


def with_pending_revision(goals: QuerySet[DevelopmentGoal]) -> QuerySet[DevelopmentGoal]:
    """Annotate ``pending_revision``: the goal is adopted and open again in a new revision of a plan
    that holds it, so its live content is a draft and not (yet) what is in force.

    This is ``domain.goals.goal_is_locked`` in one query: an adopted goal is open when no newest
    revision of its unit's plans for its years is adopted and one of them is a later revision
    (a test holds the two together)."""
    newer = Plan.objects.filter(org_unit_id=OuterRef("org_unit_id"), year=OuterRef("year"), revision__gt=OuterRef("revision"))
    newest = Plan.objects.filter(org_unit_id=OuterRef("org_unit_id"), year__gte=OuterRef("start_year"), year__lte=OuterRef("end_year")).filter(~Exists(newer))
    open_again = Q(state=LifecycleState.ADOPTED) & Q(~Exists(newest.filter(state=LifecycleState.ADOPTED))) & Q(Exists(newest.filter(revision__gt=1)))
    return goals.annotate(pending_revision=Case(When(open_again, then=Value(True)), default=Value(False), output_field=BooleanField()))


def pending_revision(goal: DevelopmentGoal) -> bool:
    """Whether the goal is pending a revision: annotated by ``with_pending_revision`` when the goal
    came through it, else asked of GOAL-004's lock (one goal, a query)."""
    annotated = getattr(goal, "pending_revision", None)
    if annotated is not None:
        return bool(annotated)
    return goal.state == LifecycleState.ADOPTED and not goal_locked(goal)


def adopted_entries(goals: Iterable[DevelopmentGoal]) -> dict[int, Mapping[str, Any]]:
    """For each goal, its entry in the newest adopted snapshot that holds it (one query for all).
    Snapshots frozen before goals carried their id hold no entry to find: such a goal reads live."""
    wanted = {goal.pk: goal for goal in goals}
    if not wanted:
        return {}
    first = min(g.start_year for g in wanted.values())
    last = max(g.end_year for g in wanted.values())
    snapshots = (
        Plan.objects.filter(org_unit_id__in={g.org_unit_id for g in wanted.values()}, state=LifecycleState.ADOPTED, year__gte=first, year__lte=last)
        .order_by("adopted_at", "revision")
        .values_list("org_unit_id", "snapshot")
    )
    found: dict[int, Mapping[str, Any]] = {}
    for unit_id, snapshot in snapshots:  # oldest first: a later decision overwrites an earlier one
        for entry in (snapshot or {}).get("sections", {}).get("goals", []):
            goal_id = entry.get("id") if isinstance(entry, Mapping) else None
            goal = wanted.get(goal_id) if isinstance(goal_id, int) else None
            if goal is not None and goal.org_unit_id == unit_id and "indicators" in entry:
                found[goal.pk] = entry
    return found


def _live(goal: DevelopmentGoal, *, pending: bool) -> GoalInForce:
    return GoalInForce(
        pk=goal.pk,
        org_unit=goal.org_unit,
        title=goal.title,
        citizen_change=goal.citizen_change,
        start_year=goal.start_year,
        end_year=goal.end_year,
        indicators=tuple(
            IndicatorInForce(
                name=i.name,
                unit_label=i.unit_label,
                baseline_year=i.baseline_year,
                baseline_value=i.baseline_value,
                targets=tuple(TargetInForce(t.year, t.value) for t in i.targets.all()),
            )
            for i in goal.indicators.all()
        ),
        pending_revision=pending,
    )


def _adopted(goal: DevelopmentGoal, entry: Mapping[str, Any]) -> GoalInForce:
    return GoalInForce(
        pk=goal.pk,
        org_unit=goal.org_unit,
        title=str(entry.get("title", goal.title)),
        citizen_change=str(entry.get("citizen_change", "")),
        start_year=int(entry.get("start_year", goal.start_year)),
        end_year=int(entry.get("end_year", goal.end_year)),
        indicators=tuple(
            IndicatorInForce(
                name=str(i["name"]),
                unit_label=str(i.get("unit_label", "")),
                baseline_year=int(i["baseline_year"]),
                baseline_value=Decimal(str(i["baseline_value"])),
                targets=tuple(TargetInForce(int(t["year"]), Decimal(str(t["value"]))) for t in i.get("target_values", [])),
            )
            for i in entry["indicators"]
        ),
        pending_revision=True,
    )


def goals_in_force(group: MunicipalGroup, *, year: int | None = None) -> list[GoalInForce]:
    """The group's adopted goals for a year as they are in force, for anyone to read: a goal
    reopened by a revision being drafted reads as the adopted snapshot holds it. A constant
    number of queries: the goals with their indicators and targets, and the snapshots when a
    revision is open."""
    goals = with_pending_revision(goal_list_public(group))
    if year is not None:
        # a reopened goal's years may be changed in the draft (that is how a revision ends a goal
        # in force): it is filtered by the years it was adopted for, below
        goals = goals.filter(Q(start_year__lte=year, end_year__gte=year) | Q(pending_revision=True))
    listed = list(goals)
    entries = adopted_entries(g for g in listed if g.pending_revision)  # type: ignore[attr-defined]
    in_force = [
        _adopted(goal, entries[goal.pk]) if goal.pk in entries else _live(goal, pending=goal.pending_revision)  # type: ignore[attr-defined]
        for goal in listed
    ]
    return [g for g in in_force if year is None or g.start_year <= year <= g.end_year]

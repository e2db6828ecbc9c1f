"""Whether a unit's plan for a year is adopted (then its year-bound content is locked, PLAN-002),
and whether an adopted goal is open again for a new revision (GOAL-004)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from styr.domain.goals import check_editable as check_goal_editable
from styr.domain.goals import goal_is_locked
from styr.domain.plans import check_editable
from styr.organisation.models import OrgUnit
from styr.planning.models import DevelopmentGoal, Plan


def current_plan_state(unit: OrgUnit, year: int) -> str | None:
    """The state of the newest revision of the unit's plan for the year, or None."""
    plan = Plan.objects.filter(org_unit=unit, year=year).order_by("-revision").only("state").first()
    return plan.state if plan else None


def newest_revisions(unit: OrgUnit, years: Iterable[int]) -> dict[int, tuple[int, str]]:
    """For each year with a plan of the unit: its newest revision and that revision's state."""
    rows = Plan.objects.filter(org_unit=unit, year__in=list(years)).order_by("year", "revision").values_list("year", "revision", "state")
    return {year: (revision, state) for year, revision, state in rows}  # later revisions overwrite earlier ones


def goal_locked(goal: DevelopmentGoal, revisions: Mapping[int, tuple[int, str]] | None = None) -> bool:
    """GOAL-004: an adopted goal is locked unless a new revision of its plan is being drafted.
    ``revisions`` (from ``newest_revisions``) saves the query when many goals of a unit are asked."""
    if goal.state != "adopted":
        return False
    if revisions is None:
        revisions = newest_revisions(goal.org_unit, goal.span.years)
    return goal_is_locked(goal.state, [revisions.get(year) for year in goal.span.years])


def require_goal_open(goal: DevelopmentGoal) -> None:
    """GOAL-004 for a change to the goal (or its indicators and targets)."""
    if goal_locked(goal):
        check_goal_editable(goal.state)


def require_open(unit: OrgUnit, years: Iterable[int]) -> None:
    """PLAN-002 for each year the content belongs to."""
    states = dict(
        Plan.objects.filter(org_unit=unit, year__in=list(years)).order_by("year", "revision").values_list("year", "state")
    )  # later revisions overwrite earlier ones in the dict
    for state in states.values():
        check_editable(state)

"""Whether a unit's plan for a year is adopted (then its year-bound content is locked, PLAN-002)."""

from __future__ import annotations

from collections.abc import Iterable

from styr.domain.plans import check_editable
from styr.organisation.models import OrgUnit
from styr.planning.models import Plan


def current_plan_state(unit: OrgUnit, year: int) -> str | None:
    """The state of the newest revision of the unit's plan for the year, or None."""
    plan = Plan.objects.filter(org_unit=unit, year=year).order_by("-revision").only("state").first()
    return plan.state if plan else None


def require_open(unit: OrgUnit, years: Iterable[int]) -> None:
    """PLAN-002 for each year the content belongs to."""
    states = dict(
        Plan.objects.filter(org_unit=unit, year__in=list(years)).order_by("year", "revision").values_list("year", "state")
    )  # later revisions overwrite earlier ones in the dict
    for state in states.values():
        check_editable(state)

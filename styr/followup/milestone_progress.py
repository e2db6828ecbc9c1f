"""How far each step of the planning year has come (issue 10 §3): per responsible body, done or
missing.

A step is done when what it asks for exists. A small registry holds a checker per kind of step
(``kind → checker(group, plan year, bodies) → ids of the bodies done``): Mål och budget and the
operational plans are read from the adopted plans, the frames from the council's adoption of them
(with Mål och budget), the internal budgets from the committees' adoptions in force, the carry-over
from the council's decision on last year's results. A kind without
a checker (the allocation model: which of its scenarios is the one worked out is the controllers'
judgement) is done for a body when a controller has confirmed it (``milestone_confirm``);
registering a checker for a kind replaces the confirmation, and CAL-010 then refuses one.

The number of queries is the same however large the group is: one per checker, and one each for
the steps, the bodies and the confirmations."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.urls import reverse

from styr.core.permissions import scope
from styr.domain.planning_year import (
    ALLOCATION_MODEL,
    CARRY_OVER,
    FRAMES,
    GOALS_AND_BUDGET,
    INTERNAL_BUDGET,
    INTERNAL_CONTROL_PLAN,
    OPERATIONAL_PLAN,
    STEPS,
)
from styr.followup.models import MilestoneConfirmation, PlanningCalendar, PlanningMilestone
from styr.organisation.models import MunicipalGroup, OrgUnit
from styr.organisation.selectors import bodies_in_tree_order

#: checker(group, the year planned, the bodies that answer for the step) → the ids of those done
Checker = Callable[[MunicipalGroup, int, Sequence[OrgUnit]], set[int]]
CHECKERS: dict[str, Checker] = {}


def register_checker(kind: str) -> Callable[[Checker], Checker]:
    """Read ``kind``'s completion from the data with the decorated function from now on."""

    def register(checker: Checker) -> Checker:
        CHECKERS[kind] = checker
        return checker

    return register


def is_checked(kind: str) -> bool:
    """True when the step is read from the data; otherwise a controller confirms it."""
    return kind in CHECKERS


def _adopted_plans(group: MunicipalGroup, plan_kind: str, plan_year: int, bodies: Sequence[OrgUnit]) -> set[int]:
    from styr.planning.models import Plan

    return set(Plan.objects.filter(group=group, kind=plan_kind, year=plan_year, state="adopted", org_unit__in=bodies).values_list("org_unit_id", flat=True))


@register_checker(GOALS_AND_BUDGET)
def goals_and_budget_adopted(group: MunicipalGroup, plan_year: int, bodies: Sequence[OrgUnit]) -> set[int]:
    """The council has adopted Mål och budget for the year (any revision)."""
    return _adopted_plans(group, GOALS_AND_BUDGET, plan_year, bodies)


@register_checker(OPERATIONAL_PLAN)
def operational_plans_adopted(group: MunicipalGroup, plan_year: int, bodies: Sequence[OrgUnit]) -> set[int]:
    """Each committee and the board that has adopted its operational plan for the year."""
    return _adopted_plans(group, OPERATIONAL_PLAN, plan_year, bodies)


@register_checker(FRAMES)
def frames_decided(group: MunicipalGroup, plan_year: int, bodies: Sequence[OrgUnit]) -> set[int]:
    """The bodies whose operating frame for the year the council has adopted (with Mål och
    budget, seed §5.D: ``OperatingFrame.adopted_tsek`` and its decision); a proposal is not done."""
    from styr.economy.models import OperatingFrame

    adopted = OperatingFrame.objects.filter(group=group, year=plan_year, org_unit__in=bodies, adopted_tsek__isnull=False, decision__isnull=False)
    return set(adopted.values_list("org_unit_id", flat=True))


@register_checker(INTERNAL_BUDGET)
def internal_budgets_adopted(group: MunicipalGroup, plan_year: int, bodies: Sequence[OrgUnit]) -> set[int]:
    """Each committee and the board whose internal budget for the year is adopted and not reopened
    (``InternalBudgetAdoption``, ECON-012..016)."""
    from styr.economy.models import InternalBudgetAdoption

    adopted = InternalBudgetAdoption.objects.filter(group=group, year=plan_year, committee__in=bodies, reopened_at__isnull=True)
    return set(adopted.values_list("committee_id", flat=True))


@register_checker(CARRY_OVER)
def carry_overs_decided(group: MunicipalGroup, plan_year: int, bodies: Sequence[OrgUnit]) -> set[int]:
    """The bodies whose carry-over of last year's result (the calendar's year before: ``plan_year
    - 2``) the council has decided; a body that had no frame adopted that year has nothing to carry."""
    from styr.economy.models import CarryOver, CarryOverState, OperatingFrame

    last = plan_year - 2
    decided = set(CarryOver.objects.filter(group=group, year=last, org_unit__in=bodies, state=CarryOverState.DECIDED).values_list("org_unit_id", flat=True))
    framed = set(OperatingFrame.objects.filter(group=group, year=last, org_unit__in=bodies, decision__isnull=False).values_list("org_unit_id", flat=True))
    return decided | {b.pk for b in bodies if b.pk not in framed}


@register_checker(INTERNAL_CONTROL_PLAN)
def internal_control_plans_adopted(group: MunicipalGroup, plan_year: int, bodies: Sequence[OrgUnit]) -> set[int]:
    """Each committee, KS and company board that has adopted its internal control plan for the year
    (issue 12 §2); a draft or a proposal is not done."""
    from styr.control.models import InternalControlPlan

    adopted = InternalControlPlan.objects.filter(group=group, year=plan_year, org_unit__in=bodies, state="adopted")
    return set(adopted.values_list("org_unit_id", flat=True))


def _plan_page(body: OrgUnit, milestone: PlanningMilestone) -> str:
    return reverse("planning:plan", kwargs={"unit_pk": body.pk, "year": milestone.calendar.year + 1})


def _here(body: OrgUnit, milestone: PlanningMilestone) -> str:
    return f"{reverse('followup:calendar', kwargs={'year': milestone.calendar.year})}#milestone-{milestone.pk}"


#: Where a body takes each step (the page a missing step links to).
LINKS: dict[str, Callable[[OrgUnit, PlanningMilestone], str]] = {
    ALLOCATION_MODEL: lambda body, m: reverse("economy:allocation_list"),
    CARRY_OVER: lambda body, m: f"{reverse('economy:carry_over')}?ar={m.calendar.year - 1}",
    GOALS_AND_BUDGET: _plan_page,
    OPERATIONAL_PLAN: _plan_page,
    FRAMES: lambda body, m: f"{reverse('economy:frame', kwargs={'unit_pk': body.pk})}?ar={m.calendar.year + 1}",
    INTERNAL_BUDGET: lambda body, m: f"{reverse('economy:internal_budget', kwargs={'unit_pk': body.pk})}?ar={m.calendar.year + 1}",
    INTERNAL_CONTROL_PLAN: lambda body, m: reverse("control:plan", kwargs={"unit_pk": body.pk, "year": m.calendar.year + 1}),
}


@dataclass(frozen=True)
class BodyStep:
    """One body's part of a step."""

    body: OrgUnit
    done: bool
    confirmation: MilestoneConfirmation | None
    url: str


@dataclass(frozen=True)
class MilestoneProgress:
    milestone: PlanningMilestone
    bodies: tuple[BodyStep, ...]
    #: read from the data by a checker (True), or confirmed by a controller (False)
    checked: bool

    @property
    def done_count(self) -> int:
        return sum(1 for b in self.bodies if b.done)

    @property
    def total(self) -> int:
        return len(self.bodies)

    @property
    def done(self) -> bool:
        return bool(self.bodies) and all(b.done for b in self.bodies)

    @property
    def missing(self) -> list[BodyStep]:
        return [b for b in self.bodies if not b.done]

    def overdue(self, today: date) -> bool:
        return self.milestone.due < today and not self.done


def _bodies(group: MunicipalGroup, kinds: set[str]) -> list[OrgUnit]:
    return list(bodies_in_tree_order(group, kinds).filter(valid_to__isnull=True))


def responsible_bodies(group: MunicipalGroup, kind: str) -> list[OrgUnit]:
    """The bodies whose part of the step ``kind`` is followed, in the tree's order."""
    return _bodies(group, {k.value for k in STEPS[kind].body_kinds})


def progress(calendar: PlanningCalendar) -> list[MilestoneProgress]:
    """Each step of the calendar with each responsible body done or missing, in date order."""
    milestones = sorted(calendar.milestones.all(), key=lambda m: (m.due, m.pk))
    if not milestones:
        return []
    group = calendar.group
    all_bodies = _bodies(group, {k.value for m in milestones for k in STEPS[m.kind].body_kinds})
    confirmations = {(c.milestone_id, c.body_id): c for c in MilestoneConfirmation.objects.filter(milestone__in=milestones)}
    result = []
    for milestone in milestones:
        milestone.calendar = calendar  # the one already read
        kinds = {k.value for k in STEPS[milestone.kind].body_kinds}
        bodies = [b for b in all_bodies if b.kind in kinds]
        checker = CHECKERS.get(milestone.kind)
        done = checker(group, calendar.year + 1, bodies) if checker is not None else {b for (m, b) in confirmations if m == milestone.pk}
        link = LINKS.get(milestone.kind, _here)
        steps = tuple(BodyStep(b, b.pk in done, confirmations.get((milestone.pk, b.pk)), link(b, milestone)) for b in bodies)
        result.append(MilestoneProgress(milestone, steps, checker is not None))
    return result


@dataclass(frozen=True)
class OverdueStep:
    progress: MilestoneProgress
    step: BodyStep


def overdue_steps(user: Any, *, group: MunicipalGroup, year: int, today: date) -> list[OverdueStep]:
    """The steps of the year's calendar past their day and not done, per body the user may see,
    earliest first (KS's overview). The same number of queries however large the group is."""
    calendar = PlanningCalendar.objects.filter(group=group, year=year).select_related("group").prefetch_related("milestones").first()
    if calendar is None:
        return []
    visible = scope(user)
    return [OverdueStep(p, s) for p in progress(calendar) if p.overdue(today) for s in p.missing if s.body.pk in visible]


def milestone_list(user: Any, group: MunicipalGroup, year: int) -> list[MilestoneProgress]:
    """The steps of the group's calendar for ``year``, for everyone with a role in the group (404 otherwise)."""
    from styr.followup.selectors import calendar_get

    return progress(calendar_get(user, group, year))


def milestone_get(user: Any, group: MunicipalGroup, pk: int) -> PlanningMilestone:
    """A step of one of the group's calendars, for everyone with a role in the group (404 otherwise)."""
    from django.http import Http404

    from styr.core.permissions import scope_q

    if not OrgUnit.objects.filter(scope_q(user, "pk"), group=group).exists():
        raise Http404
    milestone = PlanningMilestone.objects.filter(group=group, pk=pk).select_related("calendar", "calendar__group").first()
    if milestone is None:
        raise Http404
    return milestone

"""Reads of the internal control plans and KS's common controls (issue 12 §2): who sees a plan is
who sees its body (``unit.view``: KS's roles see the whole group); the common controls of a year
are read by everyone with a role in the group. The index of bodies shows each body's plan, its
count of controls, the deadline in the årshjul and whether the body is late."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from styr.control.models import CommonControl, Control, InternalControlPlan
from styr.core.permissions import require_visible, scope_q
from styr.domain.internal_control import PLAN_BODY_KINDS
from styr.domain.planning_year import INTERNAL_CONTROL_PLAN
from styr.organisation.models import MunicipalGroup, OrgUnit
from styr.organisation.selectors import bodies_in_tree_order


def control_plan_list(user: Any, *, group: MunicipalGroup, year: int | None = None, org_unit: OrgUnit | None = None) -> QuerySet[InternalControlPlan]:
    plans = InternalControlPlan.objects.filter(scope_q(user), group=group)
    if year is not None:
        plans = plans.filter(year=year)
    if org_unit is not None:
        plans = plans.filter(org_unit=org_unit)
    return plans.select_related("org_unit", "decision").annotate(control_count=Count("controls")).order_by("year", "org_unit__position", "org_unit__name")


def control_plan_get(user: Any, pk: int) -> InternalControlPlan:
    plan = InternalControlPlan.objects.select_related("org_unit", "group", "decision").filter(pk=pk).first()
    if plan is None:
        raise Http404
    require_visible(user, plan.org_unit)
    return plan


def control_plan_of(user: Any, org_unit: OrgUnit, year: int) -> InternalControlPlan | None:
    """The body's plan for the year, if it has one (the caller has checked the unit is visible)."""
    require_visible(user, org_unit)
    return InternalControlPlan.objects.select_related("org_unit", "group", "decision").filter(org_unit=org_unit, year=year).first()


def plan_controls(plan: InternalControlPlan) -> list[Control]:
    return list(plan.controls.select_related("risk", "common_control").order_by("common_control_id", "area", "pk"))


def control_get(user: Any, pk: int) -> Control:
    control = Control.objects.select_related("plan", "plan__org_unit", "plan__group", "common_control").filter(pk=pk).first()
    if control is None:
        raise Http404
    require_visible(user, control.plan.org_unit)
    return control


def _in_group(user: Any, group: MunicipalGroup) -> None:
    if not OrgUnit.objects.filter(scope_q(user, "pk"), group=group).exists():
        raise Http404


def common_control_list(user: Any, *, group: MunicipalGroup, year: int | None = None) -> QuerySet[CommonControl]:
    """KS's common controls: every committee and company carries them, so everyone with a role in
    the group reads them."""
    _in_group(user, group)
    found = CommonControl.objects.filter(group=group)
    if year is not None:
        found = found.filter(year=year)
    return found.select_related("decision").order_by("year", "pk")


def common_control_get(user: Any, pk: int) -> CommonControl:
    common = CommonControl.objects.select_related("group", "decision").filter(pk=pk).first()
    if common is None:
        raise Http404
    _in_group(user, common.group)
    return common


def plan_deadline(group: MunicipalGroup, year: int) -> date:
    """The day by which the plans for ``year`` are adopted: the step in the årshjul of the year
    before, or the preset's day when that calendar has no such step."""
    from styr.followup.models import PlanningMilestone

    due = PlanningMilestone.objects.filter(group=group, calendar__year=year - 1, kind=INTERNAL_CONTROL_PLAN).values_list("due", flat=True).first()
    if due is not None:
        return due
    model = group.governance
    days = model.planning_year.election_year_due if model.is_election_year(year - 1) else model.planning_year.due
    month, day = days[INTERNAL_CONTROL_PLAN]
    return date(year - 1, month, day)


@dataclass(frozen=True)
class BodyPlan:
    """One body's row on the index: its plan (or none), its count of controls, late or not."""

    body: OrgUnit
    plan: InternalControlPlan | None
    controls: int
    common: int
    late: bool

    @property
    def state(self) -> str:
        return self.plan.state if self.plan is not None else "none"


@dataclass(frozen=True)
class PlanIndex:
    year: int
    deadline: date
    rows: tuple[BodyPlan, ...]

    @property
    def adopted(self) -> list[BodyPlan]:
        return [r for r in self.rows if r.state == "adopted"]

    @property
    def missing(self) -> list[BodyPlan]:
        return [r for r in self.rows if r.state != "adopted"]


def plan_bodies(user: Any, group: MunicipalGroup) -> list[OrgUnit]:
    """The bodies that keep a plan (IC-004) that the user sees, in the tree's order."""
    kinds = {k.value for k in PLAN_BODY_KINDS}
    return list(bodies_in_tree_order(group, kinds).filter(scope_q(user, "pk"), valid_to__isnull=True))


def plan_index(user: Any, *, group: MunicipalGroup, year: int, today: date) -> PlanIndex:
    """Every body the user sees with its plan for the year; late when not adopted by the deadline.
    Four queries however many bodies there are."""
    bodies = plan_bodies(user, group)
    plans = {
        p.org_unit_id: p
        for p in InternalControlPlan.objects.filter(group=group, year=year, org_unit__in=bodies)
        .select_related("decision")
        .annotate(n=Count("controls"), n_common=Count("controls", filter=Q(controls__common_control__isnull=False)))
    }
    deadline = plan_deadline(group, year)
    rows = []
    for body in bodies:
        plan = plans.get(body.pk)
        adopted = plan is not None and plan.state == "adopted"
        rows.append(
            BodyPlan(
                body=body,
                plan=plan,
                controls=getattr(plan, "n", 0) if plan else 0,
                common=getattr(plan, "n_common", 0) if plan else 0,
                late=not adopted and today > deadline,
            )
        )
    return PlanIndex(year=year, deadline=deadline, rows=tuple(rows))

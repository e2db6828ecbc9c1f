"""Reads of the follow-up of the controls (issue 12 §3), always scoped to what the user may see
(``unit.view`` on the plan's body: auditors and KS's roles see all, a company board its own)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from styr.control.models import Action, ActionStatus, Control, ControlResult, Deviation, InternalControlPlan, InternalControlReport, ResultAttachment
from styr.control.selectors.actions import open_actions_before
from styr.core.permissions import scope_q
from styr.organisation.models import OrgUnit

PLAN_UNIT = "plan__org_unit_id"


def _results() -> QuerySet[ControlResult]:
    return ControlResult.objects.prefetch_related(
        "attachments", Prefetch("deviations", queryset=Deviation.objects.prefetch_related(Prefetch("actions", queryset=Action.objects.order_by("pk"))))
    )


@dataclass
class Occasion:
    month: int
    result: ControlResult | None


@dataclass
class ControlRow:
    control: Control
    occasions: list[Occasion] = field(default_factory=list)


@dataclass
class FollowupYear:
    unit: OrgUnit
    year: int
    plan: InternalControlPlan | None
    rows: list[ControlRow]
    carried_over: list[Action]
    report: InternalControlReport | None


def control_rows(controls: Any) -> list[ControlRow]:
    rows = []
    for control in controls:
        by_month = {r.month: r for r in control.results.all()}
        rows.append(ControlRow(control, [Occasion(m, by_month.get(m)) for m in sorted({int(m) for m in control.report_months})]))
    return rows


def followup_year(user: Any, unit: OrgUnit, year: int) -> FollowupYear:
    """The body's plan for the year with each control's occasions and results, the actions still
    open from earlier years, and the year's report. ``unit`` is one the caller may see."""
    plan = InternalControlPlan.objects.filter(org_unit=unit, year=year).select_related("decision").first()
    controls = (
        Control.objects.filter(plan=plan).select_related("risk", "common_control").prefetch_related(Prefetch("results", queryset=_results()))
        if plan is not None
        else Control.objects.none()
    )
    carried = list(open_actions_before(user, org_unit_id=unit.pk, year=year).select_related("deviation__result__control__plan"))
    report = InternalControlReport.objects.filter(org_unit=unit, year=year).select_related("decision").first()
    return FollowupYear(unit=unit, year=year, plan=plan, rows=control_rows(controls), carried_over=carried, report=report)


def control_get(user: Any, pk: int) -> Control:
    control = (
        Control.objects.filter(scope_q(user, unit=PLAN_UNIT), pk=pk)
        .select_related("plan__org_unit__group", "plan__decision", "risk", "common_control")
        .prefetch_related(Prefetch("results", queryset=_results()))
        .first()
    )
    if control is None:
        raise Http404
    return control


def control_list(user: Any, *, plan_id: int | None = None, year: int | None = None) -> QuerySet[Control]:
    found = Control.objects.filter(scope_q(user, unit=PLAN_UNIT))
    if plan_id is not None:
        found = found.filter(plan_id=plan_id)
    if year is not None:
        found = found.filter(plan__year=year)
    return found


def result_get(user: Any, pk: int) -> ControlResult:
    result = _results().filter(scope_q(user, unit="control__plan__org_unit_id"), pk=pk).select_related("control__plan__org_unit").first()
    if result is None:
        raise Http404
    return result


def result_list(user: Any, *, plan_id: int | None = None, control_id: int | None = None, year: int | None = None) -> QuerySet[ControlResult]:
    found = _results().filter(scope_q(user, unit="control__plan__org_unit_id")).select_related("control__plan")
    if plan_id is not None:
        found = found.filter(control__plan_id=plan_id)
    if control_id is not None:
        found = found.filter(control_id=control_id)
    if year is not None:
        found = found.filter(control__plan__year=year)
    return found.order_by("control__plan__year", "control_id", "month")


def attachment_get(user: Any, pk: int) -> ResultAttachment:
    attachment = (
        ResultAttachment.objects.filter(scope_q(user, unit="result__control__plan__org_unit_id"), pk=pk).select_related("result__control__plan").first()
    )
    if attachment is None:
        raise Http404
    return attachment


def deviation_get(user: Any, pk: int) -> Deviation:
    deviation = (
        Deviation.objects.filter(scope_q(user, unit="result__control__plan__org_unit_id"), pk=pk)
        .select_related("result__control__plan__org_unit")
        .prefetch_related("actions")
        .first()
    )
    if deviation is None:
        raise Http404
    return deviation


def deviation_list(user: Any, *, result_id: int | None = None, year: int | None = None) -> QuerySet[Deviation]:
    found = Deviation.objects.filter(scope_q(user, unit="result__control__plan__org_unit_id")).select_related("result").prefetch_related("actions")
    if result_id is not None:
        found = found.filter(result_id=result_id)
    if year is not None:
        found = found.filter(result__control__plan__year=year)
    return found


def action_get(user: Any, pk: int) -> Action:
    action = (
        Action.objects.filter(scope_q(user, unit="deviation__result__control__plan__org_unit_id"), pk=pk)
        .select_related("deviation__result__control__plan__org_unit")
        .first()
    )
    if action is None:
        raise Http404
    return action


def action_list(
    user: Any, *, org_unit_id: int | None = None, open_only: bool = False, overdue_on: date | None = None, deviation_id: int | None = None
) -> QuerySet[Action]:
    """Actions the user may see; ``open_only`` those not done, ``overdue_on`` those not done whose deadline has passed that day."""
    found = Action.objects.filter(scope_q(user, unit="deviation__result__control__plan__org_unit_id")).select_related("deviation__result__control__plan")
    if org_unit_id is not None:
        found = found.filter(deviation__result__control__plan__org_unit_id=org_unit_id)
    if deviation_id is not None:
        found = found.filter(deviation_id=deviation_id)
    if open_only or overdue_on is not None:
        found = found.exclude(status=ActionStatus.DONE)
    if overdue_on is not None:
        found = found.filter(deadline__lt=overdue_on)
    return found.order_by("deadline", "pk")


def control_report_get(user: Any, pk: int) -> InternalControlReport:
    report = InternalControlReport.objects.filter(scope_q(user), pk=pk).select_related("org_unit__group", "decision").first()
    if report is None:
        raise Http404
    return report


def control_report_for(unit: OrgUnit, year: int) -> InternalControlReport | None:
    """The body's report for the year (``unit`` already one the caller may see)."""
    return InternalControlReport.objects.filter(org_unit=unit, year=year).select_related("org_unit__group", "decision").first()


def control_report_list(user: Any, *, year: int | None = None, org_unit_id: int | None = None) -> QuerySet[InternalControlReport]:
    found = InternalControlReport.objects.filter(scope_q(user)).select_related("org_unit", "decision")
    if year is not None:
        found = found.filter(year=year)
    if org_unit_id is not None:
        found = found.filter(org_unit_id=org_unit_id)
    return found

"""KS's oversight of the group's internal control (issue 12 §4, seed §7 "Kommunstyrelsens roll"):
for every committee, KS and company the reader sees, whether its plan is adopted (and on time), how
many controls it has and how many are reported, the results by colour, the deviations by area and
severity, the actions past their deadline (those carried from earlier years too), the committee's
report; and the year's common controls across the group.

``oversight_overview`` reads it in a fixed number of queries however many bodies, controls or
results the group has; ``overview_content`` turns it into JSON-ready data: the page, the API, the
PDF and Word and the snapshot KS adopts all read that one form."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import F, QuerySet, Window
from django.db.models.functions import RowNumber
from django.http import Http404

from styr.control.models import Action, ActionStatus, CommonControl, Control, ControlResult, Deviation, InternalControlPlan, InternalControlReport
from styr.control.models.oversight import OversightEvaluation
from styr.control.selectors.plans import plan_deadline
from styr.core.permissions import scope
from styr.domain.internal_control import COMPANY_KINDS, PLAN_BODY_KINDS
from styr.domain.levels import LevelKind
from styr.organisation.models import MunicipalGroup, OrgUnit

SEVERITIES = ("high", "medium", "low")


@dataclass
class BodyControl:
    """One body's internal control in the year."""

    unit: OrgUnit
    plan: InternalControlPlan | None = None
    deadline: date | None = None
    controls: int = 0
    reported: int = 0
    results: Counter[str] = field(default_factory=Counter)
    deviations: Counter[str] = field(default_factory=Counter)  # by severity
    overdue_actions: list[Action] = field(default_factory=list)
    report_state: str = ""
    #: the day the overview is read: a plan not adopted once the deadline has passed is late
    today: date | None = None

    @property
    def is_company(self) -> bool:
        return self.unit.kind in {k.value for k in COMPANY_KINDS}

    @property
    def plan_state(self) -> str:
        return self.plan.state if self.plan is not None else ""

    @property
    def adopted_on(self) -> date | None:
        plan = self.plan
        if plan is None or plan.state != "adopted":
            return None
        if plan.decision is not None:
            return plan.decision.decided_on
        return plan.adopted_at.date() if plan.adopted_at is not None else None

    @property
    def on_time(self) -> bool | None:
        """Adopted by the årshjul's deadline; False also for a plan not adopted once the deadline has
        passed (None: no deadline, or not adopted and not yet due)."""
        if self.deadline is None:
            return None
        adopted = self.adopted_on
        if adopted is not None:
            return adopted <= self.deadline
        return False if self.today is not None and self.today > self.deadline else None


@dataclass
class CommonRow:
    common: CommonControl
    bodies: list[tuple[OrgUnit, str]] = field(default_factory=list)  # (body, latest status or "")


@dataclass
class Overview:
    year: int
    today: date
    bodies: list[BodyControl]
    areas: dict[str, Counter[str]]  # area -> severity -> count
    common: list[CommonRow]


def _bodies(user: Any, group: MunicipalGroup) -> list[OrgUnit]:
    units = list(OrgUnit.objects.filter(group=group, kind__in=[k.value for k in PLAN_BODY_KINDS], valid_to__isnull=True).order_by("position", "name", "pk"))
    if user is not None:
        visible = scope(user)
        units = [u for u in units if u.pk in visible]
    # committees (KS first among them) before the companies, each in the tree's order
    return sorted(units, key=lambda u: (u.kind in {k.value for k in COMPANY_KINDS}, u.kind != LevelKind.EXECUTIVE_BOARD.value))


def oversight_overview(user: Any, *, group: MunicipalGroup, year: int, today: date) -> Overview:
    """The year's internal control of every body ``user`` sees (None: the whole group, for the
    snapshot). A fixed number of queries however many bodies and controls."""
    units = _bodies(user, group)
    by_unit = {u.pk: BodyControl(unit=u) for u in units}
    ids = list(by_unit)
    # one deadline for every body, as the plan index reads it (the step in last year's årshjul, or the preset's day)
    deadline = plan_deadline(group, year)
    for body in by_unit.values():
        body.deadline, body.today = deadline, today
    for plan in InternalControlPlan.objects.filter(group=group, year=year, org_unit_id__in=ids).select_related("decision"):
        by_unit[plan.org_unit_id].plan = plan
    controls = {
        pk: (unit_id, common_id, area or risk_area or "")
        for pk, unit_id, common_id, area, risk_area in Control.objects.filter(plan__year=year, plan__org_unit_id__in=ids).values_list(
            "pk", "plan__org_unit_id", "common_control_id", "area", "risk__area"
        )
    }
    latest = (
        ControlResult.objects.filter(control__plan__year=year, control__plan__org_unit_id__in=ids)
        .annotate(latest_first=Window(RowNumber(), partition_by=F("control_id"), order_by=F("month").desc()))
        .filter(latest_first=1)
        .order_by()
        .values_list("control_id", "status")
    )
    status_of = dict(latest)
    for pk, (unit_id, _common, _area) in controls.items():
        body = by_unit[unit_id]
        body.controls += 1
        if pk in status_of:
            body.reported += 1
            body.results[status_of[pk]] += 1
    areas: dict[str, Counter[str]] = defaultdict(Counter)
    deviations = Deviation.objects.filter(result__control__plan__year=year, result__control__plan__org_unit_id__in=ids)
    for control_id, severity in deviations.order_by().values_list("result__control_id", "severity"):
        unit_id, _common, area = controls[control_id]
        by_unit[unit_id].deviations[severity] += 1
        areas[area][severity] += 1
    overdue = (
        Action.objects.filter(deviation__result__control__plan__org_unit_id__in=ids, deviation__result__control__plan__year__lte=year, deadline__lt=today)
        .exclude(status=ActionStatus.DONE)
        .select_related("deviation__result__control__plan")
        .order_by("deadline", "pk")
    )
    for action in overdue:
        by_unit[action.deviation.result.control.plan.org_unit_id].overdue_actions.append(action)
    for unit_id, state in InternalControlReport.objects.filter(group=group, year=year, org_unit_id__in=ids).values_list("org_unit_id", "state"):
        by_unit[unit_id].report_state = state
    common = [CommonRow(c) for c in CommonControl.objects.filter(group=group, year=year).order_by("pk")]
    rows = {c.common.pk: c for c in common}
    for pk, (unit_id, common_id, _area) in sorted(controls.items()):
        if common_id in rows:
            rows[common_id].bodies.append((by_unit[unit_id].unit, status_of.get(pk, "")))
    order = {u.pk: n for n, u in enumerate(units)}
    for row in common:
        row.bodies.sort(key=lambda b: order[b[0].pk])
    return Overview(year=year, today=today, bodies=list(by_unit.values()), areas=dict(sorted(areas.items())), common=common)


def _decision(decision: Any) -> dict[str, Any] | None:
    if decision is None:
        return None
    return {
        "decided_on": decision.decided_on.isoformat(),
        "paragraph": decision.paragraph,
        "registration_number": decision.registration_number,
    }


def overview_content(overview: Overview) -> dict[str, Any]:
    """The overview as JSON-ready data (codes, not labels: the reader's language labels them)."""
    bodies = [
        {
            "unit_id": b.unit.pk,
            "name": b.unit.name,
            "kind": b.unit.kind,
            "company": b.is_company,
            "plan_state": b.plan_state,
            "plan_id": b.plan.pk if b.plan is not None else None,
            "decision": _decision(b.plan.decision) if b.plan is not None else None,
            "deadline": b.deadline.isoformat() if b.deadline is not None else None,
            "on_time": b.on_time,
            "controls": b.controls,
            "reported": b.reported,
            "results": dict(sorted(b.results.items())),
            "deviations": {s: b.deviations.get(s, 0) for s in SEVERITIES},
            "overdue_actions": [
                {
                    "id": a.pk,
                    "description": a.description,
                    "owner": a.owner,
                    "deadline": a.deadline.isoformat() if a.deadline is not None else None,
                    "status": a.status,
                    "year": a.deviation.result.control.plan.year,
                    "control": a.deviation.result.control.title,
                }
                for a in b.overdue_actions
            ],
            "report_state": b.report_state,
        }
        for b in overview.bodies
    ]
    return {
        "year": overview.year,
        "as_of": overview.today.isoformat(),
        "bodies": bodies,
        "areas": [{"area": area, **{s: counts.get(s, 0) for s in SEVERITIES}} for area, counts in overview.areas.items()],
        "common_controls": [
            {
                "id": row.common.pk,
                "title": row.common.title,
                "applies_to": row.common.applies_to,
                "adopted": row.common.decision_id is not None,
                "bodies": [{"unit_id": u.pk, "name": u.name, "status": status} for u, status in row.bodies],
            }
            for row in overview.common
        ],
    }


def ic_by_body(user: Any, *, group: MunicipalGroup, year: int, today: date) -> dict[int, BodyControl]:
    """Each body's internal control for KS's overview page (the same fixed number of queries)."""
    return {b.unit.pk: b for b in oversight_overview(user, group=group, year=year, today=today).bodies}


def executive_board_of(group: MunicipalGroup) -> OrgUnit:
    """KS, whose evaluation it is; a group without one has no oversight page."""
    board = OrgUnit.objects.filter(group=group, kind=LevelKind.EXECUTIVE_BOARD.value).order_by("position", "pk").first()
    if board is None:
        raise Http404
    return board


def _evaluations(user: Any, group: MunicipalGroup) -> QuerySet[OversightEvaluation]:
    """KS's evaluations; they are KS's, so a reader who does not see KS sees none."""
    found = OversightEvaluation.objects.filter(group=group).select_related("decision").order_by("-year")
    if user is not None and executive_board_of(group).pk not in scope(user):
        return found.none()
    return found


def evaluation_list(user: Any, *, group: MunicipalGroup) -> list[OversightEvaluation]:
    return list(_evaluations(user, group))


def evaluation_for_year(user: Any, *, group: MunicipalGroup, year: int) -> OversightEvaluation | None:
    return _evaluations(user, group).filter(year=year).first()


def evaluation_get(user: Any, *, group: MunicipalGroup, pk: int) -> OversightEvaluation:
    found = _evaluations(user, group).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found

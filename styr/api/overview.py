"""KS's overview in the API (issue 13 §4, seed §7 uppsiktsplikt): for a year, per committee, KS,
company and joint authority the reader may see, the reports' states per period, the goal statuses,
what needs attention, the economy, the internal control and the companies' answers to the owner
directives. Read from the same selectors as the page (``followup/views_overview.py``), with the same
permission (a role in the group; each body as the reader's scope allows), so the two never differ."""

from datetime import date
from decimal import Decimal
from typing import Any

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Router, Schema

from styr.api.schemas import ERRORS, DbId, Year
from styr.control.selectors.companies import answer_counts
from styr.control.selectors.oversight import BodyControl, ic_by_body
from styr.domain.governance import StatusLevel
from styr.economy.selectors.followup import EconomyFigures
from styr.followup.milestone_progress import overdue_steps
from styr.followup.overview import BodyOverview, economy_month, economy_overview, ks_overview
from styr.followup.selectors import milestone_title
from styr.organisation.selectors import group_of_user

router = Router(tags=["KS's overview"])


class OverviewPeriodOut(Schema):
    id: int
    kind: str
    kind_label: str
    start: date
    end: date


class StatusCountOut(Schema):
    #: a step of the model's status scale
    code: str
    label: str
    count: int


class OverviewReportOut(Schema):
    period_id: int
    #: draft, submitted, reviewed or adopted; null when the body has not started its report
    state: str | None


class OverviewAssignmentOut(Schema):
    id: int
    title: str
    deadline: date | None


class OverviewGoalOut(Schema):
    id: int
    title: str


class OverviewStepOut(Schema):
    title: str
    due: date
    #: the page where the body takes the step
    url: str


class OverviewOverdueStepOut(Schema):
    body_id: int
    body_name: str
    title: str
    due: date
    url: str


class OverviewControlOut(Schema):
    #: the internal control plan's state ("" when the body has none for the year)
    plan_state: str
    adopted_on: date | None
    deadline: date | None
    #: adopted by the årshjul's deadline (false also when not adopted past it; null: not yet due)
    on_time: bool | None
    controls: int
    reported: int
    results: list[StatusCountOut]
    overdue_actions: int
    report_state: str


class OverviewBodyOut(Schema):
    id: int
    name: str
    kind: str
    reports: list[OverviewReportOut]
    #: the latest period that has ended (or the first, before any has), the body's deadline for it
    latest_period_id: int | None
    latest_due: date | None
    #: its deadline has passed and the report is not submitted
    report_overdue: bool
    #: reports submitted, reviewed or adopted among the year's periods
    reported: int
    #: development goals of the year in the body's part of the tree
    goals: int
    #: goals by their status in their latest assessed period of the year, in the scale's order
    statuses: list[StatusCountOut]
    indicators_without_owner: int
    indicators_without_values: int
    overdue_assignments: list[OverviewAssignmentOut]
    #: goals at the scale's lowest assessed step
    deviations: list[OverviewGoalOut]
    overdue_steps: list[OverviewStepOut]
    #: null for a body that keeps no internal control plan, or that the reader does not follow
    internal_control: OverviewControlOut | None
    #: a company's answers to the owner directives by status (empty for a committee)
    directive_answers: list[StatusCountOut]


class OverviewEconomyOut(Schema):
    #: null for the totals (the municipality, the companies together, the group)
    unit_id: int | None
    label: str
    #: the month the actuals run to
    month: int
    frame_adopted_sek: Decimal | None
    frame_adjustments_sek: Decimal | None
    frame_adjustment_count: int
    operating_frame_sek: Decimal | None
    investment_frame_sek: Decimal | None
    actual_to_date_sek: Decimal
    forecast_sek: Decimal | None
    #: budget (the frame where there is one) − forecast, and as per cent of it
    deviation_sek: Decimal | None
    deviation_percent: Decimal | None
    status: str
    status_label: str


class KsOverviewOut(Schema):
    year: int
    #: the day the overview is read
    today: date
    economy_month: int
    periods: list[OverviewPeriodOut]
    #: what needs attention first: a late report, then goals not achieved, then late assignments
    bodies: list[OverviewBodyOut]
    #: the planning steps past their day and not done, per body the reader sees (the council's too)
    overdue_steps: list[OverviewOverdueStepOut]
    economy: list[OverviewEconomyOut]
    economy_totals: list[OverviewEconomyOut]


Scale = list[tuple[str, str]]


def _counts(counts: Any, scale: Scale) -> list[dict[str, Any]]:
    return [{"code": code, "label": label, "count": counts[code]} for code, label in scale if counts.get(code)]


def _control(body: BodyControl | None, scale: Scale) -> dict[str, Any] | None:
    if body is None:
        return None
    return {
        "plan_state": body.plan_state,
        "adopted_on": body.adopted_on,
        "deadline": body.deadline,
        "on_time": body.on_time,
        "controls": body.controls,
        "reported": body.reported,
        "results": _counts(body.results, scale),
        "overdue_actions": len(body.overdue_actions),
        "report_state": body.report_state,
    }


def _economy(row: EconomyFigures, language: str) -> dict[str, Any]:
    frame, step, variance = row.frame, row.step, row.variance
    return {
        "unit_id": row.unit.pk if row.unit is not None else None,
        "label": row.label,
        "month": row.month,
        "frame_adopted_sek": frame.adopted_sek if frame is not None else None,
        "frame_adjustments_sek": frame.adjustments_sek if frame is not None else None,
        "frame_adjustment_count": frame.adjustment_count if frame is not None else 0,
        "operating_frame_sek": row.frame_sek,
        "investment_frame_sek": frame.investment_sek if frame is not None else None,
        "actual_to_date_sek": row.actual_to_date_sek,
        "forecast_sek": row.forecast_sek,
        "deviation_sek": variance.amount_sek if variance is not None else None,
        "deviation_percent": variance.percent if variance is not None else None,
        "status": step.code if isinstance(step, StatusLevel) else "",
        "status_label": _label(step, language) if isinstance(step, StatusLevel) else "",
    }


def _label(step: StatusLevel, language: str) -> str:
    return step.label_en if language.startswith("en") else step.label_sv


def _body(body: BodyOverview, wanted: list[int], scale: Scale, control: BodyControl | None, answers: dict[str, int]) -> dict[str, Any]:
    return {
        "id": body.unit.pk,
        "name": body.unit.name,
        "kind": body.unit.kind,
        "reports": [{"period_id": pk, "state": body.reports[pk] or None} for pk in wanted],
        "latest_period_id": body.latest_period.pk if body.latest_period is not None else None,
        "latest_due": body.latest_due,
        "report_overdue": body.report_overdue,
        "reported": body.reported,
        "goals": body.goals,
        "statuses": _counts(body.statuses, scale),
        "indicators_without_owner": body.indicators_without_owner,
        "indicators_without_values": body.indicators_without_values,
        "overdue_assignments": [{"id": a.pk, "title": a.title, "deadline": a.deadline} for a in body.overdue_assignments],
        "deviations": [{"id": g.pk, "title": g.title} for g in body.deviations],
        "overdue_steps": body.overdue_steps,
        "internal_control": _control(control, scale),
        "directive_answers": _counts(answers, scale),
    }


@router.get(
    "/ks-overview/{year}",
    response={200: KsOverviewOut, **ERRORS},
    summary="KS's overview for a year: per body the reports' states, goal statuses, what needs attention, economy, internal control, owner directives",
    description="`period` (one of the year's periods, see `periods`) narrows the reports' states to that period; everything else stays the year's.",
)
def get_ks_overview(request: HttpRequest, year: Year, period: DbId | None = None) -> dict[str, Any]:
    group = group_of_user(request.user)
    today = timezone.localdate()
    periods, bodies = ks_overview(request.user, group=group, year=year, today=today)
    wanted = [p.pk for p in periods if period is None or p.pk == period]
    if period is not None and not wanted:
        raise Http404
    language = getattr(request, "LANGUAGE_CODE", "sv")
    scale = [(s.code, _label(s, language)) for s in group.governance.status_scale]
    control = ic_by_body(request.user, group=group, year=year, today=today)
    answers = answer_counts(request.user, group, year)
    steps = []
    for step in overdue_steps(request.user, group=group, year=year, today=today):
        row = {"title": milestone_title(step.progress.milestone), "due": step.progress.milestone.due, "url": step.step.url}
        steps.append({"body_id": step.step.body.pk, "body_name": step.step.body.name, **row})
        for body in bodies:
            if body.unit.pk == step.step.body.pk:
                body.overdue_steps.append(row)
    economy = economy_overview(request.user, bodies, year=year, today=today)
    return {
        "year": year,
        "today": today,
        "economy_month": economy_month(year, today),
        "periods": [{"id": p.pk, "kind": p.kind, "kind_label": p.get_kind_display(), "start": p.start, "end": p.end} for p in periods if p.pk in wanted],
        "bodies": [
            _body(b, wanted, scale, control.get(b.unit.pk), answers.get(b.unit.pk, {}))
            for b in sorted(bodies, key=lambda b: b.attention)  # what needs attention first, as the page
        ],
        "overdue_steps": steps,
        "economy": [_economy(row, language) for row in economy.rows],
        "economy_totals": [_economy(row, language) for row in economy.totals],
    }

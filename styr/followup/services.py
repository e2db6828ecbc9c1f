"""Writes of follow-up values."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from styr.core import audit
from styr.core.actors import Actor, as_user
from styr.core.bounds import check_dates, check_lengths, checked
from styr.core.permissions import can, require
from styr.domain.calendar import (
    MONTHLY_REPORT,
    Period,
    build_periods,
    check_ks_minimum,
    check_meeting_after_deadline,
    check_months,
    check_open_or_corrected,
    check_report_open_or_corrected,
    check_report_transition,
    closes_on,
    deadlines,
    month_end,
)
from styr.domain.errors import RuleViolation, _
from styr.domain.goals import check_measurement_year
from styr.domain.governance import StatusLevel
from styr.domain.levels import POLITICAL_KINDS, LevelKind
from styr.domain.limits import TEXT_LENGTH, check_text_length
from styr.domain.status import Reading, check_assessment, suggested_status
from styr.followup.models import (
    Assessment,
    Deadline,
    Measurement,
    Meeting,
    PlanningCalendar,
    Report,
    ReportingPeriod,
    ReportRequirement,
    ReportState,
    ValueSource,
)
from styr.organisation.models import MunicipalGroup, OrgUnit
from styr.planning.models import Assignment, DevelopmentGoal, GoalIndicator, QualityIndicator


@transaction.atomic
def measurement_record(
    *, actor: Actor, indicator: GoalIndicator, period: date, value: Decimal, comment: str = "", reason: str = "", source: str = ValueSource.MANUAL
) -> Measurement:
    """Enter (or correct) the value of a goal indicator for one month; after the unit's deadline
    only a controller corrects it, with a reason (FU-006). A person's entry over a value from
    Kolada replaces it and is the person's (``source`` manual); the sync never overwrites a
    person's value (KOLADA-002)."""
    goal = indicator.goal
    if actor is not None:
        require(actor, "measurement.record", goal.org_unit)
    period = period.replace(day=1)
    check_measurement_year(goal.span, period.year)
    existing = Measurement.objects.select_for_update().filter(indicator=indicator, period=period).first()
    if existing is not None and (existing.value, existing.comment) == (value, comment.strip()):
        return existing  # no change: nothing to check, write or record (the same value as Kolada's stays Kolada's, KOLADA-002)
    late = _check_closing(actor, goal.org_unit, period, reason)
    late = _check_reported(actor, goal.org_unit, _month_reports(goal.org_unit, period), reason) or late
    before = audit.snapshot(existing) if existing else None
    user = as_user(actor)
    if existing is None:
        measurement = checked(
            Measurement(group=indicator.group, indicator=indicator, period=period, value=value, comment=comment.strip(), recorded_by=user, source=source)
        )
        note_last_period(indicator, period)
    else:
        measurement = existing
        measurement.value, measurement.comment, measurement.recorded_by, measurement.source = value, comment.strip(), user, source
        checked(measurement)
    audit.record(
        actor=actor,
        action="measurement.corrected" if late else "measurement.recorded",
        obj=measurement,
        org_unit=goal.org_unit,
        before=before,
        after={**audit.snapshot(measurement, ["indicator", "period", "value", "comment", "source"]), **({"reason": reason.strip()} if late else {})},
    )
    return measurement


def note_last_period(indicator: GoalIndicator | QualityIndicator, period: date) -> None:
    """Keep the indicator's latest month with a value (one conditional update, safe when two save at once)."""
    type(indicator).objects.filter(pk=indicator.pk).filter(Q(last_period__isnull=True) | Q(last_period__lt=period)).update(last_period=period)
    if indicator.last_period is None or indicator.last_period < period:
        indicator.last_period = period


def _check_closing(actor: Actor, unit: OrgUnit, month: date, reason: str) -> bool:
    """FU-006 for a unit's value for a month (True when it is a late correction). The system
    itself (an import run by the operator) is not held to the deadline."""
    check_text_length(field="reason", label=gettext("Reason for a late correction"), length=len(reason), limit=TEXT_LENGTH)
    if actor is None:
        return False
    closes = closes_on(month_end(month.year, month.month), LevelKind(unit.kind), unit.group.governance.reporting.deadline_days)
    may_correct = can(actor, "measurement.correct", unit)
    return check_open_or_corrected(today=timezone.localdate(), closes=closes, may_correct=may_correct, reason=reason)


def _month_reports(unit: OrgUnit, month: date) -> QuerySet[Report]:
    """The unit's reports whose period ends in the month (a value belongs to its month)."""
    return Report.objects.filter(org_unit=unit, period__end__year=month.year, period__end__month=month.month)


def _check_reported(actor: Actor, unit: OrgUnit, reports: QuerySet[Report], reason: str) -> bool:
    """FU-006 and FU-012 for what the unit has reported (True when the write is a controller's
    correction). The system itself may still complete a submitted period, never an adopted one.
    The reason goes into the audit row: it is held to the free-text limit (TEXT-001)."""
    check_text_length(field="reason", label=gettext("Reason for a late correction"), length=len(reason), limit=TEXT_LENGTH)
    states = list(reports.values_list("state", flat=True))
    if actor is None:
        states = [state for state in states if state == ReportState.ADOPTED]
        return check_report_open_or_corrected(states=states, may_correct=False, reason=reason)
    return check_report_open_or_corrected(states=states, may_correct=can(actor, "measurement.correct", unit), reason=reason)


def check_report_content_open(report: Report, actor: Actor = None, reason: str = "") -> bool:
    """FU-006 and FU-012 for what the report itself holds (its forecast, issue 9 §3): open while
    the report is a draft; once submitted (or reviewed) only a controller corrects it, with a
    reason; once adopted, no one. The state is read afresh (the caller's copy may be stale).
    Without an actor no one may correct. Returns True when the write is such a correction."""
    check_text_length(field="reason", label=gettext("Reason for a late correction"), length=len(reason), limit=TEXT_LENGTH)
    state = Report.objects.filter(pk=report.pk).values_list("state", flat=True).first() or report.state
    may_correct = actor is not None and can(actor, "measurement.correct", report.org_unit)
    return check_report_open_or_corrected(states=[state], may_correct=may_correct, reason=reason)


def _executive_board(group: MunicipalGroup) -> OrgUnit:
    return OrgUnit.objects.get(group=group, kind=LevelKind.EXECUTIVE_BOARD.value, valid_to__isnull=True)


def _add_period(calendar: PlanningCalendar, period: Period, *, org_unit: OrgUnit | None = None) -> ReportingPeriod:
    row = ReportingPeriod.objects.create(group=calendar.group, calendar=calendar, kind=period.kind, start=period.start, end=period.end, org_unit=org_unit)
    days = calendar.group.governance.reporting.deadline_days
    Deadline.objects.bulk_create(  # new rows of a period being created, audited with the calendar below
        [Deadline(group=calendar.group, period=row, level=level.value, due=due) for level, due in deadlines(period.end, days).items()]
    )
    return row


@transaction.atomic
def calendar_create(
    *,
    actor: Actor,
    group: MunicipalGroup,
    year: int,
    interim_report_month: int | None = None,
    quality_report_months: tuple[int, ...] = (),
) -> PlanningCalendar:
    """KS's årshjul for a year, from the model's defaults: the minimum monthly reports, interim
    accounts, an optional interim report, quality reports and the annual report, each with a
    deadline per level, staggered; and the planning year's steps that plan the next year."""
    ks = _executive_board(group)
    if actor is not None:
        require(actor, "calendar.manage", ks)
    periods = build_periods(year=year, model=group.governance, interim_report_month=interim_report_month, quality_report_months=quality_report_months)
    if PlanningCalendar.objects.filter(group=group, year=year).exists():
        raise RuleViolation("CAL-005", _("The group already has a planning calendar for %(year)s."), {"year": year}, field="year")
    calendar = PlanningCalendar.objects.create(group=group, year=year)
    for period in periods:
        _add_period(calendar, period)
    # the planning year (issue 10 §3): the steps this year takes to plan the next
    from styr.followup.milestones import milestone_rows_add

    milestones = milestone_rows_add(calendar)
    # report sections (issue 9 §4): KS's minimum content per kind of report starts as the model's
    sections = {kind: list(keys) for kind, keys in group.governance.reporting.report_sections.items() if keys}
    ReportRequirement.objects.bulk_create(  # new rows of the calendar being created, audited with it below
        [ReportRequirement(group=group, calendar=calendar, kind=kind, sections=keys) for kind, keys in sections.items()]
    )
    audit.record(
        actor=actor,
        action="calendar.created",
        obj=calendar,
        org_unit=ks,
        after={
            "year": year,
            "periods": [f"{p.kind} {p.end.isoformat()}" for p in periods],
            "report_sections": sections,
            "milestones": [f"{m.kind} {m.due.isoformat()}" for m in milestones],
        },
    )
    return calendar


@transaction.atomic
def committee_months_set(*, actor: Actor, calendar: PlanningCalendar, committee: OrgUnit, months: list[int]) -> list[ReportingPeriod]:
    """The committee's own monthly reports: never fewer than KS's minimum (CAL-001)."""
    if actor is not None:
        require(actor, "reporting.choose", committee)
    _check_calendar_open(calendar)
    model = calendar.group.governance
    chosen = check_months(months)
    check_ks_minimum(chosen, model.reporting.monthly_minimum_months)
    before = sorted(p.end.month for p in ReportingPeriod.objects.filter(calendar=calendar, org_unit=committee))
    ReportingPeriod.objects.filter(calendar=calendar, org_unit=committee).delete()
    taken = {(p.kind, p.end.month) for p in ReportingPeriod.objects.filter(calendar=calendar, org_unit__isnull=True)}
    extra = [m for m in chosen if (MONTHLY_REPORT, m) not in taken and m not in (model.reporting.interim_accounts_month, model.reporting.annual_report_month)]
    rows = [_add_period(calendar, Period(MONTHLY_REPORT, date(calendar.year, m, 1), month_end(calendar.year, m)), org_unit=committee) for m in extra]
    audit.record(
        actor=actor, action="calendar.committee_months_set", obj=calendar, org_unit=committee, before={"extra_months": before}, after={"extra_months": extra}
    )
    return rows


@transaction.atomic
def meeting_add(*, actor: Actor, calendar: PlanningCalendar, body: OrgUnit, on: date, title: str, period: ReportingPeriod | None = None) -> Meeting:
    """A body's meeting; one that adopts a report comes after the body's own deadline (CAL-004)."""
    if actor is not None:
        require(actor, "calendar.manage", _executive_board(calendar.group))
    _check_calendar_open(calendar)
    check_dates(Meeting, {"date": on})
    if period is not None:
        deadline = Deadline.objects.filter(period=period, level=body.kind).values_list("due", flat=True).first()
        check_meeting_after_deadline(on, deadline)
    meeting = checked(Meeting(group=calendar.group, calendar=calendar, body=body, date=on, period=period, title=title))
    audit.record(actor=actor, action="calendar.meeting_added", obj=meeting, org_unit=body, after=audit.snapshot(meeting))
    return meeting


def _check_calendar_open(calendar: PlanningCalendar) -> None:
    """CAL-006: an adopted calendar is locked (read afresh: the caller's copy may be stale)."""
    if PlanningCalendar.objects.filter(pk=calendar.pk, state="adopted").exists():
        raise RuleViolation("CAL-006", _("The planning calendar is adopted by KS and locked."), {"year": calendar.year})


@transaction.atomic
def calendar_adopt(*, actor: Actor, calendar: PlanningCalendar, decided_on: date, paragraph: str, registration_number: str) -> PlanningCalendar:
    """KS adopts the årshjul (a politician of KS itself)."""
    from styr.planning.services.plans import decision_record

    ks = _executive_board(calendar.group)
    if actor is not None:
        require(actor, "calendar.adopt", ks)
    calendar = PlanningCalendar.objects.select_for_update().get(pk=calendar.pk)
    _check_calendar_open(calendar)
    decision = decision_record(
        actor=actor, body=ks, decided_on=decided_on, paragraph=paragraph, registration_number=registration_number, title=f"Årshjul {calendar.year}"
    )
    calendar.state, calendar.decision = "adopted", decision
    calendar.save(update_fields=["state", "decision"])
    audit.record(actor=actor, action="calendar.adopted", obj=calendar, org_unit=ks, after={"decision": str(decision)})
    return calendar


@transaction.atomic
def quality_value_record(
    *, actor: Actor, indicator: QualityIndicator, period: date, value: Decimal, comment: str = "", reason: str = "", source: str = ValueSource.MANUAL
) -> Measurement:
    """A quality indicator's value for a month: measured regularly, never against a target (seed §5.B).
    As a goal indicator's: a person's entry over a value from Kolada is the person's (manual)."""
    unit = indicator.factor.org_unit
    if actor is not None:
        require(actor, "measurement.record", unit)
    period = period.replace(day=1)
    existing = Measurement.objects.select_for_update().filter(quality_indicator=indicator, period=period).first()
    if existing is not None and (existing.value, existing.comment) == (value, comment.strip()):
        return existing  # no change: nothing to check, write or record (the same value as Kolada's stays Kolada's, KOLADA-002)
    late = _check_closing(actor, unit, period, reason)
    late = _check_reported(actor, unit, _month_reports(unit, period), reason) or late
    before = audit.snapshot(existing, ["value", "comment"]) if existing else None
    if existing is None:
        measurement = checked(
            Measurement(
                group=indicator.group,
                quality_indicator=indicator,
                period=period,
                value=value,
                comment=comment.strip(),
                recorded_by=as_user(actor),
                source=source,
            )
        )
        note_last_period(indicator, period)
    else:
        measurement = existing
        measurement.value, measurement.comment, measurement.recorded_by, measurement.source = value, comment.strip(), as_user(actor), source
        checked(measurement)
    audit.record(
        actor=actor,
        action="measurement.corrected" if late else "measurement.recorded",
        obj=measurement,
        org_unit=unit,
        before=before,
        after={**audit.snapshot(measurement, ["value", "comment", "source"]), **({"reason": reason.strip()} if late else {})},
    )
    return measurement


def goal_suggested_status(goal: DevelopmentGoal, period: ReportingPeriod) -> StatusLevel:
    """The status a measurable goal's indicators suggest at the end of the period: each indicator's
    latest value by then against its target for the period's year (or its last target)."""
    readings = []
    for indicator in goal.indicators.prefetch_related("targets", "measurements"):
        targets = {t.year: t.value for t in indicator.targets.all()}
        target = targets.get(period.end.year) or (targets[max(targets)] if targets else None)
        values = [m for m in indicator.measurements.all() if m.period <= period.end]
        latest = max(values, key=lambda m: m.period).value if values else None
        readings.append(Reading(indicator.baseline_value, target, latest, lower_is_better=indicator.direction == "lower"))
    return suggested_status(readings, goal.group.governance)


@transaction.atomic
def assessment_record(
    *,
    actor: Actor,
    period: ReportingPeriod,
    status: str,
    analysis: str = "",
    goal: DevelopmentGoal | None = None,
    assignment: Assignment | None = None,
    reason: str = "",
) -> Assessment:
    """A goal's (or an assignment's) status for the period on the shared scale, with the analysis.
    A measurable goal keeps the suggested status beside the one chosen; a goal judged by
    professional assessment needs the written assessment (FU-004). Once the unit's report for
    the period is submitted only a controller corrects it, with a reason (FU-006); once adopted,
    no one (FU-012)."""
    unit = goal.org_unit if goal is not None else assignment.receiver if assignment is not None else None
    if actor is not None:
        require(actor, "measurement.record", unit)
    if unit is None or period.group_id != unit.group_id:
        raise RuleViolation("FU-005", _("The period belongs to another municipal group's calendar."), {}, field="period")
    model = unit.group.governance
    if goal is not None:
        check_measurement_year(goal.span, period.end.year)
    check_assessment(measurable=goal.measurable if goal is not None else True, status=status, analysis=analysis, model=model)
    suggested = goal_suggested_status(goal, period).code if goal is not None and goal.measurable else ""
    existing = Assessment.objects.select_for_update().filter(period=period, goal=goal, assignment=assignment).first()
    if existing is not None and (existing.status, existing.analysis, existing.suggested_status) == (status, analysis.strip(), suggested):
        return existing  # no change: nothing to check, write or record
    late = _check_reported(actor, unit, Report.objects.filter(org_unit=unit, period=period), reason)
    before = audit.snapshot(existing, ["status", "analysis"]) if existing else None
    assessment = existing or Assessment(group=unit.group, period=period, goal=goal, assignment=assignment)
    assessment.status, assessment.analysis, assessment.suggested_status, assessment.assessed_by = status, analysis.strip(), suggested, as_user(actor)
    checked(assessment)
    audit.record(
        actor=actor,
        action="assessment.corrected" if late else "assessment.recorded",
        obj=assessment,
        org_unit=unit,
        before=before,
        after={**audit.snapshot(assessment, ["status", "suggested_status", "analysis"]), **({"reason": reason.strip()} if late else {})},
    )
    return assessment


def _report_unit_check(actor: Actor, perm: str, report: Report) -> Report:
    if actor is not None:
        require(actor, perm, report.org_unit)
    return Report.objects.select_for_update().select_related("org_unit", "period", "group").get(pk=report.pk)


@transaction.atomic
def report_create(*, actor: Actor, org_unit: OrgUnit, period: ReportingPeriod, analysis: str = "") -> Report:
    """A unit's report for a period, starting as a draft."""
    if actor is not None:
        require(actor, "report.write", org_unit)
    if period.group_id != org_unit.group_id:
        raise RuleViolation("FU-005", _("The period belongs to another municipal group's calendar."), {}, field="period")
    if Report.objects.filter(org_unit=org_unit, period=period).exists():
        raise RuleViolation("FU-008", _("The unit already has a report for this period."), {"period": str(period)}, field="period")
    report = checked(Report(group=org_unit.group, org_unit=org_unit, period=period, analysis=analysis.strip()))
    audit.record(actor=actor, action="report.created", obj=report, org_unit=org_unit, after=audit.snapshot(report, ["period", "state", "analysis"]))
    return report


@transaction.atomic
def report_write_analysis(*, actor: Actor, report: Report, analysis: str) -> Report:
    report = _report_unit_check(actor, "report.write", report)
    if report.state != ReportState.DRAFT:
        check_report_transition(report.state, ReportState.DRAFT)  # only a draft is written in
    before = audit.snapshot(report, ["analysis"])
    report.analysis = analysis.strip()
    check_lengths(report)
    report.save(update_fields=["analysis"])
    audit.record(actor=actor, action="report.written", obj=report, org_unit=report.org_unit, before=before, after=audit.snapshot(report, ["analysis"]))
    return report


def _move(actor: Actor, report: Report, state: str, action: str) -> Report:
    check_report_transition(report.state, state)
    before = {"state": report.state}
    report.state = state
    now = timezone.now()
    if state == ReportState.SUBMITTED:
        report.submitted_at = now
    elif state == ReportState.REVIEWED:
        report.reviewed_at = now
    report.save()
    audit.record(actor=actor, action=action, obj=report, org_unit=report.org_unit, before=before, after={"state": state})
    return report


@transaction.atomic
def report_submit(*, actor: Actor, report: Report) -> Report:
    """The unit (its officials, or a controller) submits the report, once every section KS and the
    unit's committee require is filled (FU-013)."""
    from styr.followup.sections import check_report_sections

    report = _report_unit_check(actor, "report.write", report)
    check_report_transition(report.state, ReportState.SUBMITTED)
    check_report_sections(report)
    return _move(actor, report, ReportState.SUBMITTED, "report.submitted")


@transaction.atomic
def report_return(*, actor: Actor, report: Report) -> Report:
    """A controller sends a submitted or reviewed report back to draft."""
    return _move(actor, _report_unit_check(actor, "report.review", report), ReportState.DRAFT, "report.returned")


@transaction.atomic
def report_review(*, actor: Actor, report: Report) -> Report:
    """The controller reviews the submitted report, ready for the body's decision."""
    return _move(actor, _report_unit_check(actor, "report.review", report), ReportState.REVIEWED, "report.reviewed")


@transaction.atomic
def report_adopt(*, actor: Actor, report: Report, decided_on: date, paragraph: str, registration_number: str) -> Report:
    """The body adopts its own report (a politician of the body itself): a Decision is recorded and
    the content frozen (JSON + SHA-256), shown exactly as decided ever after."""
    from styr.documents.builders import report_content_build
    from styr.domain.plans import snapshot_hash
    from styr.planning.services.plans import decision_record

    report = _report_unit_check(actor, "report.adopt", report)
    if report.org_unit.level_kind not in POLITICAL_KINDS:
        raise RuleViolation("FU-009", _("Only a political body adopts a report; a unit's report ends reviewed."), {"kind": report.org_unit.kind})
    check_report_transition(report.state, ReportState.ADOPTED)
    content = report_content_build(unit=report.org_unit, period=report.period, analysis=report.analysis)
    content["meta"]["decision"] = {"date": decided_on.isoformat(), "paragraph": paragraph, "registration_number": registration_number}
    decision = decision_record(
        actor=actor, body=report.org_unit, decided_on=decided_on, paragraph=paragraph, registration_number=registration_number, title=str(report)
    )
    report.state, report.decision, report.snapshot, report.snapshot_sha256, report.adopted_at = (
        ReportState.ADOPTED,
        decision,
        content,
        snapshot_hash(content),
        timezone.now(),
    )
    report.save()
    audit.record(
        actor=actor,
        action="report.adopted",
        obj=report,
        org_unit=report.org_unit,
        before={"state": "reviewed"},
        after={"snapshot_sha256": report.snapshot_sha256},
    )
    return report

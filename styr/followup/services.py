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
from styr.core.bounds import check_lengths, checked
from styr.core.permissions import can, require
from styr.core.unique import unique_or
from styr.domain.calendar import (
    check_open_or_corrected,
    check_report_open_or_corrected,
    check_report_transition,
    closes_on,
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
    Measurement,
    Report,
    ReportingPeriod,
    ReportState,
    ValueSource,
)
from styr.followup.services_calendar import calendar_adopt as calendar_adopt
from styr.followup.services_calendar import calendar_create as calendar_create
from styr.followup.services_calendar import committee_months_set as committee_months_set
from styr.followup.services_calendar import meeting_add as meeting_add
from styr.organisation.models import OrgUnit
from styr.planning.models import Assignment, DevelopmentGoal, GoalIndicator, QualityIndicator
from styr.planning.services.endings import check_follow_up_open


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
    check_follow_up_open(indicator, period)
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
    check_follow_up_open(indicator, period)
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
    check_follow_up_open(goal or assignment, period.start)
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
    if goal is not None:
        # the goal's latest assessment as KS's overview reads it: this one, unless a later period's is kept
        DevelopmentGoal.objects.filter(pk=goal.pk).filter(Q(assessed_until__isnull=True) | Q(assessed_until__lte=period.end)).update(
            assessed_until=period.end, latest_status=status
        )
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
    taken = RuleViolation("FU-008", _("The unit already has a report for this period."), {"period": str(period)}, field="period")
    if Report.objects.filter(org_unit=org_unit, period=period).exists():
        raise taken
    with unique_or(taken):  # two created at once: FU-008 for the second too
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

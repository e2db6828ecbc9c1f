"""The årshjul's writes (seed §6.5, §7): KS's calendar for a year with its reporting periods and
deadlines, a committee's own reporting months, the bodies' meetings, and KS's adoption, which
locks the calendar. Split out of ``followup.services`` by concept; that module re-exports the
public ones."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from styr.core import audit
from styr.core.actors import Actor
from styr.core.bounds import check_dates, checked
from styr.core.permissions import require
from styr.core.unique import unique_or
from styr.domain.calendar import (
    MONTHLY_REPORT,
    Period,
    build_periods,
    check_ks_minimum,
    check_meeting_after_deadline,
    check_months,
    deadlines,
    month_end,
)
from styr.domain.errors import RuleViolation, _
from styr.domain.levels import LevelKind
from styr.followup.models import (
    Deadline,
    Meeting,
    PlanningCalendar,
    ReportingPeriod,
    ReportRequirement,
)
from styr.organisation.models import MunicipalGroup, OrgUnit


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
    taken = RuleViolation("CAL-005", _("The group already has a planning calendar for %(year)s."), {"year": year}, field="year")
    if PlanningCalendar.objects.filter(group=group, year=year).exists():
        raise taken
    with unique_or(taken):  # two created at once: the second is refused by the constraint, as CAL-005
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

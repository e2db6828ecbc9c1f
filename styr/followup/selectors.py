"""Reads of the planning calendar, its periods and the reports."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import F, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils.translation import gettext

from styr.core.permissions import require_visible, scope_q
from styr.domain.levels import LevelKind
from styr.domain.org_tree import subtree_ids
from styr.domain.planning_year import STEPS
from styr.followup.models import Assessment, Deadline, Measurement, MilestoneKind, PlanningCalendar, PlanningMilestone, Report, ReportingPeriod
from styr.organisation.models import MunicipalGroup, OrgUnit


def calendar_get(user: Any, group: MunicipalGroup, year: int) -> PlanningCalendar:
    """Everyone with a role in the group reads its årshjul."""
    if not OrgUnit.objects.filter(scope_q(user, "pk"), group=group).exists():
        raise Http404
    calendar = (
        PlanningCalendar.objects.filter(group=group, year=year)
        .select_related("decision")
        .prefetch_related(
            Prefetch("periods", queryset=ReportingPeriod.objects.select_related("org_unit").prefetch_related("deadlines")),
            "meetings__body",
            "milestones",
        )
        .first()
    )
    if calendar is None:
        raise Http404
    return calendar


def reporting_period_get(user: Any, unit: OrgUnit, pk: int) -> ReportingPeriod:
    """A reporting period of the unit's group, for those who may see the unit (404 for another group's)."""
    require_visible(user, unit)
    period = ReportingPeriod.objects.filter(pk=pk, group_id=unit.group_id).select_related("calendar").first()
    if period is None:
        raise Http404
    return period


def report_get(user: Any, unit: OrgUnit, period: ReportingPeriod) -> Report | None:
    """The unit's report for the period, if one was started."""
    require_visible(user, unit)
    return Report.objects.filter(org_unit=unit, period=period).first()


def milestone_title(milestone: PlanningMilestone) -> str:
    """The step's title in the user's language, naming the year it plans ("Mål och budget 2028")."""
    return gettext(STEPS[milestone.kind].title) % {"year": milestone.calendar.year + 1, "last_year": milestone.calendar.year - 1}


def milestone_responsible(milestone: PlanningMilestone, level_label: Any) -> str:
    """Who answers for the step: the council, KS, or each committee and the board (and each
    company board: the internal control plans)."""
    if milestone.kind == MilestoneKind.INTERNAL_CONTROL_PLAN:
        return gettext("each committee, the board and each company board")
    if milestone.level == LevelKind.COMMITTEE:
        return gettext("each committee and the board")
    return str(level_label(milestone.level))


@dataclass(frozen=True)
class CalendarEvent:
    day: date
    title: str
    kind: str  # "deadline", "meeting", "milestone" (a step of the planning year) or "project" (a project's milestone)
    uid: str


def calendar_events(calendar: PlanningCalendar, *, level_label: Any, user: Any = None) -> list[CalendarEvent]:
    """Every deadline, meeting (the owner dialogues among them) and planning step of the calendar,
    in date order (the list view, the wheel and iCalendar); with ``user``, the milestones of the
    project assignments the user sees that fall in the year too (PROJ-004)."""
    events: list[CalendarEvent] = []
    for period in calendar.periods.all():
        scope_text = f" – {period.org_unit.name}" if period.org_unit else ""
        deadline: Deadline
        for deadline in period.deadlines.all():
            events.append(
                CalendarEvent(
                    deadline.due,
                    f"{period.get_kind_display()} {period.end:%Y-%m}{scope_text}: {level_label(deadline.level)}",
                    "deadline",
                    f"deadline-{deadline.pk}",
                )
            )
    for meeting in calendar.meetings.all():
        events.append(CalendarEvent(meeting.date, f"{meeting.body.name}: {meeting.title}", "meeting", f"meeting-{meeting.pk}"))
    # the parent company's owner dialogues with its subsidiaries (issue 12 §5): meetings of the year
    from styr.control.selectors.companies import owner_dialogues_in_calendar

    for dialogue in owner_dialogues_in_calendar(calendar.group_id, calendar.year):
        title = f"{gettext('Owner dialogue')}: {dialogue.parent_company.name} – {dialogue.company.name}"
        events.append(CalendarEvent(dialogue.held_on, f"{title}: {dialogue.title}" if dialogue.title else title, "meeting", f"owner-dialogue-{dialogue.pk}"))
    for milestone in calendar.milestones.all():
        events.append(
            CalendarEvent(
                milestone.due, f"{milestone_title(milestone)}: {milestone_responsible(milestone, level_label)}", "milestone", f"milestone-{milestone.pk}"
            )
        )
    if user is not None:
        from styr.planning.selectors_projects import project_milestones_in_year

        for project in project_milestones_in_year(user, group_id=calendar.group_id, year=calendar.year):
            title = f"{gettext('Project milestone')}: {project.assignment.title} – {project.title} ({project.assignment.receiver.name})"
            events.append(CalendarEvent(project.due, title, "project", f"project-milestone-{project.pk}"))
    return sorted(events, key=lambda e: (e.day, e.title))


# --- Values, assessments, reports and comments for the API (issue 13 §4) --------------------


def latest_values(prefix: str = "") -> Prefetch[Any]:
    """Each goal indicator's latest value only, as ``latest_values`` (a list of none or one): the
    goal lists carry it instead of every value (one query for all the indicators listed,
    whatever the number of values; issue 13 §4). ``prefix`` is the lookup's path to the indicators."""
    latest = Measurement.objects.filter(indicator_id=OuterRef("indicator_id")).order_by("-period").values("period")[:1]
    return Prefetch(f"{prefix}measurements", queryset=Measurement.objects.filter(period=Subquery(latest)), to_attr="latest_values")


def value_list(
    user: Any,
    *,
    indicator: int | None = None,
    quality_indicator: int | None = None,
    goal: int | None = None,
    org_unit: OrgUnit | None = None,
    subtree: bool = False,
    period_from: date | None = None,
    period_to: date | None = None,
    source: str | None = None,
) -> QuerySet[Any]:
    """Follow-up values of the indicators the user may see (a goal indicator's by its goal's unit,
    a quality indicator's by its factor's unit), filtered, oldest first, with their unit and goal
    annotated (one query for a page, whatever it holds)."""
    values = Measurement.objects.annotate(
        unit_id=Coalesce(F("indicator__goal__org_unit_id"), F("quality_indicator__factor__org_unit_id")),
        goal_id=F("indicator__goal_id"),
    ).filter(scope_q(user, "unit_id"))
    if indicator is not None:
        values = values.filter(indicator_id=indicator)
    if quality_indicator is not None:
        values = values.filter(quality_indicator_id=quality_indicator)
    if goal is not None:
        values = values.filter(indicator__goal_id=goal)
    if org_unit is not None:
        if subtree:
            parent_of: dict[int, int | None] = dict(OrgUnit.objects.filter(group_id=org_unit.group_id).values_list("id", "parent_id"))
            values = values.filter(unit_id__in=sorted(subtree_ids(parent_of, [org_unit.pk])))
        else:
            values = values.filter(unit_id=org_unit.pk)
    if period_from is not None:
        values = values.filter(period__gte=period_from.replace(day=1))
    if period_to is not None:
        values = values.filter(period__lte=period_to)
    if source:
        values = values.filter(source=source)
    return values.order_by("period", "indicator_id", "quality_indicator_id", "pk")


def assessment_list(
    user: Any,
    *,
    period: int | None = None,
    goal: int | None = None,
    assignment: int | None = None,
    org_unit: OrgUnit | None = None,
    year: int | None = None,
) -> QuerySet[Assessment]:
    """Assessments of the goals and assignments the user may see (a goal's by its unit, an
    assignment's by its receiver), in period order, with their unit annotated."""
    assessments = Assessment.objects.annotate(unit_id=Coalesce(F("goal__org_unit_id"), F("assignment__receiver_id"))).filter(scope_q(user, "unit_id"))
    if period is not None:
        assessments = assessments.filter(period_id=period)
    if goal is not None:
        assessments = assessments.filter(goal_id=goal)
    if assignment is not None:
        assessments = assessments.filter(assignment_id=assignment)
    if org_unit is not None:
        assessments = assessments.filter(unit_id=org_unit.pk)
    if year is not None:
        assessments = assessments.filter(period__end__year=year)
    return assessments.select_related("period", "assessed_by").order_by("period__end", "pk")


def report_list(
    user: Any, *, year: int | None = None, period: int | None = None, org_unit: OrgUnit | None = None, state: str | None = None
) -> QuerySet[Report]:
    """Reports of the units the user may see, newest period first."""
    reports = Report.objects.filter(scope_q(user))
    if year is not None:
        reports = reports.filter(period__end__year=year)
    if period is not None:
        reports = reports.filter(period_id=period)
    if org_unit is not None:
        reports = reports.filter(org_unit=org_unit)
    if state:
        reports = reports.filter(state=state)
    return reports.select_related("period", "decision").order_by("-period__end", "org_unit_id", "pk")


def report_get_by_id(user: Any, pk: int) -> Report:
    """One report, for those who see its unit (404 for anyone else)."""
    report = Report.objects.select_related("org_unit", "period", "decision", "group").filter(pk=pk).first()
    if report is None:
        raise Http404
    require_visible(user, report.org_unit)
    return report

"""Reads of the årshjul for the API (issue 13 §4): the group's calendars, reporting periods,
deadlines, meetings and report requirements, read by everyone with a role in the group, as the
årshjul page is (``selectors.calendar_get``); nothing for anyone else."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from styr.core.permissions import scope_q
from styr.followup.models import Deadline, Meeting, PlanningCalendar, ReportingPeriod, ReportRequirement
from styr.organisation.models import MunicipalGroup, OrgUnit


def _reads_group(user: Any, group: MunicipalGroup) -> bool:
    return OrgUnit.objects.filter(scope_q(user, "pk"), group=group).exists()


def calendar_list(user: Any, group: MunicipalGroup) -> QuerySet[PlanningCalendar]:
    """The group's årshjul, newest year first (none for someone without a role in the group)."""
    if not _reads_group(user, group):
        return PlanningCalendar.objects.none()
    return PlanningCalendar.objects.filter(group=group).select_related("decision").order_by("-year")


def reporting_period_list(
    user: Any, group: MunicipalGroup, *, year: int | None = None, kind: str | None = None, org_unit: OrgUnit | None = None
) -> QuerySet[ReportingPeriod]:
    """The group's reporting periods with their deadlines; ``org_unit`` gives the group's own
    periods and the committee's own monthly reports, as that committee reports them."""
    if not _reads_group(user, group):
        return ReportingPeriod.objects.none()
    periods = ReportingPeriod.objects.filter(group=group).select_related("calendar").prefetch_related("deadlines")
    if year is not None:
        periods = periods.filter(calendar__year=year)
    if kind is not None:
        periods = periods.filter(kind=kind)
    if org_unit is not None:
        periods = periods.filter(Q(org_unit__isnull=True) | Q(org_unit=org_unit))
    return periods.order_by("end", "kind", "pk")


def reporting_period_of_group(user: Any, group: MunicipalGroup, pk: int) -> ReportingPeriod:
    """One of the group's reporting periods (404 for another group's, or without a role in the group)."""
    period = reporting_period_list(user, group).filter(pk=pk).first()
    if period is None:
        raise Http404
    return period


def deadline_list(user: Any, group: MunicipalGroup, *, year: int | None = None, period: int | None = None, level: str | None = None) -> QuerySet[Deadline]:
    """The group's deadlines, earliest first."""
    if not _reads_group(user, group):
        return Deadline.objects.none()
    deadlines = Deadline.objects.filter(group=group).select_related("period")
    if year is not None:
        deadlines = deadlines.filter(period__calendar__year=year)
    if period is not None:
        deadlines = deadlines.filter(period_id=period)
    if level is not None:
        deadlines = deadlines.filter(level=level)
    return deadlines.order_by("due", "period__end", "pk")


def meeting_list(user: Any, group: MunicipalGroup, *, year: int | None = None, body: OrgUnit | None = None) -> QuerySet[Meeting]:
    """The bodies' meetings in the group's årshjul, in date order."""
    if not _reads_group(user, group):
        return Meeting.objects.none()
    meetings = Meeting.objects.filter(group=group).select_related("calendar")
    if year is not None:
        meetings = meetings.filter(calendar__year=year)
    if body is not None:
        meetings = meetings.filter(body=body)
    return meetings.order_by("date", "pk")


def report_requirement_list(user: Any, calendar: PlanningCalendar) -> QuerySet[ReportRequirement]:
    """KS's minimum (no body) and the bodies' own sections, per kind of report, of one årshjul."""
    if not _reads_group(user, calendar.group):
        return ReportRequirement.objects.none()
    return ReportRequirement.objects.filter(calendar=calendar).order_by("kind", "org_unit_id", "pk")

"""Reads of the planning calendar."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Prefetch
from django.http import Http404

from styr.core.permissions import scope_q
from styr.followup.models import Deadline, PlanningCalendar, ReportingPeriod
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
        )
        .first()
    )
    if calendar is None:
        raise Http404
    return calendar


@dataclass(frozen=True)
class CalendarEvent:
    day: date
    title: str
    kind: str  # "deadline" or "meeting"
    uid: str


def calendar_events(calendar: PlanningCalendar, *, level_label: Any) -> list[CalendarEvent]:
    """Every deadline and meeting of the calendar, in date order (the list view, the wheel and iCalendar)."""
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
    return sorted(events, key=lambda e: (e.day, e.title))

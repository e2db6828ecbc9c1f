"""The start page ("Att göra", issue 8, point 6): what waits for the signed-in person — reports
to write and submit, review or adopt with their deadlines, items they own that are overdue,
comments that mention them, and their units. Read with the user; a fixed number of queries
however large the organisation is."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Q

from styr.core.permissions import can, grants_for, scope_q
from styr.domain.calendar import level_deadline
from styr.domain.governing_documents import PASSED, review_state
from styr.domain.levels import POLITICAL_KINDS
from styr.followup.dialogue import mentioned
from styr.followup.models import Comment, Deadline, Meeting, Report, ReportingPeriod, ReportState
from styr.followup.reminders import OverdueItem, overdue_items
from styr.organisation.models import GoverningDocument, MunicipalGroup, OrgUnit, RoleAssignment
from styr.organisation.selectors import review_deadlines_for

#: Which reports wait for whom: the state, and the permission that moves it on.
STEPS = (
    ("write", ReportState.DRAFT, "report.write"),
    ("review", ReportState.SUBMITTED, "report.review"),
    ("adopt", ReportState.REVIEWED, "report.adopt"),
)


#: How far back a period without a report is still shown as one to write.
NOT_STARTED_DAYS = 62


@dataclass(frozen=True)
class ReportTask:
    step: str  # "write" (and submit), "review" or "adopt"
    unit: OrgUnit
    period: ReportingPeriod
    report: Report | None  # None: not started yet
    due: date | None  # the unit's own deadline for the period
    meeting: date | None = None  # for adoption: the body's meeting that adopts the period
    late: bool = False  # a report still to be written past its deadline (the rest wait for review or a meeting)


@dataclass(frozen=True)
class ReviewDeadline:
    document: GoverningDocument
    passed: bool


@dataclass
class Todo:
    reports: dict[str, list[ReportTask]] = field(default_factory=lambda: {step: [] for step, _state, _perm in STEPS})
    overdue: list[OverdueItem] = field(default_factory=list)
    mentions: list[Comment] = field(default_factory=list)
    roles: list[RoleAssignment] = field(default_factory=list)
    #: governing documents of the person's units to revise: passed or coming review dates (DOC-002)
    reviews: list[ReviewDeadline] = field(default_factory=list)

    @property
    def report_count(self) -> int:
        return sum(len(tasks) for tasks in self.reports.values())

    @property
    def empty(self) -> bool:
        return not (self.report_count or self.overdue or self.mentions or self.reviews)


def todo_for(user: Any, *, today: date, mention_limit: int = 10) -> Todo:
    """What waits for ``user`` on ``today``, in every group the user has a role in."""
    todo = Todo()
    todo.roles = list(RoleAssignment.objects.filter(user=user).select_related("org_unit").order_by("org_unit__name", "role"))
    if not todo.roles and not getattr(user, "is_superuser", False):
        return todo
    reports = list(
        Report.objects.filter(
            Q(state=ReportState.DRAFT) & scope_q(user, "org_unit_id", "report.write")
            | Q(state=ReportState.SUBMITTED) & scope_q(user, "org_unit_id", "report.review")
            | Q(state=ReportState.REVIEWED, org_unit__kind__in=[k.value for k in POLITICAL_KINDS]) & scope_q(user, "org_unit_id", "report.adopt")
        )
        .select_related("org_unit", "period")
        .order_by("period__end", "org_unit__name")
    )
    grants = grants_for(user)
    allowed = {perm: grants.units_for(perm) for _step, _state, perm in STEPS}
    # my own units' periods that have ended lately without a report: still to be started
    # (an administration's officials write the report of the committee it serves, not one of their own)
    serving = grants.served_by_own_administration
    mine = [r.org_unit for r in todo.roles if r.org_unit_id in allowed["report.write"] and r.org_unit.parent_id not in serving]
    mine += list(OrgUnit.objects.filter(pk__in=serving & allowed["report.write"]))
    recent = list(
        ReportingPeriod.objects.filter(group__in={u.group_id for u in mine}, end__lt=today, end__gte=today - timedelta(days=NOT_STARTED_DAYS))
        .filter(Q(org_unit__isnull=True) | Q(org_unit__in=mine))
        .order_by("end")
    )
    started = set(Report.objects.filter(org_unit__in=mine, period__in=recent).values_list("org_unit_id", "period_id"))
    periods = {r.period_id for r in reports} | {p.pk for p in recent}
    due = {(d.period_id, d.level): d.due for d in Deadline.objects.filter(period__in=periods)}
    meetings = {(m.period_id, m.body_id): m.date for m in Meeting.objects.filter(period__in=periods).order_by("-date")}

    def deadline(unit: OrgUnit, period_id: int) -> date | None:
        return level_deadline(due, period_id, unit.kind)

    for unit in dict.fromkeys(mine):
        for period in recent:
            if period.group_id == unit.group_id and period.org_unit_id in (None, unit.pk) and (unit.pk, period.pk) not in started:
                when = deadline(unit, period.pk)
                todo.reports["write"].append(ReportTask("write", unit, period, None, when, None, when is not None and when < today))
    for report in reports:
        for step, state, perm in STEPS:
            if report.state == state and report.org_unit_id in allowed[perm]:
                when = deadline(report.org_unit, report.period_id)
                late = step == "write" and when is not None and when < today
                meeting = meetings.get((report.period_id, report.org_unit_id))
                todo.reports[step].append(ReportTask(step, report.org_unit, report.period, report, when, meeting, late))
    for tasks in todo.reports.values():
        tasks.sort(key=lambda t: (t.due or date.max, t.unit.name))
    groups = MunicipalGroup.objects.filter(pk__in={r.group_id for r in todo.roles}) if todo.roles else MunicipalGroup.objects.all()
    for group in groups:
        todo.overdue += [i for i in overdue_items(user, group=group, today=today) if user in (i.owner, i.deputy)]
    todo.mentions = _mentions(user, limit=mention_limit)
    todo.reviews = [
        ReviewDeadline(d, review_state(d.review_by, today) == PASSED) for d in review_deadlines_for(user, today=today) if review_state(d.review_by, today)
    ]
    return todo


def _mentions(user: Any, *, limit: int) -> list[Comment]:
    """The latest comments that ``@mention`` the user, on items the user may see."""
    name = user.get_username()
    found = []
    candidates = Comment.objects.filter(scope_q(user, "org_unit_id"), text__icontains=f"@{name}").select_related(
        "org_unit", "goal", "report__period", "report__org_unit", "assessment__goal"
    )
    for comment in candidates.order_by("-created_at", "-pk")[: limit * 3]:
        if name in mentioned(comment.text) and can(user, "unit.view", comment.org_unit):
            found.append(comment)
    return found[:limit]

"""Reading a project's organisation and timetable and a process's reviews (seed §7, PROJ-001…005):
readable by whoever sees the assignment's issuer or receiver, like the assignment itself."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from styr.core.permissions import can, scope_q
from styr.domain.projects import PROJECT, StepState, step_state
from styr.organisation.models import MunicipalGroup, OrgUnit
from styr.planning.models import Assignment, ProcessReview, ProjectMember, ProjectMilestone


def _seen(user: Any) -> Q:
    return scope_q(user, "assignment__issuer_id") | scope_q(user, "assignment__receiver_id")


def _get(queryset: QuerySet[Any], user: Any, pk: int) -> Any:
    obj = queryset.select_related("assignment__issuer", "assignment__receiver").filter(pk=pk).first()
    if obj is None or not (can(user, "unit.view", obj.assignment.issuer) or can(user, "unit.view", obj.assignment.receiver)):
        raise Http404
    return obj


def project_milestone_list(user: Any, *, assignment: Assignment | None = None) -> QuerySet[ProjectMilestone]:
    qs = ProjectMilestone.objects.filter(_seen(user)).select_related("assignment")
    return qs.filter(assignment=assignment) if assignment is not None else qs


def project_milestone_get(user: Any, pk: int) -> ProjectMilestone:
    return _get(ProjectMilestone.objects.all(), user, pk)  # type: ignore[no-any-return]


def process_review_list(user: Any, *, assignment: Assignment | None = None) -> QuerySet[ProcessReview]:
    qs = ProcessReview.objects.filter(_seen(user)).select_related("assignment")
    return qs.filter(assignment=assignment) if assignment is not None else qs


def process_review_get(user: Any, pk: int) -> ProcessReview:
    return _get(ProcessReview.objects.all(), user, pk)  # type: ignore[no-any-return]


def project_member_list(user: Any, *, assignment: Assignment | None = None) -> QuerySet[ProjectMember]:
    qs = ProjectMember.objects.filter(_seen(user)).select_related("assignment", "person", "org_unit")
    return qs.filter(assignment=assignment) if assignment is not None else qs


def project_member_get(user: Any, pk: int) -> ProjectMember:
    return _get(ProjectMember.objects.select_related("person", "org_unit"), user, pk)  # type: ignore[no-any-return]


def project_milestones_in_year(user: Any, *, group_id: int, year: int) -> QuerySet[ProjectMilestone]:
    """The milestones of the living project assignments the user sees that fall in ``year``: the
    årshjul and its iCalendar export show them (one query)."""
    return (
        ProjectMilestone.objects.filter(_seen(user), group_id=group_id, due__year=year, assignment__execution_form=PROJECT, assignment__ended_on__isnull=True)
        .select_related("assignment__receiver")
        .order_by("due", "pk")
    )


@dataclass(frozen=True)
class LateMilestone:
    """A project milestone past its day and not done (PROJ-004), with where it belongs."""

    milestone: ProjectMilestone
    assignment: Assignment
    issuer: OrgUnit
    receiver: OrgUnit
    days_late: int


def late_project_milestones(user: Any, *, group: MunicipalGroup, today: date, year: int | None = None, issuer: OrgUnit | None = None) -> list[LateMilestone]:
    """The milestones of living project assignments the user sees whose day has passed and which are
    not done (PROJ-004), oldest first: on KS's overview (``year``: due that year) and on the issuer's
    plan page (``issuer``). One query, whatever the number of units."""
    qs = ProjectMilestone.objects.filter(
        _seen(user),
        group=group,
        done_on__isnull=True,
        due__lt=today,
        assignment__execution_form=PROJECT,
        assignment__ended_on__isnull=True,
    ).select_related("assignment__issuer", "assignment__receiver")
    if year is not None:
        qs = qs.filter(due__year=year)
    if issuer is not None:
        qs = qs.filter(assignment__issuer=issuer)
    return [
        LateMilestone(m, m.assignment, m.assignment.issuer, m.assignment.receiver, (today - m.due).days)
        for m in qs.order_by("due", "pk")
        if step_state(due=m.due, done_on=m.done_on, today=today) is StepState.LATE
    ]


@dataclass(frozen=True)
class Step:
    """A milestone or a review with its state (PROJ-004), as a page shows it."""

    title: str
    due: date
    done_on: date | None
    state: str


def with_parts(assignments: QuerySet[Assignment], today: date) -> list[Assignment]:
    """The assignments with their project organisation and timetable or their process, in a fixed
    number of queries: each gets ``timetable``, its milestones or reviews with their states."""
    found = list(
        assignments.select_related("project_owner", "project_lead", "process_owner").prefetch_related(
            "project_milestones", "process_reviews", "process_documents", "project_members__person", "project_members__org_unit"
        )
    )
    for a in found:
        steps = a.project_milestones.all() if a.execution_form == PROJECT else a.process_reviews.all()
        a.timetable = [Step(s.title, s.due, s.done_on, str(step_state(due=s.due, done_on=s.done_on, today=today))) for s in steps]  # type: ignore[attr-defined]
    return found

"""Writes to a project's organisation and timetable and a process's reviews (seed §7 "Uppdrag inom
linjen, projekt och process", PROJ-001…005). The issuer sets up the project's organisation with the
assignment (``assignment.write``); the receiver, who carries the assignment out, keeps the
timetable: its milestones and the process's reviews, and when each was done (``activity.write``)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from styr.core import audit, crud
from styr.core.actors import Actor
from styr.core.bounds import check_dates
from styr.domain.projects import PROCESS, PROCESS_FIELDS, PROJECT, PROJECT_FIELDS, check_form_parts, check_member, check_part_of, check_step_dates
from styr.organisation.models import OrgUnit
from styr.planning.models import Assignment, ProcessReview, ProjectMember, ProjectMilestone
from styr.planning.services.removal import check_open


def _filled(value: Any) -> bool:
    return value not in (None, "", [], ())


def check_parts(assignment: Assignment | None, fields: dict[str, Any]) -> None:
    """PROJ-001/002 on an assignment about to be saved: the parts it will have fit the form it will have,
    and changing the form does not leave a project's milestones or a process's reviews behind."""
    form = fields.get("execution_form", assignment.execution_form if assignment else "line")
    filled = {name for name in PROJECT_FIELDS + PROCESS_FIELDS if name in fields and _filled(fields[name])}
    if assignment is not None and assignment.pk is not None:
        for name in PROJECT_FIELDS + PROCESS_FIELDS:
            if name in fields:
                continue
            current = list(assignment.process_documents.all()) if name == "process_documents" else getattr(assignment, name)
            if _filled(current):
                filled.add(name)
        if form != PROJECT and (assignment.project_milestones.exists() or assignment.project_members.exists()):
            check_part_of(execution_form=form, part="milestone")
        if form != PROCESS and assignment.process_reviews.exists():
            check_part_of(execution_form=form, part="review")
    check_form_parts(execution_form=form, filled=filled)


def _assignment(assignment: Assignment) -> Assignment:
    """The assignment as stored now, locked for the change below it (its form may have changed meanwhile)."""
    return Assignment.objects.select_for_update().select_related("issuer", "receiver", "group").get(pk=assignment.pk)


# --- Milestones (the receiver's timetable) -----------------------------------------------------


def _step_create[S: ProjectMilestone | ProcessReview](
    actor: Actor, assignment: Assignment, model: type[S], part: str, action: str, *, with_deadline: bool, **fields: Any
) -> S:
    """A milestone of a project or a review date of a process: the receiver's to keep (PROJ-001,
    PROJ-003); a milestone falls by the assignment's deadline, a review date need not."""
    crud.allowed(actor, "activity.write", assignment.receiver)
    assignment = _assignment(assignment)
    check_open(assignment)
    check_part_of(execution_form=assignment.execution_form, part=part)
    check_dates(model, fields)
    deadline = assignment.deadline if with_deadline else None
    check_step_dates(due=fields["due"], done_on=fields.get("done_on"), deadline=deadline, today=timezone.localdate())
    return crud.create(
        actor=actor, perm="activity.write", unit=assignment.receiver, model=model, action=action, group=assignment.group, assignment=assignment, **fields
    )


def _step_update[S: ProjectMilestone | ProcessReview](actor: Actor, step: S, part: str, action: str, *, with_deadline: bool, **fields: Any) -> S:
    assignment = step.assignment
    crud.allowed(actor, "activity.write", assignment.receiver)
    assignment = _assignment(assignment)
    check_open(assignment)
    check_part_of(execution_form=assignment.execution_form, part=part)
    check_dates(type(step), fields)
    deadline = assignment.deadline if with_deadline else None
    due, done_on = fields.get("due", step.due), fields.get("done_on", step.done_on)
    check_step_dates(due=due, done_on=done_on, deadline=deadline, today=timezone.localdate())
    return crud.update(actor=actor, perm="activity.write", unit=assignment.receiver, obj=step, action=action, **fields)


@transaction.atomic
def project_milestone_create(*, actor: Actor, assignment: Assignment, title: str, due: date, done_on: date | None = None, note: str = "") -> ProjectMilestone:
    return _step_create(
        actor, assignment, ProjectMilestone, "milestone", "project_milestone.created", with_deadline=True, title=title, due=due, done_on=done_on, note=note
    )


@transaction.atomic
def project_milestone_update(*, actor: Actor, milestone: ProjectMilestone, **fields: Any) -> ProjectMilestone:
    return _step_update(actor, milestone, "milestone", "project_milestone.updated", with_deadline=True, **fields)


@transaction.atomic
def project_milestone_delete(*, actor: Actor, milestone: ProjectMilestone) -> None:
    crud.allowed(actor, "activity.write", milestone.assignment.receiver)
    check_open(milestone.assignment)
    crud.delete(actor=actor, perm="activity.write", unit=milestone.assignment.receiver, obj=milestone, action="project_milestone.deleted")


# --- Reviews of a process ----------------------------------------------------------------------


@transaction.atomic
def process_review_create(*, actor: Actor, assignment: Assignment, title: str, due: date, done_on: date | None = None, note: str = "") -> ProcessReview:
    return _step_create(
        actor, assignment, ProcessReview, "review", "process_review.created", with_deadline=False, title=title, due=due, done_on=done_on, note=note
    )


@transaction.atomic
def process_review_update(*, actor: Actor, review: ProcessReview, **fields: Any) -> ProcessReview:
    return _step_update(actor, review, "review", "process_review.updated", with_deadline=False, **fields)


@transaction.atomic
def process_review_delete(*, actor: Actor, review: ProcessReview) -> None:
    crud.allowed(actor, "activity.write", review.assignment.receiver)
    check_open(review.assignment)
    crud.delete(actor=actor, perm="activity.write", unit=review.assignment.receiver, obj=review, action="process_review.deleted")


# --- The project group and the steering group (the issuer's) -----------------------------------


@transaction.atomic
def project_member_create(
    *, actor: Actor, assignment: Assignment, body: str, person: Any = None, org_unit: OrgUnit | None = None, role_title: str = ""
) -> ProjectMember:
    crud.allowed(actor, "assignment.write", assignment.issuer)
    assignment = _assignment(assignment)
    check_open(assignment)
    check_part_of(execution_form=assignment.execution_form, part="member")
    check_member(person=person, org_unit=org_unit, role_title=role_title)
    return crud.create(
        actor=actor,
        perm="assignment.write",
        unit=assignment.issuer,
        model=ProjectMember,
        action="project_member.created",
        group=assignment.group,
        assignment=assignment,
        body=body,
        person=person,
        org_unit=org_unit,
        role_title=role_title.strip(),
    )


@transaction.atomic
def project_member_delete(*, actor: Actor, member: ProjectMember) -> None:
    crud.allowed(actor, "assignment.write", member.assignment.issuer)
    check_open(member.assignment)
    crud.delete(actor=actor, perm="assignment.write", unit=member.assignment.issuer, obj=member, action="project_member.deleted")


def parts_removed(*, actor: Actor, assignment: Assignment) -> None:
    """When an assignment is removed, each of its milestones, members and reviews gets its own
    audit event before the database cascades (issue 14 §2); run inside the delete's transaction."""
    parts: tuple[tuple[Any, str], ...] = (
        (ProjectMilestone, "project_milestone.deleted"),
        (ProcessReview, "process_review.deleted"),
        (ProjectMember, "project_member.deleted"),
    )
    for model, action in parts:
        for obj in model.objects.filter(assignment=assignment):
            audit.record(actor=actor, action=action, obj=obj, org_unit=assignment.issuer, before=audit.snapshot(obj))

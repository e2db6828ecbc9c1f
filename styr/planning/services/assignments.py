"""Writes to special assignments and activities (seed §5.C, §6.3, §7)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from styr.core import crud
from styr.core.actors import Actor
from styr.core.bounds import check_dates
from styr.domain.assignments import check_receiver
from styr.organisation.models import OrgUnit
from styr.planning.models import Activity, Assignment, DevelopmentGoal
from styr.planning.services.locks import require_open
from styr.planning.services.projects import check_parts, parts_removed
from styr.planning.services.removal import assignment_below, check_open, check_removable


def _check_receiver(issuer: OrgUnit, receiver: OrgUnit) -> None:
    check_receiver(
        issuer=issuer.pk,
        issuer_kind=issuer.level_kind,
        issuer_parent=issuer.parent_id,
        receiver_kind=receiver.level_kind,
        receiver_parent=receiver.parent_id if receiver.group_id == issuer.group_id else None,
    )


def assignment_create(*, actor: Actor, issuer: OrgUnit, receiver: OrgUnit, year: int, **fields: Any) -> Assignment:
    crud.allowed(actor, "assignment.write", issuer)
    check_dates(Assignment, fields)
    _check_receiver(issuer, receiver)
    check_parts(None, fields)
    require_open(issuer, [year])
    return crud.create(
        actor=actor,
        perm="assignment.write",
        unit=issuer,
        model=Assignment,
        action="assignment.created",
        group=issuer.group,
        issuer=issuer,
        receiver=receiver,
        year=year,
        **fields,
    )


def assignment_update(*, actor: Actor, assignment: Assignment, **fields: Any) -> Assignment:
    crud.allowed(actor, "assignment.write", assignment.issuer)
    check_open(assignment)
    check_dates(Assignment, fields)
    _check_receiver(assignment.issuer, fields.get("receiver", assignment.receiver))
    check_parts(assignment, fields)
    require_open(assignment.issuer, [assignment.year, fields.get("year", assignment.year)])
    return crud.update(actor=actor, perm="assignment.write", unit=assignment.issuer, obj=assignment, action="assignment.updated", **fields)


@transaction.atomic
def assignment_delete(*, actor: Actor, assignment: Assignment) -> None:
    """An assignment with activities or assessments is ended instead (DEL-001)."""
    crud.allowed(actor, "assignment.write", assignment.issuer)
    require_open(assignment.issuer, [assignment.year])
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    check_removable(assignment, assignment_below(assignment))
    parts_removed(actor=actor, assignment=assignment)
    crud.delete(actor=actor, perm="assignment.write", unit=assignment.issuer, obj=assignment, action="assignment.deleted")


def activity_create(*, actor: Actor, goal: DevelopmentGoal | None = None, assignment: Assignment | None = None, **fields: Any) -> Activity:
    """An activity belongs to the unit that carries it out: a goal's own unit, an assignment's receiver."""
    unit = goal.org_unit if goal is not None else assignment.receiver if assignment is not None else None
    crud.allowed(actor, "activity.write", unit)
    parent = goal if goal is not None else assignment
    if parent is not None:
        check_open(parent)
    check_dates(Activity, fields)
    return crud.create(
        actor=actor,
        perm="activity.write",
        unit=unit,
        model=Activity,
        action="activity.created",
        group=unit.group if unit else None,
        org_unit=unit,
        goal=goal,
        assignment=assignment,
        **fields,
    )


def activity_update(*, actor: Actor, activity: Activity, **fields: Any) -> Activity:
    crud.allowed(actor, "activity.write", activity.org_unit)
    check_open(activity)
    check_dates(Activity, fields)
    return crud.update(actor=actor, perm="activity.write", unit=activity.org_unit, obj=activity, action="activity.updated", **fields)


def activity_delete(*, actor: Actor, activity: Activity) -> None:
    crud.allowed(actor, "activity.write", activity.org_unit)
    check_open(activity)
    crud.delete(actor=actor, perm="activity.write", unit=activity.org_unit, obj=activity, action="activity.deleted")

"""The planning year in the årshjul (issue 10 §3): the steps of a calendar that plan the next
year, moved by KS's controllers before KS adopts the calendar (CAL-006…CAL-009) and confirmed by a
controller where no checker reads them from the data (CAL-010, CAL-011)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext
from ninja import Router, Schema, Status

from styr.api.schemas import ERRORS, Day, DbId, Input, Text, Year
from styr.api.versions import IfMatch, Version, expected_version
from styr.domain.planning_year import STEPS
from styr.followup import milestones
from styr.followup.milestone_progress import MilestoneProgress, milestone_get, milestone_list, progress
from styr.followup.models import MilestoneConfirmation, PlanningMilestone
from styr.followup.selectors import milestone_responsible, milestone_title
from styr.organisation.selectors import group_holding, group_of_user, org_unit_get

router = Router(tags=["Planning calendar"])


class BodyStepOut(Schema):
    id: int
    name: str
    done: bool
    #: a controller's confirmation, for a step no checker reads from the data
    confirmed_on: date | None
    confirmed_by: str | None
    #: the page where the body takes the step
    url: str


class MilestoneOut(Schema):
    id: int
    version: Version
    kind: str
    title: str
    #: the year the step plans (the calendar's year + 1)
    plan_year: int
    due: date
    #: COUNCIL, EXECUTIVE_BOARD, or COMMITTEE (each committee and the board)
    level: str
    responsible: str
    completed_when: str
    #: read from the data (true) or confirmed by a controller (false)
    checked: bool
    done: bool
    done_count: int
    total: int
    overdue: bool
    bodies: list[BodyStepOut]


class MilestoneMoveIn(Input):
    due: Day


class ConfirmationIn(Input):
    body: DbId
    note: Text = ""


class ConfirmationOut(Schema):
    id: int
    milestone_id: int
    body_id: int
    confirmed_on: date
    confirmed_by: str
    note: str


def _out(item: MilestoneProgress, request: HttpRequest) -> dict[str, Any]:
    from django.utils import timezone

    milestone = item.milestone
    group = milestone.calendar.group
    return {
        "id": milestone.pk,
        "version": milestone.version,
        "kind": milestone.kind,
        "title": milestone_title(milestone),
        "plan_year": milestone.calendar.year + 1,
        "due": milestone.due,
        "level": milestone.level,
        "responsible": milestone_responsible(milestone, lambda kind: group.governance.level_label(kind, request.LANGUAGE_CODE)),
        "completed_when": gettext(STEPS[milestone.kind].completed_when) % {"year": milestone.calendar.year + 1, "last_year": milestone.calendar.year - 1},
        "checked": item.checked,
        "done": item.done,
        "done_count": item.done_count,
        "total": item.total,
        "overdue": item.overdue(timezone.localdate()),
        "bodies": [
            {
                "id": step.body.pk,
                "name": step.body.name,
                "done": step.done,
                "confirmed_on": step.confirmation.confirmed_on if step.confirmation else None,
                "confirmed_by": step.confirmation.confirmed_by_name if step.confirmation else None,
                "url": step.url,
            }
            for step in item.bodies
        ],
    }


def _confirmation_out(confirmation: MilestoneConfirmation) -> dict[str, Any]:
    return {
        "id": confirmation.pk,
        "milestone_id": confirmation.milestone_id,
        "body_id": confirmation.body_id,
        "confirmed_on": confirmation.confirmed_on,
        "confirmed_by": confirmation.confirmed_by_name,
        "note": confirmation.note,
    }


@router.get(
    "/planning-calendars/{year}/milestones",
    response={200: list[MilestoneOut], **ERRORS},
    summary="The planning year's steps in the group's årshjul for a year, each body's part done or missing",
)
def list_milestones(request: HttpRequest, year: Year) -> list[dict[str, Any]]:
    return [_out(item, request) for item in milestone_list(request.user, group_of_user(request.user), year)]


@router.patch(
    "/planning-milestones/{milestone_id}",
    response={200: MilestoneOut, **ERRORS},
    summary="Move a step to another day (KS's controllers, before KS adopts the calendar: CAL-006…CAL-009)",
)
def move_milestone(request: HttpRequest, milestone_id: DbId, payload: MilestoneMoveIn, if_match: IfMatch = None) -> dict[str, Any]:
    milestone = milestone_get(request.user, group_holding(request.user), milestone_id)
    with expected_version(milestone, if_match):
        moved = milestones.milestone_move(actor=request.user, milestone=milestone, due=payload.due)
    return _one(moved, request)


@router.post(
    "/planning-milestones/{milestone_id}/confirmations",
    response={201: ConfirmationOut, 200: ConfirmationOut, **ERRORS},
    summary="Confirm that a body has taken a step no checker reads from the data (a controller: CAL-010, CAL-011)",
    description="201 with the confirmation; 200 with the earlier one when the body's step was confirmed before.",
)
def confirm_milestone(request: HttpRequest, milestone_id: DbId, payload: ConfirmationIn) -> Status[dict[str, Any]]:
    milestone = milestone_get(request.user, group_holding(request.user), milestone_id)
    body = org_unit_get(request.user, payload.body)
    before = MilestoneConfirmation.objects.filter(milestone=milestone, body=body).exists()
    confirmation = milestones.milestone_confirm(actor=request.user, milestone=milestone, body=body, note=payload.note)
    return Status(200 if before else 201, _confirmation_out(confirmation))


def _one(milestone: PlanningMilestone, request: HttpRequest) -> dict[str, Any]:
    calendar = milestone.calendar
    item = next(p for p in progress(calendar) if p.milestone.pk == milestone.pk)
    return _out(item, request)

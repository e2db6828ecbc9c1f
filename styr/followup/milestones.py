"""Writes of the planning year's steps in the årshjul (issue 10 §3): made with the calendar, moved
by KS's controller before KS adopts it (CAL-006…CAL-009), and confirmed by a controller where no
checker reads the step from the data yet (CAL-010, CAL-011)."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from styr.core import audit
from styr.core.actors import Actor, as_user
from styr.core.bounds import check_lengths
from styr.core.permissions import require
from styr.domain.errors import RuleViolation, _
from styr.domain.planning_year import build_milestones, check_milestone_due
from styr.followup.milestone_progress import is_checked, responsible_bodies
from styr.followup.models import MilestoneConfirmation, PlanningCalendar, PlanningMilestone
from styr.followup.services_calendar import _check_calendar_open, _executive_board
from styr.organisation.models import OrgUnit


def milestone_rows_add(calendar: PlanningCalendar) -> list[PlanningMilestone]:
    """The steps the calendar lacks, on the preset's days (the caller checks and audits)."""
    have = set(PlanningMilestone.objects.filter(calendar=calendar).values_list("kind", flat=True))
    steps = [m for m in build_milestones(year=calendar.year, model=calendar.group.governance) if m.kind not in have]
    return PlanningMilestone.objects.bulk_create(  # new rows of the calendar, audited by the caller
        [PlanningMilestone(group=calendar.group, calendar=calendar, kind=m.kind, due=m.due, level=m.level.value) for m in steps]
    )


@transaction.atomic
def milestones_add(*, actor: Actor, calendar: PlanningCalendar) -> list[PlanningMilestone]:
    """Add the planning year's steps to a calendar made before they existed (a draft: CAL-006);
    only the steps it lacks, so adding twice adds nothing."""
    ks = _executive_board(calendar.group)
    if actor is not None:
        require(actor, "calendar.manage", ks)
    calendar = PlanningCalendar.objects.select_for_update().get(pk=calendar.pk)
    _check_calendar_open(calendar)
    rows = milestone_rows_add(calendar)
    if rows:
        audit.record(
            actor=actor, action="calendar.milestones_added", obj=calendar, org_unit=ks, after={"milestones": [f"{m.kind} {m.due.isoformat()}" for m in rows]}
        )
    return rows


@transaction.atomic
def milestone_move(*, actor: Actor, milestone: PlanningMilestone, due: date) -> PlanningMilestone:
    """KS's controller moves a step before KS adopts the calendar: within the year (CAL-007), in an
    election year the council's decisions not before the new council takes office (CAL-008), and
    never before a step it builds on (CAL-009)."""
    calendar = milestone.calendar
    ks = _executive_board(calendar.group)
    if actor is not None:
        require(actor, "calendar.manage", ks)
    _check_calendar_open(calendar)
    milestone = PlanningMilestone.objects.select_for_update().select_related("calendar").get(pk=milestone.pk)
    if milestone.due == due:
        return milestone
    dues = dict(PlanningMilestone.objects.filter(calendar=calendar).exclude(pk=milestone.pk).values_list("kind", "due"))
    check_milestone_due(kind=milestone.kind, due=due, year=calendar.year, dues=dues, model=calendar.group.governance)
    before = {"due": milestone.due.isoformat()}
    milestone.due = due
    milestone.save(update_fields=["due"])
    audit.record(
        actor=actor, action="calendar.milestone_moved", obj=milestone, org_unit=ks, before=before, after={"kind": milestone.kind, "due": due.isoformat()}
    )
    return milestone


@transaction.atomic
def milestone_confirm(*, actor: Actor, milestone: PlanningMilestone, body: OrgUnit, note: str = "") -> MilestoneConfirmation:
    """A controller records that ``body`` has taken a step no checker reads from the data (CAL-010),
    one it answers for (CAL-011): today, by the actor. Confirming again changes nothing. The
    calendar may be adopted: completing a step is not changing the calendar."""
    if actor is not None:
        require(actor, "milestone.confirm", body)
    milestone = PlanningMilestone.objects.select_related("calendar", "group").get(pk=milestone.pk)
    if is_checked(milestone.kind):
        raise RuleViolation(
            "CAL-010",
            _("“%(step)s” is done when what it asks for exists in Styr; it is not marked as done by hand."),
            {"step": milestone.kind},
            field="milestone",
        )
    if body.group_id != milestone.group_id or body.pk not in {b.pk for b in responsible_bodies(milestone.group, milestone.kind)}:
        raise RuleViolation(
            "CAL-011",
            _("%(body)s does not answer for “%(step)s”."),
            {"body": body.name, "step": milestone.kind},
            field="body",
        )
    existing = MilestoneConfirmation.objects.filter(milestone=milestone, body=body).first()
    if existing is not None:
        return existing
    user = as_user(actor)
    name = (user.get_full_name() or user.get_username()) if user is not None else ""
    confirmation = MilestoneConfirmation(
        group=milestone.group, milestone=milestone, body=body, confirmed_on=timezone.localdate(), confirmed_by=user, confirmed_by_name=name, note=note.strip()
    )
    check_lengths(confirmation)
    confirmation.save()
    audit.record(
        actor=actor,
        action="calendar.milestone_confirmed",
        obj=confirmation,
        org_unit=body,
        after={
            "kind": milestone.kind,
            "plan_year": milestone.calendar.year + 1,
            "confirmed_on": confirmation.confirmed_on.isoformat(),
            "note": confirmation.note,
        },
    )
    return confirmation

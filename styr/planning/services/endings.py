"""Ending an item instead of removing it (issue 14 §2): a development goal, a goal indicator, a
quality factor or indicator, an assignment or an activity is closed with a date and a reason and
stays in the history. Ending is not a change of the adopted plan's content, so it is allowed on an
adopted goal and in an adopted year; what is ended takes no new follow-up after its date (DEL-006)
and is not changed any more (DEL-003)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import models, transaction

from styr.core import audit, crud
from styr.core.actors import Actor
from styr.core.bounds import check_lengths
from styr.domain.endings import check_end, check_not_ended, check_open_for
from styr.planning.models import Activity, Assignment, DevelopmentGoal, GoalIndicator, QualityFactor, QualityIndicator
from styr.planning.models.ending import Endable
from styr.planning.services.removal import named


@dataclass(frozen=True)
class Ending:
    """How one kind of item is ended: the permission, the unit it is checked on, the day it began."""

    perm: str
    action: str
    unit: Any
    starts: Any = None


ENDINGS: dict[type[models.Model], Ending] = {
    DevelopmentGoal: Ending("goal.write", "goal.ended", lambda goal: goal.org_unit, lambda goal: date(goal.start_year, 1, 1)),
    GoalIndicator: Ending("goal.write", "goal_indicator.ended", lambda indicator: indicator.goal.org_unit),
    QualityFactor: Ending("quality.write", "quality_factor.ended", lambda factor: factor.org_unit),
    QualityIndicator: Ending("quality.write", "quality_indicator.ended", lambda indicator: indicator.factor.org_unit),
    Assignment: Ending("assignment.write", "assignment.ended", lambda assignment: assignment.issuer, lambda assignment: date(assignment.year, 1, 1)),
    Activity: Ending("activity.write", "activity.ended", lambda activity: activity.org_unit, lambda activity: activity.start_date),
}


@transaction.atomic
def item_end[M: Endable](*, actor: Actor, item: M, ended_on: date | None, reason: str) -> M:
    """PERM-001 first, then DEL-003 (not already ended), DEL-004 (a date and a reason) and DEL-005
    (not before the item began); the end is stored and recorded as ``<kind>.ended``."""
    spec = ENDINGS[type(item)]
    unit = spec.unit(item)
    crud.allowed(actor, spec.perm, unit)
    item = type(item)._default_manager.select_for_update().get(pk=item.pk)
    check_not_ended(named(item), item.ended_on)
    check_end(ended_on, reason, spec.starts(item) if spec.starts else None)
    before = audit.snapshot(item, ["ended_on", "end_reason"])
    item.ended_on = ended_on
    item.end_reason = reason.strip()
    check_lengths(item)
    item.save(update_fields=["ended_on", "end_reason"])
    audit.record(actor=actor, action=spec.action, obj=item, org_unit=unit, before=before, after=audit.snapshot(item, ["ended_on", "end_reason"]))
    item.refresh_from_db(fields=["version"])
    return item


def goal_end(*, actor: Actor, goal: DevelopmentGoal, ended_on: date | None, reason: str) -> DevelopmentGoal:
    return item_end(actor=actor, item=goal, ended_on=ended_on, reason=reason)


def indicator_end(*, actor: Actor, indicator: GoalIndicator, ended_on: date | None, reason: str) -> GoalIndicator:
    return item_end(actor=actor, item=indicator, ended_on=ended_on, reason=reason)


def quality_factor_end(*, actor: Actor, factor: QualityFactor, ended_on: date | None, reason: str) -> QualityFactor:
    return item_end(actor=actor, item=factor, ended_on=ended_on, reason=reason)


def quality_indicator_end(*, actor: Actor, indicator: QualityIndicator, ended_on: date | None, reason: str) -> QualityIndicator:
    return item_end(actor=actor, item=indicator, ended_on=ended_on, reason=reason)


def assignment_end(*, actor: Actor, assignment: Assignment, ended_on: date | None, reason: str) -> Assignment:
    return item_end(actor=actor, item=assignment, ended_on=ended_on, reason=reason)


def activity_end(*, actor: Actor, activity: Activity, ended_on: date | None, reason: str) -> Activity:
    return item_end(actor=actor, item=activity, ended_on=ended_on, reason=reason)


#: For each kind follow-up is entered on: its own end and the end of what it belongs to.
FOLLOWED_ENDS: dict[type[models.Model], tuple[str, ...]] = {
    GoalIndicator: ("ended_on", "goal__ended_on"),
    QualityIndicator: ("ended_on", "factor__ended_on"),
    DevelopmentGoal: ("ended_on",),
    Assignment: ("ended_on",),
}


def check_follow_up_open(item: models.Model | None, period_start: date) -> None:
    """DEL-006 for a value or an assessment: neither the item it belongs to (an indicator, a goal,
    an assignment) nor the goal or factor above an indicator ended before the period begins. The
    ends are read from the database in one query: the caller's copy may be older than an end."""
    if item is None:
        return
    fields = FOLLOWED_ENDS[type(item)]
    ends = type(item)._default_manager.filter(pk=item.pk).values_list(*fields).first() or ()
    for end in ends:
        check_open_for(named(item), end, period_start)

"""Removing what has nothing below it (issue 14 §2): each row removed and each link undone gets
its own audit event, in the one transaction of the delete. What has follow-up data below it is
refused (DEL-001), a goal others contribute to too (DEL-002), an ended item as well (DEL-003):
such items are ended instead (``services.endings``)."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from styr.core import audit
from styr.core.actors import Actor
from styr.domain.endings import check_no_contributions, check_not_ended, check_nothing_below
from styr.followup.models import Measurement
from styr.planning.models import Assignment, DevelopmentGoal, GoalIndicator, QualityFactor, QualityIndicator


def named(obj: models.Model) -> str:
    """How a rule's message names the item: «title»."""
    return f"«{obj}»"


def labels() -> dict[str, str]:
    """How DEL-001's message names each kind of follow-up."""
    return {
        "values": _("values"),
        "assessments": _("assessments"),
        "comments": _("comments"),
        "activities": _("activities"),
        "milestones": _("milestones reached"),
    }


def goal_below(goal: DevelopmentGoal) -> dict[str, int]:
    return {
        "values": Measurement.objects.filter(indicator__goal=goal).count(),
        "assessments": goal.assessments.count(),
        "comments": goal.comments.count(),
        "activities": goal.activities.count(),
    }


def indicator_below(indicator: GoalIndicator | QualityIndicator) -> dict[str, int]:
    return {"values": indicator.measurements.count()}


def factor_below(factor: QualityFactor) -> dict[str, int]:
    return {"values": Measurement.objects.filter(quality_indicator__factor=factor).count()}


def assignment_below(assignment: Assignment) -> dict[str, int]:
    return {
        "assessments": assignment.assessments.count(),
        "activities": assignment.activities.count(),
        # a milestone reached is the project's follow-up (PROJ-004)
        "milestones": assignment.project_milestones.filter(done_on__isnull=False).count(),
    }


def check_open(obj: Any) -> None:
    """DEL-003 for a change to ``obj`` or below it, read from the database (the caller's copy may be old)."""
    check_not_ended(named(obj), type(obj).objects.filter(pk=obj.pk).values_list("ended_on", flat=True).first())


def check_removable(obj: Any, below: dict[str, int]) -> None:
    """DEL-003, then DEL-001: an ended item stays; so does one with follow-up below it."""
    check_not_ended(named(obj), obj.ended_on)
    check_nothing_below(named(obj), below, labels())


def _remove(actor: Actor, obj: models.Model, action: str, unit: Any, extra: dict[str, Any] | None = None) -> None:
    audit.record(actor=actor, action=action, obj=obj, org_unit=unit, before={**audit.snapshot(obj), **(extra or {})})
    obj.delete()


def remove_goal_indicator(actor: Actor, indicator: GoalIndicator, unit: Any) -> None:
    """The indicator's targets one by one, then the indicator (with its Agenda 2030 tags in its event)."""
    for target in indicator.targets.all():
        _remove(actor, target, "goal_indicator_target.deleted", unit)
    tags = {name: sorted(getattr(indicator, name).values_list("pk", flat=True)) for name in ("sustainability_goals", "sustainability_targets")}
    _remove(actor, indicator, "goal_indicator.deleted", unit, tags)


def remove_goal(actor: Actor, goal: DevelopmentGoal) -> None:
    """DEL-003, DEL-002, DEL-001; then each link to a goal above (``goal_link.removed``), each
    indicator with its targets, and the goal (its Agenda 2030 tags in its event)."""
    check_not_ended(named(goal), goal.ended_on)
    check_no_contributions(named(goal), goal.contributions.count())
    check_nothing_below(named(goal), goal_below(goal), labels())
    indicators = list(goal.indicators.all())
    for indicator in indicators:
        check_not_ended(named(indicator), indicator.ended_on)
    unit = goal.org_unit
    for above in goal.contributes_to.all():
        audit.record(
            actor=actor, action="goal_link.removed", obj=goal, org_unit=unit, before={"goal": goal.pk, "contributes_to": above.pk, "title": above.title}
        )
    goal.contributes_to.clear()
    for indicator in indicators:
        remove_goal_indicator(actor, indicator, unit)
    tags = {name: sorted(getattr(goal, name).values_list("pk", flat=True)) for name in ("sustainability_goals", "sustainability_targets")}
    _remove(actor, goal, "goal.deleted", unit, tags)


def remove_quality_indicator(actor: Actor, indicator: QualityIndicator, unit: Any) -> None:
    tags = {name: sorted(getattr(indicator, name).values_list("pk", flat=True)) for name in ("sustainability_goals", "sustainability_targets")}
    _remove(actor, indicator, "quality_indicator.deleted", unit, tags)


def remove_quality_factor(actor: Actor, factor: QualityFactor) -> None:
    """DEL-003, DEL-001 (values of any of its indicators); then each indicator, then the factor."""
    check_removable(factor, factor_below(factor))
    for indicator in factor.indicators.all():
        check_not_ended(named(indicator), indicator.ended_on)
    for indicator in factor.indicators.all():
        remove_quality_indicator(actor, indicator, factor.org_unit)
    _remove(actor, factor, "quality_factor.deleted", factor.org_unit)

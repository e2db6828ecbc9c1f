"""Deletes that lose follow-up data (issue 14 §2). Before, deleting a goal removed its indicator,
target, activity and comment with one audit event, a quality factor its indicators and values, an
assignment its activities, and a committee goal silently unlinked the unit goals contributing to
it. Now such a delete is refused (DEL-001, DEL-002), nothing is removed and nothing recorded."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from styr.core.errors import NotAllowed, violation_status
from styr.core.models import AuditEvent
from styr.domain.errors import RuleViolation
from styr.followup.models import Comment, Measurement
from styr.planning import services
from styr.planning.models import Activity, Assignment, DevelopmentGoal, GoalIndicator, GoalIndicatorTarget, QualityFactor, QualityIndicator
from tests.conftest import YEAR, World
from tests.planning.delete_setup import assignment_with_activity, controller, factor_with_values, goal_with_follow_up


def refused(call: Callable[[], Any], code: str) -> RuleViolation:
    events = AuditEvent.objects.count()
    with pytest.raises(RuleViolation) as err:
        call()
    assert err.value.code == code
    assert violation_status(err.value) == 422
    assert AuditEvent.objects.count() == events  # nothing recorded
    return err.value


def test_del_001_a_goal_with_an_indicator_a_value_an_activity_and_a_comment_is_not_removed(world: World) -> None:
    goal, indicator, activity = goal_with_follow_up(world)
    violation = refused(lambda: services.goal_delete(actor=controller(world), goal=goal), "DEL-001")
    assert violation.detail["below"] == {"values": 1, "comments": 1, "activities": 1}
    assert DevelopmentGoal.objects.filter(pk=goal.pk).exists() and GoalIndicator.objects.filter(pk=indicator.pk).exists()
    assert GoalIndicatorTarget.objects.filter(indicator=indicator).count() == 1
    assert Activity.objects.filter(pk=activity.pk).exists() and Comment.objects.filter(goal=goal).count() == 1
    assert Measurement.objects.filter(indicator=indicator).count() == 1


def test_del_001_a_goal_indicator_with_values_is_not_removed(world: World) -> None:
    _goal, indicator, _activity = goal_with_follow_up(world)
    refused(lambda: services.indicator_delete(actor=controller(world), indicator=indicator), "DEL-001")
    assert GoalIndicator.objects.filter(pk=indicator.pk).exists() and Measurement.objects.filter(indicator=indicator).exists()


def test_del_001_a_quality_factor_whose_indicators_have_values_is_not_removed(world: World) -> None:
    factor, quality = factor_with_values(world)
    refused(lambda: services.quality_factor_delete(actor=controller(world), factor=factor), "DEL-001")
    refused(lambda: services.quality_indicator_delete(actor=controller(world), indicator=quality), "DEL-001")
    assert QualityFactor.objects.filter(pk=factor.pk).exists() and QualityIndicator.objects.filter(factor=factor).count() == 2
    assert Measurement.objects.filter(quality_indicator=quality).count() == 1


def test_del_001_an_assignment_with_activities_is_not_removed(world: World) -> None:
    assignment, activity = assignment_with_activity(world)
    refused(lambda: services.assignment_delete(actor=controller(world), assignment=assignment), "DEL-001")
    assert Assignment.objects.filter(pk=assignment.pk).exists() and Activity.objects.filter(pk=activity.pk).exists()


def test_del_002_a_committee_goal_that_unit_goals_contribute_to_is_not_removed(world: World) -> None:
    committee_goal = services.goal_create(actor=None, org_unit=world.unit("Utbildningsnämnden"), title="Alla når målen", start_year=YEAR, end_year=YEAR)
    school_goal = services.goal_create(
        actor=None, org_unit=world.unit("Hagaskolan"), title="Fler läser", start_year=YEAR, end_year=YEAR, contributes_to=[committee_goal]
    )
    violation = refused(lambda: services.goal_delete(actor=controller(world), goal=committee_goal), "DEL-002")
    assert violation.detail["count"] == 1
    assert list(school_goal.contributes_to.values_list("pk", flat=True)) == [committee_goal.pk]  # the link stays


def test_permission_comes_before_the_rule_the_outsider_learns_nothing(world: World) -> None:
    goal, _indicator, _activity = goal_with_follow_up(world)
    with pytest.raises(NotAllowed):
        services.goal_delete(actor=world.users["outsider"], goal=goal)
    factor, _quality = factor_with_values(world)
    with pytest.raises(NotAllowed):
        services.quality_factor_delete(actor=world.users["outsider"], factor=factor)
    assert DevelopmentGoal.objects.filter(pk=goal.pk).exists() and QualityFactor.objects.filter(pk=factor.pk).exists()

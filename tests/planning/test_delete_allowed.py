"""Where deleting is allowed (nothing below it), every row removed and every link undone gets its
own audit event (issue 14 §2): the goal, each indicator, each target, each link to a goal above."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from styr.core.models import AuditEvent
from styr.planning import services
from styr.planning.models import Assignment, DevelopmentGoal, GoalIndicator, GoalIndicatorTarget, QualityFactor, QualityIndicator
from tests.conftest import YEAR, World
from tests.planning.delete_setup import COMMITTEE, controller


def test_a_goal_with_indicators_and_targets_but_no_follow_up_is_removed_row_by_row(world: World) -> None:
    council_goal = services.goal_create(actor=None, org_unit=world.unit("Kommunfullmäktige"), title="Fler i arbete", start_year=YEAR, end_year=YEAR)
    goal = services.goal_create(
        actor=controller(world), org_unit=world.unit(COMMITTEE), title="Alla når målen", start_year=YEAR, end_year=YEAR + 1, contributes_to=[council_goal]
    )
    first = services.indicator_create(
        actor=None, goal=goal, name="Behöriga", baseline_year=YEAR - 1, baseline_value=Decimal(78), target_year=YEAR, target_value=Decimal(86)
    )
    services.target_set(actor=None, indicator=first, year=YEAR + 1, value=Decimal(90))
    second = services.indicator_create(actor=None, goal=goal, name="Meritvärde", baseline_year=YEAR - 1, baseline_value=Decimal(220))
    AuditEvent.objects.all().delete()

    services.goal_delete(actor=controller(world), goal=goal)

    assert not DevelopmentGoal.objects.filter(pk=goal.pk).exists() and DevelopmentGoal.objects.filter(pk=council_goal.pk).exists()
    assert not GoalIndicator.objects.filter(pk__in=[first.pk, second.pk]).exists() and not GoalIndicatorTarget.objects.exists()
    events = list(AuditEvent.objects.order_by("pk"))
    assert [e.action for e in events] == [
        "goal_link.removed",
        "goal_indicator_target.deleted",
        "goal_indicator_target.deleted",
        "goal_indicator.deleted",
        "goal_indicator.deleted",
        "goal.deleted",
    ]
    assert events[0].before == {"goal": goal.pk, "contributes_to": council_goal.pk, "title": "Fler i arbete"}
    assert {e.before["year"] for e in events[1:3]} == {YEAR, YEAR + 1}
    assert events[-1].before["title"] == "Alla når målen" and all(e.actor == controller(world) for e in events)


def test_a_goal_indicator_without_values_is_removed_with_its_targets_each_its_own_event(world: World) -> None:
    goal = services.goal_create(actor=None, org_unit=world.unit(COMMITTEE), title="Alla når målen", start_year=YEAR, end_year=YEAR)
    indicator = services.indicator_create(
        actor=None, goal=goal, name="Behöriga", baseline_year=YEAR - 1, baseline_value=Decimal(78), target_year=YEAR, target_value=Decimal(86)
    )
    AuditEvent.objects.all().delete()
    services.indicator_delete(actor=controller(world), indicator=indicator)
    assert not GoalIndicator.objects.filter(pk=indicator.pk).exists()
    assert list(AuditEvent.objects.order_by("pk").values_list("action", flat=True)) == ["goal_indicator_target.deleted", "goal_indicator.deleted"]


def test_a_quality_factor_without_values_is_removed_with_one_event_per_indicator(world: World) -> None:
    factor = services.quality_factor_create(actor=controller(world), org_unit=world.unit(COMMITTEE), title="Trygghet")
    services.quality_indicator_create(actor=controller(world), factor=factor, name="Trygga elever", direction="higher")
    services.quality_indicator_create(actor=controller(world), factor=factor, name="Nöjda föräldrar", direction="higher")
    AuditEvent.objects.all().delete()
    services.quality_factor_delete(actor=controller(world), factor=factor)
    assert not QualityFactor.objects.filter(pk=factor.pk).exists() and not QualityIndicator.objects.exists()
    events = list(AuditEvent.objects.order_by("pk"))
    assert [e.action for e in events] == ["quality_indicator.deleted", "quality_indicator.deleted", "quality_factor.deleted"]
    assert {e.before["name"] for e in events[:2]} == {"Trygga elever", "Nöjda föräldrar"}


def test_an_assignment_without_activities_or_assessments_is_removed_with_one_event(world: World) -> None:
    assignment = services.assignment_create(
        actor=controller(world),
        issuer=world.unit(COMMITTEE),
        receiver=world.unit("Utbildningsförvaltningen"),
        year=YEAR,
        title="Utred",
        deadline=date(YEAR, 9, 30),
    )
    AuditEvent.objects.all().delete()
    services.assignment_delete(actor=controller(world), assignment=assignment)
    assert not Assignment.objects.filter(pk=assignment.pk).exists()
    assert list(AuditEvent.objects.values_list("action", flat=True)) == ["assignment.deleted"]

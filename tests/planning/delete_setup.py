"""Items with follow-up data below them, written through the services (issue 14 §2)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from styr.followup import dialogue
from styr.followup.services import measurement_record, quality_value_record
from styr.planning import services
from styr.planning.models import Activity, Assignment, DevelopmentGoal, GoalIndicator, QualityFactor, QualityIndicator
from tests.conftest import YEAR, World

COMMITTEE = "Utbildningsnämnden"


@dataclass
class Followed:
    goal: DevelopmentGoal
    indicator: GoalIndicator
    activity: Activity
    factor: QualityFactor
    quality: QualityIndicator
    assignment: Assignment
    assignment_activity: Activity


def controller(world: World) -> Any:
    return world.users["ks_controller"]


def goal_with_follow_up(world: World, title: str = "Alla elever når målen") -> tuple[DevelopmentGoal, GoalIndicator, Activity]:
    """A goal with an indicator (a target and a value), an activity and a comment below it."""
    unit = world.unit(COMMITTEE)
    goal = services.goal_create(actor=controller(world), org_unit=unit, title=title, start_year=YEAR, end_year=YEAR + 1)
    indicator = services.indicator_create(
        actor=None, goal=goal, name="Behöriga", baseline_year=YEAR - 1, baseline_value=Decimal(78), target_year=YEAR, target_value=Decimal(86)
    )
    measurement_record(actor=None, indicator=indicator, period=date(YEAR, 1, 1), value=Decimal(80))
    activity = services.activity_create(actor=None, goal=goal, title="Läxhjälp", start_date=date(YEAR, 1, 10), end_date=date(YEAR, 6, 10))
    dialogue.comment_add(actor=world.users["committee_politician"], text="Hur går det?", goal=goal)
    return goal, indicator, activity


def factor_with_values(world: World) -> tuple[QualityFactor, QualityIndicator]:
    factor = services.quality_factor_create(actor=controller(world), org_unit=world.unit(COMMITTEE), title="Trygghet")
    quality = services.quality_indicator_create(actor=controller(world), factor=factor, name="Andel trygga elever", direction="higher")
    services.quality_indicator_create(actor=controller(world), factor=factor, name="Andel nöjda föräldrar", direction="higher")
    quality_value_record(actor=None, indicator=quality, period=date(YEAR, 1, 1), value=Decimal(90))
    return factor, quality


def assignment_with_activity(world: World) -> tuple[Assignment, Activity]:
    assignment = services.assignment_create(
        actor=controller(world),
        issuer=world.unit(COMMITTEE),
        receiver=world.unit("Utbildningsförvaltningen"),
        year=YEAR,
        title="Utred skolskjutsar",
        deadline=date(YEAR, 9, 30),
    )
    activity = services.activity_create(actor=None, assignment=assignment, title="Kartlägg turerna", start_date=date(YEAR, 2, 1), end_date=date(YEAR, 4, 1))
    return assignment, activity


def followed(world: World) -> Followed:
    goal, indicator, activity = goal_with_follow_up(world)
    factor, quality = factor_with_values(world)
    assignment, assignment_activity = assignment_with_activity(world)
    return Followed(goal, indicator, activity, factor, quality, assignment, assignment_activity)

"""What the follow-up API's tests share: a unit's goal and quality indicators, set up through the
services, and the clock in early April, when March is still open for the units (FU-006)."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
import time_machine

from styr.followup import services
from styr.followup.models import ReportingPeriod
from styr.planning.models import GoalIndicator, QualityIndicator
from styr.planning.services import goal_create, indicator_create, quality_factor_create, quality_indicator_create
from tests.conftest import YEAR, World

MARCH = date(YEAR, 3, 1)
FEBRUARY = date(YEAR, 2, 1)


@pytest.fixture
def early_april() -> Iterator[None]:
    with time_machine.travel(datetime(YEAR, 4, 3, 12, 0, tzinfo=UTC), tick=False):
        yield


@dataclass
class Indicators:
    school: GoalIndicator  # Hagaskolan's goal indicator
    school_quality: QualityIndicator  # Hagaskolan's quality indicator
    committee: GoalIndicator  # Utbildningsnämnden's goal indicator
    care: GoalIndicator  # Omsorgsnämnden's goal indicator


def goal_indicator(world: World, unit: str, name: str) -> GoalIndicator:
    goal = goal_create(actor=None, org_unit=world.unit(unit), title=f"Mål för {unit}", start_year=YEAR, end_year=YEAR)
    return indicator_create(actor=None, goal=goal, name=name, baseline_year=YEAR - 1, baseline_value=Decimal(80))


def quality_indicator(world: World, unit: str, name: str) -> QualityIndicator:
    factor = quality_factor_create(actor=None, org_unit=world.unit(unit), title="Trygghet")
    return quality_indicator_create(actor=None, factor=factor, name=name, direction="higher")


def indicators(world: World) -> Indicators:
    return Indicators(
        school=goal_indicator(world, "Hagaskolan", "Andel trygga elever"),
        school_quality=quality_indicator(world, "Hagaskolan", "Nöjda vårdnadshavare"),
        committee=goal_indicator(world, "Utbildningsnämnden", "Behöriga till gymnasiet"),
        care=goal_indicator(world, "Omsorgsnämnden", "Nöjda brukare"),
    )


def adopted_february(world: World) -> ReportingPeriod:
    """Utbildningsnämnden's February report, adopted: February's values are locked (FU-012)."""
    calendar = services.calendar_create(actor=None, group=world.group, year=YEAR)
    period = ReportingPeriod.objects.get(calendar=calendar, kind="monthly_report", end=date(YEAR, 2, 28))
    report = services.report_create(actor=None, org_unit=world.unit("Utbildningsnämnden"), period=period)
    services.report_submit(actor=None, report=report)
    services.report_review(actor=None, report=report)
    services.report_adopt(actor=None, report=report, decided_on=date(YEAR, 3, 20), paragraph="§ 12", registration_number="UN 2026/30")
    return period

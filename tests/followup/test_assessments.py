"""Reporting a period: quality values, goal assessments on the shared scale with a suggested status (issue 4, point 2)."""

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from styr.core.errors import NotAllowed
from styr.core.models import AuditEvent
from styr.domain.errors import RuleViolation
from styr.followup import services
from styr.followup.models import Assessment, Measurement, ReportingPeriod
from styr.followup.services import measurement_record
from styr.planning import services as planning
from tests.conftest import World

YEAR = 2027


@pytest.fixture
def may(world: World) -> ReportingPeriod:
    calendar = services.calendar_create(actor=None, group=world.group, year=YEAR)
    return ReportingPeriod.objects.get(calendar=calendar, kind="monthly_report", end=date(YEAR, 5, 31))


def measurable_goal(world: World) -> Any:
    goal = planning.goal_create(actor=None, org_unit=world.unit("Hagaskolan"), title="Fler behöriga", start_year=YEAR, end_year=YEAR)
    indicator = planning.indicator_create(
        actor=None, goal=goal, name="Behöriga", baseline_year=YEAR - 1, baseline_value=Decimal(78), target_year=YEAR, target_value=Decimal(86)
    )
    return goal, indicator


def test_a_measurable_goal_gets_a_suggested_status_and_the_chosen_one_is_audited(world: World, may: ReportingPeriod) -> None:
    goal, indicator = measurable_goal(world)
    measurement_record(actor=None, indicator=indicator, period=date(YEAR, 4, 1), value=Decimal(82))
    measurement_record(actor=None, indicator=indicator, period=date(YEAR, 6, 1), value=Decimal(90))  # after the period: not counted
    assessment = services.assessment_record(actor=world.users["unit_manager"], period=may, goal=goal, status="partly_achieved", analysis="Halvvägs mot målet.")
    stored = Assessment.objects.get(pk=assessment.pk)
    assert (stored.status, stored.suggested_status, stored.assessed_by) == ("partly_achieved", "partly_achieved", world.users["unit_manager"])
    assert AuditEvent.objects.get(action="assessment.recorded").after["suggested_status"] == "partly_achieved"


def test_fu_004_a_judgement_goal_needs_its_written_assessment(world: World, may: ReportingPeriod) -> None:
    goal = planning.goal_create(actor=None, org_unit=world.unit("Hagaskolan"), title="Lugna raster", start_year=YEAR, end_year=YEAR, measurable=False)
    with pytest.raises(RuleViolation) as err:
        services.assessment_record(actor=world.users["unit_manager"], period=may, goal=goal, status="achieved", analysis="")
    assert err.value.code == "FU-004"
    assert not Assessment.objects.exists()
    services.assessment_record(actor=world.users["unit_manager"], period=may, goal=goal, status="achieved", analysis="Färre konflikter enligt rastvärdarna.")
    assert Assessment.objects.get().suggested_status == ""


def test_a_status_outside_the_scale_and_a_goal_outside_its_years_are_refused(world: World, may: ReportingPeriod) -> None:
    goal, _ = measurable_goal(world)
    with pytest.raises(RuleViolation) as err:
        services.assessment_record(actor=None, period=may, goal=goal, status="grön")
    assert err.value.code == "MODEL-002"
    old = planning.goal_create(actor=None, org_unit=world.unit("Hagaskolan"), title="Gammalt", start_year=YEAR - 3, end_year=YEAR - 2)
    with pytest.raises(RuleViolation) as err:
        services.assessment_record(actor=None, period=may, goal=old, status="achieved")
    assert err.value.code == "FU-002"
    assert not Assessment.objects.exists()


def test_an_assignment_is_reported_by_its_receiver(world: World, may: ReportingPeriod) -> None:
    assignment = planning.assignment_create(
        actor=None,
        issuer=world.unit("Utbildningsnämnden"),
        receiver=world.unit("Utbildningsförvaltningen"),
        year=YEAR,
        title="Utred",
        deadline=date(YEAR, 11, 1),
    )
    services.assessment_record(actor=world.users["administration_official"], period=may, assignment=assignment, status="partly_achieved", analysis="Pågår.")
    with pytest.raises(NotAllowed):
        services.assessment_record(actor=world.users["auditor"], period=may, assignment=assignment, status="achieved")


def test_quality_values_are_recorded_without_targets(world: World) -> None:
    factor = planning.quality_factor_create(actor=None, org_unit=world.unit("Hagaskolan"), title="Trygghet")
    indicator = planning.quality_indicator_create(actor=None, factor=factor, name="Trygga elever", direction="higher")
    services.quality_value_record(actor=world.users["unit_manager"], indicator=indicator, period=date(YEAR, 3, 17), value=Decimal("91.5"))
    services.quality_value_record(actor=world.users["unit_manager"], indicator=indicator, period=date(YEAR, 3, 1), value=Decimal(92))
    stored = Measurement.objects.get(quality_indicator=indicator)
    assert (stored.period, stored.value, stored.indicator) == (date(YEAR, 3, 1), Decimal(92), None)
    assert AuditEvent.objects.filter(action="measurement.recorded").count() == 2
    with pytest.raises(NotAllowed):
        services.quality_value_record(actor=world.users["committee_politician"], indicator=indicator, period=date(YEAR, 3, 1), value=Decimal(1))

"""FU-005: an assessment's or a report's period belongs to the unit's own municipal group."""

from __future__ import annotations

import pytest

from styr.domain.errors import RuleViolation
from styr.domain.presets import load_preset_file
from styr.followup import services
from styr.followup.models import Assessment, Report, ReportingPeriod
from styr.organisation.services import group_load_preset
from styr.planning import services as planning
from tests.conftest import EXEMPELBY, TODAY, YEAR, World


def test_fu_005_a_period_of_another_groups_calendar_is_refused_for_assessments_and_reports(world: World) -> None:
    other, _ = group_load_preset(actor=None, preset=load_preset_file(EXEMPELBY), today=TODAY)
    calendar = services.calendar_create(actor=None, group=other, year=YEAR)
    foreign = ReportingPeriod.objects.filter(calendar=calendar).order_by("end").first()
    assert foreign is not None
    unit = world.unit("Utbildningsnämnden")
    goal = planning.goal_create(actor=None, org_unit=unit, title="Alla elever når målen", start_year=YEAR, end_year=YEAR)
    controller = world.users["ks_controller"]
    with pytest.raises(RuleViolation) as refused:
        services.assessment_record(actor=controller, period=foreign, goal=goal, status="achieved", analysis="Bra")
    assert refused.value.code == "FU-005" and refused.value.field == "period"
    with pytest.raises(RuleViolation) as refused:
        services.report_create(actor=controller, org_unit=unit, period=foreign)
    assert refused.value.code == "FU-005"
    assert not Assessment.objects.exists() and not Report.objects.exists()

"""The benchmark's synthetic group generator works (at a tiny size; timing is for make bench)."""

from io import StringIO

import pytest
from django.core.management import call_command

from styr.followup.models import Assessment, Measurement, PlanningCalendar, Report
from styr.organisation.models import OrgUnit
from styr.planning.models import GoalIndicator, QualityIndicator


@pytest.mark.django_db
def test_generate_group_builds_units_indicators_and_monthly_values() -> None:
    out = StringIO()
    call_command("generate_group", units=4, indicators_per_unit=6, years=2, year=2026, stdout=out)
    units = OrgUnit.objects.filter(group__slug="syntet-4", kind="UNIT")
    assert units.count() == 4
    indicators = GoalIndicator.objects.filter(group__slug="syntet-4").count() + QualityIndicator.objects.filter(group__slug="syntet-4").count()
    assert indicators == 4 * 6
    assert Measurement.objects.filter(group__slug="syntet-4").count() == indicators * 24
    calendar = PlanningCalendar.objects.get(group__slug="syntet-4", year=2026)
    months = calendar.periods.filter(kind="monthly_report", org_unit__isnull=True).count()
    assert months > 0 and Assessment.objects.filter(group__slug="syntet-4").count() == 4 * months  # one goal per unit, assessed each month
    assert Report.objects.filter(group__slug="syntet-4", state="submitted").count() == 5 * months  # the preset's five committees
    assert "22 units, 24 indicators, 576 values" in out.getvalue()  # the preset's 18 units and 4 more

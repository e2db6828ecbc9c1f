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


@pytest.mark.django_db
def test_generated_values_read_back_through_the_orm_as_the_services_write_them() -> None:
    """The values go in without model instances (COPY on PostgreSQL, executemany on SQLite):
    they must read back as the models' own types, one per indicator and month, reproducibly."""
    from datetime import date
    from decimal import Decimal

    call_command("generate_group", units=2, indicators_per_unit=3, years=1, year=2026, stdout=StringIO())
    values = Measurement.objects.filter(group__slug="syntet-2")
    first = values.order_by("pk").first()
    assert first is not None
    assert isinstance(first.value, Decimal) and Decimal(0) <= first.value <= Decimal(100)
    assert first.period == date(2026, 1, 1) and first.source == "manual" and first.comment == "" and first.version == 1
    assert first.recorded_at is not None and first.recorded_at.tzinfo is not None
    assert sorted({v.period.month for v in values}) == list(range(1, 13)) and all(v.period.day == 1 and v.period.year == 2026 for v in values)
    goal_values = values.filter(indicator__isnull=False)
    assert goal_values.count() == 2 * 1 * 12 and values.filter(quality_indicator__isnull=False).count() == 2 * 2 * 12
    assert not values.filter(indicator__isnull=False, quality_indicator__isnull=False).exists()
    assert set(GoalIndicator.objects.filter(group__slug="syntet-2").values_list("last_period", flat=True)) == {date(2026, 12, 1)}

"""Follow-up values: entered by officials and controllers, audited, refused when wrong."""

from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
import time_machine

from styr.core.errors import NotAllowed
from styr.core.models import AuditEvent
from styr.domain.errors import RuleViolation
from styr.followup.models import Measurement
from styr.followup.services import measurement_record
from styr.planning.models import GoalIndicator
from styr.planning.services import goal_create, indicator_create
from tests.conftest import YEAR, World


@pytest.fixture(autouse=True)
def _early_april() -> Iterator[None]:
    """March's values are open until the units' deadline, 5 April (calendar days after the month)."""
    with time_machine.travel(datetime(YEAR, 4, 3, 12, 0, tzinfo=UTC), tick=False):
        yield


@pytest.fixture
def indicator(world: World) -> GoalIndicator:
    goal = goal_create(actor=None, org_unit=world.unit("Hagaskolan"), title="Trygg skola", start_year=YEAR, end_year=YEAR)
    return indicator_create(actor=None, goal=goal, name="Andel trygga elever", baseline_year=YEAR - 1, baseline_value=Decimal(80))


def test_unit_manager_records_a_value_and_it_is_audited(world: World, indicator: GoalIndicator) -> None:
    m = measurement_record(actor=world.users["unit_manager"], indicator=indicator, period=date(YEAR, 3, 15), value=Decimal("83.5"))
    stored = Measurement.objects.get(pk=m.pk)
    assert (stored.period, stored.value, stored.recorded_by) == (date(YEAR, 3, 1), Decimal("83.5"), world.users["unit_manager"])
    event = AuditEvent.objects.get(action="measurement.recorded")
    assert Decimal(event.after["value"]) == Decimal("83.5") and event.org_unit == world.unit("Hagaskolan")


def test_a_correction_keeps_the_old_value_in_the_history(world: World, indicator: GoalIndicator) -> None:
    measurement_record(actor=world.users["unit_manager"], indicator=indicator, period=date(YEAR, 3, 1), value=Decimal(83))
    measurement_record(actor=world.users["unit_manager"], indicator=indicator, period=date(YEAR, 3, 1), value=Decimal(84))
    assert Measurement.objects.get().value == Decimal(84)
    last = AuditEvent.objects.filter(action="measurement.recorded").order_by("-id").first()
    assert last is not None and Decimal(last.before["value"]) == 83 and Decimal(last.after["value"]) == 84


@pytest.mark.parametrize("persona", ["auditor", "outsider", "committee_politician", "other_committee_politician"])
def test_others_may_not_record_values(world: World, indicator: GoalIndicator, persona: str) -> None:
    with pytest.raises(NotAllowed):
        measurement_record(actor=world.users[persona], indicator=indicator, period=date(YEAR, 3, 1), value=Decimal(1))
    assert not Measurement.objects.exists()


def test_fu_001_text_in_the_value_field_is_refused_by_the_form(world: World, indicator: GoalIndicator) -> None:
    response = world.client("unit_manager").post(f"/indikatorer/{indicator.pk}/varden/", {"period": f"{YEAR}-03", "value": "många"})
    assert response.status_code == 422
    assert "FU-001" in response.content.decode()
    assert not Measurement.objects.exists()


def test_fu_002_a_value_outside_the_goal_is_refused_by_the_form(world: World, indicator: GoalIndicator) -> None:
    response = world.client("unit_manager").post(f"/indikatorer/{indicator.pk}/varden/", {"period": f"{YEAR + 3}-03", "value": "5"})
    assert response.status_code == 422 and "FU-002" in response.content.decode()


def test_the_form_saves_a_value_with_a_decimal_comma(world: World, indicator: GoalIndicator) -> None:
    response = world.client("unit_manager").post(f"/indikatorer/{indicator.pk}/varden/", {"period": f"{YEAR}-04", "value": "84,5"})
    assert response.status_code == 302
    assert Measurement.objects.get().value == Decimal("84.5")


def test_fu_006_a_closed_month_needs_a_controller_and_a_reason(world: World, indicator: GoalIndicator) -> None:
    with pytest.raises(RuleViolation) as err:
        measurement_record(actor=world.users["unit_manager"], indicator=indicator, period=date(YEAR, 2, 1), value=Decimal(1))
    assert err.value.code == "FU-006" and err.value.detail["closed"] == f"{YEAR}-03-05"
    with pytest.raises(RuleViolation) as err:
        measurement_record(actor=world.users["ks_controller"], indicator=indicator, period=date(YEAR, 2, 1), value=Decimal(1))
    assert err.value.code == "FU-006" and err.value.field == "reason"
    assert not Measurement.objects.exists()
    measurement_record(actor=world.users["ks_controller"], indicator=indicator, period=date(YEAR, 2, 1), value=Decimal(81), reason="Felrapporterat i februari.")
    event = AuditEvent.objects.get(action="measurement.corrected")
    assert event.after["reason"] == "Felrapporterat i februari." and event.actor == world.users["ks_controller"]


def test_fu_006_the_form_asks_for_the_reason(world: World, indicator: GoalIndicator) -> None:
    url = f"/indikatorer/{indicator.pk}/varden/"
    refused = world.client("ks_controller").post(url, {"period": f"{YEAR}-02", "value": "81"})
    assert refused.status_code == 422 and "FU-006" in refused.content.decode()
    ok = world.client("ks_controller").post(url, {"period": f"{YEAR}-02", "value": "81", "reason": "Rättning efter granskning."})
    assert ok.status_code == 302 and Measurement.objects.get().value == Decimal(81)

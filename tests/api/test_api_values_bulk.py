"""A unit's values for a month in one write, all or nothing (issue 13 §4): FU-016 (each value names
one of the unit's indicators, once), FU-017 (one refused value refuses them all, each refusal
named by its indicator with its rule id), and the page's rules for each value."""

from decimal import Decimal
from typing import Any

import pytest

from styr.core.models import AuditEvent
from styr.followup.models import Measurement
from styr.followup.services import measurement_record
from tests.api.followup_setup import FEBRUARY, MARCH, Indicators, adopted_february, early_april, goal_indicator, indicators
from tests.api.test_api_planning import as_, refused
from tests.conftest import YEAR, World

pytestmark = pytest.mark.usefixtures("early_april")
__all__ = ["early_april"]  # the fixture, imported


@pytest.fixture
def ind(world: World) -> Indicators:
    return indicators(world)


def _path(world: World, unit: str, month: str = f"{YEAR}-03") -> str:
    return f"/org-units/{world.unit(unit).pk}/values/{month}"


def test_an_official_writes_the_units_month_in_one_request(world: World, ind: Indicators) -> None:
    attendance = goal_indicator(world, "Hagaskolan", "Närvaro")
    measurement_record(actor=None, indicator=ind.school, period=MARCH, value=Decimal(70), source="kolada")
    body = {
        "values": [
            {"indicator": ind.school.pk, "value": "83.5", "comment": "Elevenkät"},
            {"indicator": attendance.pk, "value": "94"},
            {"quality_indicator": ind.school_quality.pk, "value": "88"},
        ]
    }
    response = as_(world, "unit_manager").put(_path(world, "Hagaskolan"), body)
    assert response.status_code == 200, response.content
    assert [(v["indicator_id"], v["quality_indicator_id"], Decimal(v["value"]), v["source"]) for v in response.json()] == [
        (ind.school.pk, None, Decimal("83.5"), "manual"),
        (attendance.pk, None, Decimal(94), "manual"),
        (None, ind.school_quality.pk, Decimal(88), "manual"),
    ]
    stored = {(m.indicator_id, m.quality_indicator_id): (m.value, m.source, m.comment) for m in Measurement.objects.filter(period=MARCH)}
    assert stored == {
        (ind.school.pk, None): (Decimal("83.5"), "manual", "Elevenkät"),  # the person's value replaced Kolada's
        (attendance.pk, None): (Decimal(94), "manual", ""),
        (None, ind.school_quality.pk): (Decimal(88), "manual", ""),
    }
    summary = AuditEvent.objects.get(action="measurements.bulk_recorded")
    assert summary.actor == world.users["unit_manager"] and summary.org_unit == world.unit("Hagaskolan")
    assert summary.after["values"] == 3 and summary.after["period"] == f"{YEAR}-03-01"
    assert AuditEvent.objects.filter(action="measurement.recorded").count() >= 3


def test_two_bad_values_refuse_the_whole_write_each_named_by_its_indicator(world: World, ind: Indicators) -> None:
    """FU-017: nothing is written, and the answer names both refused values with their rules."""
    body = {
        "values": [
            {"indicator": ind.school.pk, "value": "83"},
            {"indicator": ind.care.pk, "value": "50"},  # Omsorgsnämnden's, not Hagaskolan's (FU-016)
            {"quality_indicator": ind.school_quality.pk, "value": "88"},
            {"indicator": ind.school.pk, "value": "84"},  # the same indicator twice (FU-016)
        ]
    }
    answer = refused(as_(world, "unit_manager").put(_path(world, "Hagaskolan"), body), 422, "FU-017")
    errors: list[dict[str, Any]] = answer["detail"]["errors"]
    named = [(e["row"], e["indicator"], e["quality_indicator"], e["code"]) for e in errors]
    assert named == [(2, ind.care.pk, None, "FU-016"), (4, ind.school.pk, None, "FU-016")]
    assert errors[1]["name"] == "Andel trygga elever" and errors[0]["message"] and errors[1]["message"]
    assert answer["detail"]["count"] == 2 and answer["detail"]["rows"] == 4
    assert not Measurement.objects.exists()
    assert not AuditEvent.objects.filter(action__in=["measurement.recorded", "measurements.bulk_recorded"]).exists()


def test_each_values_own_rule_is_named_fu_002_and_fu_006(world: World, ind: Indicators) -> None:
    late = {"values": [{"indicator": ind.school.pk, "value": "83"}, {"quality_indicator": ind.school_quality.pk, "value": "88"}]}
    answer = refused(as_(world, "unit_manager").put(_path(world, "Hagaskolan", f"{YEAR}-02"), late), 422, "FU-017")
    assert [(e["name"], e["code"]) for e in answer["detail"]["errors"]] == [("Andel trygga elever", "FU-006"), ("Nöjda vårdnadshavare", "FU-006")]
    outside = {"values": [{"indicator": ind.school.pk, "value": "83"}]}
    answer = refused(as_(world, "ks_controller").put(_path(world, "Hagaskolan", f"{YEAR + 1}-03"), outside), 422, "FU-017")
    assert answer["detail"]["errors"][0]["code"] == "FU-002"
    corrected = {"values": [{"indicator": ind.school.pk, "value": "83", "reason": "Sen enkät"}]}
    assert as_(world, "ks_controller").put(_path(world, "Hagaskolan", f"{YEAR}-02"), corrected).status_code == 200
    assert Measurement.objects.get(indicator=ind.school, period=FEBRUARY).value == 83
    assert AuditEvent.objects.filter(action="measurement.corrected").count() == 1


def test_a_locked_month_refuses_the_write_with_409(world: World, ind: Indicators) -> None:
    adopted_february(world)
    body = {"values": [{"indicator": ind.committee.pk, "value": "75", "reason": "Sent"}]}
    answer = refused(as_(world, "ks_controller").put(_path(world, "Utbildningsnämnden", f"{YEAR}-02"), body), 409, "FU-017")
    assert answer["detail"]["errors"][0]["code"] == "FU-012" and answer["detail"]["errors"][0]["name"] == "Behöriga till gymnasiet"
    assert not Measurement.objects.exists()


def test_a_row_naming_neither_or_both_indicators_is_fu_016(world: World, ind: Indicators) -> None:
    body = {"values": [{"value": "1"}, {"indicator": ind.school.pk, "quality_indicator": ind.school_quality.pk, "value": "2"}]}
    answer = refused(as_(world, "unit_manager").put(_path(world, "Hagaskolan"), body), 422, "FU-017")
    assert [e["code"] for e in answer["detail"]["errors"]] == ["FU-016", "FU-016"]


OTHERS = [("auditor", 403, "PERM-001"), ("outsider", 404, "NOT-FOUND"), ("other_committee_politician", 404, "NOT-FOUND")]


@pytest.mark.parametrize(("persona", "status", "code"), OTHERS)
def test_others_may_not_write_the_units_values(world: World, ind: Indicators, persona: str, status: int, code: str) -> None:
    body = {"values": [{"indicator": ind.school.pk, "value": "83"}]}
    refused(as_(world, persona).put(_path(world, "Hagaskolan"), body), status, code)
    assert not Measurement.objects.exists()


def test_a_bad_month_or_value_is_input_001(world: World, ind: Indicators) -> None:
    manager = as_(world, "unit_manager")
    refused(manager.put(_path(world, "Hagaskolan", f"{YEAR}-13"), {"values": []}), 422, "INPUT-001")
    refused(manager.put(_path(world, "Hagaskolan"), {"values": [{"indicator": ind.school.pk, "value": "mycket"}]}), 422, "INPUT-001")
    refused(manager.put(_path(world, "Hagaskolan"), {"values": [{"indicator": ind.school.pk, "value": "1", "colour": "red"}]}), 422, "INPUT-001")
    assert not Measurement.objects.exists()

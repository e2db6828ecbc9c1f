"""Follow-up values in the API (issue 13 §4): listed on their own (paginated, filtered, scoped),
recorded one at a time with the page's rules (FU-002, FU-006, FU-012), and a person's value over
one from Kolada becomes manual (KOLADA-002)."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from styr.core.models import AuditEvent
from styr.followup.models import Measurement
from styr.followup.services import measurement_record, quality_value_record
from tests.api.followup_setup import FEBRUARY, MARCH, Indicators, adopted_february, early_april, goal_indicator, indicators
from tests.api.test_api_planning import as_, refused
from tests.conftest import YEAR, World

pytestmark = pytest.mark.usefixtures("early_april")
__all__ = ["early_april"]  # the fixture, imported


@pytest.fixture
def ind(world: World) -> Indicators:
    found = indicators(world)
    measurement_record(actor=None, indicator=found.school, period=FEBRUARY, value=Decimal(81))
    measurement_record(actor=None, indicator=found.school, period=MARCH, value=Decimal(82), source="kolada")
    quality_value_record(actor=None, indicator=found.school_quality, period=MARCH, value=Decimal(90))
    measurement_record(actor=None, indicator=found.committee, period=MARCH, value=Decimal(70))
    measurement_record(actor=None, indicator=found.care, period=MARCH, value=Decimal(60))
    return found


def _ids(response: object) -> list[tuple[int | None, int | None, str]]:
    body = response.json()  # type: ignore[attr-defined]
    return [(v["indicator_id"], v["quality_indicator_id"], v["period"]) for v in body["items"]]


def test_values_are_listed_to_those_who_see_the_unit_and_filtered(world: World, ind: Indicators) -> None:
    controller = as_(world, "ks_controller")
    everything = controller.get("/values?limit=100").json()
    assert everything["count"] == 5
    first = everything["items"][0]
    assert first["indicator_id"] == ind.school.pk and first["goal_id"] == ind.school.goal_id and first["org_unit_id"] == world.unit("Hagaskolan").pk
    assert first["period"] == f"{YEAR}-02-01" and Decimal(first["value"]) == 81 and first["source"] == "manual"
    assert _ids(controller.get(f"/values?indicator={ind.school.pk}")) == [(ind.school.pk, None, f"{YEAR}-02-01"), (ind.school.pk, None, f"{YEAR}-03-01")]
    assert _ids(controller.get(f"/values?quality_indicator={ind.school_quality.pk}")) == [(None, ind.school_quality.pk, f"{YEAR}-03-01")]
    assert controller.get(f"/values?goal={ind.committee.goal_id}").json()["count"] == 1
    assert _ids(controller.get("/values?source=kolada")) == [(ind.school.pk, None, f"{YEAR}-03-01")]
    assert controller.get(f"/values?period_from={YEAR}-03&period_to={YEAR}-03").json()["count"] == 4
    assert controller.get(f"/values?period_to={YEAR}-02").json()["count"] == 1
    committee = world.unit("Utbildningsnämnden").pk
    assert controller.get(f"/values?org_unit={committee}").json()["count"] == 1
    assert controller.get(f"/values?org_unit={committee}&subtree=true").json()["count"] == 4  # with Hagaskolan's three


def test_a_politician_sees_only_the_values_of_the_committees_subtree_and_the_outsider_none(world: World, ind: Indicators) -> None:
    listed = as_(world, "committee_politician").get("/values?limit=100").json()
    assert listed["count"] == 4 and ind.care.pk not in {v["indicator_id"] for v in listed["items"]}
    assert as_(world, "other_committee_politician").get("/values").json()["count"] == 1
    assert as_(world, "outsider").get("/values").json()["count"] == 0
    refused(as_(world, "outsider").get(f"/values?org_unit={world.unit('Hagaskolan').pk}"), 404, "NOT-FOUND")


def test_bad_filters_are_input_001(world: World, ind: Indicators) -> None:
    controller = as_(world, "ks_controller")
    for query in ("period_from=2026-13", "period_to=26-01", "source=excel", "indicator=0", "subtree=kanske"):
        refused(controller.get(f"/values?{query}"), 422, "INPUT-001")


def test_the_value_lists_queries_hold_as_the_values_grow(world: World, ind: Indicators) -> None:
    controller = as_(world, "ks_controller")
    with CaptureQueriesContext(connection) as few:
        assert controller.get("/values?limit=100").status_code == 200
    for month in range(1, 13):
        measurement_record(actor=None, indicator=ind.committee, period=date(YEAR, month, 1), value=Decimal(month))
        quality_value_record(actor=None, indicator=ind.school_quality, period=date(YEAR, month, 1), value=Decimal(month))
    with CaptureQueriesContext(connection) as many:
        assert controller.get("/values?limit=100").json()["count"] == 5 + 11 + 11
    assert len(many) == len(few)


def test_an_official_records_a_value_and_corrects_it(world: World, ind: Indicators) -> None:
    attendance = goal_indicator(world, "Hagaskolan", "Närvaro")
    manager = as_(world, "unit_manager")
    created = manager.post("/values", {"indicator": attendance.pk, "period": f"{YEAR}-03", "value": "79.5", "comment": "Enkät"})
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["period"] == f"{YEAR}-03-01" and Decimal(body["value"]) == Decimal("79.5") and body["source"] == "manual"
    assert body["org_unit_id"] == world.unit("Hagaskolan").pk and body["goal_id"] == attendance.goal_id and body["recorded_by"] == "Unit Manager"
    stored = Measurement.objects.get(indicator=attendance, period=MARCH)
    assert (stored.value, stored.comment, stored.recorded_by) == (Decimal("79.5"), "Enkät", world.users["unit_manager"])
    assert AuditEvent.objects.get(action="measurement.recorded", object_id=str(stored.pk)).actor == world.users["unit_manager"]
    corrected = manager.post("/values", {"indicator": attendance.pk, "period": f"{YEAR}-03", "value": "80"})
    assert corrected.status_code == 200 and Measurement.objects.get(pk=stored.pk).value == 80
    quality = manager.post("/values", {"quality_indicator": ind.school_quality.pk, "period": f"{YEAR}-03", "value": "91"})
    assert quality.status_code == 200 and quality.json()["quality_indicator_id"] == ind.school_quality.pk
    assert Measurement.objects.get(quality_indicator=ind.school_quality, period=MARCH).value == 91


def test_a_persons_value_over_one_from_kolada_replaces_it_and_becomes_manual(world: World, ind: Indicators) -> None:
    """KOLADA-002 keeps the sync off a person's value; the reverse is allowed. The same value as
    Kolada's, sent again (as a read-back sheet does), changes nothing and stays Kolada's."""
    client = as_(world, "unit_manager")
    same = client.post("/values", {"indicator": ind.school.pk, "period": f"{YEAR}-03", "value": "82"})
    assert same.status_code == 200 and same.json()["source"] == "kolada"
    assert not AuditEvent.objects.filter(action="measurement.recorded", object_id=str(same.json()["id"]), actor=world.users["unit_manager"]).exists()
    response = client.post("/values", {"indicator": ind.school.pk, "period": f"{YEAR}-03", "value": "83"})
    assert response.status_code == 200 and response.json()["source"] == "manual"
    stored = Measurement.objects.get(indicator=ind.school, period=MARCH)
    assert (stored.value, stored.source) == (Decimal(83), "manual")
    event = AuditEvent.objects.filter(action="measurement.recorded", object_id=str(stored.pk)).order_by("-id")[0]
    assert (event.before["source"], event.after["source"]) == ("kolada", "manual")


OTHERS = [("auditor", 403, "PERM-001"), ("outsider", 404, "NOT-FOUND"), ("other_committee_politician", 404, "NOT-FOUND")]


@pytest.mark.parametrize(("persona", "status", "code"), OTHERS)
def test_others_may_not_record_a_value(world: World, ind: Indicators, persona: str, status: int, code: str) -> None:
    refused(as_(world, persona).post("/values", {"indicator": ind.school.pk, "period": f"{YEAR}-03", "value": "1"}), status, code)
    assert Measurement.objects.get(indicator=ind.school, period=MARCH).value == 82


def test_the_pages_rules_hold_in_the_api(world: World, ind: Indicators) -> None:
    manager = as_(world, "unit_manager")
    refused(manager.post("/values", {"indicator": ind.school.pk, "period": f"{YEAR + 1}-01", "value": "1"}), 422, "FU-002")
    both = {"indicator": ind.school.pk, "quality_indicator": ind.school_quality.pk, "period": f"{YEAR}-01", "value": "1"}
    refused(manager.post("/values", both), 422, "FU-016")
    refused(manager.post("/values", {"indicator": ind.school.pk, "period": f"{YEAR}-01", "value": "många"}), 422, "INPUT-001")
    # February closed for the units on 5 March (FU-006): the official is refused, a controller corrects with a reason
    refused(manager.post("/values", {"indicator": ind.school.pk, "period": f"{YEAR}-02", "value": "85"}), 422, "FU-006")
    controller = as_(world, "ks_controller")
    refused(controller.post("/values", {"indicator": ind.school.pk, "period": f"{YEAR}-02", "value": "85"}), 422, "FU-006")
    fixed = controller.post("/values", {"indicator": ind.school.pk, "period": f"{YEAR}-02", "value": "85", "reason": "Felräknat"})
    assert fixed.status_code == 200 and Measurement.objects.get(indicator=ind.school, period=FEBRUARY).value == 85
    assert AuditEvent.objects.filter(action="measurement.corrected").latest("id").after["reason"] == "Felräknat"


def test_an_adopted_reports_month_is_locked_fu_012(world: World, ind: Indicators) -> None:
    adopted_february(world)
    body = {"indicator": ind.committee.pk, "period": f"{YEAR}-02", "value": "75", "reason": "Sent"}
    refused(as_(world, "ks_controller").post("/values", body), 409, "FU-012")
    assert not Measurement.objects.filter(indicator=ind.committee, period=FEBRUARY).exists()

"""The risk analysis API (issue 12 §1, §7): /api/v1/control/risks and /api/v1/control/risk-scores,
each tried by someone allowed, someone out of scope and the outsider; the rules in the error shape."""

from __future__ import annotations

from typing import Any

from styr.control.models import ControlRisk, InternalControlPlan, RiskScore
from styr.core.models import AuditEvent
from tests.conftest import YEAR, World
from tests.economy.test_api_frames import call

OFFICIAL = "administration_official"


def body(world: World, **extra: Any) -> dict[str, Any]:
    return {
        "org_unit": world.unit("Utbildningsnämnden").pk,
        "area": "Attest",
        "description": "Fakturor attesteras inte",
        "aims": ["financial_reporting"],
        **extra,
    }


def test_a_risk_is_created_read_changed_and_removed(world: World) -> None:
    for persona in ("outsider", "auditor", "committee_politician"):
        status, _answer = call(persona, "post", "/api/v1/control/risks", body(world))
        assert status in (403, 404), persona
    status, risk = call(OFFICIAL, "post", "/api/v1/control/risks", body(world))
    assert status == 201 and risk["aims"] == ["financial_reporting"] and risk["org_unit_id"] == world.unit("Utbildningsnämnden").pk
    assert AuditEvent.objects.filter(action="control_risk.created").count() == 1
    status, listed = call("auditor", "get", f"/api/v1/control/risks?org_unit={world.unit('Utbildningsnämnden').pk}")
    assert status == 200 and [r["id"] for r in listed["items"]] == [risk["id"]]
    assert call("other_committee_politician", "get", f"/api/v1/control/risks/{risk['id']}")[0] == 404
    status, changed = call(OFFICIAL, "patch", f"/api/v1/control/risks/{risk['id']}", {"owner": "Ekonomichef"})
    assert status == 200 and changed["owner"] == "Ekonomichef"
    status, answer = call(OFFICIAL, "patch", f"/api/v1/control/risks/{risk['id']}", {"aims": []})
    assert (status, answer["code"], set(answer)) == (422, "IC-003", {"code", "message", "detail"})
    assert call("auditor", "delete", f"/api/v1/control/risks/{risk['id']}")[0] == 403
    assert call(OFFICIAL, "delete", f"/api/v1/control/risks/{risk['id']}")[0] == 204
    assert not ControlRisk.objects.exists() and AuditEvent.objects.filter(action="control_risk.deleted").count() == 1


def test_the_rules_answer_422_in_the_error_shape(world: World) -> None:
    status, answer = call(OFFICIAL, "post", "/api/v1/control/risks", body(world, aims=["vinst"]))
    assert (status, answer["code"]) == (422, "IC-003") and answer["message"]
    status, answer = call("ks_controller", "post", "/api/v1/control/risks", body(world, org_unit=world.unit("Kommunfullmäktige").pk))
    assert (status, answer["code"]) == (422, "IC-010")
    _, risk = call(OFFICIAL, "post", "/api/v1/control/risks", body(world))
    status, answer = call(OFFICIAL, "post", "/api/v1/control/risk-scores", {"risk": risk["id"], "year": YEAR, "likelihood": 5, "consequence": 1})
    assert (status, answer["code"], answer["detail"]["likelihood_steps"]) == (422, "IC-001", 4)
    status, answer = call(
        OFFICIAL, "post", "/api/v1/control/risk-scores", {"risk": risk["id"], "year": YEAR, "likelihood": 1, "consequence": 1, "chosen": True}
    )
    assert (status, answer["code"]) == (422, "IC-002")
    assert not RiskScore.objects.exists()


def test_a_years_score_is_set_then_updated_and_the_history_listed(world: World) -> None:
    _, risk = call(OFFICIAL, "post", "/api/v1/control/risks", body(world))
    score = {"risk": risk["id"], "year": YEAR - 1, "likelihood": 2, "consequence": 2}
    assert call("outsider", "post", "/api/v1/control/risk-scores", score)[0] == 404
    assert call("auditor", "post", "/api/v1/control/risk-scores", score)[0] == 403
    status, created = call(OFFICIAL, "post", "/api/v1/control/risk-scores", score)
    assert status == 201 and (created["risk_value"], created["band"], created["must_treat"]) == (4, "Medel", False)
    status, this_year = call(OFFICIAL, "put", "/api/v1/control/risk-scores", {**score, "year": YEAR, "likelihood": 3, "consequence": 4, "chosen": True})
    assert status == 201 and this_year["must_treat"] and this_year["colour"] == "#b02a37"
    status, again = call(OFFICIAL, "put", "/api/v1/control/risk-scores", {**score, "year": YEAR, "likelihood": 3, "consequence": 3, "chosen": True})
    assert status == 200 and again["id"] == this_year["id"] and again["risk_value"] == 9
    assert AuditEvent.objects.filter(action="risk_score.updated").count() == 1
    status, history = call("auditor", "get", f"/api/v1/control/risk-scores?risk={risk['id']}")
    assert status == 200 and [(s["year"], s["risk_value"]) for s in history["items"]] == [(YEAR - 1, 4), (YEAR, 9)]
    status, of_year = call("ks_controller", "get", f"/api/v1/control/risks?year={YEAR - 1}")
    assert status == 200 and of_year["count"] == 1
    # IC-012 and IC-011: a year whose plan is adopted is fixed, and the risk stays (409)
    InternalControlPlan.objects.create(group=world.group, org_unit=world.unit("Utbildningsnämnden"), year=YEAR, state="adopted")
    status, answer = call(OFFICIAL, "post", "/api/v1/control/risk-scores", {**score, "year": YEAR})
    assert (status, answer["code"]) == (409, "IC-012")
    status, answer = call(OFFICIAL, "delete", f"/api/v1/control/risks/{risk['id']}")
    assert (status, answer["code"]) == (409, "IC-011")


def test_the_core_missions_risks_are_copied_through_the_api(world: World) -> None:
    from styr.planning.services import core_mission_set, risk_create

    mission = core_mission_set(actor=None, org_unit=world.unit("Utbildningsnämnden"), purpose="Utbildning")
    risk_create(actor=None, core_mission=mission, description="Lärarbrist", likelihood=3, consequence=4)
    copy = {"org_unit": world.unit("Utbildningsnämnden").pk, "year": YEAR, "aims": ["effective"]}
    assert call("committee_politician", "post", "/api/v1/control/risks/copy-from-core-mission", copy)[0] == 403
    status, made = call(OFFICIAL, "post", "/api/v1/control/risks/copy-from-core-mission", copy)
    assert status == 201 and made[0]["source_risk_id"] is not None
    status, answer = call(OFFICIAL, "post", "/api/v1/control/risks/copy-from-core-mission", copy)
    assert (status, answer["code"]) == (422, "IC-013")

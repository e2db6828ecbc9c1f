"""The companies' API (issue 12 §5): owner directives, demands, answers and owner dialogues, with the error shape."""

from __future__ import annotations

from typing import Any

from styr.control.models import DirectiveAnswer, OwnerDirective
from styr.core.models import AuditEvent
from tests.conftest import YEAR, World
from tests.control.companies_setup import ALLBOHUS, PARENT, add_company_personas
from tests.economy.test_api_frames import call


def _directive(world: World, **extra: Any) -> dict[str, Any]:
    return {
        "kind": "subsidiary_specific",
        "title": "Specifikt ägardirektiv för AllboHus",
        "issuer_id": world.unit(PARENT).pk,
        "company_id": world.unit(ALLBOHUS).pk,
        "decided_on": "2025-04-01",
        "valid_from": "2025-05-01",
        **extra,
    }


def test_a_controller_records_a_directive_and_a_demand_and_a_company_answers(world: World) -> None:
    add_company_personas(world)
    status, body = call("ks_controller", "post", "/api/v1/owner-directives", _directive(world))
    assert status == 201 and body["company_id"] == world.unit(ALLBOHUS).pk
    directive_id = body["id"]
    status, demand = call(
        "ks_controller",
        "post",
        "/api/v1/directive-demands",
        {"directive_id": directive_id, "kind": "solidity_target", "text": "Soliditet", "target_value": "10", "target_unit": "%"},
    )
    assert status == 201 and demand["target_unit"] == "%"
    status, answer = call(
        "ks_controller",
        "put",
        "/api/v1/directive-answers",
        {"demand_id": demand["id"], "company_id": world.unit(ALLBOHUS).pk, "year": YEAR, "answer": "12 %", "value": "12", "status": "achieved"},
    )
    assert status == 200 and answer["status"] == "achieved"
    assert DirectiveAnswer.objects.get().value == 12
    assert AuditEvent.objects.filter(action="directive_answer.set").exists()
    status, rows = call("auditor", "get", "/api/v1/directive-answers")
    assert status == 200 and len(rows) == 1
    status, rows = call("auditor", "get", "/api/v1/owner-directives")
    assert status == 200 and rows[0]["demands"][0]["id"] == demand["id"]
    # an answered demand is locked: 409
    status, error = call("ks_controller", "delete", f"/api/v1/directive-demands/{demand['id']}")
    assert status == 409 and error["code"] == "COMP-008"


def test_the_error_shape_names_the_rule_and_outsiders_are_refused(world: World) -> None:
    add_company_personas(world)
    status, error = call("ks_controller", "post", "/api/v1/owner-directives", _directive(world, issuer_id=world.unit("Kommunstyrelsen").pk))
    assert status == 422 and error["code"] == "COMP-001" and set(error) == {"code", "message", "detail"}
    status, error = call("auditor", "post", "/api/v1/owner-directives", _directive(world))
    assert status == 403 and error["code"] == "PERM-001"
    status, _ = call("outsider", "get", "/api/v1/owner-directives")
    assert status in (403, 404)
    assert not OwnerDirective.objects.exists()


def test_the_parent_company_records_an_owner_dialogue_through_the_api(world: World) -> None:
    add_company_personas(world)
    body = {"parent_company_id": world.unit(PARENT).pk, "company_id": world.unit(ALLBOHUS).pk, "held_on": f"{YEAR}-10-02", "title": "Ägardialog"}
    status, dialogue = call("parent_controller", "post", "/api/v1/owner-dialogues", body)
    assert status == 201 and dialogue["title"] == "Ägardialog"
    status, rows = call("allbohus_board", "get", f"/api/v1/owner-dialogues?year={YEAR}")
    assert status == 200 and [r["id"] for r in rows] == [dialogue["id"]]
    status, _refused = call("allbohus_official", "post", "/api/v1/owner-dialogues", body)
    assert status in (403, 404)

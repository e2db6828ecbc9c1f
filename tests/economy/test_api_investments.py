"""The investments API (issue 11 §3): projects (CRUD) and their amounts, the plan's totals and the
investment account; prepared by KS's controllers and the committee's officials, locked after
adoption (INV-003), read by auditors, refused to the outsider."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from styr.core.models import AuditEvent
from styr.economy.models import InvestmentAmount, InvestmentProject
from styr.economy.services import sie_import
from tests.conftest import YEAR, World
from tests.economy.test_api_frames import call
from tests.economy.test_frames_decided import adopt_goals_and_budget
from tests.economy.test_investment_account import TRANSACTIONS

D = Decimal


def project_body(world: World, **given: Any) -> dict[str, Any]:
    return {
        "committee": world.unit("Utbildningsnämnden").pk,
        "name": "Tillbyggnad Hagaskolan",
        "category": "expansion",
        "start_year": YEAR,
        "end_year": YEAR + 2,
        "code": "P100",
        "total_tsek": "30000",
    } | given


def test_an_official_of_the_committee_adds_a_project_and_plans_it(world: World) -> None:
    status, body = call("administration_official", "post", "/api/v1/investment-projects", project_body(world))
    assert status == 201, body
    assert body["committee"] == "Utbildningsnämnden" and body["category"] == "expansion" and body["amounts"] == []
    pk = body["id"]
    status, body = call(
        "administration_official",
        "put",
        f"/api/v1/investment-projects/{pk}/amounts",
        {"plan_year": YEAR, "year": YEAR + 1, "amount_tsek": "12000", "capital_cost_tsek": "450", "running_cost_tsek": "300"},
    )
    assert status == 200 and D(body["amount_tsek"]) == D(12000) and D(body["capital_cost_tsek"]) == D(450)
    assert InvestmentAmount.objects.get().amount_tsek == D("12000.0")
    assert AuditEvent.objects.filter(action="investment_amount.set").count() == 1
    status, body = call("ks_controller", "patch", f"/api/v1/investment-projects/{pk}", {"status": "ongoing", "total_tsek": None})
    assert status == 200 and body["status"] == "ongoing" and body["total_tsek"] is None
    status, body = call("auditor", "get", f"/api/v1/investment-projects/{pk}")
    assert status == 200 and [a["year"] for a in body["amounts"]] == [YEAR + 1]
    status, body = call("auditor", "get", f"/api/v1/investment-plan/{YEAR}")
    assert status == 200 and body["locked"] is False
    assert {int(y): D(v) for y, v in body["totals"].items()} == {YEAR: 0, YEAR + 1: D(12000), YEAR + 2: 0}
    assert D(body["by_category"]["expansion"][str(YEAR + 1)]) == D(12000)


def test_the_outsider_and_those_who_only_read_are_refused(world: World) -> None:
    status, body = call("ks_controller", "post", "/api/v1/investment-projects", project_body(world))
    pk = body["id"]
    for persona in ("auditor", "committee_politician"):
        status, body = call(persona, "put", f"/api/v1/investment-projects/{pk}/amounts", {"plan_year": YEAR, "year": YEAR, "amount_tsek": "-1"})
        assert status == 403 and body["code"] == "PERM-001", persona  # permission before the rule (INV-002)
    status, body = call("other_committee_politician", "get", f"/api/v1/investment-projects/{pk}")
    assert status == 404
    status, body = call("outsider", "post", "/api/v1/investment-projects", project_body(world, code="P2"))
    assert status in (403, 404) and body["code"] in ("PERM-001", "NOT-FOUND")
    status, body = call("outsider", "delete", f"/api/v1/investment-projects/{pk}")
    assert status in (403, 404)
    assert InvestmentProject.objects.count() == 1 and not InvestmentAmount.objects.exists()


def test_rules_answer_with_their_ids_and_the_adopted_plan_is_locked(world: World) -> None:
    status, body = call("ks_controller", "post", "/api/v1/investment-projects", project_body(world))
    pk = body["id"]
    status, body = call("ks_controller", "post", "/api/v1/investment-projects", project_body(world, name="Annan"))
    assert status == 422 and body["code"] == "INV-005"
    status, body = call("ks_controller", "put", f"/api/v1/investment-projects/{pk}/amounts", {"plan_year": YEAR, "year": YEAR + 3, "amount_tsek": "1"})
    assert status == 422 and body["code"] == "INV-006"
    assert call("ks_controller", "put", f"/api/v1/investment-projects/{pk}/amounts", {"plan_year": YEAR, "year": YEAR, "amount_tsek": "500"})[0] == 200
    adopt_goals_and_budget(world)
    status, body = call("ks_controller", "put", f"/api/v1/investment-projects/{pk}/amounts", {"plan_year": YEAR, "year": YEAR, "amount_tsek": "600"})
    assert status == 409 and body["code"] == "INV-003"
    status, body = call("ks_controller", "delete", f"/api/v1/investment-projects/{pk}")
    assert status == 409 and body["code"] == "INV-003"
    status, body = call("ks_controller", "post", f"/api/v1/investment-plan/{YEAR}/roll")
    assert status == 201 and body == {"from_year": YEAR, "to_year": YEAR + 1, "amounts": 0}
    assert call("administration_official", "post", f"/api/v1/investment-plan/{YEAR}/roll")[0] == 403


def test_the_investment_account_shows_budget_actual_and_deviation(world: World) -> None:
    status, body = call("ks_controller", "post", "/api/v1/investment-projects", project_body(world))
    call("ks_controller", "put", f"/api/v1/investment-projects/{body['id']}/amounts", {"plan_year": YEAR, "year": YEAR, "amount_tsek": "5000"})
    sie_import(actor=None, org_unit=world.unit("Kommunfullmäktige"), file_name="k.se", stream=io.BytesIO(TRANSACTIONS.encode("cp437")))
    status, body = call("auditor", "get", f"/api/v1/investment-account/{YEAR}")
    assert status == 200
    assert [(r["code"], D(r["budget_tsek"]), D(r["actual_tsek"]), D(r["deviation_tsek"])) for r in body["rows"]] == [
        ("P100", D(5000), D(3550), D(1450)),
        ("P900", D(0), D(300), D(-300)),
    ]
    assert D(body["total"]["actual_tsek"]) == D(3850)
    # a politician of another committee sees neither the project nor the spend no project answers to
    status, body = call("other_committee_politician", "get", f"/api/v1/investment-account/{YEAR}")
    assert status == 200 and body["rows"] == []
    assert call("outsider", "get", f"/api/v1/investment-account/{YEAR}")[0] == 403

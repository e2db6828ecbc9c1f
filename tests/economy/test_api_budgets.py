"""The API of the internal budget and the personnel budget (issue 10 §5): every endpoint tried by
someone allowed, someone out of scope and the outsider; a refusal answers with the rule's id and
writes nothing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from styr.core.models import AuditEvent
from styr.economy.models import InternalBudgetAdoption, PersonnelOverheadRate, Position
from styr.economy.services import overhead_rate_set, position_create
from tests.api.test_api import bearer, token_for
from tests.conftest import YEAR, World
from tests.economy.test_internal_budget_adoption import COMMITTEE, DECIDED, split

ADOPT = {"year": YEAR, "decided_on": DECIDED.isoformat(), "paragraph": "§ 87", "registration_number": "UN 2025/113"}


def call(persona: str, method: str, url: str, body: dict[str, Any] | None = None) -> tuple[int, Any]:
    client = Client()
    headers = bearer(token_for(persona))
    if method == "get":
        response = client.get(url, headers=headers)
    else:
        response = getattr(client, method)(url, data=body or {}, content_type="application/json", headers=headers)
    return response.status_code, (response.json() if response.content else None)


def test_the_internal_budget_per_unit_yearly_and_monthly(world: World) -> None:
    split(world, haga="500000")
    committee = world.unit(COMMITTEE)
    status, body = call("committee_politician", "get", f"/api/v1/internal-budgets?org_unit={committee.pk}&year={YEAR}")
    assert status == 200, body
    assert body["state"] == "draft" and body["frame_sek"] == "1000000.00" and body["frame_adopted"]
    assert body["total_sek"] == "900000.00" and body["difference_sek"] == "100000.00"
    haga = next(u for u in body["units"] if u["name"] == "Hagaskolan")
    assert haga["total_sek"] == "500000.00" and len(haga["months"]) == 12 and haga["months"][0] == "41666.67" and haga["source"] == "entered"
    assert next(u for u in body["units"] if u["name"] == "Grundskola")["months"] == [None] * 12
    assert call("auditor", "get", f"/api/v1/internal-budgets?org_unit={committee.pk}&year={YEAR}")[0] == 200
    assert call("outsider", "get", f"/api/v1/internal-budgets?org_unit={committee.pk}&year={YEAR}")[0] == 404
    status, body = call("ks_controller", "get", f"/api/v1/internal-budgets?org_unit={world.unit('Hagaskolan').pk}&year={YEAR}")
    assert status == 422 and body["code"] == "ECON-001"


def test_adopt_and_reopen_through_the_api(world: World) -> None:
    split(world, haga="500000")
    committee = world.unit(COMMITTEE).pk
    status, body = call("committee_politician", "post", "/api/v1/internal-budgets/adopt", {"org_unit": committee, **ADOPT})
    assert status == 422 and body["code"] == "ECON-012" and body["detail"]["difference"] == "100\u00a0000"
    assert not InternalBudgetAdoption.objects.exists()
    for persona, expected in (("ks_controller", 403), ("other_committee_politician", 404), ("outsider", 404)):
        assert call(persona, "post", "/api/v1/internal-budgets/adopt", {"org_unit": committee, **ADOPT})[0] == expected
    split(world)
    status, body = call("committee_politician", "post", "/api/v1/internal-budgets/adopt", {"org_unit": committee, **ADOPT})
    assert status == 201 and body["revision"] == 1 and body["in_force"] and body["paragraph"] == "§ 87" and len(body["snapshot"]["units"]) == 4
    status, again = call("committee_politician", "post", "/api/v1/internal-budgets/adopt", {"org_unit": committee, **ADOPT})
    assert status == 409 and again["code"] == "ECON-015"
    status, one = call("auditor", "get", f"/api/v1/internal-budgets/adoptions/{body['id']}")
    assert status == 200 and one["snapshot_sha256"] == body["snapshot_sha256"]
    assert call("outsider", "get", f"/api/v1/internal-budgets/adoptions/{body['id']}")[0] == 404
    assert call("unit_manager", "post", "/api/v1/internal-budgets/reopen", {"org_unit": committee, "year": YEAR, "reason": "x"})[0] == 404
    assert call("auditor", "post", "/api/v1/internal-budgets/reopen", {"org_unit": committee, "year": YEAR, "reason": "x"})[0] == 403
    # reopening undoes the committee's decision: a politician's, not a controller's
    assert call("ks_controller", "post", "/api/v1/internal-budgets/reopen", {"org_unit": committee, "year": YEAR, "reason": "x"})[0] == 403
    status, refused = call("committee_politician", "post", "/api/v1/internal-budgets/reopen", {"org_unit": committee, "year": YEAR, "reason": " "})
    assert status == 422 and refused["code"] == "ECON-016"
    status, reopened = call("committee_politician", "post", "/api/v1/internal-budgets/reopen", {"org_unit": committee, "year": YEAR, "reason": "Ny ram"})
    assert status == 200 and not reopened["in_force"] and reopened["reopen_reason"] == "Ny ram"
    assert call("ks_controller", "get", f"/api/v1/internal-budgets?org_unit={committee}&year={YEAR}")[1]["state"] == "reopened"


def test_econ_013_adopting_against_a_frame_the_council_has_not_adopted_is_refused(world: World) -> None:
    split(world, frame_adopted=False)
    committee = world.unit(COMMITTEE).pk
    assert call("committee_politician", "get", f"/api/v1/internal-budgets?org_unit={committee}&year={YEAR}")[1]["frame_adopted"] is False
    status, body = call("committee_politician", "post", "/api/v1/internal-budgets/adopt", {"org_unit": committee, **ADOPT})
    assert status == 422 and body["code"] == "ECON-013" and not InternalBudgetAdoption.objects.exists()


def test_positions_crud_through_the_api(world: World) -> None:
    haga = world.unit("Hagaskolan").pk
    new = {"org_unit": haga, "year": YEAR, "title": "Lärare", "monthly_salary_sek": "34250", "employment_rate": "80", "salary_increase_percent": "2.5"}
    status, body = call("unit_manager", "post", "/api/v1/personnel/positions", new)
    assert status == 201 and body["monthly_salary_sek"] == "34250.00" and body["salary_increase_month"] == 4
    position = body["id"]
    status, refused = call("unit_manager", "post", "/api/v1/personnel/positions", {**new, "employment_rate": "150"})
    assert status == 422 and refused["code"] == "PAY-002" and Position.objects.count() == 1
    assert call("committee_politician", "post", "/api/v1/personnel/positions", new)[0] == 403
    assert call("outsider", "post", "/api/v1/personnel/positions", new)[0] == 404
    status, listed = call("auditor", "get", f"/api/v1/personnel/positions?org_unit={haga}&year={YEAR}")
    assert status == 200 and [p["title"] for p in listed] == ["Lärare"]
    assert call("outsider", "get", f"/api/v1/personnel/positions?org_unit={haga}&year={YEAR}")[0] == 404
    status, changed = call("administration_official", "patch", f"/api/v1/personnel/positions/{position}", {"end_month": 6})
    assert status == 200 and changed["end_month"] == 6
    status, refused = call("unit_manager", "patch", f"/api/v1/personnel/positions/{position}", {"start_month": 9})
    assert status == 422 and refused["code"] == "PAY-003" and Position.objects.get().start_month == 1
    assert call("committee_politician", "patch", f"/api/v1/personnel/positions/{position}", {"end_month": 5})[0] == 403
    assert call("outsider", "patch", f"/api/v1/personnel/positions/{position}", {"end_month": 5})[0] == 404
    assert call("outsider", "delete", f"/api/v1/personnel/positions/{position}")[0] == 404
    assert call("auditor", "delete", f"/api/v1/personnel/positions/{position}")[0] == 403
    assert call("unit_manager", "delete", f"/api/v1/personnel/positions/{position}")[0] == 204 and not Position.objects.exists()


def test_costs_and_po_rates_through_the_api(world: World) -> None:
    haga = world.unit("Hagaskolan")
    position_create(actor=None, org_unit=haga, year=YEAR, title="Lärare", monthly_salary_sek="34250", employment_rate="80", salary_increase_percent="2.5")
    status, body = call("unit_manager", "get", f"/api/v1/personnel/costs?org_unit={haga.pk}&year={YEAR}")
    assert status == 200 and body["refusal"]["code"] == "PAY-006" and body["total_sek"] == "0.00"
    rate = {"valid_from": f"{YEAR}-01-01", "rate_percent": "40.15", "note": "Testvärde"}
    assert call("unit_manager", "post", "/api/v1/personnel/overhead-rates", rate)[0] == 403
    assert call("outsider", "post", "/api/v1/personnel/overhead-rates", rate)[0] == 403  # no group at all (PERM-001)
    status, refused = call("ks_controller", "post", "/api/v1/personnel/overhead-rates", {**rate, "rate_percent": "140"})
    assert status == 422 and refused["code"] == "PAY-005" and not PersonnelOverheadRate.objects.exists()
    status, saved = call("ks_controller", "post", "/api/v1/personnel/overhead-rates", rate)
    assert status == 201 and saved["rate_percent"] == "40.15"
    status, rates = call("unit_manager", "get", "/api/v1/personnel/overhead-rates")
    assert status == 200 and [r["valid_from"] for r in rates] == [f"{YEAR}-01-01"]
    assert call("outsider", "get", "/api/v1/personnel/overhead-rates")[0] == 403
    status, body = call("unit_manager", "get", f"/api/v1/personnel/costs?org_unit={haga.pk}&year={YEAR}")
    assert body["refusal"] is None and body["total_sek"] == "469453.47" and body["months"][3]["total_sek"] == "39361.13"
    assert body["positions"][0]["months_sek"][0] == "38401.10" and body["full_time_equivalents"] == "0.80"
    assert call("outsider", "get", f"/api/v1/personnel/costs?org_unit={haga.pk}&year={YEAR}")[0] == 404
    assert call("unit_manager", "delete", f"/api/v1/personnel/overhead-rates/{saved['id']}")[0] == 403
    assert call("ks_controller", "delete", f"/api/v1/personnel/overhead-rates/{saved['id']}")[0] == 204
    assert AuditEvent.objects.filter(action="personnel_overhead_rate.deleted").count() == 1


def test_positions_imported_through_the_api(world: World) -> None:
    from tests.economy.test_personnel_budget import filled, template_of

    haga = world.unit("Hagaskolan")
    overhead_rate_set(actor=None, group=world.group, valid_from=date(YEAR, 1, 1), rate_percent=Decimal("40"))
    content = filled(template_of(world), {"B5": "Kurator", "C5": 31000})

    def upload(persona: str, data: bytes) -> tuple[int, Any]:
        response = Client().post(
            "/api/v1/personnel/position-imports",
            {"org_unit": haga.pk, "year": YEAR, "file": SimpleUploadedFile("lon.xlsx", data)},
            headers=bearer(token_for(persona)),
        )
        return response.status_code, response.json()

    status, refused = upload("unit_manager", filled(content, {"D5": "heltid"}))
    assert status == 422 and refused["code"] == "PAY-002" and refused["detail"]["cell"] == "Lönebudget!D5" and not Position.objects.exists()
    assert upload("committee_politician", content)[0] == 403
    assert upload("outsider", content)[0] == 404
    status, body = upload("unit_manager", content)
    assert status == 201 and [p["title"] for p in body] == ["Kurator"] and body[0]["employment_rate"] == "100.00"

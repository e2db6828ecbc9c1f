"""EDIT-001 on the rest of the single-entity writes (issue 14 §1): for one write of each API
module wired in the second round, another writer's change in between makes a write naming the
version read a 409 that changes nothing, and a write naming the current version runs, raises the
version and answers it as the ``ETag``. PUTs that create run as before when nothing is there yet."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models import F

from styr.control.models import OversightEvaluation, OwnerDirective
from styr.economy.models import (
    AllocationDriver,
    BalanceStatementYear,
    BudgetAssumption,
    FinancialManagementAssessment,
    GroupMember,
    InvestmentProject,
    OperatingFrame,
    PensionObligation,
    PoliticalAdjustment,
)
from styr.followup import services as followup_services
from styr.followup.models import PlanningMilestone
from styr.planning.models import KoladaSettings
from tests.api.test_api_planning import Api, as_, refused
from tests.conftest import YEAR, World
from tests.control.companies_setup import ALLBOHUS, PARENT, add_company_personas
from tests.economy.allocation_setup import build
from tests.economy.group_books import COMPANY
from tests.economy.test_api_investments import project_body


def _send(api: Api, method: str, path: str, body: Any, if_match: str | None) -> Any:
    headers = {**api.headers, **({"If-Match": if_match} if if_match is not None else {})}
    call = getattr(api.client, method)
    data = json.dumps(body) if body is not None else None
    return call(f"/api/v1{path}", data=data, content_type="application/json", headers=headers)


def _saved(row: models.Model) -> dict[str, Any]:
    row.refresh_from_db()
    return {f.attname: getattr(row, f.attname) for f in row._meta.concrete_fields}


def stale_then_fresh(api: Api, method: str, path: str, body: Any, row: models.Model) -> Any:
    """Another writer changes ``row`` after the caller read it: the caller's write with the version
    it read is 409 EDIT-001 and nothing changes; with the current version it runs."""
    read = _saved(row)["version"]
    type(row)._base_manager.filter(pk=row.pk).update(version=F("version") + 1)  # the other writer
    before = _saved(row)
    body_409 = refused(_send(api, method, path, body, f'"{read}"'), 409, "EDIT-001")
    assert body_409["detail"]["expected"] == read and body_409["detail"]["current"] == read + 1
    if method == "delete":
        assert type(row)._base_manager.filter(pk=row.pk).exists()
    else:
        assert _saved(row) == before
    fresh = _send(api, method, path, body, f'"{read + 1}"')
    if method == "delete":
        assert fresh.status_code == 204, fresh.content
        assert not type(row)._base_manager.filter(pk=row.pk).exists()
        return fresh
    assert fresh.status_code in (200, 201), fresh.content
    assert fresh.json()["version"] == read + 2 and fresh["ETag"] == f'"{read + 2}"'
    assert _saved(row)["version"] == read + 2
    return fresh


def test_edit_001_allocation_model_adjustment_and_driver(world: World) -> None:
    built = build(world)
    api = as_(world, "ks_controller")
    answer = stale_then_fresh(api, "patch", f"/allocation/models/{built.model.pk}", {"price_index_n1": "2.5"}, built.model)
    assert answer.json()["price_index_n1"] == "2.50"
    adjustment = PoliticalAdjustment.objects.get()
    answer = stale_then_fresh(api, "patch", f"/allocation/adjustments/{adjustment.pk}", {"reason": "Läsning"}, adjustment)
    assert answer.json()["reason"] == "Läsning"
    stale_then_fresh(api, "delete", f"/allocation/drivers/{built.elderly.pk}", None, AllocationDriver.objects.get(pk=built.elderly.pk))


def test_edit_001_balance_statement_the_first_patch_creates_the_year_as_before(world: World) -> None:
    api = as_(world, "ks_controller")
    first = _send(api, "patch", "/balance-statements/2024", {"year_result_sek": "-4000000", "reserve_opening_sek": "0"}, '"9"')
    assert first.status_code == 200, first.content  # nothing was there to overwrite
    assert first["ETag"] == f'"{first.json()["version"]}"'
    row = BalanceStatementYear.objects.get(group=world.group, year=2024)
    stale_then_fresh(api, "patch", "/balance-statements/2024", {"note": "Efter revision"}, row)
    assert BalanceStatementYear.objects.get(pk=row.pk).note == "Efter revision"


def test_edit_001_owner_directive_delete(world: World) -> None:
    add_company_personas(world)
    api = as_(world, "ks_controller")
    body = {
        "kind": "subsidiary_specific",
        "title": "Specifikt ägardirektiv för AllboHus",
        "issuer_id": world.unit(PARENT).pk,
        "company_id": world.unit(ALLBOHUS).pk,
        "decided_on": "2025-04-01",
        "valid_from": "2025-05-01",
    }
    created = api.post("/owner-directives", body)
    assert created.status_code == 201, created.content
    directive = OwnerDirective.objects.get(pk=created.json()["id"])
    stale_then_fresh(api, "delete", f"/owner-directives/{directive.pk}", None, directive)


def test_edit_001_oversight_evaluation(world: World) -> None:
    api = as_(world, "ks_controller")
    created = api.post("/control/evaluations", {"year": YEAR, "evaluation": "God kontroll."})
    assert created.status_code == 201, created.content
    evaluation = OversightEvaluation.objects.get(pk=created.json()["id"])
    answer = stale_then_fresh(api, "patch", f"/control/evaluations/{evaluation.pk}", {"evaluation": "Brister i attest."}, evaluation)
    assert answer.json()["evaluation"] == "Brister i attest."


def test_edit_001_pension_obligations_and_assessment(world: World) -> None:
    api = as_(world, "ks_controller")
    body = {"year": YEAR, "amount_sek": "2000000", "source": "KPA"}
    assert _send(api, "put", "/financial-goals/pension-obligations", body, '"4"').status_code == 200  # a new year: created
    row = PensionObligation.objects.get(group=world.group, year=YEAR)
    stale_then_fresh(api, "put", "/financial-goals/pension-obligations", {**body, "amount_sek": "2100000"}, row)
    assert PensionObligation.objects.get(pk=row.pk).amount_sek == 2100000
    judgement = {"year": YEAR, "conclusion": "achieved", "judgement": "God ekonomisk hushållning."}
    assert api.put("/financial-goals/assessment", judgement).status_code == 200
    assessment = FinancialManagementAssessment.objects.get(group=world.group, year=YEAR)
    stale_then_fresh(api, "put", "/financial-goals/assessment", {**judgement, "judgement": "Hushållningen brister."}, assessment)


def test_edit_001_frame_proposal(world: World) -> None:
    api = as_(world, "ks_controller")
    unit = world.unit("Utbildningsnämnden").pk
    assert _send(api, "put", f"/frames/{unit}/{YEAR}/proposal", {"amount_tsek": "512300"}, '"3"').status_code == 200
    frame = OperatingFrame.objects.get(org_unit_id=unit, year=YEAR)
    answer = stale_then_fresh(api, "put", f"/frames/{unit}/{YEAR}/proposal", {"amount_tsek": "515000"}, frame)
    assert answer.json()["amount_tsek"] == "515000.0"
    listed = api.get(f"/frames?year={YEAR}").json()
    assert next(f for f in listed if f["org_unit_id"] == unit)["version"] == answer.json()["version"]


def test_edit_001_group_member(world: World) -> None:
    api = as_(world, "ks_controller")
    company = world.unit(COMPANY)
    assert api.put(f"/group/members/{company.pk}", {"ownership_percent": "91.5"}).status_code == 200
    member = GroupMember.objects.get(org_unit=company)
    answer = stale_then_fresh(api, "put", f"/group/members/{company.pk}", {"ownership_percent": "60"}, member)
    assert answer.json()["ownership_percent"] == "60.00"


def test_edit_001_investment_project(world: World) -> None:
    api = as_(world, "ks_controller")
    created = api.post("/investment-projects", project_body(world))
    assert created.status_code == 201, created.content
    project = InvestmentProject.objects.get(pk=created.json()["id"])
    answer = stale_then_fresh(api, "patch", f"/investment-projects/{project.pk}", {"name": "Tillbyggnad Hagaskolan etapp 2"}, project)
    assert answer.json()["name"] == "Tillbyggnad Hagaskolan etapp 2"


def test_edit_001_kolada_settings(world: World) -> None:
    api = as_(world, "ks_controller")
    first = _send(api, "put", "/kolada/settings", {"municipality": "0764", "first_year": 2020}, '"2"')
    assert first.status_code == 200, first.content  # the first settings: nothing to overwrite
    settings = KoladaSettings.objects.get(group=world.group)
    stale_then_fresh(api, "put", "/kolada/settings", {"municipality": "0780", "first_year": 2020}, settings)
    assert KoladaSettings.objects.get(pk=settings.pk).municipality == "0780"


def test_edit_001_budget_assumption(world: World) -> None:
    api = as_(world, "ks_controller")
    body = {"year": YEAR, "key": "tax_revenue", "amount_tsek": "1100000", "source": "SKR cirkulär 26:14", "source_date": f"{YEAR - 1}-04-24"}
    assert api.put("/budget-assumptions", body).status_code == 200
    row = BudgetAssumption.objects.get(group=world.group, year=YEAR, key="tax_revenue")
    answer = stale_then_fresh(api, "put", "/budget-assumptions", {**body, "amount_tsek": "1200000"}, row)
    assert answer.json()["amount_tsek"] == "1200000.0"


def test_edit_001_planning_milestone_move(world: World) -> None:
    calendar = followup_services.calendar_create(actor=None, group=world.group, year=2027)
    step = PlanningMilestone.objects.get(calendar=calendar, kind="operational_plan")
    answer = stale_then_fresh(as_(world, "ks_controller"), "patch", f"/planning-milestones/{step.pk}", {"due": "2027-11-20"}, step)
    assert answer.json()["due"] == "2027-11-20"
    assert PlanningMilestone.objects.get(pk=step.pk).due == date(2027, 11, 20)


def test_the_outsider_is_refused_before_any_version_is_compared(world: World) -> None:
    api = as_(world, "ks_controller")
    created = api.post("/investment-projects", project_body(world))
    project = InvestmentProject.objects.get(pk=created.json()["id"])
    answer = _send(as_(world, "outsider"), "patch", f"/investment-projects/{project.pk}", {"name": "x"}, '"9"')
    # to someone without a role the project does not exist (404, as to anyone outside its scope): the
    # refusal, not EDIT-001, so the version is never compared
    refused(answer, 404, "NOT-FOUND")
    assert InvestmentProject.objects.get(pk=project.pk).version == 1


def test_edit_001_a_goal_indicators_target_takes_the_indicators_etag(world: World) -> None:
    from styr.planning import services as planning_services
    from styr.planning.models import GoalIndicator, GoalIndicatorTarget

    goal = planning_services.goal_create(actor=None, org_unit=world.unit("Utbildningsnämnden"), title="Behörighet", start_year=YEAR, end_year=YEAR + 2)
    indicator = planning_services.indicator_create(actor=None, goal=goal, name="Behöriga", unit_label="%", baseline_year=YEAR - 1, baseline_value=Decimal(78))
    api = as_(world, "ks_controller")
    answer = stale_then_fresh(api, "put", f"/goal-indicators/{indicator.pk}/targets/{YEAR + 1}", {"value": "83"}, GoalIndicator.objects.get(pk=indicator.pk))
    assert GoalIndicatorTarget.objects.get(indicator=indicator, year=YEAR + 1).value == 83
    # the read's ETag names the indicator with its targets: setting one makes an earlier read stale
    etag = answer["ETag"]
    assert _send(api, "put", f"/goal-indicators/{indicator.pk}/targets/{YEAR + 2}", {"value": "86"}, etag).status_code == 200
    refused(_send(api, "put", f"/goal-indicators/{indicator.pk}/targets/{YEAR + 2}", {"value": "99"}, etag), 409, "EDIT-001")
    assert GoalIndicatorTarget.objects.get(indicator=indicator, year=YEAR + 2).value == 86


def test_edit_001_the_arshjuls_set_replacing_puts_take_the_calendars_etag(world: World) -> None:
    from tests.api.test_api_calendar import MINIMUM, make
    from tests.api.test_api_calendar import YEAR as CAL_YEAR

    calendar = make(world)
    school = world.unit("Utbildningsnämnden")
    politician = as_(world, "committee_politician")
    read = politician.get(f"/planning-calendars/{CAL_YEAR}")
    assert read.status_code == 200 and read["ETag"] == f'"{read.json()["version"]}"'
    months = f"/planning-calendars/{CAL_YEAR}/committee-months/{school.pk}"
    assert _send(politician, "put", months, {"months": [*MINIMUM, 4]}, read["ETag"]).status_code == 200
    # another committee member's second change, from the same read, is refused and changes nothing
    refused(_send(politician, "put", months, {"months": [*MINIMUM, 6]}, read["ETag"]), 409, "EDIT-001")
    assert list(calendar.periods.filter(org_unit=school).values_list("end__month", flat=True)) == [4]
    fresh = politician.get(f"/planning-calendars/{CAL_YEAR}")["ETag"]
    assert _send(politician, "put", months, {"months": [*MINIMUM, 6]}, fresh).status_code == 200
    controller = as_(world, "ks_controller")
    refused(_send(controller, "put", f"/planning-calendars/{CAL_YEAR}/report-requirements", {"sections": {}}, read["ETag"]), 409, "EDIT-001")
    refused(_send(controller, "put", f"/planning-calendars/{CAL_YEAR}/report-requirements/{school.pk}", {"sections": {}}, read["ETag"]), 409, "EDIT-001")
    current = controller.get(f"/planning-calendars/{CAL_YEAR}")["ETag"]
    assert _send(controller, "put", f"/planning-calendars/{CAL_YEAR}/report-requirements", {"sections": {}}, current).status_code == 200


def test_edit_001_a_drivers_count_by_hand_is_created_freely_then_versioned(world: World) -> None:
    from styr.economy.models import AllocationCountOverride

    built = build(world)
    api = as_(world, "ks_controller")
    year = built.model.budget_year
    path = f"/allocation/drivers/{built.elderly.pk}/counts/{year}"
    first = _send(api, "put", path, {"count": 120, "reason": "Ny avdelning"}, '"9"')
    assert first.status_code == 200, first.content  # nothing was there to overwrite
    row = AllocationCountOverride.objects.get(driver=built.elderly, year=year)
    answer = stale_then_fresh(api, "put", path, {"count": 125, "reason": "Räknat igen"}, row)
    assert answer.json()["count"] == 125

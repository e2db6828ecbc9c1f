"""The planning API (issue 3 point 12): every planning entity under /api/v1/, written through the
services, with the services' permissions and rules and the one error shape."""

import json
from datetime import UTC, date, datetime
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.client import Client as ClientType
from django.test.utils import CaptureQueriesContext

from styr.core.models import AuditEvent
from styr.core.services import api_token_create
from styr.domain.plans import snapshot_hash
from styr.planning import services
from styr.planning.models import (
    Activity,
    Assignment,
    CoreMission,
    CurrentStateAnalysis,
    DevelopmentArea,
    DevelopmentGoal,
    Direction,
    FinancialGoal,
    Plan,
    QualityFactor,
    QualityIndicator,
    Risk,
    SustainabilityGoal,
    Trend,
)
from tests.conftest import YEAR, World


class Api:
    """A persona's bearer token, and the JSON calls made with it."""

    def __init__(self, world: World, persona: str) -> None:
        _token, raw = api_token_create(actor=None, user=world.users[persona])
        self.headers = {"Authorization": f"Bearer {raw}"}
        self.client: ClientType = Client()

    def get(self, path: str) -> Any:
        return self.client.get(f"/api/v1{path}", headers=self.headers)

    def send(self, method: str, path: str, body: Any = None) -> Any:
        call = getattr(self.client, method)
        data = json.dumps(body) if body is not None else None
        return call(f"/api/v1{path}", data=data, content_type="application/json", headers=self.headers)

    def post(self, path: str, body: Any = None) -> Any:
        return self.send("post", path, body)

    def put(self, path: str, body: Any) -> Any:
        return self.send("put", path, body)

    def patch(self, path: str, body: Any) -> Any:
        return self.send("patch", path, body)

    def delete(self, path: str) -> Any:
        return self.send("delete", path)


def as_(world: World, persona: str) -> Api:
    return Api(world, persona)


def refused(response: Any, status: int, code: str) -> dict[str, Any]:
    """The response is the one error shape with this status and code."""
    assert response.status_code == status, response.content
    body: dict[str, Any] = response.json()
    assert body["code"] == code and body["message"] and isinstance(body["detail"], dict), body
    return body


def audited(action: str, obj: Any) -> AuditEvent:
    return AuditEvent.objects.get(action=action, object_id=str(obj.pk))


def uid(world: World, name: str) -> int:
    return world.unit(name).pk


# --- Core mission and risks ---------------------------------------------------------------


def test_an_official_describes_the_core_mission_and_its_risks_on_the_matrix(world: World) -> None:
    official = as_(world, "administration_official")
    unit = uid(world, "Utbildningsförvaltningen")
    sdg4 = SustainabilityGoal.objects.get(number=4)
    response = official.put(
        f"/org-units/{unit}/core-mission",
        {"serves": "Barn och elever", "purpose": "Utbildning", "governed_by": "Skollagen", "sustainability_goals": [sdg4.pk]},
    )
    assert response.status_code == 200, response.content
    mission = CoreMission.objects.get(org_unit_id=unit)
    assert response.json()["id"] == mission.pk and response.json()["sustainability_goals"] == [sdg4.pk]
    assert mission.purpose == "Utbildning" and list(mission.sustainability_goals.all()) == [sdg4]
    assert audited("core_mission.created", mission).actor == world.users["administration_official"]
    assert official.get(f"/org-units/{unit}/core-mission").json()["serves"] == "Barn och elever"
    assert official.get(f"/core-missions?org_unit={unit}").json()["count"] == 1

    response = official.post(f"/core-missions/{mission.pk}/risks", {"description": "Lärarbrist", "likelihood": 3, "consequence": 4})
    assert response.status_code == 201, response.content
    risk = Risk.objects.get(pk=response.json()["id"])
    assert response.json()["risk_value"] == 12 and risk.core_mission == mission
    assert audited("risk.created", risk)

    response = official.patch(f"/risks/{risk.pk}", {"consequence": 2})
    assert response.status_code == 200 and response.json()["risk_value"] == 6
    assert official.delete(f"/risks/{risk.pk}").status_code == 204
    assert not Risk.objects.exists() and audited("risk.deleted", risk)


def test_risk_001_a_risk_off_the_matrix_is_refused_and_nothing_written(world: World) -> None:
    official = as_(world, "administration_official")
    mission = services.core_mission_set(actor=None, org_unit=world.unit("Utbildningsförvaltningen"), purpose="Utbildning")
    body = refused(official.post(f"/core-missions/{mission.pk}/risks", {"description": "x", "likelihood": 5, "consequence": 1}), 422, "RISK-001")
    assert body["detail"]["field"] == "likelihood"
    refused(official.post(f"/core-missions/{mission.pk}/risks", {"description": "x", "likelihood": 0, "consequence": 1}), 422, "RISK-001")
    assert not Risk.objects.exists()
    risk = services.risk_create(actor=None, core_mission=mission, description="Lärarbrist", likelihood=2, consequence=2)
    refused(official.patch(f"/risks/{risk.pk}", {"consequence": 9}), 422, "RISK-001")
    assert Risk.objects.get(pk=risk.pk).consequence == 2
    assert not AuditEvent.objects.filter(action__startswith="risk.", actor__isnull=False).exists()


def test_core_mission_is_refused_to_the_outsider_a_reader_and_someone_out_of_scope(world: World) -> None:
    unit = uid(world, "Utbildningsförvaltningen")
    body = {"purpose": "x"}
    refused(as_(world, "outsider").put(f"/org-units/{unit}/core-mission", body), 404, "NOT-FOUND")
    refused(as_(world, "unit_manager").put(f"/org-units/{unit}/core-mission", body), 404, "NOT-FOUND")  # a unit above the manager's own: not in their scope
    detail = refused(as_(world, "auditor").put(f"/org-units/{unit}/core-mission", body), 403, "PERM-001")["detail"]
    assert detail["action"] == "core_mission.write"
    assert not CoreMission.objects.exists()
    mission = services.core_mission_set(actor=None, org_unit=world.unit("Utbildningsförvaltningen"), purpose="Utbildning")
    risk = services.risk_create(actor=None, core_mission=mission, description="Lärarbrist", likelihood=2, consequence=2)
    refused(as_(world, "outsider").patch(f"/risks/{risk.pk}", {"likelihood": 1}), 404, "NOT-FOUND")
    refused(as_(world, "other_committee_politician").delete(f"/risks/{risk.pk}"), 404, "NOT-FOUND")
    # a core mission the caller cannot see is not found
    refused(as_(world, "outsider").post(f"/core-missions/{mission.pk}/risks", {"description": "x", "likelihood": 1, "consequence": 1}), 404, "NOT-FOUND")
    assert Risk.objects.count() == 1


# --- Quality factors and indicators ---------------------------------------------------------


def test_officials_add_quality_factors_below_the_council_and_the_outsider_cannot(world: World) -> None:
    official = as_(world, "administration_official")
    response = official.post("/quality-factors", {"org_unit": uid(world, "Grundskola"), "title": "Studiero", "description": "Lugn i klassrummet"})
    assert response.status_code == 201, response.content
    factor = QualityFactor.objects.get(pk=response.json()["id"])
    assert factor.org_unit == world.unit("Grundskola") and response.json()["indicators"] == []
    assert audited("quality_factor.created", factor)
    assert official.get(f"/quality-factors?org_unit={uid(world, 'Grundskola')}").json()["count"] == 1
    assert official.patch(f"/quality-factors/{factor.pk}", {"title": "Studiero och trygghet"}).json()["title"] == "Studiero och trygghet"

    # Grundskola is above the manager's unit, so not in their scope: 404
    refused(as_(world, "unit_manager").post("/quality-factors", {"org_unit": uid(world, "Grundskola"), "title": "x"}), 404, "NOT-FOUND")
    refused(as_(world, "auditor").post("/quality-factors", {"org_unit": uid(world, "Kommunfullmäktige"), "title": "x"}), 403, "PERM-001")
    refused(as_(world, "outsider").post("/quality-factors", {"org_unit": uid(world, "Grundskola"), "title": "x"}), 404, "NOT-FOUND")
    refused(as_(world, "outsider").delete(f"/quality-factors/{factor.pk}"), 404, "NOT-FOUND")
    assert QualityFactor.objects.count() == 1
    assert official.delete(f"/quality-factors/{factor.pk}").status_code == 204
    assert not QualityFactor.objects.exists()


def test_a_quality_indicator_is_added_without_a_target(world: World) -> None:
    factor = services.quality_factor_create(actor=None, org_unit=world.unit("Utbildningsnämnden"), title="Trygghet")
    controller = as_(world, "ks_controller")
    response = controller.post(
        "/quality-indicators",
        {"factor": factor.pk, "name": "Andel trygga elever", "unit_label": "%", "direction": "higher", "source": "kolada", "kolada_kpi": "N15613"},
    )
    assert response.status_code == 201, response.content
    indicator = QualityIndicator.objects.get(pk=response.json()["id"])
    assert indicator.kolada_kpi == "N15613" and indicator.factor == factor and response.json()["frequency"] == "yearly"
    assert audited("quality_indicator.created", indicator)
    assert controller.get(f"/quality-indicators?factor={factor.pk}").json()["count"] == 1
    assert controller.get(f"/quality-factors/{factor.pk}").json()["indicators"][0]["name"] == "Andel trygga elever"
    response = controller.patch(f"/quality-indicators/{indicator.pk}", {"frequency": "tertial"})
    assert response.status_code == 200 and QualityIndicator.objects.get(pk=indicator.pk).frequency == "tertial"
    refused(as_(world, "outsider").patch(f"/quality-indicators/{indicator.pk}", {"frequency": "monthly"}), 404, "NOT-FOUND")
    refused(as_(world, "other_committee_politician").get(f"/quality-indicators/{indicator.pk}"), 404, "NOT-FOUND")
    assert controller.delete(f"/quality-indicators/{indicator.pk}").status_code == 204


@pytest.mark.parametrize("field", ["target", "target_value", "target_year", "targets"])
def test_qi_001_a_target_on_a_quality_indicator_is_refused_by_the_api_and_nothing_written(world: World, field: str) -> None:
    factor = services.quality_factor_create(actor=None, org_unit=world.unit("Utbildningsnämnden"), title="Trygghet")
    controller = as_(world, "ks_controller")
    value: Any = [{"year": YEAR, "value": 90}] if field == "targets" else 90
    body = refused(controller.post("/quality-indicators", {"factor": factor.pk, "name": "Andel trygga", "direction": "higher", field: value}), 422, "QI-001")
    assert body["detail"]["fields"] == [field] and body["detail"]["field"] == field
    refused(controller.post("/quality-indicators", {"factor": factor.pk, field: value}), 422, "QI-001")  # whatever else the body lacks
    assert not QualityIndicator.objects.exists()
    indicator = services.quality_indicator_create(actor=None, factor=factor, name="Andel trygga", direction="higher")
    refused(controller.patch(f"/quality-indicators/{indicator.pk}", {"name": "Ändrad", field: value}), 422, "QI-001")
    assert QualityIndicator.objects.get(pk=indicator.pk).name == "Andel trygga"
    assert not AuditEvent.objects.filter(action__startswith="quality_indicator.", actor__isnull=False).exists()


def test_the_quality_indicator_schemas_have_no_target_field(world: World) -> None:
    schemas = Client().get("/api/v1/openapi.json").json()["components"]["schemas"]
    for name in ("QualityIndicatorIn", "QualityIndicatorPatch", "QualityIndicatorOut"):
        assert not any("target" in field and "sustainability" not in field for field in schemas[name]["properties"]), name


def test_a_value_the_model_refuses_answers_input_001_with_its_errors(world: World) -> None:
    factor = services.quality_factor_create(actor=None, org_unit=world.unit("Utbildningsnämnden"), title="Trygghet")
    response = as_(world, "ks_controller").post("/quality-indicators", {"factor": factor.pk, "name": "Nyckeltal", "source": "kolada"})
    body = refused(response, 422, "INPUT-001")
    assert body["detail"]["errors"]  # the check constraint: a Kolada key figure needs its KPI id
    assert not QualityIndicator.objects.exists()


# --- Analyses -----------------------------------------------------------------------------


def test_trends_build_on_the_levels_below_trend_001(world: World) -> None:
    official = as_(world, "administration_official")
    response = official.post(
        "/trends", {"org_unit": uid(world, "Utbildningsförvaltningen"), "year": YEAR, "category": "social", "title": "Fler barn i förskoleåldern"}
    )
    assert response.status_code == 201, response.content
    lower = Trend.objects.get(pk=response.json()["id"])
    assert audited("trend.created", lower) and lower.horizon_years == 4
    controller = as_(world, "ks_controller")
    body = {"org_unit": uid(world, "Kommunstyrelsen"), "year": YEAR, "category": "social", "title": "Växande befolkning", "builds_on": [lower.pk]}
    response = controller.post("/trends", body)
    assert response.status_code == 201 and response.json()["builds_on"] == [lower.pk]
    wrong = {**body, "org_unit": uid(world, "Omsorgsnämnden"), "title": "x"}
    refused(controller.post("/trends", wrong), 422, "TREND-001")
    refused(as_(world, "outsider").post("/trends", {**body, "builds_on": []}), 404, "NOT-FOUND")
    refused(as_(world, "committee_politician").post("/trends", {**body, "org_unit": uid(world, "Utbildningsnämnden"), "builds_on": []}), 403, "PERM-001")
    assert Trend.objects.count() == 2
    assert official.get(f"/trends?year={YEAR}&org_unit={uid(world, 'Utbildningsförvaltningen')}").json()["count"] == 1
    assert official.patch(f"/trends/{lower.pk}", {"horizon_years": 10}).json()["horizon_years"] == 10
    assert official.delete(f"/trends/{lower.pk}").status_code == 204 and not Trend.objects.filter(pk=lower.pk).exists()


def test_an_official_writes_the_current_state_analysis(world: World) -> None:
    unit = uid(world, "Utbildningsförvaltningen")
    official = as_(world, "administration_official")
    response = official.put(f"/org-units/{unit}/current-state/{YEAR}", {"goal_attainment": "Två av tre mål nådda", "economy": "Balans"})
    assert response.status_code == 200, response.content
    analysis = CurrentStateAnalysis.objects.get(org_unit_id=unit, year=YEAR)
    assert analysis.economy == "Balans" and response.json()["id"] == analysis.pk
    assert audited("current_state.created", analysis)
    assert official.put(f"/org-units/{unit}/current-state/{YEAR}", {"economy": "Underskott"}).json()["goal_attainment"] == ""  # PUT replaces
    assert audited("current_state.updated", analysis).before["economy"] == "Balans"
    assert official.get(f"/current-state-analyses?year={YEAR}").json()["count"] == 1
    refused(as_(world, "outsider").put(f"/org-units/{unit}/current-state/{YEAR}", {"economy": "x"}), 404, "NOT-FOUND")
    refused(as_(world, "auditor").put(f"/org-units/{unit}/current-state/{YEAR}", {"economy": "x"}), 403, "PERM-001")
    refused(as_(world, "other_committee_politician").put(f"/org-units/{unit}/current-state/{YEAR}", {"economy": "x"}), 404, "NOT-FOUND")
    assert CurrentStateAnalysis.objects.get().economy == "Underskott"


# --- Direction and development areas ---------------------------------------------------------


def test_a_committee_politician_sets_the_direction_and_development_areas(world: World) -> None:
    unit = uid(world, "Utbildningsnämnden")
    politician = as_(world, "committee_politician")
    response = politician.put(f"/org-units/{unit}/direction/{YEAR}", {"text": "Alla elever ska lyckas."})
    assert response.status_code == 200, response.content
    direction = Direction.objects.get(org_unit_id=unit, year=YEAR)
    assert direction.text == "Alla elever ska lyckas." and audited("direction.set", direction)
    assert politician.get(f"/directions?org_unit={unit}&year={YEAR}").json()["items"][0]["text"] == "Alla elever ska lyckas."
    refused(politician.put(f"/org-units/{unit}/direction/{YEAR}", {"text": "  "}), 422, "INPUT-001")
    refused(as_(world, "administration_official").put(f"/org-units/{unit}/direction/{YEAR}", {"text": "x"}), 403, "PERM-001")
    refused(as_(world, "outsider").put(f"/org-units/{unit}/direction/{YEAR}", {"text": "x"}), 404, "NOT-FOUND")

    response = politician.post("/development-areas", {"org_unit": unit, "year": YEAR, "title": "Studiero"})
    assert response.status_code == 201, response.content
    area = DevelopmentArea.objects.get(pk=response.json()["id"])
    assert area.title == "Studiero" and audited("development_area.created", area)
    refused(as_(world, "other_committee_politician").post("/development-areas", {"org_unit": unit, "year": YEAR, "title": "x"}), 404, "NOT-FOUND")
    refused(as_(world, "outsider").patch(f"/development-areas/{area.pk}", {"title": "x"}), 404, "NOT-FOUND")
    refused(politician.patch(f"/development-areas/{area.pk}", {"title": None}), 422, "INPUT-001")  # null only where a field may be empty
    assert politician.patch(f"/development-areas/{area.pk}", {"description": "Lugn"}).json()["title"] == "Studiero"
    assert DevelopmentArea.objects.get(pk=area.pk).description == "Lugn"
    assert politician.delete(f"/development-areas/{area.pk}").status_code == 204
    assert DevelopmentArea.objects.count() == 0 and Direction.objects.count() == 1


# --- Development goals --------------------------------------------------------------------


def goal_body(world: World, **extra: Any) -> dict[str, Any]:
    return {"org_unit": uid(world, "Utbildningsnämnden"), "title": "Alla elever når målen", "start_year": YEAR, "end_year": YEAR + 2, **extra}


def test_a_committee_politician_creates_a_goal_in_the_cascade_with_its_links(world: World) -> None:
    council_goal = services.goal_create(actor=None, org_unit=world.unit("Kommunfullmäktige"), title="Fler invånare", start_year=YEAR, end_year=YEAR + 1)
    services.goal_adopt(actor=None, goal=council_goal)  # adopted goals are public: a committee may contribute to them
    area = services.development_area_create(actor=None, org_unit=world.unit("Utbildningsnämnden"), year=YEAR, title="Studiero")
    sdg4 = SustainabilityGoal.objects.get(number=4)
    target = sdg4.targets.first()
    assert target is not None
    politician = as_(world, "committee_politician")
    body = goal_body(world, development_area=area.pk, contributes_to=[council_goal.pk], sustainability_goals=[sdg4.pk], sustainability_targets=[target.pk])
    response = politician.post("/goals", body)
    assert response.status_code == 201, response.content
    goal = DevelopmentGoal.objects.get(pk=response.json()["id"])
    assert response.json()["contributes_to"] == [council_goal.pk] and response.json()["development_area_id"] == area.pk
    assert list(goal.contributes_to.all()) == [council_goal] and list(goal.sustainability_targets.all()) == [target]
    assert goal.state == "draft" and goal.development_area == area
    assert audited("goal.created", goal).after["contributes_to"] == [council_goal.pk]

    response = politician.patch(f"/goals/{goal.pk}", {"title": "Alla elever når kunskapsmålen", "development_area": None})
    assert response.status_code == 200, response.content
    goal.refresh_from_db()
    assert goal.title == "Alla elever når kunskapsmålen" and goal.development_area is None and goal.end_year == YEAR + 2
    assert list(goal.contributes_to.all()) == [council_goal]  # left out, so unchanged
    assert politician.get(f"/goals/{goal.pk}").json()["sustainability_goals"] == [sdg4.pk]
    assert politician.delete(f"/goals/{goal.pk}").status_code == 204
    assert not DevelopmentGoal.objects.filter(pk=goal.pk).exists() and audited("goal.deleted", goal)


def test_goals_are_refused_to_the_outsider_a_reader_and_another_committee(world: World) -> None:
    for persona in ("outsider", "other_committee_politician"):  # they cannot see the unit: it is not there for them
        refused(as_(world, persona).post("/goals", goal_body(world)), 404, "NOT-FOUND")
    for persona in ("auditor", "administration_official"):  # they see it, and may not write its goals
        refused(as_(world, persona).post("/goals", goal_body(world)), 403, "PERM-001")
    goal = services.goal_create(actor=None, org_unit=world.unit("Utbildningsnämnden"), title="Mål", start_year=YEAR, end_year=YEAR)
    refused(as_(world, "outsider").patch(f"/goals/{goal.pk}", {"title": "x"}), 404, "NOT-FOUND")
    refused(as_(world, "other_committee_politician").delete(f"/goals/{goal.pk}"), 404, "NOT-FOUND")
    assert DevelopmentGoal.objects.get().title == "Mål"


def test_goal_001_a_fourth_goal_on_a_unit_is_refused_and_nothing_written(world: World) -> None:
    politician = as_(world, "committee_politician")
    for n in range(3):
        assert politician.post("/goals", goal_body(world, title=f"Mål {n}")).status_code == 201
    refused(politician.post("/goals", goal_body(world, title="Fjärde")), 422, "GOAL-001")
    assert DevelopmentGoal.objects.count() == 3 and not DevelopmentGoal.objects.filter(title="Fjärde").exists()


def test_goal_002_a_five_year_horizon_is_refused(world: World) -> None:
    body = refused(as_(world, "committee_politician").post("/goals", goal_body(world, end_year=YEAR + 4)), 422, "GOAL-002")
    assert body["detail"]["field"] == "end_year"
    assert not DevelopmentGoal.objects.exists()


def test_goal_005_contributing_to_a_goal_outside_the_ancestors_is_refused(world: World) -> None:
    other = services.goal_create(actor=None, org_unit=world.unit("Omsorgsnämnden"), title="Trygg omsorg", start_year=YEAR, end_year=YEAR)
    refused(as_(world, "ks_controller").post("/goals", goal_body(world, contributes_to=[other.pk])), 422, "GOAL-005")
    # someone who cannot see the other committee's (unadopted) goal is not told about it
    refused(as_(world, "committee_politician").post("/goals", goal_body(world, contributes_to=[other.pk])), 404, "NOT-FOUND")
    assert DevelopmentGoal.objects.count() == 1


# --- Assignments and activities ---------------------------------------------------------------


def assignment_body(world: World, receiver: str, issuer: str = "Utbildningsnämnden") -> dict[str, Any]:
    return {"issuer": uid(world, issuer), "receiver": uid(world, receiver), "year": YEAR, "title": "Utred skolskjutsarna", "deadline": f"{YEAR}-10-01"}


def test_a_committee_gives_its_administration_an_assignment(world: World) -> None:
    politician = as_(world, "committee_politician")
    response = politician.post("/assignments", assignment_body(world, "Utbildningsförvaltningen"))
    assert response.status_code == 201, response.content
    assignment = Assignment.objects.get(pk=response.json()["id"])
    assert assignment.receiver == world.unit("Utbildningsförvaltningen") and response.json()["execution_form"] == "line"
    assert audited("assignment.created", assignment)
    official = as_(world, "administration_official")
    assert official.get(f"/assignments?org_unit={uid(world, 'Utbildningsförvaltningen')}&received=true").json()["count"] == 1
    assert official.get(f"/assignments/{assignment.pk}").status_code == 200
    refused(official.patch(f"/assignments/{assignment.pk}", {"title": "x"}), 403, "PERM-001")
    assert politician.patch(f"/assignments/{assignment.pk}", {"execution_form": "project"}).json()["execution_form"] == "project"
    refused(as_(world, "outsider").post("/assignments", assignment_body(world, "Utbildningsförvaltningen")), 404, "NOT-FOUND")
    refused(as_(world, "other_committee_politician").post("/assignments", assignment_body(world, "Utbildningsförvaltningen")), 404, "NOT-FOUND")
    assert Assignment.objects.count() == 1
    assert politician.delete(f"/assignments/{assignment.pk}").status_code == 204


def test_assign_001_neither_a_grandchild_nor_a_sibling_receives_an_assignment(world: World) -> None:
    body = refused(as_(world, "committee_politician").post("/assignments", assignment_body(world, "Grundskola")), 422, "ASSIGN-001")
    assert body["detail"]["field"] == "receiver"
    refused(as_(world, "ks_controller").post("/assignments", assignment_body(world, "Omsorgsnämnden")), 422, "ASSIGN-001")
    assert not Assignment.objects.exists() and not AuditEvent.objects.filter(action="assignment.created").exists()
    assignment = services.assignment_create(
        actor=None, issuer=world.unit("Utbildningsnämnden"), receiver=world.unit("Utbildningsförvaltningen"), year=YEAR, title="x", deadline=date(YEAR, 5, 1)
    )
    refused(as_(world, "committee_politician").patch(f"/assignments/{assignment.pk}", {"receiver": uid(world, "Grundskola")}), 422, "ASSIGN-001")
    assert Assignment.objects.get().receiver == world.unit("Utbildningsförvaltningen")


def test_activities_carry_out_a_goal_or_an_assignment(world: World) -> None:
    goal = services.goal_create(actor=None, org_unit=world.unit("Hagaskolan"), title="Lugn", start_year=YEAR, end_year=YEAR)
    manager = as_(world, "unit_manager")
    body = {"goal": goal.pk, "title": "Rastvakter", "start_date": f"{YEAR}-01-10", "end_date": f"{YEAR}-06-01"}
    response = manager.post("/activities", body)
    assert response.status_code == 201, response.content
    activity = Activity.objects.get(pk=response.json()["id"])
    assert activity.org_unit == world.unit("Hagaskolan") and response.json()["goal_id"] == goal.pk
    assert audited("activity.created", activity)
    assert manager.patch(f"/activities/{activity.pk}", {"status": "ongoing"}).json()["status"] == "ongoing"
    refused(manager.patch(f"/activities/{activity.pk}", {"end_date": f"{YEAR - 1}-01-01"}), 422, "INPUT-001")  # ends before it starts

    committee, administration = world.unit("Utbildningsnämnden"), world.unit("Utbildningsförvaltningen")
    assignment = services.assignment_create(actor=None, issuer=committee, receiver=administration, year=YEAR, title="Utred", deadline=date(YEAR, 5, 1))
    response = as_(world, "administration_official").post("/activities", {**body, "goal": None, "assignment": assignment.pk, "title": "Utredning"})
    assert response.status_code == 201 and Activity.objects.get(pk=response.json()["id"]).org_unit == world.unit("Utbildningsförvaltningen")
    refused(manager.post("/activities", {**body, "assignment": assignment.pk}), 422, "INPUT-001")  # both
    refused(manager.post("/activities", {**body, "goal": None}), 422, "INPUT-001")  # neither
    refused(as_(world, "committee_politician").post("/activities", {**body, "goal": None, "assignment": assignment.pk}), 403, "PERM-001")
    refused(as_(world, "outsider").post("/activities", body), 404, "NOT-FOUND")
    assert Activity.objects.count() == 2
    assert manager.delete(f"/activities/{activity.pk}").status_code == 204


# --- Financial goals ----------------------------------------------------------------------


def test_financial_goals_are_the_councils_fin_001(world: World) -> None:
    controller = as_(world, "ks_controller")
    body = {"org_unit": uid(world, "Kommunfullmäktige"), "year": YEAR, "title": "Resultat 2 % av skatteintäkterna", "target_value": "2.00", "unit_label": "%"}
    response = controller.post("/financial-goals", body)
    assert response.status_code == 201, response.content
    goal = FinancialGoal.objects.get(pk=response.json()["id"])
    assert str(goal.target_value) == "2.00" and audited("financial_goal.created", goal)
    refused(controller.post("/financial-goals", {**body, "org_unit": uid(world, "Utbildningsnämnden")}), 422, "FIN-001")
    refused(as_(world, "committee_politician").post("/financial-goals", body), 404, "NOT-FOUND")  # the council is above the committee: not in its scope
    refused(as_(world, "outsider").post("/financial-goals", body), 404, "NOT-FOUND")
    assert FinancialGoal.objects.count() == 1
    response = as_(world, "council_chair").patch(f"/financial-goals/{goal.pk}", {"target_value": None})
    assert response.status_code == 200 and FinancialGoal.objects.get().target_value is None
    assert controller.get(f"/financial-goals?year={YEAR}").json()["count"] == 1
    assert controller.delete(f"/financial-goals/{goal.pk}").status_code == 204


# --- Plans ------------------------------------------------------------------------------


def test_a_plan_is_proposed_adopted_frozen_revised_and_compared(world: World) -> None:
    unit = uid(world, "Utbildningsnämnden")
    controller, politician = as_(world, "ks_controller"), as_(world, "committee_politician")
    assert controller.put(f"/org-units/{unit}/direction/{YEAR}", {"text": "Alla elever ska lyckas."}).status_code == 200
    goal_id = controller.post("/goals", goal_body(world, title="Ettårsmål", end_year=YEAR)).json()["id"]

    response = controller.post("/plans", {"org_unit": unit, "year": YEAR})
    assert response.status_code == 201, response.content
    plan = response.json()
    assert (plan["state"], plan["revision"], plan["kind"], plan["snapshot"], plan["decision"]) == ("draft", 1, "operational_plan", None, None)
    assert audited("plan.created", Plan.objects.get(pk=plan["id"]))
    refused(controller.post("/plans", {"org_unit": unit, "year": YEAR}), 409, "PLAN-005")
    assert controller.post(f"/plans/{plan['id']}/propose").json()["state"] == "proposed"

    decision = {"decided_on": f"{YEAR - 1}-11-20", "paragraph": "§ 87", "registration_number": "UN 2025/112"}
    refused(controller.post(f"/plans/{plan['id']}/adopt", decision), 403, "PERM-001")  # a controller prepares
    refused(as_(world, "council_chair").post(f"/plans/{plan['id']}/adopt", decision), 403, "PERM-001")  # the council does not adopt a committee's plan
    response = politician.post(f"/plans/{plan['id']}/adopt", decision)
    assert response.status_code == 200, response.content
    adopted = response.json()
    stored = Plan.objects.get(pk=plan["id"])
    assert adopted["state"] == "adopted" and adopted["snapshot_sha256"] == stored.snapshot_sha256 == snapshot_hash(stored.snapshot)
    assert adopted["snapshot"] == stored.snapshot and adopted["decision"]["paragraph"] == "§ 87"
    assert adopted["election_year_warning"] is False
    assert [g["title"] for g in adopted["snapshot"]["sections"]["goals"]] == ["Ettårsmål"]
    assert audited("plan.adopted", stored)

    # adopted content is locked (PLAN-002, GOAL-004): 409, nothing written
    refused(controller.patch(f"/goals/{goal_id}", {"title": "Ändrat"}), 409, "GOAL-004")
    refused(controller.put(f"/org-units/{unit}/direction/{YEAR}", {"text": "Ändrad"}), 409, "PLAN-002")
    refused(controller.post(f"/plans/{plan['id']}/withdraw"), 409, "PLAN-001")
    assert DevelopmentGoal.objects.get(pk=goal_id).title == "Ettårsmål" and Direction.objects.get().text == "Alla elever ska lyckas."

    response = controller.post(f"/plans/{plan['id']}/revise")
    assert response.status_code == 201, response.content
    revision = response.json()
    assert (revision["revision"], revision["state"], revision["snapshot"]) == (2, "draft", None)
    assert controller.patch(f"/goals/{goal_id}", {"title": "Ettårsmål, skärpt"}).status_code == 200

    again = controller.get(f"/plans/{plan['id']}").json()
    assert again["snapshot"] == adopted["snapshot"] and again["snapshot_sha256"] == adopted["snapshot_sha256"]
    diff = controller.get(f"/plans/{plan['id']}/compare/{revision['id']}").json()
    goals = next(s for s in diff["sections"] if s["section"] == "goals")
    assert diff["identical"] is False and goals["added"] == ["Ettårsmål, skärpt"] and goals["removed"] == ["Ettårsmål"]
    assert controller.get(f"/plans?org_unit={unit}&year={YEAR}").json()["count"] == 2


def test_plans_are_refused_to_units_without_a_body_and_to_those_out_of_scope(world: World) -> None:
    refused(as_(world, "ks_controller").post("/plans", {"org_unit": uid(world, "Utbildningsförvaltningen"), "year": YEAR}), 422, "PLAN-003")
    refused(as_(world, "outsider").post("/plans", {"org_unit": uid(world, "Utbildningsnämnden"), "year": YEAR}), 404, "NOT-FOUND")
    refused(as_(world, "other_committee_politician").post("/plans", {"org_unit": uid(world, "Utbildningsnämnden"), "year": YEAR}), 404, "NOT-FOUND")
    refused(as_(world, "unit_manager").post("/plans", {"org_unit": uid(world, "Hagaskolan"), "year": YEAR}), 403, "PERM-001")
    assert not Plan.objects.exists()
    plan = services.plan_create(actor=None, org_unit=world.unit("Utbildningsnämnden"), year=YEAR)
    refused(as_(world, "outsider").get(f"/plans/{plan.pk}"), 404, "NOT-FOUND")
    refused(as_(world, "other_committee_politician").post(f"/plans/{plan.pk}/propose"), 404, "NOT-FOUND")
    refused(as_(world, "auditor").post(f"/plans/{plan.pk}/propose"), 403, "PERM-001")
    assert Plan.objects.get().state == "draft"


@time_machine.travel(datetime(YEAR, 11, 25, 10, 0, tzinfo=UTC), tick=False)  # the new council is in office (PLAN-006)
def test_the_council_adopts_its_mal_och_budget_and_an_election_year_is_flagged(world: World) -> None:
    council = uid(world, "Kommunfullmäktige")
    controller, chair = as_(world, "ks_controller"), as_(world, "council_chair")
    plan = controller.post("/plans", {"org_unit": council, "year": YEAR + 1}).json()  # adopted in YEAR, an election year
    assert plan["kind"] == "goals_and_budget" and plan["election_year_warning"] is True
    controller.post(f"/plans/{plan['id']}/propose")
    assert controller.post(f"/plans/{plan['id']}/withdraw").json()["state"] == "draft"
    controller.post(f"/plans/{plan['id']}/propose")
    response = chair.post(f"/plans/{plan['id']}/adopt", {"decided_on": f"{YEAR}-11-25", "paragraph": "§ 120", "registration_number": "KS 2026/1"})
    assert response.status_code == 200 and response.json()["election_year_warning"] is False  # the new council decided
    following = controller.post(f"/plans/{plan['id']}/start-next-year")
    assert following.status_code == 201 and (following.json()["year"], following.json()["state"]) == (YEAR + 2, "draft")


def test_adoption_details_are_bounded(world: World) -> None:
    plan = services.plan_propose(actor=None, plan=services.plan_create(actor=None, org_unit=world.unit("Utbildningsnämnden"), year=YEAR))
    politician = as_(world, "committee_politician")
    for bad in ({"paragraph": "§" * 31}, {"registration_number": "x" * 51}, {"paragraph": ""}, {"decided_on": "igår"}):
        body = {"decided_on": f"{YEAR}-01-20", "paragraph": "§ 1", "registration_number": "UN 1", **bad}
        refused(politician.post(f"/plans/{plan.pk}/adopt", body), 422, "INPUT-001")
    assert Plan.objects.get().state == "proposed"


# --- Agenda 2030 and the document -----------------------------------------------------------


def test_agenda_2030_goals_are_listed_with_their_targets(world: World) -> None:
    response = as_(world, "outsider").get("/agenda2030/goals")
    assert response.status_code == 200
    goals = response.json()
    assert len(goals) == 17 and goals[3]["number"] == 4 and goals[3]["targets"][0]["code"].startswith("4.")
    assert Client().get("/api/v1/agenda2030/goals").status_code == 401


def test_a_body_that_is_not_json_is_input_001(world: World) -> None:
    api = as_(world, "committee_politician")
    response = api.client.post("/api/v1/goals", data="{not json", content_type="application/json", headers=api.headers)
    assert refused(response, 422, "INPUT-001")["detail"]["errors"][0]["loc"] == ["body"]


def test_unknown_ids_in_a_body_are_404_and_nothing_is_written(world: World) -> None:
    politician = as_(world, "committee_politician")
    refused(politician.post("/goals", goal_body(world, sustainability_goals=[999_999])), 404, "NOT-FOUND")
    refused(politician.post("/goals", goal_body(world, development_area=999_999)), 404, "NOT-FOUND")
    assert not DevelopmentGoal.objects.exists()


def test_the_openapi_document_lists_every_planning_entity(world: World) -> None:
    paths = set(Client().get("/api/v1/openapi.json").json()["paths"])
    expected = {
        "/api/v1/core-missions",
        "/api/v1/org-units/{unit_id}/core-mission",
        "/api/v1/core-missions/{mission_id}/risks",
        "/api/v1/risks/{risk_id}",
        "/api/v1/quality-factors",
        "/api/v1/quality-indicators/{indicator_id}",
        "/api/v1/trends/{trend_id}",
        "/api/v1/current-state-analyses",
        "/api/v1/org-units/{unit_id}/current-state/{year}",
        "/api/v1/directions",
        "/api/v1/org-units/{unit_id}/direction/{year}",
        "/api/v1/development-areas/{area_id}",
        "/api/v1/goals/{goal_id}",
        "/api/v1/assignments/{assignment_id}",
        "/api/v1/activities/{activity_id}",
        "/api/v1/financial-goals/{goal_id}",
        "/api/v1/plans/{plan_id}/adopt",
        "/api/v1/plans/{plan_id}/compare/{other_id}",
        "/api/v1/agenda2030/goals",
    }
    assert expected <= paths, expected - paths


def _grow(world: World, n: int) -> None:
    """Two more of everything the list endpoints show, on fresh units of the tree."""
    for name in ("Utbildningsnämnden", "Omsorgsnämnden"):
        unit = world.unit(name)
        year = YEAR + 10 * n
        goal = services.goal_create(actor=None, org_unit=unit, title=f"Mål {n}", start_year=year, end_year=year)
        services.development_area_create(actor=None, org_unit=unit, year=year, title=f"Område {n}")
        factor = services.quality_factor_create(actor=None, org_unit=unit, title=f"Faktor {n}")
        services.quality_indicator_create(actor=None, factor=factor, name=f"Indikator {n}", direction="higher")
        services.trend_create(actor=None, org_unit=unit, year=year, category="social", title=f"Trend {n}")
        services.activity_create(actor=None, goal=goal, title=f"Aktivitet {n}", start_date=date(year, 1, 1), end_date=date(year, 2, 1))
        plan = services.plan_propose(actor=None, plan=services.plan_create(actor=None, org_unit=unit, year=year))
        services.plan_adopt(actor=None, plan=plan, decided_on=date(year - 1, 11, 1), paragraph="§ 1", registration_number="1")


@pytest.mark.parametrize("path", ["/goals", "/quality-factors", "/quality-indicators", "/trends", "/activities", "/plans", "/development-areas"])
def test_a_list_takes_the_same_number_of_queries_as_it_grows(world: World, path: str) -> None:
    auditor = as_(world, "auditor")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = auditor.get(path)
        assert response.status_code == 200
        return len(captured)

    _grow(world, 1)
    few = queries()
    _grow(world, 2)
    _grow(world, 3)
    assert auditor.get(path).json()["count"] >= 6
    assert queries() == few

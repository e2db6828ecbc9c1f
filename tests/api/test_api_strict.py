"""The API takes what it is sent as sent (issue 8, point 1): `true` is not the number 1, a
number is not a text, and a field the schema does not know is refused with 422 naming the field,
in the one error shape (INPUT-001)."""

from typing import Any

import pytest

from styr.planning.models import Activity, Assignment, DevelopmentGoal, GoalIndicator, Risk
from tests.api.test_api_planning import as_, refused, uid
from tests.conftest import YEAR, World


def goal_body(world: World, **extra: Any) -> dict[str, Any]:
    return {"org_unit": uid(world, "Utbildningsnämnden"), "title": "Fler läser vidare", "start_year": YEAR, "end_year": YEAR, **extra}


def _names_field(body: dict[str, Any], field: str) -> None:
    assert set(body) == {"code", "message", "detail"} and body["code"] == "INPUT-001"
    assert field in body["detail"]["fields"] and field in body["message"]


@pytest.mark.parametrize(
    ("field", "value"),
    [("start_year", True), ("end_year", False), ("org_unit", True), ("measurable", 1), ("measurable", "yes"), ("title", 5), ("contributes_to", [True])],
)
def test_a_value_of_the_wrong_type_is_not_coerced(world: World, field: str, value: Any) -> None:
    body = refused(as_(world, "committee_politician").post("/goals", goal_body(world, **{field: value})), 422, "INPUT-001")
    assert field in body["message"]
    assert not DevelopmentGoal.objects.exists()


def test_an_unknown_field_is_refused_naming_it(world: World) -> None:
    politician = as_(world, "committee_politician")
    _names_field(refused(politician.post("/goals", goal_body(world, titel="stavfel")), 422, "INPUT-001"), "titel")
    assert not DevelopmentGoal.objects.exists()
    goal = politician.post("/goals", goal_body(world)).json()
    _names_field(refused(politician.patch(f"/goals/{goal['id']}", {"state": "adopted"}), 422, "INPUT-001"), "state")
    assert DevelopmentGoal.objects.get().state == "draft"


def test_unknown_fields_are_refused_on_every_kind_of_write(world: World) -> None:
    politician = as_(world, "committee_politician")
    assignment = {"issuer": uid(world, "Utbildningsnämnden"), "receiver": uid(world, "Utbildningsförvaltningen"), "year": YEAR, "title": "Utred"}
    _names_field(refused(politician.post("/assignments", {**assignment, "deadline": f"{YEAR}-10-01", "budget": 5}), 422, "INPUT-001"), "budget")
    assert not Assignment.objects.exists()
    goal = politician.post("/goals", goal_body(world)).json()
    indicator = {"name": "Andel", "baseline_year": YEAR - 1, "baseline_value": "80.5", "colour": "red"}
    _names_field(refused(politician.post(f"/goals/{goal['id']}/indicators", indicator), 422, "INPUT-001"), "colour")
    refused(politician.post(f"/goals/{goal['id']}/indicators", {**indicator, "colour": None, "baseline_value": True}), 422, "INPUT-001")
    assert not GoalIndicator.objects.exists()
    manager = as_(world, "unit_manager")
    own = manager.post("/goals", {**goal_body(world), "org_unit": uid(world, "Hagaskolan")}).json()
    activity = {"goal": own["id"], "title": "Rastvakter", "start_date": f"{YEAR}-01-10", "end_date": f"{YEAR}-06-01", "cost": 1}
    _names_field(refused(manager.post("/activities", activity), 422, "INPUT-001"), "cost")
    assert not Activity.objects.exists()


def test_dates_and_decimals_in_their_json_form_are_still_read(world: World) -> None:
    politician = as_(world, "committee_politician")
    goal = politician.post("/goals", goal_body(world)).json()
    response = politician.post(f"/goals/{goal['id']}/indicators", {"name": "Andel", "baseline_year": YEAR - 1, "baseline_value": "80.5"})
    assert response.status_code == 201, response.content
    response = politician.post(f"/goals/{goal['id']}/indicators", {"name": "Antal", "baseline_year": YEAR - 1, "baseline_value": 12})
    assert response.status_code == 201, response.content
    body = {
        "issuer": uid(world, "Utbildningsnämnden"),
        "receiver": uid(world, "Utbildningsförvaltningen"),
        "year": YEAR,
        "title": "Utred",
        "deadline": f"{YEAR}-10-01",
    }
    assert politician.post("/assignments", body).status_code == 201


def test_a_risk_step_is_a_number_not_true(world: World) -> None:
    official = as_(world, "administration_official")
    unit = uid(world, "Utbildningsförvaltningen")
    mission = official.put(f"/org-units/{unit}/core-mission", {"serves": "Barn", "purpose": "Lärande", "governed_by": "Skollagen"}).json()
    body = refused(
        official.post(f"/core-missions/{mission['id']}/risks", {"description": "Brist på lärare", "likelihood": True, "consequence": 2}), 422, "INPUT-001"
    )
    assert "likelihood" in body["message"]
    assert not Risk.objects.exists()

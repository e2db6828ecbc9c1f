"""The API: tokens, session login, scoping, the error shape and the OpenAPI document."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from styr.core.models import ApiToken, AuditEvent
from styr.core.services import api_token_revoke
from styr.planning.services import goal_create
from tests.conftest import YEAR, World


def token_for(username: str) -> str:
    out = StringIO()
    call_command("create_api_token", username, stdout=out)
    return out.getvalue().strip()


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_create_api_token_prints_a_token_that_is_stored_only_as_a_hash(world: World) -> None:
    token = token_for("ks_controller")
    assert token.startswith("styr_") and len(token) > 30
    stored = ApiToken.objects.get(user=world.users["ks_controller"])
    assert token not in stored.key_sha256 and stored.prefix == token[:12]
    assert AuditEvent.objects.filter(action="api_token.created").exists()


def test_create_api_token_for_an_unknown_user_fails_in_swedish(world: World) -> None:
    with pytest.raises(CommandError, match="finns inte"):
        call_command("create_api_token", "ingen")


def test_a_bearer_token_lists_the_units_in_the_callers_scope(world: World) -> None:
    response = Client().get("/api/v1/org-units?limit=100", headers=bearer(token_for("committee_politician")))
    assert response.status_code == 200
    names = {item["name"] for item in response.json()["items"]}
    assert names == {"Utbildningsnämnden", "Utbildningsförvaltningen", "Grundskola", "Hagaskolan"}
    item = next(i for i in response.json()["items"] if i["name"] == "Utbildningsnämnden")
    assert item["kind"] == "COMMITTEE" and item["level_label"] == "Nämnd" and item["group"] == "alvesta"


def test_the_session_works_too(world: World) -> None:
    response = world.client("ks_controller").get("/api/v1/org-units?limit=100")
    assert response.status_code == 200 and response.json()["count"] == len(world.units)


def test_goals_are_listed_with_indicators_and_filtered(world: World) -> None:
    goal_create(actor=None, org_unit=world.unit("Utbildningsnämnden"), title="Skolmål", start_year=YEAR, end_year=YEAR)
    goal_create(actor=None, org_unit=world.unit("Omsorgsnämnden"), title="Omsorgsmål", start_year=YEAR, end_year=YEAR)
    token = token_for("committee_politician")
    titles = [g["title"] for g in Client().get("/api/v1/goals", headers=bearer(token)).json()["items"]]
    assert titles == ["Skolmål"]
    everything = Client().get(f"/api/v1/goals?year={YEAR}", headers=bearer(token_for("auditor"))).json()
    assert everything["count"] == 2
    assert Client().get(f"/api/v1/goals?year={YEAR + 5}", headers=bearer(token_for("auditor"))).json()["count"] == 0


def test_an_unknown_level_kind_filter_is_refused(world: World) -> None:
    response = Client().get("/api/v1/org-units?kind=%00", headers=bearer(token_for("auditor")))
    assert response.status_code == 422 and response.json()["code"] == "INPUT-001"


def test_the_outsider_sees_nothing_and_gets_404_on_a_unit(world: World) -> None:
    token = token_for("outsider")
    assert Client().get("/api/v1/org-units", headers=bearer(token)).json()["count"] == 0
    response = Client().get(f"/api/v1/org-units/{world.unit('Kommunfullmäktige').pk}", headers=bearer(token))
    assert response.status_code == 404
    body = response.json()
    assert body == {"code": "NOT-FOUND", "message": body["message"], "detail": {}} and body["message"]


def test_no_login_is_401_with_the_error_shape(world: World) -> None:
    response = Client().get("/api/v1/org-units")
    assert response.status_code == 401 and response.json()["code"] == "AUTH-001"
    assert Client().get("/api/v1/goals", headers=bearer("styr_wrong")).status_code == 401


def test_a_revoked_token_stops_working(world: World) -> None:
    token = token_for("auditor")
    api_token_revoke(actor=None, token=ApiToken.objects.get(user=world.users["auditor"]))
    assert Client().get("/api/v1/org-units", headers=bearer(token)).status_code == 401


def test_unknown_ids_are_404_with_the_error_shape(world: World) -> None:
    response = Client().get("/api/v1/goals/999999", headers=bearer(token_for("auditor")))
    assert response.status_code == 404 and response.json()["code"] == "NOT-FOUND"


def test_bad_parameters_are_422_with_the_error_shape(world: World) -> None:
    token = token_for("auditor")
    for query in ("year=tjugo", "year=99999", "offset=100000000000000000000", "limit=100000", "org_unit=0", "state=%00"):
        response = Client().get(f"/api/v1/goals?{query}", headers=bearer(token))
        assert response.status_code == 422 and response.json()["code"] == "INPUT-001", query


def test_openapi_document_is_served(world: World) -> None:
    spec = Client().get("/api/v1/openapi.json").json()
    assert spec["info"]["title"] == "Styr API"
    assert {"/api/v1/org-units", "/api/v1/goals", "/api/v1/goals/{goal_id}"} <= set(spec["paths"])


def test_a_short_name_yaml_1_1_would_read_as_a_boolean_is_shown_as_written(world: World) -> None:
    """The preset's `short_name: ON` (Omsorgsnämnden) was read as True and shown as "True"."""
    unit = world.unit("Omsorgsnämnden")
    response = Client().get(f"/api/v1/org-units/{unit.pk}", headers=bearer(token_for("auditor")))
    assert response.status_code == 200 and response.json()["short_name"] == "ON"

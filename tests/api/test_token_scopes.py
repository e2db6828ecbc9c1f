"""A personal token's scopes, expiry and life (issue 13, §5): read only (TOKEN-001), areas
(TOKEN-002), expiry (TOKEN-003), the user's password (TOKEN-004), revocation, and every use
noted in ``last_used_at``."""

from __future__ import annotations

import ast
import datetime
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from styr.api.api import api
from styr.api.scopes import AREAS, ROUTER_AREAS, area_of_handler, area_of_module
from styr.core.models import ApiToken
from styr.core.services import api_token_create, api_token_revoke
from styr.planning.models import DevelopmentGoal
from styr.planning.services import goal_create
from tests.api.test_api_errors import openapi, shaped
from tests.conftest import PASSWORD, YEAR, World

API_PY = Path(__file__).resolve().parents[2] / "styr" / "api" / "api.py"


def bearer(raw: str) -> Client:
    return Client(headers={"Authorization": f"Bearer {raw}"})


def token_for(world: World, persona: str = "committee_politician", **scopes: Any) -> tuple[ApiToken, Client]:
    token, raw = api_token_create(actor=None, user=world.users[persona], **scopes)
    return token, bearer(raw)


@pytest.fixture
def goal(world: World) -> DevelopmentGoal:
    return goal_create(actor=None, org_unit=world.unit("Utbildningsnämnden"), title="Mål", start_year=YEAR, end_year=YEAR)


def goal_body(world: World) -> dict[str, Any]:
    return {"org_unit": world.unit("Utbildningsnämnden").pk, "title": "Nytt mål", "start_year": YEAR, "end_year": YEAR}


# -- the issue's reproductions ------------------------------------------------------------


def test_last_used_at_is_set_by_a_call_and_again_a_minute_later(world: World, goal: DevelopmentGoal) -> None:
    """The issue: last_used_at stayed empty after hundreds of calls (nothing wrote it)."""
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        token, client = token_for(world)
        assert token.last_used_at is None
        for _ in range(3):
            assert client.get(f"/api/v1/goals/{goal.pk}").status_code == 200
        token.refresh_from_db()
        assert token.last_used_at == start
    # within the minute it is not written again; after it, it is
    with time_machine.travel(start + datetime.timedelta(seconds=30), tick=False):
        assert client.get(f"/api/v1/goals/{goal.pk}").status_code == 200
        token.refresh_from_db()
        assert token.last_used_at == start
    later = start + datetime.timedelta(minutes=5)
    with time_machine.travel(later, tick=False):
        assert client.get(f"/api/v1/goals/{goal.pk}").status_code == 200
        token.refresh_from_db()
        assert token.last_used_at == later


def test_a_token_stops_working_when_the_users_password_changes_token_004(world: World, goal: DevelopmentGoal) -> None:
    token, client = token_for(world)
    assert client.get(f"/api/v1/goals/{goal.pk}").status_code == 200
    user = world.users["committee_politician"]
    user.set_password("ett-nytt-losenord-42")
    user.save()
    body = shaped(client.get(f"/api/v1/goals/{goal.pk}"), 401, "AUTH-001")
    assert body["detail"]["rule"] == "TOKEN-004" and body["detail"]["prefix"] == token.prefix
    assert "lösenord" in body["message"]
    # the stamp is an HMAC, never the password hash itself
    token.refresh_from_db()
    assert token.password_stamp and token.password_stamp not in user.password and user.password not in token.password_stamp


def test_a_token_made_after_the_password_change_works(world: World, goal: DevelopmentGoal) -> None:
    user = world.users["committee_politician"]
    user.set_password(PASSWORD + "-nytt")
    user.save()
    _token, client = token_for(world)
    assert client.get(f"/api/v1/goals/{goal.pk}").status_code == 200


def test_every_token_has_an_expiry_and_an_expired_one_is_401_token_003(world: World, goal: DevelopmentGoal, settings: Any) -> None:
    settings.STYR_API_TOKEN_MAX_DAYS = 30
    token, client = token_for(world)
    assert timezone.localtime(token.expires_at).date() == timezone.localdate() + datetime.timedelta(days=30)
    assert client.get(f"/api/v1/goals/{goal.pk}").status_code == 200
    with time_machine.travel(token.expires_at + datetime.timedelta(seconds=1), tick=False):
        body = shaped(client.get(f"/api/v1/goals/{goal.pk}"), 401, "AUTH-001")
    assert body["detail"]["rule"] == "TOKEN-003" and "slutade gälla" in body["message"]
    assert datetime.datetime.fromisoformat(body["detail"]["expired_at"]) == token.expires_at


def test_a_revoked_token_is_401_and_says_so(world: World, goal: DevelopmentGoal) -> None:
    token, client = token_for(world)
    api_token_revoke(actor=None, token=token)
    body = shaped(client.get(f"/api/v1/goals/{goal.pk}"), 401, "AUTH-001")
    assert "återkallad" in body["message"]


def test_a_token_of_a_deactivated_user_is_401(world: World, goal: DevelopmentGoal) -> None:
    _token, client = token_for(world)
    user = world.users["committee_politician"]
    user.is_active = False
    user.save()
    shaped(client.get(f"/api/v1/goals/{goal.pk}"), 401, "AUTH-001")


def test_messages_are_in_swedish_for_a_swedish_caller(world: World, goal: DevelopmentGoal) -> None:
    _token, raw = api_token_create(actor=None, user=world.users["committee_politician"], read_only=True)
    client = Client(headers={"Authorization": f"Bearer {raw}", "Accept-Language": "sv"})
    body = shaped(client.delete(f"/api/v1/goals/{goal.pk}"), 403, "TOKEN-001")
    assert "läsa" in body["message"]


# -- read only: TOKEN-001 -------------------------------------------------------------------


def test_a_read_only_token_reads(world: World, goal: DevelopmentGoal) -> None:
    _token, client = token_for(world, read_only=True)
    assert client.get(f"/api/v1/goals/{goal.pk}").status_code == 200
    assert client.options(f"/api/v1/goals/{goal.pk}").status_code != 403
    assert client.head(f"/api/v1/goals/{goal.pk}").status_code != 403


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_a_read_only_token_is_refused_every_write_token_001(world: World, goal: DevelopmentGoal, method: str) -> None:
    _token, client = token_for(world, read_only=True)
    calls = {
        "post": lambda: client.post("/api/v1/goals", goal_body(world), content_type="application/json"),
        "put": lambda: client.put(f"/api/v1/goal-indicators/1/targets/{YEAR}", {"value": "1"}, content_type="application/json"),
        "patch": lambda: client.patch(f"/api/v1/goals/{goal.pk}", {"title": "Nytt"}, content_type="application/json"),
        "delete": lambda: client.delete(f"/api/v1/goals/{goal.pk}"),
    }
    body = shaped(calls[method](), 403, "TOKEN-001")
    assert body["detail"]["method"] == method.upper()
    assert list(DevelopmentGoal.objects.values_list("title", flat=True)) == ["Mål"]


def test_a_token_that_may_write_writes(world: World) -> None:
    _token, client = token_for(world)
    assert client.post("/api/v1/goals", goal_body(world), content_type="application/json").status_code == 201


# -- areas: TOKEN-002 ----------------------------------------------------------------------


def test_a_token_limited_to_an_area_calls_it_and_nothing_else_token_002(world: World, goal: DevelopmentGoal) -> None:
    _token, client = token_for(world, areas=["plan"])
    assert client.get(f"/api/v1/goals/{goal.pk}").status_code == 200
    assert client.post("/api/v1/goals", goal_body(world), content_type="application/json").status_code == 201
    body = shaped(client.get("/api/v1/org-units"), 403, "TOKEN-002")
    assert body["detail"]["area"] == "organisation" and body["detail"]["areas"] == ["plan"]
    shaped(client.get(f"/api/v1/frames?year={YEAR}"), 403, "TOKEN-002")
    shaped(client.get("/api/v1/control/risks"), 403, "TOKEN-002")


def test_a_token_of_several_areas_calls_each(world: World, goal: DevelopmentGoal) -> None:
    _token, client = token_for(world, areas=["organisation", "plan"])
    assert client.get("/api/v1/org-units").status_code == 200
    assert client.get(f"/api/v1/goals/{goal.pk}").status_code == 200
    shaped(client.get("/api/v1/control/risks"), 403, "TOKEN-002")


def test_a_token_without_areas_calls_every_area(world: World) -> None:
    _token, client = token_for(world, persona="ks_controller")
    assert client.get("/api/v1/org-units").status_code == 200
    assert client.get("/api/v1/control/risks").status_code == 200


def test_the_area_is_that_of_the_operation_not_of_the_url(world: World, goal: DevelopmentGoal) -> None:
    """Routers share the prefix "/": the area comes from the operation a call resolves to."""
    _token, client = token_for(world, areas=["plan"])
    # the council's financial goals are part of the plan (plans.py); their status is economy (financial_goals.py)
    assert client.get("/api/v1/financial-goals").status_code == 200
    body = shaped(client.get("/api/v1/financial-goals/1/status"), 403, "TOKEN-002")
    assert body["detail"]["area"] == "economy"


def test_the_session_is_not_held_to_token_scopes(world: World) -> None:
    assert world.client("committee_politician").get("/api/v1/org-units").status_code == 200


# -- the map of areas ------------------------------------------------------------------------


def registered_router_modules() -> list[str]:
    """The modules whose router api.py imports (``from styr.api.X import router as …``)."""
    tree = ast.parse(API_PY.read_text(encoding="utf-8"))
    return [
        node.module.rsplit(".", 1)[-1]
        for node in tree.body
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("styr.api.") and any(alias.name == "router" for alias in node.names)
    ]


def test_every_router_registered_in_api_py_has_an_area() -> None:
    modules = registered_router_modules()
    assert len(modules) >= 26
    missing = [module for module in modules if module not in ROUTER_AREAS]
    assert not missing, f"routers without an area in styr/api/scopes.py: {missing}"
    assert set(ROUTER_AREAS.values()) <= set(AREAS)


def test_every_operation_of_the_api_has_an_area(world: World) -> None:
    Client().get("/api/v1/openapi.json")  # the routers are bound
    found = [
        (operation.path, area_of_handler(operation.view_func))
        for bound in api._get_bound_routers()
        for path_view in bound.path_operations.values()
        for operation in path_view.operations
    ]
    assert found and all(area for _path, area in found), [path for path, area in found if not area]


def test_the_new_routers_of_issue_13_are_mapped_already() -> None:
    expected = {"calendar": "followup", "overview": "followup", "followup_values": "followup", "followup_reports": "followup"}
    expected |= {"kolada": "kolada", "kolada_bindings": "kolada", "public": "public"}
    assert {module: area_of_module(f"styr.api.{module}") for module in expected} == expected
    assert area_of_module("styr.core.services") is None


# -- the OpenAPI document ------------------------------------------------------------------


def test_the_openapi_document_describes_the_scopes_and_still_validates(world: World) -> None:
    spec = openapi()
    scheme = next(s for s in spec["components"]["securitySchemes"].values() if s.get("scheme") == "bearer")
    for words in ("TOKEN-001", "TOKEN-002", "TOKEN-003", "TOKEN-004", *AREAS):
        assert words in scheme["description"], words
    assert "TOKEN-002" in spec["paths"]["/api/v1/org-units"]["get"]["responses"]["403"]["description"]
    # each operation names its area
    assert spec["paths"]["/api/v1/org-units"]["get"]["x-styr-area"] == "organisation"
    assert spec["paths"]["/api/v1/financial-goals"]["get"]["x-styr-area"] == "plan"
    assert spec["paths"]["/api/v1/financial-goals/{goal_id}/status"]["get"]["x-styr-area"] == "economy"
    assert all(op.get("x-styr-area") in AREAS for item in spec["paths"].values() for op in item.values())
    validator = pytest.importorskip("openapi_spec_validator")
    validator.validate(spec)

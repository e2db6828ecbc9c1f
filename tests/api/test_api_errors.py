"""Every answer under /api/ is in the one error shape {code, message, detail}, and the OpenAPI
document declares it: a bad token (AUTH-001), a missing CSRF token (AUTH-002), a method the
path does not take, a path that does not exist and a body over the limit."""

from typing import Any

import pytest
from django.test import Client

from styr.core.services import api_token_create
from styr.planning.models import DevelopmentGoal
from styr.planning.services import goal_create
from tests.conftest import YEAR, World


def shaped(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    body: dict[str, Any] = response.json()
    assert set(body) == {"code", "message", "detail"} and body["code"] == code and body["message"], body
    assert isinstance(body["detail"], dict)
    return body


def goal_body(world: World) -> dict[str, Any]:
    return {"org_unit": world.unit("Utbildningsnämnden").pk, "title": "Mål", "start_year": YEAR, "end_year": YEAR}


@pytest.fixture
def goal(world: World) -> DevelopmentGoal:
    return goal_create(actor=None, org_unit=world.unit("Utbildningsnämnden"), title="Mål", start_year=YEAR, end_year=YEAR)


@pytest.mark.parametrize("header", ["Bearer styr_wrong", "Bearer ", "Token styr_wrong", "Basic dXNlcjpwYXNz"])
def test_a_bad_authorization_header_is_401_auth_001_on_every_method(world: World, goal: DevelopmentGoal, header: str) -> None:
    client = Client(enforce_csrf_checks=True, headers={"Authorization": header})
    shaped(client.get(f"/api/v1/goals/{goal.pk}"), 401, "AUTH-001")
    shaped(client.post("/api/v1/goals", goal_body(world), content_type="application/json"), 401, "AUTH-001")
    shaped(client.patch(f"/api/v1/goals/{goal.pk}", {"title": "Nytt"}, content_type="application/json"), 401, "AUTH-001")
    shaped(client.delete(f"/api/v1/goals/{goal.pk}"), 401, "AUTH-001")
    assert DevelopmentGoal.objects.get().title == "Mål"


def test_a_write_without_any_login_is_401_auth_001_not_a_csrf_failure(world: World, goal: DevelopmentGoal) -> None:
    client = Client(enforce_csrf_checks=True)
    shaped(client.post("/api/v1/goals", goal_body(world), content_type="application/json"), 401, "AUTH-001")
    shaped(client.delete(f"/api/v1/goals/{goal.pk}"), 401, "AUTH-001")
    assert DevelopmentGoal.objects.count() == 1


def test_a_bad_token_is_refused_even_with_a_valid_session(world: World, goal: DevelopmentGoal) -> None:
    """Whoever sends a token means the token: a wrong one is not quietly replaced by the session."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["committee_politician"])
    shaped(client.delete(f"/api/v1/goals/{goal.pk}", headers={"Authorization": "Bearer styr_wrong"}), 401, "AUTH-001")
    assert DevelopmentGoal.objects.exists()


def test_a_session_write_without_the_csrf_token_is_403_auth_002(world: World, goal: DevelopmentGoal) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["committee_politician"])
    body = shaped(client.patch(f"/api/v1/goals/{goal.pk}", {"title": "Nytt"}, content_type="application/json"), 403, "AUTH-002")
    assert "CSRF" in body["message"]
    assert DevelopmentGoal.objects.get().title == "Mål"
    # a read needs no CSRF token
    assert client.get(f"/api/v1/goals/{goal.pk}").status_code == 200


def test_a_method_the_path_does_not_take_is_405_in_the_error_shape(world: World) -> None:
    _token, raw = api_token_create(actor=None, user=world.users["committee_politician"])
    response = Client(headers={"Authorization": f"Bearer {raw}"}).put("/api/v1/goals", {}, content_type="application/json")
    body = shaped(response, 405, "METHOD-NOT-ALLOWED")
    assert "POST" in response["Allow"] and "POST" in body["detail"]["allowed"]


@pytest.mark.parametrize("debug", [False, True])
@pytest.mark.parametrize("path", ["/api/v1/no-such-thing", "/api/v1/goals/1/nothing", "/api/v2/goals", "/api/", "/api/v1/"])
def test_an_unknown_api_route_is_404_in_the_error_shape_without_url_patterns(world: World, settings: Any, debug: bool, path: str) -> None:
    settings.DEBUG = debug
    response = world.client("ks_controller").get(path)
    shaped(response, 404, "NOT-FOUND")
    assert b"urlpatterns" not in response.content.lower() and b"konto/" not in response.content


def test_an_unknown_page_outside_the_api_is_still_a_page(world: World) -> None:
    response = world.client("ks_controller").get("/no-such-page/")
    assert response.status_code == 404 and not response["Content-Type"].startswith("application/json")


@pytest.mark.parametrize("debug", [False, True])
def test_a_body_over_the_limit_is_413_in_the_error_shape(world: World, settings: Any, debug: bool) -> None:
    settings.DEBUG = debug
    _token, raw = api_token_create(actor=None, user=world.users["committee_politician"])
    client = Client(headers={"Authorization": f"Bearer {raw}"}, raise_request_exception=False)
    huge = {**goal_body(world), "citizen_change": "x" * (3 * 1024 * 1024)}
    body = shaped(client.post("/api/v1/goals", huge, content_type="application/json"), 413, "TOO-LARGE")
    assert body["detail"]["limit_bytes"] == settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    assert not DevelopmentGoal.objects.exists()


def openapi() -> dict[str, Any]:
    spec: dict[str, Any] = Client().get("/api/v1/openapi.json").json()
    return spec


def operations(spec: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [(path, method, op) for path, item in spec["paths"].items() for method, op in item.items()]


def test_every_operation_declares_its_error_answers_and_401_only_where_it_needs_a_login(world: World) -> None:
    spec = openapi()
    assert operations(spec)
    for path, method, op in operations(spec):
        responses = op["responses"]
        if op.get("security"):
            assert responses["401"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}, (method, path)
        else:  # the public part (auth=None) never answers 401: it does not declare it
            assert path.startswith("/api/v1/public/") and "401" not in responses, (method, path)
        assert responses["422"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}, (method, path)
        if "requestBody" in op:
            assert {"403", "413"} <= set(responses), (method, path)


def test_the_openapi_document_names_its_server_so_a_client_base_url_works(world: World, settings: Any) -> None:
    settings.ALLOWED_HOSTS = ["styr.example.se"]
    spec = Client().get("/api/v1/openapi.json", headers={"host": "styr.example.se"}, secure=True).json()
    assert spec["servers"] == [{"url": "https://styr.example.se", "description": "Styr"}]
    # the paths are complete below the server: server + path is a working address
    assert "/api/v1/goals" in spec["paths"]


def test_the_openapi_document_is_valid(world: World) -> None:
    validator = pytest.importorskip("openapi_spec_validator")
    validator.validate(openapi())

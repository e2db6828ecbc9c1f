"""No lost update through the API (issue 14 §1, EDIT-001): reads carry an ``ETag`` (the entity's
version), a write sends it back as ``If-Match``, and a write based on a stale version answers 409
with the saved values instead of overwriting them."""

from __future__ import annotations

import json
from typing import Any

from styr.core.models import AuditEvent
from styr.planning import services
from styr.planning.models import DevelopmentGoal
from tests.api.test_api_planning import as_, refused
from tests.conftest import YEAR, World


def _goal(world: World) -> DevelopmentGoal:
    return services.goal_create(actor=None, org_unit=world.unit("Utbildningsnämnden"), title="Trygg skola", start_year=YEAR, end_year=YEAR + 1)


def _patch(api: Any, path: str, body: dict[str, Any], if_match: str | None) -> Any:
    headers = {**api.headers, **({"If-Match": if_match} if if_match is not None else {})}
    return api.client.patch(f"/api/v1{path}", data=json.dumps(body), content_type="application/json", headers=headers)


def test_edit_001_two_patches_from_the_same_read_one_wins_the_other_is_409_with_the_saved_values(world: World) -> None:
    goal = _goal(world)
    politician = as_(world, "committee_politician")
    read = politician.get(f"/goals/{goal.pk}")
    assert read.status_code == 200 and read["ETag"] == '"1"' and read.json()["version"] == 1
    first = _patch(politician, f"/goals/{goal.pk}", {"title": "Trygg och lugn skola"}, read["ETag"])
    assert first.status_code == 200, first.content
    assert first["ETag"] == '"2"' and first.json()["version"] == 2
    second = _patch(politician, f"/goals/{goal.pk}", {"title": "Studiero"}, read["ETag"])
    body = refused(second, 409, "EDIT-001")
    assert body["detail"]["expected"] == 1 and body["detail"]["current"] == 2
    assert body["detail"]["current_values"]["title"] == "Trygg och lugn skola"
    goal.refresh_from_db()
    assert goal.title == "Trygg och lugn skola" and goal.version == 2
    assert AuditEvent.objects.filter(action="goal.updated", object_id=str(goal.pk)).count() == 1


def test_a_write_without_if_match_runs_as_before_and_answers_the_new_etag(world: World) -> None:
    goal = _goal(world)
    politician = as_(world, "committee_politician")
    assert _patch(politician, f"/goals/{goal.pk}", {"title": "Ett"}, None).status_code == 200
    response = _patch(politician, f"/goals/{goal.pk}", {"title": "Två"}, None)
    assert response.status_code == 200 and response["ETag"] == '"3"' and response.json()["version"] == 3
    goal.refresh_from_db()
    assert goal.title == "Två" and goal.version == 3
    assert _patch(politician, f"/goals/{goal.pk}", {"title": "Tre"}, "*").status_code == 200


def test_input_001_an_if_match_that_is_no_etag_is_refused_and_nothing_written(world: World) -> None:
    goal = _goal(world)
    refused(_patch(as_(world, "committee_politician"), f"/goals/{goal.pk}", {"title": "x"}, "yesterday"), 422, "INPUT-001")
    goal.refresh_from_db()
    assert goal.title == "Trygg skola" and goal.version == 1


def test_edit_001_a_stale_delete_is_409_and_the_goal_stays(world: World) -> None:
    goal = _goal(world)
    politician = as_(world, "committee_politician")
    assert _patch(politician, f"/goals/{goal.pk}", {"title": "Ändrad"}, '"1"').status_code == 200
    headers = {**politician.headers, "If-Match": '"1"'}
    refused(politician.client.delete(f"/api/v1/goals/{goal.pk}", headers=headers), 409, "EDIT-001")
    assert DevelopmentGoal.objects.filter(pk=goal.pk).exists()
    headers["If-Match"] = '"2"'
    assert politician.client.delete(f"/api/v1/goals/{goal.pk}", headers=headers).status_code == 204
    assert not DevelopmentGoal.objects.filter(pk=goal.pk).exists()


def test_the_outsider_is_refused_before_any_version_is_compared(world: World) -> None:
    goal = _goal(world)
    refused(_patch(as_(world, "outsider"), f"/goals/{goal.pk}", {"title": "x"}, '"9"'), 404, "NOT-FOUND")
    goal.refresh_from_db()
    assert goal.title == "Trygg skola"


def test_the_openapi_document_declares_if_match_409_and_etag(world: World) -> None:
    document = world.client("committee_politician").get("/api/v1/openapi.json").json()
    patch = document["paths"]["/api/v1/goals/{goal_id}"]["patch"]
    assert any(p["in"] == "header" and p["name"] == "If-Match" and not p.get("required") for p in patch["parameters"])
    assert "EDIT-001" in patch["responses"]["409"]["description"]
    assert "ETag" in patch["responses"]["200"]["headers"]
    read = document["paths"]["/api/v1/goals/{goal_id}"]["get"]
    assert "ETag" in read["responses"]["200"]["headers"]
    assert "version" in document["components"]["schemas"]["GoalOut"]["required"]
    with_if_match = [
        (path, method)
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if any(p["name"] == "If-Match" for p in operation.get("parameters", []))
    ]
    assert len(with_if_match) >= 30 and all(method in {"patch", "put", "delete"} for _path, method in with_if_match)
    assert all("409" in document["paths"][path][method]["responses"] for path, method in with_if_match)


def test_perm_002_a_reader_without_write_is_refused_403_whatever_version_they_send(world: World) -> None:
    """Permission before the version: the auditor reads the goal but may not change it, so a stale
    If-Match answers PERM-001, not EDIT-001 with the saved values."""
    goal = _goal(world)
    auditor = as_(world, "auditor")
    assert auditor.get(f"/goals/{goal.pk}").status_code == 200
    goal_v2 = _patch(as_(world, "committee_politician"), f"/goals/{goal.pk}", {"title": "Ändrad"}, '"1"')
    assert goal_v2.status_code == 200
    for version in ('"1"', '"2"'):
        refused(_patch(auditor, f"/goals/{goal.pk}", {"title": "x"}, version), 403, "PERM-001")
        headers = {**auditor.headers, "If-Match": version}
        refused(auditor.client.delete(f"/api/v1/goals/{goal.pk}", headers=headers), 403, "PERM-001")
    goal.refresh_from_db()
    assert goal.title == "Ändrad" and goal.version == 2

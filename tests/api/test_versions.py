"""No lost update through the API (issue 14 §1, EDIT-001): reads carry an ``ETag`` (the entity's
version), a write sends it back as ``If-Match``, and a write based on a stale version answers 409
with the saved values instead of overwriting them."""

from __future__ import annotations

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
    import json

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

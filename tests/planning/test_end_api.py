"""The API (issue 14 §2): DELETE of an item with follow-up below it answers DEL-001 (422) and
removes nothing; POST …/{id}/end ends it (stored, recorded, in the item's GET); an ended item
answers DEL-003 (409); permission first (403 before any rule)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from styr.core.models import AuditEvent
from styr.planning.models import Activity, Assignment, DevelopmentGoal, GoalIndicator, QualityFactor, QualityIndicator
from tests.conftest import YEAR, World
from tests.planning.delete_setup import followed

END = {"ended_on": f"{YEAR}-06-30", "reason": "Ersatt av ett nytt mål"}


def call(world: World, persona: str, method: str, path: str, body: Any = None) -> Any:
    client = world.client(persona)
    if body is None:
        return getattr(client, method)(f"/api/v1{path}")
    return getattr(client, method)(f"/api/v1{path}", data=json.dumps(body), content_type="application/json")


def paths(world: World) -> list[tuple[str, Any, str]]:
    data = followed(world)
    return [
        ("/goals", data.goal, "goal.ended"),
        ("/goal-indicators", data.indicator, "goal_indicator.ended"),
        ("/quality-factors", data.factor, "quality_factor.ended"),
        ("/quality-indicators", data.quality, "quality_indicator.ended"),
        ("/assignments", data.assignment, "assignment.ended"),
        ("/activities", data.activity, "activity.ended"),
    ]


def test_delete_with_follow_up_below_answers_del_001_and_removes_nothing(world: World) -> None:
    for base, item, _action in paths(world)[:5]:  # an activity has nothing below it
        response = call(world, "ks_controller", "delete", f"{base}/{item.pk}")
        assert response.status_code == 422, (base, response.content)
        assert response.json()["code"] == "DEL-001"
        assert type(item).objects.filter(pk=item.pk).exists()
    assert not AuditEvent.objects.filter(action__endswith=".deleted").exists()


def test_each_item_is_ended_through_the_api_and_shows_it(world: World) -> None:
    for base, item, action in paths(world):
        response = call(world, "ks_controller", "post", f"{base}/{item.pk}/end", END)
        assert response.status_code == 200, (base, response.content)
        assert response.json() == {"id": item.pk, "ended_on": f"{YEAR}-06-30", "end_reason": "Ersatt av ett nytt mål"}
        stored = type(item).objects.get(pk=item.pk)
        assert (stored.ended_on, stored.end_reason) == (date(YEAR, 6, 30), "Ersatt av ett nytt mål")
        assert AuditEvent.objects.filter(action=action, object_id=str(item.pk)).count() == 1
        shown = call(world, "ks_controller", "get", f"{base}/{item.pk}").json()
        assert (shown["ended_on"], shown["end_reason"]) == (f"{YEAR}-06-30", "Ersatt av ett nytt mål")
        again = call(world, "ks_controller", "post", f"{base}/{item.pk}/end", END)
        assert again.status_code == 409 and again.json()["code"] == "DEL-003"
    goal = DevelopmentGoal.objects.get(title="Alla elever når målen")
    assert call(world, "ks_controller", "delete", f"/goals/{goal.pk}").json()["code"] == "DEL-003"


BAD_ENDS = [({"ended_on": f"{YEAR}-06-30", "reason": ""}, "DEL-004"), ({"ended_on": f"{YEAR - 1}-01-01", "reason": "x"}, "DEL-005")]


@pytest.mark.parametrize(("body", "code"), BAD_ENDS)
def test_an_end_without_a_reason_or_before_the_start_is_refused(world: World, body: dict[str, str], code: str) -> None:
    goal = followed(world).goal
    response = call(world, "ks_controller", "post", f"/goals/{goal.pk}/end", body)
    assert response.status_code == 422 and response.json()["code"] == code
    assert DevelopmentGoal.objects.get(pk=goal.pk).ended_on is None


def test_permission_comes_first_an_outsider_and_a_reader_are_refused(world: World) -> None:
    for base, item, _action in paths(world):
        outsider = call(world, "outsider", "post", f"{base}/{item.pk}/end", {"ended_on": f"{YEAR}-06-30", "reason": ""})
        assert outsider.status_code in (403, 404), (base, outsider.content)
        assert outsider.json()["code"] != "DEL-004"
        reader = call(world, "auditor", "post", f"{base}/{item.pk}/end", {"ended_on": f"{YEAR}-06-30", "reason": ""})
        assert reader.status_code == 403 and reader.json()["code"] == "PERM-001", (base, reader.content)
        refused = call(world, "auditor", "delete", f"{base}/{item.pk}")
        assert refused.status_code == 403 and refused.json()["code"] == "PERM-001"
    for model in (DevelopmentGoal, GoalIndicator, QualityFactor, QualityIndicator, Assignment, Activity):
        assert not model.objects.filter(ended_on__isnull=False).exists()
    assert not AuditEvent.objects.filter(action__endswith=".ended").exists()


def test_another_groups_controller_cannot_end_alvestas_goal(world: World, other_group: Any) -> None:
    goal = followed(world).goal
    response = other_group.client().post(f"/api/v1/goals/{goal.pk}/end", data=json.dumps(END), content_type="application/json")
    assert response.status_code in (403, 404)
    assert DevelopmentGoal.objects.get(pk=goal.pk).ended_on is None

"""A read of an object outside the reader's scope answers 404, as if it did not exist, in the API
and on pages: a 403 naming the owning unit told an outsider which committee owns activity 2, and
another group's users the names of this group's units. Whoever can see an object but not change
it still gets 403 (PERM-001) on a write."""

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from styr.core.services import api_token_create
from styr.domain.presets import load_preset_file
from styr.organisation.models import OrgUnit
from styr.organisation.services import group_load_preset, role_assign
from styr.planning import services
from styr.planning.models import Activity, DevelopmentGoal
from tests.conftest import EXEMPELBY, TODAY, YEAR, World


@pytest.fixture
def goal(world: World) -> DevelopmentGoal:
    return services.goal_create(actor=None, org_unit=world.unit("Omsorgsnämnden"), title="Trygg omsorg", start_year=YEAR, end_year=YEAR)


@pytest.fixture
def activity(goal: DevelopmentGoal) -> Activity:
    return services.activity_create(actor=None, goal=goal, title="Nattpatrull", start_date=date(YEAR, 1, 10), end_date=date(YEAR, 6, 10))


@pytest.fixture
def stranger(world: World) -> Any:
    """A KS controller of another municipal group: sees that whole group, nothing of Alvesta."""
    group, _ = group_load_preset(actor=None, preset=load_preset_file(EXEMPELBY), today=TODAY)
    user = get_user_model().objects.create_user(username="exempelby_controller", password="x")
    role_assign(actor=None, user=user, org_unit=OrgUnit.objects.get(group=group, name="Kommunstyrelsen"), role="CONTROLLER")
    return user


def api(user: Any) -> Client:
    _token, raw = api_token_create(actor=None, user=user)
    return Client(headers={"Authorization": f"Bearer {raw}"})


def not_found(response: Any, *names: str) -> None:
    assert response.status_code == 404, (response.status_code, response.content[:300])
    text = response.content.decode()
    for name in names:
        assert name not in text, name


def readers(world: World, stranger: Any) -> list[Any]:
    return [world.users["outsider"], stranger, world.users["committee_politician"]]


def test_the_api_answers_404_for_an_object_outside_the_readers_scope(world: World, stranger: Any, goal: DevelopmentGoal, activity: Activity) -> None:
    indicator = services.indicator_create(actor=None, goal=goal, name="Nöjdhet", baseline_year=YEAR, baseline_value=Decimal(70))
    paths = [
        f"/api/v1/activities/{activity.pk}",
        f"/api/v1/goals/{goal.pk}",
        f"/api/v1/org-units/{world.unit('Omsorgsnämnden').pk}",
        f"/api/v1/org-units/{world.unit('Omsorgsnämnden').pk}/core-mission",
        f"/api/v1/goal-indicators/{indicator.pk}",
    ]
    for user in readers(world, stranger):
        client = api(user)
        for path in paths:
            response = client.get(path)
            not_found(response, "Omsorgsnämnden", "unit.view")
            assert response.json()["code"] == "NOT-FOUND", path


def test_the_api_answers_404_for_a_write_to_an_object_the_caller_cannot_see(world: World, stranger: Any, goal: DevelopmentGoal) -> None:
    for user in readers(world, stranger):
        client = api(user)
        not_found(client.patch(f"/api/v1/goals/{goal.pk}", {"title": "Annat"}, content_type="application/json"), "Omsorgsnämnden")
        body = {"org_unit": world.unit("Omsorgsnämnden").pk, "title": "Mål", "start_year": YEAR, "end_year": YEAR}
        not_found(client.post("/api/v1/goals", body, content_type="application/json"), "Omsorgsnämnden")
    assert DevelopmentGoal.objects.get().title == "Trygg omsorg"


def test_one_who_can_see_but_not_change_still_gets_403(world: World, goal: DevelopmentGoal) -> None:
    response = api(world.users["auditor"]).patch(f"/api/v1/goals/{goal.pk}", {"title": "Annat"}, content_type="application/json")
    assert response.status_code == 403 and response.json()["code"] == "PERM-001"
    assert api(world.users["auditor"]).get(f"/api/v1/goals/{goal.pk}").status_code == 200


def test_pages_answer_404_for_an_object_outside_the_readers_scope(world: World, stranger: Any, goal: DevelopmentGoal) -> None:
    unit = world.unit("Omsorgsnämnden")
    paths = [f"/enheter/{unit.pk}/", f"/mal/{goal.pk}/", f"/enheter/{unit.pk}/plan/{YEAR}/"]
    for user in readers(world, stranger):
        client = Client()
        client.force_login(user)
        for path in paths:
            not_found(client.get(path), "Omsorgsnämnden", "Trygg omsorg")


def test_another_groups_unit_is_404_for_its_readers_too(world: World, stranger: Any) -> None:
    """Both ways: Alvesta's KS controller cannot learn Exempelby's unit names either."""
    theirs = OrgUnit.objects.get(group__slug="exempelby", name="Skolkontoret")
    not_found(api(world.users["ks_controller"]).get(f"/api/v1/org-units/{theirs.pk}"), "Skolkontoret")
    client = world.client("ks_controller")
    not_found(client.get(f"/enheter/{theirs.pk}/"), "Skolkontoret")
    assert api(stranger).get(f"/api/v1/org-units/{theirs.pk}").status_code == 200

"""Goal indicators and their targets per year through the API and the goal page."""

from decimal import Decimal
from io import StringIO

from django.core.management import call_command
from django.test import Client

from styr.core.models import AuditEvent
from styr.planning.models import GoalIndicator, GoalIndicatorTarget
from styr.planning.services import goal_adopt, goal_create
from tests.conftest import YEAR, World


def bearer(username: str) -> dict[str, str]:
    out = StringIO()
    call_command("create_api_token", username, stdout=out)
    return {"Authorization": f"Bearer {out.getvalue().strip()}"}


def test_a_goal_indicator_gets_a_target_per_year_and_is_locked_with_its_goal(world: World) -> None:
    goal = goal_create(actor=None, org_unit=world.unit("Utbildningsnämnden"), title="Behörighet", start_year=YEAR, end_year=YEAR + 2)
    headers = bearer("ks_controller")
    created = Client().post(
        f"/api/v1/goals/{goal.pk}/indicators",
        {"name": "Behöriga", "unit_label": "%", "baseline_year": YEAR - 1, "baseline_value": "78", "target_year": YEAR, "target_value": "80"},
        content_type="application/json",
        headers=headers,
    )
    assert created.status_code == 201
    pk = created.json()["id"]
    for year, value in ((YEAR + 1, "83"), (YEAR + 2, "86")):
        assert (
            Client().put(f"/api/v1/goal-indicators/{pk}/targets/{year}", {"value": value}, content_type="application/json", headers=headers).status_code == 200
        )
    assert list(GoalIndicatorTarget.objects.filter(indicator_id=pk).values_list("year", "value")) == [
        (YEAR, Decimal(80)),
        (YEAR + 1, Decimal(83)),
        (YEAR + 2, Decimal(86)),
    ]
    outside = Client().put(f"/api/v1/goal-indicators/{pk}/targets/{YEAR + 3}", {"value": "90"}, content_type="application/json", headers=headers)
    assert outside.status_code == 422 and outside.json()["code"] == "GOAL-003"
    patched = Client().patch(f"/api/v1/goal-indicators/{pk}", {"name": "Behöriga till gymnasiet"}, content_type="application/json", headers=headers)
    assert patched.status_code == 200 and GoalIndicator.objects.get(pk=pk).name == "Behöriga till gymnasiet"
    assert AuditEvent.objects.filter(action="goal_indicator.updated").exists()
    outsider = Client().patch(f"/api/v1/goal-indicators/{pk}", {"name": "x"}, content_type="application/json", headers=bearer("outsider"))
    assert outsider.status_code == 404
    goal_adopt(actor=world.users["committee_politician"], goal=goal)
    locked = Client().delete(f"/api/v1/goal-indicators/{pk}", headers=headers)
    assert locked.status_code == 409 and locked.json()["code"] == "GOAL-004"
    assert GoalIndicator.objects.filter(pk=pk).exists()


def test_the_goal_page_sets_a_target_for_another_year(world: World) -> None:
    from styr.planning.services import indicator_create

    goal = goal_create(actor=None, org_unit=world.unit("Utbildningsnämnden"), title="Behörighet", start_year=YEAR, end_year=YEAR + 1)
    indicator = indicator_create(actor=None, goal=goal, name="Behöriga", baseline_year=YEAR - 1, baseline_value=Decimal(78))
    client = world.client("ks_controller")
    assert client.post(f"/malindikatorer/{indicator.pk}/malvarde/", {"year": YEAR + 1, "value": "84,5"}).status_code == 302
    assert GoalIndicatorTarget.objects.get(indicator=indicator).value == Decimal("84.5")
    refused = client.post(f"/malindikatorer/{indicator.pk}/malvarde/", {"year": YEAR + 4, "value": "90"})
    assert refused.status_code == 422 and "GOAL-003" in refused.content.decode()
    assert world.client("auditor").post(f"/malindikatorer/{indicator.pk}/malvarde/", {"year": YEAR, "value": "1"}).status_code == 403

"""Setting a target on an adopted goal through its page: the API answers 409 GOAL-004, and so
does the page, showing the rule's message (it answered 422 and showed nothing, since the target
form is no longer on the page of an adopted goal)."""

import re
from decimal import Decimal

from styr.planning.models import GoalIndicatorTarget
from styr.planning.services import goal_adopt, goal_create, indicator_create
from tests.conftest import YEAR, World


def test_a_target_on_an_adopted_goal_is_refused_with_goal_004_shown_on_the_page(world: World) -> None:
    goal = goal_create(actor=None, org_unit=world.unit("Utbildningsnämnden"), title="Behörighet", start_year=YEAR, end_year=YEAR + 1)
    indicator = indicator_create(actor=None, goal=goal, name="Behöriga", baseline_year=YEAR - 1, baseline_value=Decimal(78))
    goal_adopt(actor=world.users["committee_politician"], goal=goal)
    response = world.client("ks_controller").post(f"/malindikatorer/{indicator.pk}/malvarde/", {"year": YEAR + 1, "value": "84"})
    assert response.status_code == 409
    html = response.content.decode()
    alert = re.search(r'<div class="alert alert-danger" role="alert"[^>]*>(.*?)</div>', html, re.S)
    assert alert is not None and "GOAL-004" in alert.group(1) and "beslutat" in alert.group(1).lower(), html[:2000]
    assert not GoalIndicatorTarget.objects.filter(indicator=indicator).exists()


def test_a_refused_target_on_a_goal_in_draft_is_still_shown_at_its_form(world: World) -> None:
    goal = goal_create(actor=None, org_unit=world.unit("Utbildningsnämnden"), title="Behörighet", start_year=YEAR, end_year=YEAR + 1)
    indicator = indicator_create(actor=None, goal=goal, name="Behöriga", baseline_year=YEAR - 1, baseline_value=Decimal(78))
    response = world.client("ks_controller").post(f"/malindikatorer/{indicator.pk}/malvarde/", {"year": YEAR + 4, "value": "90"})
    assert response.status_code == 422
    form = re.search(r'<form method="post" action="/malindikatorer/.*?</form>', response.content.decode(), re.S)
    assert form is not None and "GOAL-003" in form.group(0)


def test_an_indicator_on_an_adopted_goal_is_refused_with_goal_004_shown_on_the_page(world: World) -> None:
    goal = goal_create(actor=None, org_unit=world.unit("Utbildningsnämnden"), title="Behörighet", start_year=YEAR, end_year=YEAR + 1)
    goal_adopt(actor=world.users["committee_politician"], goal=goal)
    body = {"name": "Behöriga", "direction": "higher", "baseline_year": YEAR - 1, "baseline_value": "78", "target_year": YEAR, "target_value": "80"}
    response = world.client("ks_controller").post(f"/mal/{goal.pk}/indikatorer/ny/", body)
    assert response.status_code == 409
    assert re.search(r'<div class="alert alert-danger" role="alert" id="goal-refused">[^<]*GOAL-004', response.content.decode())


def test_the_plan_page_refuses_an_indicator_with_a_target_on_an_adopted_goal_with_goal_004_shown(world: World) -> None:
    unit = world.unit("Utbildningsnämnden")
    goal = goal_create(actor=None, org_unit=unit, title="Behörighet", start_year=YEAR, end_year=YEAR + 1)
    goal_adopt(actor=world.users["committee_politician"], goal=goal)
    body = {
        "parent": goal.pk,
        "name": "Behöriga",
        "direction": "higher",
        "baseline_year": YEAR - 1,
        "baseline_value": "78",
        "target_year": YEAR,
        "target_value": "80",
    }
    for headers in ({}, {"HX-Request": "true", "HX-Target": "plan-panel"}):
        response = world.client("ks_controller").post(f"/enheter/{unit.pk}/plan/{YEAR}/malindikator/ny/", body, headers=headers)
        assert response.status_code == 409, response.status_code
        assert re.search(r'role="alert"[^>]*>[^<]*beslutat[^<]*GOAL-004', response.content.decode()), response.content.decode()[:3000]
    assert not goal.indicators.exists()

"""Development goals through services and pages: stored state, audit event, refusals."""

import re
from decimal import Decimal

import pytest

from styr.core.errors import NotAllowed
from styr.core.models import AuditEvent
from styr.domain.errors import RuleViolation
from styr.planning.models import DevelopmentGoal, GoalIndicator, GoalIndicatorTarget
from styr.planning.services import goal_adopt, goal_create, goal_update, indicator_create
from tests.conftest import YEAR, World


def make_goal(world: World, unit: str = "Utbildningsnämnden", persona: str = "ks_controller", title: str = "Alla elever når målen") -> DevelopmentGoal:
    return goal_create(actor=world.users[persona], org_unit=world.unit(unit), title=title, start_year=YEAR, end_year=YEAR + 1)


def test_controller_creates_a_goal_with_an_indicator_and_both_are_audited(world: World) -> None:
    goal = make_goal(world)
    indicator = indicator_create(
        actor=world.users["ks_controller"],
        goal=goal,
        name="Andel behöriga till gymnasiet",
        unit_label="%",
        baseline_year=YEAR - 1,
        baseline_value=Decimal("82.5"),
        target_year=YEAR + 1,
        target_value=Decimal("88"),
    )
    stored = DevelopmentGoal.objects.get(pk=goal.pk)
    assert (stored.title, stored.state, stored.org_unit, stored.group) == (
        "Alla elever når målen",
        "draft",
        world.unit("Utbildningsnämnden"),
        world.group,
    )
    assert GoalIndicatorTarget.objects.get(indicator=indicator).value == Decimal("88")
    created = AuditEvent.objects.get(action="goal.created", object_id=str(goal.pk))
    assert created.actor == world.users["ks_controller"] and created.org_unit == world.unit("Utbildningsnämnden")
    assert created.after["title"] == "Alla elever når målen" and created.before is None
    assert AuditEvent.objects.filter(action="goal_indicator.created").count() == 1
    assert AuditEvent.objects.filter(action="goal_indicator.target_set").count() == 1


def test_goal_001_a_fourth_development_goal_on_a_unit_is_rejected_and_nothing_written(world: World) -> None:
    for n in range(3):
        make_goal(world, title=f"Mål {n}")
    events = AuditEvent.objects.count()
    with pytest.raises(RuleViolation) as err:
        make_goal(world, title="Mål 4")
    assert err.value.code == "GOAL-001"
    assert DevelopmentGoal.objects.filter(org_unit=world.unit("Utbildningsnämnden")).count() == 3
    assert AuditEvent.objects.count() == events


def test_goal_004_an_adopted_goal_cannot_be_edited(world: World) -> None:
    goal = goal_adopt(actor=world.users["committee_politician"], goal=make_goal(world))
    assert goal.state == "adopted" and goal.adopted_at is not None
    with pytest.raises(RuleViolation) as err:
        goal_update(actor=world.users["ks_controller"], goal=goal, title="Nytt", citizen_change="", start_year=YEAR, end_year=YEAR, measurable=True)
    assert err.value.code == "GOAL-004"
    assert DevelopmentGoal.objects.get(pk=goal.pk).title == "Alla elever når målen"


@pytest.mark.parametrize("persona", ["outsider", "auditor", "administration_official", "other_committee_politician"])
def test_those_without_the_right_role_cannot_create_goals(world: World, persona: str) -> None:
    with pytest.raises(NotAllowed):
        make_goal(world, persona=persona)
    assert not DevelopmentGoal.objects.exists()


def test_only_politicians_adopt(world: World) -> None:
    goal = make_goal(world)
    with pytest.raises(NotAllowed):
        goal_adopt(actor=world.users["ks_controller"], goal=goal)
    goal_adopt(actor=world.users["council_chair"], goal=goal)
    assert AuditEvent.objects.get(action="goal.adopted").before["state"] == "draft"


def test_goal_page_form_shows_the_rule_in_swedish_and_writes_nothing(world: World) -> None:
    client = world.client("ks_controller")
    unit = world.unit("Utbildningsnämnden")
    response = client.post(
        f"/enheter/{unit.pk}/mal/ny/",
        {"title": "För långt mål", "start_year": YEAR, "end_year": YEAR + 5, "direction": "higher"},
        HTTP_ACCEPT_LANGUAGE="sv",
    )
    assert response.status_code == 422
    body = response.content.decode()
    errors = " ".join(re.findall(r"(?s)<ul class=.errorlist.*?</ul>", body))
    assert "GOAL-002" in errors and "utvecklingsmål" in errors.lower()
    assert not DevelopmentGoal.objects.exists()


def test_goal_page_form_creates_goal_and_indicator(world: World) -> None:
    client = world.client("ks_controller")
    unit = world.unit("Utbildningsnämnden")
    response = client.post(
        f"/enheter/{unit.pk}/mal/ny/",
        {
            "title": "Fler elever läser vidare",
            "start_year": YEAR,
            "end_year": YEAR + 2,
            "indicator_name": "Andel som börjar gymnasiet",
            "indicator_unit": "%",
            "direction": "higher",
            "baseline_year": YEAR - 1,
            "baseline_value": "81,5",
            "target_year": YEAR + 2,
            "target_value": "90",
        },
        HTTP_ACCEPT_LANGUAGE="sv",
    )
    assert response.status_code == 302
    goal = DevelopmentGoal.objects.get()
    assert GoalIndicator.objects.get(goal=goal).baseline_value == Decimal("81.5")


def test_a_bad_indicator_rolls_back_the_goal_too(world: World) -> None:
    client = world.client("ks_controller")
    unit = world.unit("Utbildningsnämnden")
    response = client.post(
        f"/enheter/{unit.pk}/mal/ny/",
        {
            "title": "Mål",
            "start_year": YEAR,
            "end_year": YEAR,
            "indicator_name": "I",
            "direction": "higher",
            "baseline_year": YEAR - 1,
            "baseline_value": "1",
            "target_year": YEAR + 3,
            "target_value": "2",
        },
    )
    assert response.status_code == 422 and "GOAL-003" in response.content.decode()
    assert not DevelopmentGoal.objects.exists() and not AuditEvent.objects.filter(action__startswith="goal").exists()


def test_outsider_gets_404_on_the_unit_page_and_the_form(world: World) -> None:
    client = world.client("outsider")
    unit = world.unit("Utbildningsnämnden")
    assert client.get(f"/enheter/{unit.pk}/").status_code == 404
    assert client.post(f"/enheter/{unit.pk}/mal/ny/", {"title": "x", "start_year": YEAR, "end_year": YEAR}).status_code == 404
    assert not DevelopmentGoal.objects.exists()


def test_the_goal_page_shows_its_history(world: World) -> None:
    goal = make_goal(world)
    goal_adopt(actor=world.users["committee_politician"], goal=goal)
    response = world.client("auditor").get(f"/mal/{goal.pk}/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Utvecklingsmål skapat" in body and "Utvecklingsmål beslutat" in body and "Committee Politician" in body
    assert "Beslutsstatus: Utkast → Beslutad" in body


def test_adopt_button_for_politicians_adopts(world: World) -> None:
    goal = make_goal(world)
    assert world.client("ks_controller").post(f"/mal/{goal.pk}/besluta/").status_code == 403
    client = world.client("committee_politician")
    response = client.post(f"/mal/{goal.pk}/besluta/")
    assert response.status_code == 302
    assert DevelopmentGoal.objects.get(pk=goal.pk).state == "adopted"
    again = client.post(f"/mal/{goal.pk}/besluta/", HTTP_ACCEPT_LANGUAGE="sv")
    assert again.status_code == 409 and "GOAL-004" in again.content.decode()
    assert AuditEvent.objects.filter(action="goal.adopted").count() == 1


def test_a_unit_manager_sets_and_adopts_the_units_own_goals(world: World) -> None:
    goal = make_goal(world, unit="Hagaskolan", persona="unit_manager", title="Lugn i klassrummet")
    goal_adopt(actor=world.users["unit_manager"], goal=goal)
    assert DevelopmentGoal.objects.get(pk=goal.pk).state == "adopted"


def test_the_goal_page_charts_each_indicator_against_its_targets(world: World) -> None:
    from datetime import date

    from styr.followup.services import measurement_record

    goal = make_goal(world)
    indicator = indicator_create(
        actor=None, goal=goal, name="Andel behöriga", baseline_year=YEAR - 1, baseline_value=Decimal(80), target_year=YEAR + 1, target_value=Decimal(88)
    )
    measurement_record(actor=None, indicator=indicator, period=date(YEAR, 2, 1), value=Decimal(82))
    body = world.client("auditor").get(f"/mal/{goal.pk}/").content.decode()
    assert '<img src="data:image/svg+xml;base64,' in body
    assert 'alt="Andel behöriga' in body and "88" in body
    # and its data as a table: the value and the target, each in its column
    assert f'<th scope="row">{YEAR}-02</th><td class="text-end">82</td><td class="text-end"></td>' in body
    assert f'<th scope="row">{YEAR + 1}</th><td class="text-end"></td><td class="text-end">88</td>' in body

"""A revision does not hide what is in force (issue 8, §2): while the council's new revision of
Mål och budget is drafted, revision 1 is still the adopted plan, so its goals stay public and
"adopted"; the editors can still change the reopened draft."""

from datetime import date

from styr.core.models import AuditEvent
from styr.domain.errors import RuleViolation
from styr.planning import services
from styr.planning.models import DevelopmentGoal, Plan
from tests.conftest import YEAR, World


def adopted_council_plan(world: World) -> tuple[Plan, DevelopmentGoal]:
    council = world.unit("Kommunfullmäktige")
    goal = services.goal_create(actor=None, org_unit=council, title="Attraktiv kommun att bo i", start_year=YEAR, end_year=YEAR + 1)
    plan = services.plan_propose(actor=None, plan=services.plan_create(actor=None, org_unit=council, year=YEAR))
    plan = services.plan_adopt(
        actor=world.users["council_chair"], plan=plan, decided_on=date(YEAR - 1, 11, 20), paragraph="§ 120", registration_number="KS 2025/300"
    )
    return plan, goal


def public_titles(world: World) -> str:
    return world.client(None).get(f"/offentlig/{world.group.slug}/?ar={YEAR}").content.decode()


def api_adopted(world: World) -> list[str]:
    response = world.client("council_chair").get("/api/v1/goals?state=adopted&limit=100")
    assert response.status_code == 200
    return [g["title"] for g in response.json()["items"]]


def test_starting_a_revision_keeps_the_adopted_goals_public_and_adopted(world: World) -> None:
    plan, goal = adopted_council_plan(world)
    assert "Attraktiv kommun att bo i" in public_titles(world) and api_adopted(world) == ["Attraktiv kommun att bo i"]
    revision = services.plan_revise(actor=None, plan=plan)
    assert revision.revision == 2 and Plan.objects.get(pk=plan.pk).state == "adopted"  # revision 1 is still in force
    assert DevelopmentGoal.objects.get(pk=goal.pk).state == "adopted"
    assert "Attraktiv kommun att bo i" in public_titles(world)
    assert api_adopted(world) == ["Attraktiv kommun att bo i"]


def test_the_editors_still_change_the_reopened_draft_and_a_new_goal_waits_for_the_decision(world: World) -> None:
    plan, goal = adopted_council_plan(world)
    revision = services.plan_revise(actor=None, plan=plan)
    council = world.unit("Kommunfullmäktige")
    services.goal_update(actor=None, goal=goal, title="Attraktiv kommun", citizen_change="", start_year=YEAR, end_year=YEAR + 1, measurable=True)
    added = services.goal_create(actor=None, org_unit=council, title="Hållbar tillväxt", start_year=YEAR, end_year=YEAR)
    assert DevelopmentGoal.objects.get(pk=added.pk).state == "draft"
    assert "Hållbar tillväxt" not in public_titles(world) and "Hållbar tillväxt" not in api_adopted(world)
    page = world.client("council_chair").get(f"/enheter/{council.pk}/plan/{YEAR}/?flik=utveckling").content.decode()
    assert f'id="edit-utvecklingsmal-{goal.pk}"' in page  # the plan page offers the reopened goal for editing
    assert f'id="delete-utvecklingsmal-{goal.pk}"' not in page  # but not its removal: it is in force until the new decision
    assert f'id="delete-utvecklingsmal-{added.pk}"' in page
    services.plan_adopt(
        actor=world.users["council_chair"],
        plan=services.plan_propose(actor=None, plan=revision),
        decided_on=date(YEAR, 3, 20),
        paragraph="§ 30",
        registration_number="KS 2026/50",
    )
    assert set(api_adopted(world)) == {"Attraktiv kommun", "Hållbar tillväxt"}
    # locked again once the new revision is adopted
    try:
        services.goal_update(actor=None, goal=goal, title="x", citizen_change="", start_year=YEAR, end_year=YEAR + 1, measurable=True)
    except RuleViolation as err:
        assert err.code == "GOAL-004"
    else:
        raise AssertionError("an adopted goal stays locked")


def test_the_goal_stays_locked_while_no_revision_is_open(world: World) -> None:
    _plan, goal = adopted_council_plan(world)
    try:
        services.goal_update(actor=None, goal=goal, title="x", citizen_change="", start_year=YEAR, end_year=YEAR + 1, measurable=True)
    except RuleViolation as err:
        assert err.code == "GOAL-004"
    else:
        raise AssertionError("an adopted goal is locked")
    assert not AuditEvent.objects.filter(action="goal.updated").exists()

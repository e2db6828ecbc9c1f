"""``with_pending_revision`` is GOAL-004's ``goal_locked`` in one query: the two agree in every
state a goal's plans can be in; and ``goals_in_force`` reads a reopened goal from the snapshot."""

from datetime import date
from decimal import Decimal

from styr.planning import services
from styr.planning.in_force import goals_in_force, with_pending_revision
from styr.planning.models import DevelopmentGoal, Plan
from styr.planning.services.locks import goal_locked
from tests.conftest import YEAR, World


def adopt(world: World, plan: Plan, decided_on: date) -> Plan:
    return services.plan_adopt(
        actor=world.users["council_chair"],
        plan=services.plan_propose(actor=None, plan=plan),
        decided_on=decided_on,
        paragraph="§ 1",
        registration_number="KS 1",
    )


def assert_agree() -> None:
    annotated = {g.pk: g.pending_revision for g in with_pending_revision(DevelopmentGoal.objects.all())}  # type: ignore[attr-defined]
    expected = {g.pk: g.state == "adopted" and not goal_locked(g) for g in DevelopmentGoal.objects.select_related("org_unit")}
    assert annotated == expected


def test_pending_revision_agrees_with_the_lock_in_every_state(world: World) -> None:
    council = world.unit("Kommunfullmäktige")
    single = services.goal_create(actor=None, org_unit=council, title="Ettårigt", start_year=YEAR, end_year=YEAR)
    long = services.goal_create(actor=None, org_unit=council, title="Långt", start_year=YEAR, end_year=YEAR + 1)
    alone = services.goal_create(actor=None, org_unit=world.unit("Kommunfullmäktige"), title="Utan plan", start_year=YEAR + 3, end_year=YEAR + 3)
    services.goal_adopt(actor=world.users["council_chair"], goal=alone)
    assert_agree()
    plan = adopt(world, services.plan_create(actor=None, org_unit=council, year=YEAR), date(YEAR - 1, 11, 20))
    assert_agree()
    revision = services.plan_revise(actor=None, plan=plan)
    assert_agree()
    assert {g.pk for g in with_pending_revision(DevelopmentGoal.objects.all()) if g.pending_revision} == {single.pk, long.pk}  # type: ignore[attr-defined]
    adopt(world, revision, date(YEAR, 3, 1))
    assert_agree()
    next_year = adopt(world, services.plan_create(actor=None, org_unit=council, year=YEAR + 1), date(YEAR, 11, 20))
    services.plan_revise(actor=None, plan=next_year)
    assert_agree()  # the long goal is held by this year's adopted revision: still locked
    assert not any(g.pending_revision for g in with_pending_revision(DevelopmentGoal.objects.filter(pk=long.pk)))  # type: ignore[attr-defined]


def test_a_reopened_goal_reads_as_adopted_and_a_new_one_not_at_all(world: World) -> None:
    council = world.unit("Kommunfullmäktige")
    goal = services.goal_create(actor=None, org_unit=council, title="Som beslutat", start_year=YEAR, end_year=YEAR)
    indicator = services.indicator_create(
        actor=None, goal=goal, name="Andel", baseline_year=YEAR - 1, baseline_value=Decimal("41.5"), target_year=YEAR, target_value=Decimal(50)
    )
    plan = adopt(world, services.plan_create(actor=None, org_unit=council, year=YEAR), date(YEAR - 1, 11, 20))
    services.plan_revise(actor=None, plan=plan)
    services.goal_update(actor=None, goal=goal, title="Utkast", citizen_change="", start_year=YEAR, end_year=YEAR, measurable=True)
    services.target_set(actor=None, indicator=indicator, year=YEAR, value=Decimal(60))
    services.goal_create(actor=None, org_unit=council, title="Nytt", start_year=YEAR, end_year=YEAR)
    [in_force] = goals_in_force(world.group, year=YEAR)
    assert in_force.pk == goal.pk and in_force.title == "Som beslutat" and in_force.pending_revision
    [ind] = in_force.indicators
    assert (ind.name, ind.baseline_year, ind.baseline_value) == ("Andel", YEAR - 1, Decimal("41.5"))
    assert [(t.year, t.value) for t in ind.targets] == [(YEAR, Decimal(50))]


def test_a_goal_shortened_in_the_draft_stays_in_force_for_the_years_it_was_adopted_for(world: World) -> None:
    council = world.unit("Kommunfullmäktige")
    goal = services.goal_create(actor=None, org_unit=council, title="Tvåårigt", start_year=YEAR, end_year=YEAR + 1)
    plan = adopt(world, services.plan_create(actor=None, org_unit=council, year=YEAR), date(YEAR - 1, 11, 20))
    revision = services.plan_revise(actor=None, plan=plan)
    services.goal_update(actor=None, goal=goal, title="Ettårigt nu", citizen_change="", start_year=YEAR, end_year=YEAR, measurable=True)
    assert [(g.title, g.end_year) for g in goals_in_force(world.group, year=YEAR + 1)] == [("Tvåårigt", YEAR + 1)]
    assert [g.title for g in goals_in_force(world.group, year=YEAR)] == ["Tvåårigt"]
    adopt(world, revision, date(YEAR, 3, 1))
    assert goals_in_force(world.group, year=YEAR + 1) == []
    assert [g.title for g in goals_in_force(world.group, year=YEAR)] == ["Ettårigt nu"]


def test_the_goal_page_tells_the_editors_their_changes_are_not_adopted_yet(world: World) -> None:
    council = world.unit("Kommunfullmäktige")
    goal = services.goal_create(actor=None, org_unit=council, title="Som beslutat", start_year=YEAR, end_year=YEAR)
    plan = adopt(world, services.plan_create(actor=None, org_unit=council, year=YEAR), date(YEAR - 1, 11, 20))
    client = world.client("council_chair")
    assert 'id="goal-pending-revision"' not in client.get(f"/mal/{goal.pk}/").content.decode()
    revision = services.plan_revise(actor=None, plan=plan)
    page = client.get(f"/mal/{goal.pk}/").content.decode()
    assert 'id="goal-pending-revision"' in page and "Ändringar av målet är inte beslutade än" in page
    adopt(world, revision, date(YEAR, 3, 1))
    assert 'id="goal-pending-revision"' not in client.get(f"/mal/{goal.pk}/").content.decode()

"""Issue 3 through the services: each write stored and audited, each rule refused with its id."""

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from styr.core.errors import NotAllowed
from styr.core.models import AuditEvent
from styr.domain.errors import RuleViolation
from styr.domain.plans import snapshot_diff, snapshot_hash
from styr.planning import services
from styr.planning.models import Assignment, DevelopmentGoal, Plan, QualityIndicator, Risk, Trend
from tests.conftest import YEAR, World


def rule(call: object) -> str:
    with pytest.raises(RuleViolation) as err:
        call()  # type: ignore[operator]
    return err.value.code


def test_core_mission_and_risks_are_stored_audited_and_on_the_matrix(world: World) -> None:
    unit = world.unit("Utbildningsförvaltningen")
    official = world.users["administration_official"]
    mission = services.core_mission_set(actor=official, org_unit=unit, serves="Barn och elever", purpose="Utbildning", governed_by="Skollagen")
    risk = services.risk_create(actor=official, core_mission=mission, description="Lärarbrist", likelihood=3, consequence=4)
    assert Risk.objects.get(pk=risk.pk).risk_value == 12
    assert AuditEvent.objects.filter(action="core_mission.created", org_unit=unit).exists()
    assert rule(lambda: services.risk_create(actor=official, core_mission=mission, description="x", likelihood=5, consequence=1)) == "RISK-001"
    services.core_mission_set(actor=official, org_unit=unit, purpose="Utbildning för alla")
    assert AuditEvent.objects.get(action="core_mission.updated").before["purpose"] == "Utbildning"


def test_qi_001_a_quality_indicator_with_a_target_is_refused_and_nothing_written(world: World) -> None:
    unit = world.unit("Utbildningsnämnden")
    factor = services.quality_factor_create(actor=world.users["ks_controller"], org_unit=unit, title="Trygghet")
    with pytest.raises(RuleViolation) as err:
        services.quality_indicator_create(actor=world.users["ks_controller"], factor=factor, name="Andel trygga", direction="higher", target_value=90)
    assert err.value.code == "QI-001"
    assert not QualityIndicator.objects.exists()
    indicator = services.quality_indicator_create(
        actor=world.users["ks_controller"], factor=factor, name="Andel trygga", direction="higher", source="kolada", kolada_kpi="N15613"
    )
    assert QualityIndicator.objects.get(pk=indicator.pk).kolada_kpi == "N15613"
    assert not any(f.name.startswith("target") for f in QualityIndicator._meta.get_fields())


def test_officials_define_quality_below_the_council_but_not_on_it(world: World) -> None:
    services.quality_factor_create(actor=world.users["administration_official"], org_unit=world.unit("Grundskola"), title="Studiero")
    with pytest.raises(NotAllowed):
        services.quality_factor_create(actor=world.users["unit_manager"], org_unit=world.unit("Grundskola"), title="x")
    with pytest.raises(NotAllowed):
        services.quality_factor_create(actor=world.users["auditor"], org_unit=world.unit("Kommunfullmäktige"), title="x")


def test_trend_001_a_group_wide_analysis_builds_on_lower_levels(world: World) -> None:
    lower = services.trend_create(
        actor=world.users["administration_official"],
        org_unit=world.unit("Utbildningsförvaltningen"),
        year=YEAR,
        category="social",
        title="Fler barn i förskoleåldern",
    )
    ks = world.unit("Kommunfullmäktige")
    top = services.trend_create(actor=world.users["ks_controller"], org_unit=ks, year=YEAR, category="social", title="Växande befolkning", builds_on=[lower])
    assert list(Trend.objects.get(pk=top.pk).builds_on.all()) == [lower]
    # KS's group-wide analysis builds on the committees' and their administrations' trends (seed §6.2)
    ks_trend = services.trend_create(
        actor=world.users["ks_controller"], org_unit=world.unit("Kommunstyrelsen"), year=YEAR, category="social", title="Fler unga", builds_on=[lower]
    )
    assert ks_trend.builds_on.count() == 1
    assert (
        rule(
            lambda: services.trend_create(
                actor=world.users["ks_controller"], org_unit=world.unit("Omsorgsnämnden"), year=YEAR, category="social", title="x", builds_on=[lower]
            )
        )
        == "TREND-001"
    )


def test_assign_001_only_to_the_level_directly_below(world: World) -> None:
    controller = world.users["ks_controller"]
    council = world.unit("Kommunfullmäktige")
    common: dict[str, Any] = {"year": YEAR, "title": "Utred", "deadline": date(YEAR, 10, 1)}
    services.assignment_create(actor=controller, issuer=council, receiver=world.unit("Utbildningsnämnden"), **common)
    assert rule(lambda: services.assignment_create(actor=controller, issuer=council, receiver=world.unit("Utbildningsförvaltningen"), **common)) == "ASSIGN-001"
    sibling = world.unit("Omsorgsnämnden")
    assert rule(lambda: services.assignment_create(actor=controller, issuer=world.unit("Utbildningsnämnden"), receiver=sibling, **common)) == "ASSIGN-001"
    assert Assignment.objects.count() == 1
    assert AuditEvent.objects.filter(action="assignment.created").count() == 1
    # KS leads and coordinates the committees (seed §3): they are the level directly below KS
    services.assignment_create(actor=controller, issuer=world.unit("Kommunstyrelsen"), receiver=sibling, **common)
    assert (
        rule(lambda: services.assignment_create(actor=controller, issuer=world.unit("Kommunstyrelsen"), receiver=world.unit("Omsorgsförvaltningen"), **common))
        == "ASSIGN-001"
    )


def test_activities_belong_to_a_goal_or_an_assignment(world: World) -> None:
    goal = services.goal_create(actor=None, org_unit=world.unit("Hagaskolan"), title="Lugn", start_year=YEAR, end_year=YEAR)
    activity = services.activity_create(
        actor=world.users["unit_manager"],
        goal=goal,
        title="Rastvakter",
        start_date=date(YEAR, 1, 10),
        end_date=date(YEAR, 6, 1),
        owner=world.users["unit_manager"],
    )
    assert activity.org_unit == world.unit("Hagaskolan")
    with pytest.raises(NotAllowed):
        services.activity_create(actor=world.users["committee_politician"], goal=goal, title="x", start_date=date(YEAR, 1, 1), end_date=date(YEAR, 1, 2))


def test_fin_001_financial_goals_only_on_the_council(world: World) -> None:
    fin = services.financial_goal_create(
        actor=world.users["ks_controller"],
        org_unit=world.unit("Kommunfullmäktige"),
        year=YEAR,
        title="Resultat 2 % av skatteintäkterna",
        target_value=Decimal(2),
        unit_label="%",
    )
    assert fin.pk
    assert (
        rule(lambda: services.financial_goal_create(actor=world.users["ks_controller"], org_unit=world.unit("Utbildningsnämnden"), year=YEAR, title="x"))
        == "FIN-001"
    )


def test_goal_005_contributions_only_upwards_in_the_own_branch(world: World) -> None:
    council_goal = services.goal_create(actor=None, org_unit=world.unit("Kommunfullmäktige"), title="Fler invånare", start_year=YEAR, end_year=YEAR + 1)
    other = services.goal_create(actor=None, org_unit=world.unit("Omsorgsnämnden"), title="Trygg omsorg", start_year=YEAR, end_year=YEAR)
    goal = services.goal_create(
        actor=world.users["committee_politician"],
        org_unit=world.unit("Utbildningsnämnden"),
        title="Attraktiv skola",
        start_year=YEAR,
        end_year=YEAR,
        contributes_to=[council_goal],
    )
    assert list(goal.contributes_to.all()) == [council_goal]
    assert (
        rule(
            lambda: services.goal_create(
                actor=None, org_unit=world.unit("Utbildningsnämnden"), title="x", start_year=YEAR, end_year=YEAR, contributes_to=[other]
            )
        )
        == "GOAL-005"
    )
    assert not DevelopmentGoal.objects.filter(title="x").exists()


def build_committee_plan(world: World) -> Plan:
    unit = world.unit("Utbildningsnämnden")
    controller = world.users["ks_controller"]
    services.direction_set(actor=controller, org_unit=unit, year=YEAR, text="Alla elever ska lyckas.")
    services.development_area_create(actor=controller, org_unit=unit, year=YEAR, title="Studiero")
    services.goal_create(actor=controller, org_unit=unit, title="Alla elever når målen", start_year=YEAR, end_year=YEAR + 2)
    services.goal_create(actor=controller, org_unit=unit, title="Ettårsmål", start_year=YEAR, end_year=YEAR)
    plan = services.plan_create(actor=controller, org_unit=unit, year=YEAR)
    return services.plan_propose(actor=controller, plan=plan)


def adopt(world: World, plan: Plan) -> Plan:
    return services.plan_adopt(
        actor=world.users["committee_politician"], plan=plan, decided_on=date(YEAR - 1, 11, 20), paragraph="§ 87", registration_number="UN 2025/112"
    )


def test_adopting_a_plan_records_the_decision_freezes_a_snapshot_and_locks_its_content(world: World) -> None:
    plan = build_committee_plan(world)
    with pytest.raises(NotAllowed):  # a controller prepares, the committee decides
        services.plan_adopt(actor=world.users["ks_controller"], plan=plan, decided_on=date(YEAR, 1, 1), paragraph="§ 1", registration_number="1")
    with pytest.raises(NotAllowed):  # the council does not adopt a committee's plan
        services.plan_adopt(actor=world.users["council_chair"], plan=plan, decided_on=date(YEAR, 1, 1), paragraph="§ 1", registration_number="1")
    plan = adopt(world, plan)
    stored = Plan.objects.get(pk=plan.pk)
    assert stored.state == "adopted" and stored.decision is not None and stored.decision.paragraph == "§ 87"
    assert stored.snapshot_sha256 == snapshot_hash(stored.snapshot)
    assert [g["title"] for g in stored.snapshot["sections"]["goals"]] == ["Alla elever når målen", "Ettårsmål"]
    assert set(DevelopmentGoal.objects.values_list("state", flat=True)) == {"adopted"}
    assert AuditEvent.objects.filter(action="plan.adopted", object_id=str(plan.pk)).exists()
    unit = world.unit("Utbildningsnämnden")
    assert rule(lambda: services.direction_set(actor=world.users["ks_controller"], org_unit=unit, year=YEAR, text="Ändrad")) == "PLAN-002"
    goal = DevelopmentGoal.objects.get(title="Ettårsmål")
    assert (
        rule(lambda: services.goal_update(actor=None, goal=goal, title="Ändrat", citizen_change="", start_year=YEAR, end_year=YEAR, measurable=True))
        == "GOAL-004"
    )
    assert rule(lambda: services.plan_withdraw(actor=world.users["ks_controller"], plan=stored)) == "PLAN-001"
    assert rule(lambda: services.plan_create(actor=world.users["ks_controller"], org_unit=unit, year=YEAR)) == "PLAN-005"


def test_a_later_change_starts_a_revision_and_the_adopted_snapshot_stays_as_decided(world: World) -> None:
    adopted = adopt(world, build_committee_plan(world))
    frozen, digest = adopted.snapshot, adopted.snapshot_sha256
    revision = services.plan_revise(actor=world.users["ks_controller"], plan=adopted)
    assert revision.revision == 2 and revision.state == "draft"
    goal = DevelopmentGoal.objects.get(title="Ettårsmål")
    services.goal_update(actor=None, goal=goal, title="Ettårsmål, skärpt", citizen_change="", start_year=YEAR, end_year=YEAR, measurable=True)
    old = Plan.objects.get(pk=adopted.pk)
    assert old.snapshot == frozen and old.snapshot_sha256 == digest == snapshot_hash(old.snapshot)
    from styr.documents.builders import plan_content_build

    assert old.snapshot is not None
    diff = {d.section: d for d in snapshot_diff(old.snapshot, plan_content_build(unit=old.org_unit, year=YEAR))}
    assert diff["goals"].added == ("Ettårsmål, skärpt",) and diff["goals"].removed == ("Ettårsmål",)


def test_next_years_plan_carries_long_goals_and_not_ended_ones(world: World) -> None:
    adopted = adopt(world, build_committee_plan(world))
    following = services.plan_start_next_year(actor=world.users["ks_controller"], plan=adopted)
    assert (following.year, following.state) == (YEAR + 1, "draft")
    from styr.documents.builders import plan_content_build

    content = plan_content_build(unit=following.org_unit, year=YEAR + 1)
    assert [g["title"] for g in content["sections"]["goals"]] == ["Alla elever når målen"]
    assert content["sections"]["direction"][0]["text"] == "Alla elever ska lyckas."
    assert [a["title"] for a in content["sections"]["development_areas"]] == ["Studiero"]


def test_plan_003_no_plan_for_an_administration(world: World) -> None:
    assert rule(lambda: services.plan_create(actor=world.users["ks_controller"], org_unit=world.unit("Utbildningsförvaltningen"), year=YEAR)) == "PLAN-003"


@pytest.mark.parametrize(
    ("persona", "call"),
    [
        ("administration_official", "direction"),
        ("auditor", "goal"),
        ("outsider", "assignment"),
        ("unit_manager", "plan"),
        ("committee_politician", "activity"),
    ],
)
def test_politicians_decide_what_and_officials_how(world: World, persona: str, call: str) -> None:
    unit = world.unit("Utbildningsnämnden")
    user = world.users[persona]
    calls = {
        "direction": lambda: services.direction_set(actor=user, org_unit=unit, year=YEAR, text="x"),
        "goal": lambda: services.goal_create(actor=user, org_unit=unit, title="x", start_year=YEAR, end_year=YEAR),
        "assignment": lambda: services.assignment_create(
            actor=user, issuer=unit, receiver=world.unit("Utbildningsförvaltningen"), year=YEAR, title="x", deadline=date(YEAR, 5, 1)
        ),
        "plan": lambda: services.plan_create(actor=user, org_unit=unit, year=YEAR),
        "activity": lambda: services.activity_create(
            actor=user,
            goal=services.goal_create(actor=None, org_unit=unit, title="g", start_year=YEAR, end_year=YEAR),
            title="x",
            start_date=date(YEAR, 1, 1),
            end_date=date(YEAR, 2, 1),
        ),
    }
    with pytest.raises(NotAllowed):
        calls[call]()


def test_goal_006_a_goal_takes_a_development_area_of_its_own_unit(world: World) -> None:
    area = services.development_area_create(actor=None, org_unit=world.unit("Omsorgsnämnden"), year=YEAR, title="Kontinuitet")
    assert (
        rule(
            lambda: services.goal_create(
                actor=None, org_unit=world.unit("Utbildningsnämnden"), title="x", start_year=YEAR, end_year=YEAR, development_area=area
            )
        )
        == "GOAL-006"
    )


def test_a_decision_with_an_overlong_paragraph_is_refused_and_nothing_written(world: World) -> None:
    plan = build_committee_plan(world)
    with pytest.raises(RuleViolation) as refused:
        services.plan_adopt(actor=world.users["committee_politician"], plan=plan, decided_on=date(YEAR, 1, 1), paragraph="§" * 40, registration_number="1")
    assert refused.value.code == "TEXT-001" and refused.value.field == "paragraph"
    assert Plan.objects.get(pk=plan.pk).state == "proposed"


def test_a_committee_politician_sees_the_adopted_council_goals_above_in_the_cascade(world: World) -> None:
    from styr.planning.selectors import goal_cascade

    council_goal = services.goal_create(actor=None, org_unit=world.unit("Kommunfullmäktige"), title="Fler invånare", start_year=YEAR, end_year=YEAR)
    services.goal_create(
        actor=None, org_unit=world.unit("Utbildningsnämnden"), title="Attraktiv skola", start_year=YEAR, end_year=YEAR, contributes_to=[council_goal]
    )
    politician = world.users["committee_politician"]
    assert goal_cascade(politician, group=world.group, year=YEAR) == []  # a draft council goal is not public
    services.goal_adopt(actor=world.users["council_chair"], goal=council_goal)
    roots = goal_cascade(politician, group=world.group, year=YEAR)
    assert [r.goal.title for r in roots] == ["Fler invånare"] and [c.goal.title for c in roots[0].children] == ["Attraktiv skola"]

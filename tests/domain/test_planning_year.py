"""The planning year's steps in the årshjul (issue 10 §3): pure rules, no database."""

from datetime import date

import pytest

from styr.domain.errors import RuleViolation
from styr.domain.governance import GovernanceModel, governance_model_from_mapping, governance_model_to_mapping
from styr.domain.levels import LevelKind
from styr.domain.planning_year import (
    ALLOCATION_MODEL,
    FRAMES,
    GOALS_AND_BUDGET,
    INTERNAL_BUDGET,
    MILESTONE_KINDS,
    OPERATIONAL_PLAN,
    STEPS,
    build_milestones,
    check_milestone_due,
    parse_planning_year,
)
from styr.domain.plans import check_election_year, election_year_warning
from styr.domain.presets import load_preset_file
from tests.conftest import ALVESTA


@pytest.fixture(scope="module")
def model() -> GovernanceModel:
    return load_preset_file(ALVESTA).model


def test_an_ordinary_year_plans_the_next_with_frames_and_mal_och_budget_in_june_and_plans_in_november(model: GovernanceModel) -> None:
    steps = {m.kind: m for m in build_milestones(year=2027, model=model)}
    assert list(steps) == list(MILESTONE_KINDS)
    assert steps[ALLOCATION_MODEL].due < steps[FRAMES].due == steps[GOALS_AND_BUDGET].due == date(2027, 6, 30)
    assert steps[INTERNAL_BUDGET].due.month >= 9 and steps[OPERATIONAL_PLAN].due == date(2027, 11, 30)
    assert {m.plan_year for m in steps.values()} == {2028}
    assert steps[GOALS_AND_BUDGET].level is LevelKind.COUNCIL and steps[ALLOCATION_MODEL].level is LevelKind.EXECUTIVE_BOARD
    assert steps[OPERATIONAL_PLAN].level is LevelKind.COMMITTEE
    # the council decides the frames, each committee and the board receives one
    assert STEPS[FRAMES].body_kinds == (LevelKind.EXECUTIVE_BOARD, LevelKind.COMMITTEE)
    assert STEPS[GOALS_AND_BUDGET].body_kinds == (LevelKind.COUNCIL,)


def test_in_an_election_year_the_new_council_adopts_frames_and_mal_och_budget_as_plan_006_allows(model: GovernanceModel) -> None:
    """CAL-008 agrees with PLAN-006: the day the step is due is a day the council may adopt the plan."""
    assert model.is_election_year(2026)
    steps = {m.kind: m for m in build_milestones(year=2026, model=model)}
    takes_office = model.council_takes_office(2026)
    for kind in (FRAMES, GOALS_AND_BUDGET):
        assert steps[kind].due >= takes_office
    assert steps[ALLOCATION_MODEL].due <= steps[FRAMES].due <= steps[OPERATIONAL_PLAN].due
    due = steps[GOALS_AND_BUDGET].due
    check_election_year(plan_kind="goals_and_budget", plan_year=2027, decided_on=due, today=due, model=model)
    assert not election_year_warning(plan_kind="goals_and_budget", plan_year=2027, decided_on=due, model=model)
    # the ordinary June day would be the outgoing council's
    assert election_year_warning(plan_kind="goals_and_budget", plan_year=2027, decided_on=date(2026, 6, 30), model=model)
    with pytest.raises(RuleViolation) as err:
        check_milestone_due(kind=GOALS_AND_BUDGET, due=date(2026, 6, 30), year=2026, dues={}, model=model)
    assert err.value.code == "CAL-008"


def test_a_step_is_due_within_the_calendars_year(model: GovernanceModel) -> None:
    with pytest.raises(RuleViolation) as err:
        check_milestone_due(kind=OPERATIONAL_PLAN, due=date(2028, 1, 15), year=2027, dues={}, model=model)
    assert err.value.code == "CAL-007" and err.value.field == "due"


def test_a_step_is_not_due_before_the_step_it_builds_on_nor_after_one_building_on_it(model: GovernanceModel) -> None:
    dues = {m.kind: m.due for m in build_milestones(year=2027, model=model)}
    with pytest.raises(RuleViolation) as err:
        check_milestone_due(kind=FRAMES, due=date(2027, 3, 1), year=2027, dues=dues, model=model)  # before the allocation model
    assert err.value.code == "CAL-009"
    with pytest.raises(RuleViolation) as err:
        check_milestone_due(kind=GOALS_AND_BUDGET, due=date(2027, 12, 1), year=2027, dues=dues, model=model)  # after the plans
    assert err.value.code == "CAL-009"
    check_milestone_due(kind=FRAMES, due=date(2027, 6, 15), year=2027, dues=dues, model=model)


def _variant(model: GovernanceModel, planning_year: object) -> GovernanceModel:
    data = governance_model_to_mapping(model)
    data["planning_year"] = planning_year
    return governance_model_from_mapping(data)


def test_a_variant_model_moves_the_steps_and_keeps_the_defaults_it_does_not_name(model: GovernanceModel) -> None:
    variant = _variant(model, {"goals_and_budget": "06-15", "frames": "06-15", "election_year": {"operational_plan": "12-20"}})
    steps = {m.kind: m.due for m in build_milestones(year=2027, model=variant)}
    assert steps[GOALS_AND_BUDGET] == steps[FRAMES] == date(2027, 6, 15) and steps[OPERATIONAL_PLAN] == date(2027, 11, 30)
    assert {m.kind: m.due for m in build_milestones(year=2026, model=variant)}[OPERATIONAL_PLAN] == date(2026, 12, 20)
    # stored with the group and read back the same
    assert governance_model_from_mapping(governance_model_to_mapping(variant)).planning_year == variant.planning_year
    # without the section: the defaults
    data = governance_model_to_mapping(model)
    del data["planning_year"]
    assert governance_model_from_mapping(data).planning_year == model.planning_year


def test_a_preset_whose_days_every_calendar_would_refuse_is_refused(model: GovernanceModel) -> None:
    with pytest.raises(RuleViolation) as err:
        _variant(model, {"election_year": {"allocation_model": "04-30", "frames": "06-30", "goals_and_budget": "06-30"}})  # before 10-15
    assert err.value.code == "CAL-008"
    with pytest.raises(RuleViolation) as err:
        _variant(model, {"allocation_model": "07-01"})  # after the frames
    assert err.value.code == "CAL-009"
    for bad in ({"frames": "June"}, {"frames": "02-29"}, {"budget_day": "06-30"}, ["06-30"]):
        with pytest.raises(RuleViolation) as err:
            parse_planning_year(bad, takes_office=(10, 15))
        assert err.value.code == "PRESET-002"

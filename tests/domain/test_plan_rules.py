"""Rules of issue 3's planning parts: GOAL-005, ASSIGN-001, QI-001, RISK-001, FIN-001, PLAN-001 … PLAN-005."""

from datetime import date
from pathlib import Path

import pytest

from styr.domain.assignments import check_receiver
from styr.domain.errors import RuleViolation
from styr.domain.goals import check_contribution
from styr.domain.levels import LevelKind
from styr.domain.plans import (
    check_editable,
    check_financial_goal_level,
    check_no_open_plan,
    check_transition,
    election_year_warning,
    plan_kind_for,
    snapshot_diff,
    snapshot_hash,
)
from styr.domain.presets import load_preset_file
from styr.domain.quality import check_no_target, check_risk

ROOT = Path(__file__).resolve().parents[2]
ALVESTA = load_preset_file(ROOT / "presets" / "alvesta-2020.yaml").model
EXEMPELBY = load_preset_file(ROOT / "tests" / "fixtures" / "presets" / "exempelby-2024.yaml").model


def code(call: object) -> str:
    with pytest.raises(RuleViolation) as err:
        call()  # type: ignore[operator]
    return err.value.code


def test_goal_005_a_goal_contributes_only_to_goals_of_its_ancestors() -> None:
    # tree: 1 council > 2 committee > 3 administration; 4 another committee
    check_contribution(3, 1, [2, 1])
    check_contribution(3, 2, [2, 1])
    assert code(lambda: check_contribution(3, 4, [2, 1])) == "GOAL-005"  # a sibling branch
    assert code(lambda: check_contribution(2, 3, [1])) == "GOAL-005"  # downwards
    assert code(lambda: check_contribution(2, 2, [1])) == "GOAL-005"  # its own unit


def test_assign_001_an_assignment_goes_to_the_level_directly_below_only() -> None:
    K = LevelKind
    check_receiver(issuer=10, issuer_kind=K.COMMITTEE, issuer_parent=1, receiver_kind=K.ADMINISTRATION, receiver_parent=10)
    # a grandchild (its parent is 11, a child of 10)
    assert code(lambda: check_receiver(issuer=10, issuer_kind=K.COMMITTEE, issuer_parent=1, receiver_kind=K.UNIT, receiver_parent=11)) == "ASSIGN-001"
    # a sibling committee
    assert code(lambda: check_receiver(issuer=10, issuer_kind=K.COMMITTEE, issuer_parent=1, receiver_kind=K.COMMITTEE, receiver_parent=1)) == "ASSIGN-001"


def test_assign_001_ks_leads_the_committees_and_the_parent_company() -> None:
    K = LevelKind
    check_receiver(issuer=2, issuer_kind=K.EXECUTIVE_BOARD, issuer_parent=1, receiver_kind=K.COMMITTEE, receiver_parent=1)
    check_receiver(issuer=2, issuer_kind=K.EXECUTIVE_BOARD, issuer_parent=1, receiver_kind=K.PARENT_COMPANY, receiver_parent=1)
    # but not the subsidiaries directly, nor the administrations of the committees
    assert code(lambda: check_receiver(issuer=2, issuer_kind=K.EXECUTIVE_BOARD, issuer_parent=1, receiver_kind=K.COMPANY, receiver_parent=7)) == "ASSIGN-001"
    assert (
        code(lambda: check_receiver(issuer=2, issuer_kind=K.EXECUTIVE_BOARD, issuer_parent=1, receiver_kind=K.ADMINISTRATION, receiver_parent=3))
        == "ASSIGN-001"
    )


def test_qi_001_a_quality_indicator_never_gets_a_target() -> None:
    check_no_target(["name", "unit_label", "direction", "source"])
    for field in ("target", "target_value", "target_year", "targets"):
        assert code(lambda field=field: check_no_target(["name", field])) == "QI-001"


def test_risk_001_steps_follow_the_models_matrix() -> None:
    check_risk(4, 4, ALVESTA)
    assert code(lambda: check_risk(5, 1, ALVESTA)) == "RISK-001"
    assert code(lambda: check_risk(1, 0, ALVESTA)) == "RISK-001"
    check_risk(5, 5, EXEMPELBY)  # another municipality, a 5×5 matrix


def test_fin_001_financial_goals_are_the_councils_only() -> None:
    check_financial_goal_level(LevelKind.COUNCIL)
    for kind in (LevelKind.EXECUTIVE_BOARD, LevelKind.COMMITTEE, LevelKind.UNIT):
        assert code(lambda kind=kind: check_financial_goal_level(kind)) == "FIN-001"


def test_plan_003_each_political_body_has_its_kind_of_plan() -> None:
    assert plan_kind_for(LevelKind.COUNCIL) == "goals_and_budget"
    for kind in (LevelKind.EXECUTIVE_BOARD, LevelKind.COMMITTEE, LevelKind.PARENT_COMPANY, LevelKind.COMPANY):
        assert plan_kind_for(kind) == "operational_plan"
    for kind in (LevelKind.ADMINISTRATION, LevelKind.OPERATION, LevelKind.UNIT):
        assert code(lambda kind=kind: plan_kind_for(kind)) == "PLAN-003"


def test_plan_001_states_go_draft_proposed_adopted_and_never_back_from_adopted() -> None:
    check_transition("draft", "proposed")
    check_transition("proposed", "adopted")
    check_transition("proposed", "draft")
    for current, new in (("adopted", "draft"), ("adopted", "proposed"), ("adopted", "adopted"), ("draft", "draft"), ("draft", "adopted")):
        assert code(lambda c=current, n=new: check_transition(c, n)) == "PLAN-001"


def test_plan_002_and_005_an_adopted_plan_is_locked_and_unique() -> None:
    check_editable(None)
    check_editable("draft")
    assert code(lambda: check_editable("adopted")) == "PLAN-002"
    check_no_open_plan(None)
    assert code(lambda: check_no_open_plan("draft")) == "PLAN-005"


def test_election_year_mal_och_budget_must_be_adopted_by_the_new_council() -> None:
    # 2026 is an election year: Mål och budget 2027 adopted in June 2026 is the outgoing council's.
    assert election_year_warning(plan_kind="goals_and_budget", plan_year=2027, decided_on=date(2026, 6, 15), model=ALVESTA)
    assert election_year_warning(plan_kind="goals_and_budget", plan_year=2027, decided_on=None, model=ALVESTA)
    assert not election_year_warning(plan_kind="goals_and_budget", plan_year=2027, decided_on=date(2026, 11, 20), model=ALVESTA)
    assert not election_year_warning(plan_kind="goals_and_budget", plan_year=2026, decided_on=date(2025, 6, 15), model=ALVESTA)
    assert not election_year_warning(plan_kind="operational_plan", plan_year=2027, decided_on=date(2026, 6, 15), model=ALVESTA)


def test_a_snapshot_hash_depends_on_content_not_key_order() -> None:
    a = {"meta": {"year": 2026, "title": "Mål och budget"}, "sections": {"goals": [{"title": "Fler invånare"}]}}
    b = {"sections": {"goals": [{"title": "Fler invånare"}]}, "meta": {"title": "Mål och budget", "year": 2026}}
    assert snapshot_hash(a) == snapshot_hash(b) and len(snapshot_hash(a)) == 64
    assert snapshot_hash(a) != snapshot_hash({**a, "meta": {"year": 2027}})


def test_snapshot_diff_names_added_removed_and_changed_items() -> None:
    old = {"sections": {"goals": [{"title": "A", "period": "2026"}, {"title": "B"}], "assignments": []}}
    new = {"sections": {"goals": [{"title": "A", "period": "2026–2027"}, {"title": "C"}], "assignments": [{"title": "U"}]}}
    diff = {d.section: d for d in snapshot_diff(old, new)}
    assert diff["goals"].added == ("C",) and diff["goals"].removed == ("B",) and diff["goals"].changed == ("A",)
    assert diff["assignments"].added == ("U",)
    assert all(d.is_empty for d in snapshot_diff(old, old))

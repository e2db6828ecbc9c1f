"""The investment plan's arithmetic and rules without a database (INV-001, INV-002, INV-004, INV-006, INV-007)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from styr.domain.errors import RuleViolation
from styr.domain.investments import (
    ProjectPlan,
    check_amount,
    check_committee,
    check_plan_year,
    check_within_project,
    check_years,
    is_investment_account,
    plan_years,
    roll_amounts,
)
from styr.domain.levels import LevelKind

D = Decimal


def test_a_plan_covers_its_year_and_the_two_after() -> None:
    assert plan_years(2026) == (2026, 2027, 2028)


def test_the_roll_drops_the_first_year_keeps_the_plan_years_and_adds_what_remains() -> None:
    project = ProjectPlan(
        start_year=2025, end_year=2030, carried=True, total_tsek=D(60000), amounts={2026: D(10000), 2027: D(15000), 2028: D(12000)}, earlier_tsek=D(8000)
    )
    assert roll_amounts(project, from_year=2026) == {2027: D(15000), 2028: D(12000), 2029: D(15000)}


def test_the_roll_adds_nothing_after_the_projects_end_or_without_a_total() -> None:
    ends = ProjectPlan(start_year=2026, end_year=2028, carried=True, total_tsek=D(50000), amounts={2026: D(1000)})
    assert roll_amounts(ends, from_year=2026) == {2027: D(0), 2028: D(0), 2029: D(0)}
    running = ProjectPlan(start_year=2020, end_year=2040, carried=True, total_tsek=None, amounts={2027: D(6000)})
    assert roll_amounts(running, from_year=2026) == {2027: D(6000), 2028: D(0), 2029: D(0)}


def test_a_late_project_is_carried_with_what_remains_and_a_finished_one_not_at_all() -> None:
    late = ProjectPlan(start_year=2024, end_year=2026, carried=True, total_tsek=D(9000), amounts={2026: D(3000)}, earlier_tsek=D(4000))
    assert roll_amounts(late, from_year=2026) == {2027: D(2000), 2028: D(0), 2029: D(0)}
    done = ProjectPlan(start_year=2024, end_year=2026, carried=False, total_tsek=D(9000), amounts={2026: D(3000)})
    assert roll_amounts(done, from_year=2026) is None


@pytest.mark.parametrize(
    ("rule", "call"),
    [
        ("INV-001", lambda: check_within_project(year=2029, start_year=2026, end_year=2028, project="Skola")),
        ("INV-002", lambda: check_amount(D("-1"), field="amount_tsek")),
        ("INV-002", lambda: check_amount(D("0.05"), field="amount_tsek")),
        ("INV-002", lambda: check_amount(D("NaN"), field="amount_tsek")),
        ("INV-004", lambda: check_committee(LevelKind.ADMINISTRATION)),
        ("INV-006", lambda: check_plan_year(year=2025, plan_year=2026)),
        ("INV-007", lambda: check_years(start_year=2027, end_year=2026)),
    ],
)
def test_the_rules_refuse_with_their_ids(rule: str, call: object) -> None:
    with pytest.raises(RuleViolation) as refused:
        call()  # type: ignore[operator]
    assert refused.value.code == rule


def test_the_investment_accounts_are_kommun_bas_10_to_13() -> None:
    assert [is_investment_account(a) for a in ("1010", "1180", "1210", "1399", "1410", "1930", "2440")] == [True, True, True, True, False, False, False]

"""Development-goal rules GOAL-001 … GOAL-004 and follow-up values FU-001, FU-002."""

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from styr.domain.economy import check_frame_receiver
from styr.domain.errors import RuleViolation
from styr.domain.goals import (
    YearSpan,
    check_baseline_year,
    check_editable,
    check_goal_cap,
    check_horizon,
    check_measurement_year,
    check_target_year,
    parse_value,
)
from styr.domain.levels import LevelKind
from styr.domain.presets import load_preset_file

ROOT = Path(__file__).resolve().parents[2]
ALVESTA = load_preset_file(ROOT / "presets" / "alvesta-2020.yaml").model
EXEMPELBY = load_preset_file(ROOT / "tests" / "fixtures" / "presets" / "exempelby-2024.yaml").model


def test_goal_001_a_fourth_development_goal_on_a_unit_is_rejected() -> None:
    three = [YearSpan(2026, 2026), YearSpan(2026, 2027), YearSpan(2025, 2028)]
    with pytest.raises(RuleViolation) as err:
        check_goal_cap(YearSpan(2026, 2026), three, ALVESTA)
    assert err.value.code == "GOAL-001"
    assert err.value.detail == {"count": 3, "year": 2026, "cap": 3}


def test_goal_001_a_goal_in_a_year_with_room_is_accepted() -> None:
    three = [YearSpan(2026, 2026), YearSpan(2026, 2026), YearSpan(2026, 2026)]
    check_goal_cap(YearSpan(2027, 2028), three, ALVESTA)


def test_goal_001_another_municipality_has_another_cap() -> None:
    with pytest.raises(RuleViolation):
        check_goal_cap(YearSpan(2026, 2026), [YearSpan(2026, 2026), YearSpan(2026, 2026)], EXEMPELBY)


@given(st.lists(st.tuples(st.integers(2020, 2030), st.integers(0, 3)), max_size=8), st.integers(2020, 2030), st.integers(0, 3))
def test_goal_001_accepting_a_goal_never_lets_a_year_exceed_the_cap(existing: list[tuple[int, int]], start: int, length: int) -> None:
    spans = [YearSpan(s, s + n) for s, n in existing]
    new = YearSpan(start, start + length)
    try:
        check_goal_cap(new, spans, ALVESTA)
    except RuleViolation:
        return
    for year in new.years:
        assert sum(1 for s in [*spans, new] if year in s.years) <= ALVESTA.max_development_goals


def test_goal_002_a_horizon_outside_one_to_four_years_is_rejected() -> None:
    check_horizon(YearSpan(2026, 2026), ALVESTA)
    check_horizon(YearSpan(2026, 2029), ALVESTA)
    for bad in (YearSpan(2026, 2030), YearSpan(2027, 2026)):
        with pytest.raises(RuleViolation) as err:
            check_horizon(bad, ALVESTA)
        assert err.value.code == "GOAL-002"


def test_goal_003_a_target_year_outside_the_goal_is_rejected() -> None:
    check_target_year(YearSpan(2026, 2027), 2027)
    with pytest.raises(RuleViolation) as err:
        check_target_year(YearSpan(2026, 2027), 2028)
    assert err.value.code == "GOAL-003"
    with pytest.raises(RuleViolation):
        check_baseline_year(YearSpan(2026, 2027), 2028)


def test_goal_004_an_adopted_goal_is_locked() -> None:
    check_editable("draft")
    with pytest.raises(RuleViolation) as err:
        check_editable("adopted")
    assert err.value.code == "GOAL-004"


@pytest.mark.parametrize(("raw", "expected"), [("12,5", Decimal("12.5")), ("20 134", Decimal("20134")), (7, Decimal(7)), ("-3.25", Decimal("-3.25"))])
def test_fu_001_numbers_with_a_decimal_comma_are_read(raw: object, expected: Decimal) -> None:
    assert parse_value(raw) == expected


@pytest.mark.parametrize("raw", ["tolv", "", "1,2,3", None, "NaN", "Infinity", True])
def test_fu_001_a_text_where_a_number_belongs_is_rejected(raw: object) -> None:
    with pytest.raises(RuleViolation) as err:
        parse_value(raw)
    assert err.value.code == "FU-001"


def test_fu_002_a_value_outside_the_goals_years_is_rejected() -> None:
    check_measurement_year(YearSpan(2026, 2027), 2025)  # the baseline year
    with pytest.raises(RuleViolation) as err:
        check_measurement_year(YearSpan(2026, 2027), 2029)
    assert err.value.code == "FU-002"


def test_econ_001_frames_go_to_committees_and_ks_only() -> None:
    check_frame_receiver(LevelKind.COMMITTEE)
    check_frame_receiver(LevelKind.EXECUTIVE_BOARD)
    for kind in (LevelKind.UNIT, LevelKind.COUNCIL, LevelKind.COMPANY, LevelKind.ADMINISTRATION):
        with pytest.raises(RuleViolation) as err:
            check_frame_receiver(kind)
        assert err.value.code == "ECON-001"

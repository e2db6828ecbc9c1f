"""The suggested status of a measurable goal, on each municipality's own scale (FU-004, MODEL-002)."""

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from styr.domain.errors import RuleViolation
from styr.domain.presets import load_preset_file
from styr.domain.status import Reading, attainment, check_assessment, progress, suggested_status

ROOT = Path(__file__).resolve().parents[2]
ALVESTA = load_preset_file(ROOT / "presets" / "alvesta-2020.yaml").model
EXEMPELBY = load_preset_file(ROOT / "tests" / "fixtures" / "presets" / "exempelby-2024.yaml").model
D = Decimal


def test_progress_runs_from_baseline_to_target_in_either_direction() -> None:
    assert progress(Reading(D(78), D(85), D(85))) == 1
    assert progress(Reading(D(16), D(12), D(14), lower_is_better=True)) == D("0.5")
    assert progress(Reading(D(10), None, D(11))) is None
    assert progress(Reading(D(10), D(12), None)) is None


def test_the_suggested_status_on_alvestas_scale() -> None:
    assert suggested_status([Reading(D(78), D(85), D(86))], ALVESTA).code == "achieved"
    assert suggested_status([Reading(D(78), D(85), D(80))], ALVESTA).code == "partly_achieved"
    assert suggested_status([Reading(D(78), D(85), D(77))], ALVESTA).code == "not_achieved"
    assert suggested_status([Reading(D(78), D(85), D(86)), Reading(D(16), D(12), D(17), True)], ALVESTA).code == "partly_achieved"
    assert suggested_status([Reading(D(78), D(85), None)], ALVESTA).code == "not_assessed"


def test_a_two_step_scale_has_no_middle() -> None:
    assert suggested_status([Reading(D(1), D(3), D(2))], EXEMPELBY).code == "red"
    assert suggested_status([Reading(D(1), D(3), D(3))], EXEMPELBY).code == "green"


@given(st.decimals(-1000, 1000, places=1), st.decimals(-1000, 1000, places=1), st.decimals(-1000, 1000, places=1))
def test_reaching_the_target_is_always_achieved(baseline: Decimal, target: Decimal, beyond: Decimal) -> None:
    lower = target < baseline
    latest = target - abs(beyond) if lower else target + abs(beyond)
    assert attainment([Reading(baseline, target, latest, lower_is_better=lower)]) == "achieved"


def test_fu_004_a_judgement_goal_needs_a_written_assessment() -> None:
    check_assessment(measurable=False, status="achieved", analysis="Rastvärdarna har minskat konflikterna.", model=ALVESTA)
    check_assessment(measurable=True, status="achieved", analysis="", model=ALVESTA)
    with pytest.raises(RuleViolation) as err:
        check_assessment(measurable=False, status="partly_achieved", analysis="  ", model=ALVESTA)
    assert err.value.code == "FU-004"


def test_a_status_outside_the_scale_is_refused() -> None:
    with pytest.raises(RuleViolation) as err:
        check_assessment(measurable=True, status="grön", analysis="", model=ALVESTA)
    assert err.value.code == "MODEL-002"

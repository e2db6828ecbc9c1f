"""Surplus and deficit carry-over (issue 11 §2, CARRY-001…CARRY-006): the arithmetic of a proposal,
with figures worked out by hand, its rounding to 0.01 tkr, and the preset's rules."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from styr.domain.carry_over import (
    CAP,
    FLOOR,
    SHARE,
    WHOLE,
    CarryOverRules,
    carry_over_to_mapping,
    check_decision,
    check_not_decided,
    check_tsek,
    check_year_ended,
    parse_carry_over,
    propose,
    result_of,
)
from styr.domain.errors import RuleViolation

D = Decimal
#: Alvesta's preset: a surplus in full up to 3 % of the frame, deficits in full, nothing under 100 tkr.
ALVESTA = CarryOverRules(surplus_share_percent=D(100), surplus_cap_percent=D(3), deficit_share_percent=D(100), deficit_cap_percent=None, floor_tsek=D(100))


def test_the_result_is_the_frame_minus_the_actual_net_cost_rounded_to_ten_kronor() -> None:
    assert result_of(frame_tsek=D("512300.0"), actual_tsek=D("509876.543")) == D("2423.46")  # 2 423.457 → 2 423.46
    assert result_of(frame_tsek=D("48000"), actual_tsek=D("49234.565")) == D("-1234.57")  # half away from zero


@pytest.mark.parametrize(
    ("frame", "actual", "result", "proposed", "limited_by"),
    [
        # a surplus under the cap (3 % of 512 300 = 15 369) is carried whole
        ("512300.0", "509876.54", "2423.46", "2423.46", WHOLE),
        # 5 000 over a frame of 100 000: the cap, 3 000, is carried
        ("100000", "95000", "5000.00", "3000.00", CAP),
        # a deficit is carried in full, however large
        ("48000", "52000.005", "-4000.01", "-4000.01", WHOLE),
        # under the floor of 100 tkr either way: nothing
        ("10000", "9950.01", "49.99", "0", FLOOR),
        ("10000", "10099.99", "-99.99", "0", FLOOR),
        # a committee with net income has a negative frame: the cap is 3 % of its size (60)
        ("-2000", "-2500", "500.00", "60.00", CAP),
        # the cap itself is rounded: 3 % of 333.3 = 9.999 → 10.00
        ("3333.3", "3000", "333.30", "100.00", CAP),
    ],
)
def test_alvesta_rules_propose_hand_checked_amounts(frame: str, actual: str, result: str, proposed: str, limited_by: str) -> None:
    found = propose(frame_tsek=D(frame), actual_tsek=D(actual), rules=ALVESTA)
    assert (found.result_tsek, found.proposed_tsek, found.limited_by) == (D(result), D(proposed), limited_by)


def test_a_share_of_a_surplus_and_of_a_deficit_rounds_half_away_from_zero() -> None:
    rules = CarryOverRules(surplus_share_percent=D(50), surplus_cap_percent=None, deficit_share_percent=D(50), floor_tsek=D(0))
    surplus = propose(frame_tsek=D(1000), actual_tsek=D("899.99"), rules=rules)
    assert (surplus.result_tsek, surplus.proposed_tsek, surplus.limited_by) == (D("100.01"), D("50.01"), SHARE)  # 50.005 → 50.01
    deficit = propose(frame_tsek=D(1000), actual_tsek=D("1100.01"), rules=rules)
    assert (deficit.result_tsek, deficit.proposed_tsek) == (D("-100.01"), D("-50.01"))  # −50.005 → −50.01


def test_a_deficit_cap_limits_what_is_carried_of_a_deficit() -> None:
    rules = CarryOverRules(deficit_cap_percent=D(2), floor_tsek=D(0))
    found = propose(frame_tsek=D(10000), actual_tsek=D(10500), rules=rules)
    assert (found.proposed_tsek, found.limited_by) == (D("-200.00"), CAP)
    assert not rules.deficits_in_full and ALVESTA.deficits_in_full


def test_a_balanced_year_carries_nothing() -> None:
    found = propose(frame_tsek=D(800), actual_tsek=D(800), rules=CarryOverRules(floor_tsek=D(0)))
    assert (found.result_tsek, found.proposed_tsek, found.limited_by) == (D(0), D(0), WHOLE)


# -- the rules -------------------------------------------------------------------------------------


def test_carry_002_no_proposal_before_the_year_is_over() -> None:
    with pytest.raises(RuleViolation) as refused:
        check_year_ended(year=2025, today=date(2025, 12, 31))
    assert refused.value.code == "CARRY-002"
    check_year_ended(year=2025, today=date(2026, 1, 1))


def test_carry_003_a_decided_carry_over_is_final() -> None:
    with pytest.raises(RuleViolation) as refused:
        check_not_decided(decided=True, committee="Utbildningsnämnden", year=2025)
    assert refused.value.code == "CARRY-003"
    check_not_decided(decided=False, committee="Utbildningsnämnden", year=2025)


def test_carry_004_the_council_gives_its_reason_for_another_amount_than_proposed() -> None:
    kwargs = {"proposed_tsek": D("3000.00"), "decided_on": date(2026, 4, 20), "year": 2025}
    with pytest.raises(RuleViolation) as refused:
        check_decision(decided_tsek=D("2000"), reason="  ", **kwargs)  # type: ignore[arg-type]
    assert (refused.value.code, refused.value.field) == ("CARRY-004", "comment")
    check_decision(decided_tsek=D("2000"), reason="Överskottet beror på vakanser.", **kwargs)  # type: ignore[arg-type]
    check_decision(decided_tsek=D("3000"), reason="", **kwargs)  # type: ignore[arg-type]


def test_carry_005_an_amount_has_at_most_two_decimals() -> None:
    with pytest.raises(RuleViolation) as refused:
        check_tsek(D("12.345"))
    assert refused.value.code == "CARRY-005"
    with pytest.raises(RuleViolation):
        check_tsek(D("NaN"))
    check_tsek(D("-12.34"))


def test_carry_006_the_council_decides_after_the_year_has_ended() -> None:
    with pytest.raises(RuleViolation) as refused:
        check_decision(proposed_tsek=D(1), decided_tsek=D(1), reason="", decided_on=date(2025, 12, 15), year=2025)
    assert refused.value.code == "CARRY-006"


# -- the preset ------------------------------------------------------------------------------------


def test_carry_001_the_preset_rules_are_read_and_written_back() -> None:
    rules = parse_carry_over({"surplus_share_percent": 50, "surplus_cap_percent": "2.5", "deficit_cap_percent": None, "floor_tsek": 0})
    assert rules == CarryOverRules(surplus_share_percent=D(50), surplus_cap_percent=D("2.5"), deficit_cap_percent=None, floor_tsek=D(0))
    assert parse_carry_over(carry_over_to_mapping(rules)) == rules
    assert parse_carry_over(None) == CarryOverRules()


@pytest.mark.parametrize(
    "data",
    [
        {"surplus_share_percent": 120},
        {"deficit_share_percent": -1},
        {"floor_tsek": "många"},
        {"surplus_cap_percent": True},
        {"surplus_share": 50},  # misspelt: refused, not ignored
        {"floor_tsek": None},
    ],
)
def test_carry_001_a_preset_rule_out_of_range_or_unknown_is_refused(data: dict[str, object]) -> None:
    with pytest.raises(RuleViolation) as refused:
        parse_carry_over(data)
    assert refused.value.code == "CARRY-001"

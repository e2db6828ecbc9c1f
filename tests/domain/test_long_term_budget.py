"""The long-term budget's arithmetic (issue 11 §6, §3) with figures checked by hand, and its rules
MOB-001 (a required assumption missing), MOB-003…MOB-006."""

from __future__ import annotations

from decimal import Decimal

import pytest

from styr.domain.errors import RuleViolation
from styr.domain.long_term_budget import (
    BalanceYear,
    cash_flow_year,
    check_assumption,
    check_assumptions_open,
    investment_room,
    parse_investment_room,
    result_year,
    roll_forward,
)

D = Decimal
ENTERED = {
    "tax_revenue": D("1100000"),
    "general_grants": D("450000"),
    "financial_income": D("12000"),
    "financial_costs": D("18000"),
    "pensions_outside_committees": D("40000"),
    "depreciation": D("60000"),
    "reserves": D("10000"),
    "other_outside_committees": D("-5000"),
}


def test_result_budget_adds_up_row_by_row_with_costs_negative() -> None:
    # frames 1 400 000 + pensions 40 000 + depreciation 60 000 + reserves 10 000 − other 5 000 = 1 505 000 net cost
    # −1 505 000 + 1 100 000 + 450 000 = 45 000 operating result; + 12 000 − 18 000 = 39 000
    year = result_year(2027, frames_tsek=D("1400000"), entered=ENTERED)
    assert year.frames_tsek == D("-1400000")
    assert year.outside_tsek["depreciation"] == D("-60000")
    assert year.outside_tsek["other_outside_committees"] == D("5000")
    assert year.net_cost_tsek == D("-1505000")
    assert year.operating_result_tsek == D("45000")
    assert year.financial_costs_tsek == D("-18000")
    assert year.result_tsek == D("39000")
    assert year.depreciation_tsek == D("60000")
    assert year.result_share_percent == D("2.5")  # 39 000 / 1 550 000


def test_mob_001_a_year_without_tax_revenue_has_no_result_budget() -> None:
    entered = {k: v for k, v in ENTERED.items() if k != "tax_revenue"}
    with pytest.raises(RuleViolation) as caught:
        result_year(2027, frames_tsek=D("1400000"), entered=entered)
    assert caught.value.code == "MOB-001"
    assert caught.value.detail["keys"] == ["tax_revenue"]


def test_mob_001_optional_lines_may_be_left_out() -> None:
    entered = {k: ENTERED[k] for k in ("tax_revenue", "general_grants", "depreciation")}
    assert result_year(2027, frames_tsek=D("1400000"), entered=entered).result_tsek == D("90000")


@pytest.mark.parametrize(
    ("key", "amount", "source", "code"),
    [
        ("depreciation", D("-1"), "SKR", "MOB-003"),
        ("tax_revenue", D("1.25"), "SKR", "MOB-003"),
        ("tax_revenue", D("1"), "  ", "MOB-004"),
        ("rent", D("1"), "SKR", "MOB-005"),
    ],
)
def test_mob_003_to_005_an_entered_line_is_a_known_amount_with_its_source(key: str, amount: Decimal, source: str, code: str) -> None:
    with pytest.raises(RuleViolation) as caught:
        check_assumption(key=key, amount_tsek=amount, source=source)
    assert caught.value.code == code


def test_mob_003_net_equalisation_may_be_a_charge() -> None:
    check_assumption(key="general_grants", amount_tsek=D("-2500.5"), source="SKR cirkulär 25:31")


def test_mob_002_assumptions_are_locked_once_goals_and_budget_is_adopted() -> None:
    check_assumptions_open(adopted=False, year=2027)
    with pytest.raises(RuleViolation) as caught:
        check_assumptions_open(adopted=True, year=2027)
    assert caught.value.code == "MOB-002"


def test_cash_flow_borrows_what_the_cash_flow_does_not_cover() -> None:
    # result 39 000 + depreciation 60 000 = 99 000; investments 130 000: borrow 31 000, liquidity unchanged
    flow = cash_flow_year(2027, result_tsek=D("39000"), depreciation_tsek=D("60000"), investments_tsek=D("130000"))
    assert (flow.operating_cash_flow_tsek, flow.investments_tsek, flow.borrowing_tsek) == (D("99000"), D("-130000"), D("31000"))
    assert flow.change_in_liquid_assets_tsek == 0
    surplus = cash_flow_year(2027, result_tsek=D("39000"), depreciation_tsek=D("60000"), investments_tsek=D("80000"))
    assert (surplus.borrowing_tsek, surplus.change_in_liquid_assets_tsek) == (D(0), D("19000"))


def test_balance_budget_rolls_forward_and_still_balances() -> None:
    start = BalanceYear(2026, D("2000000"), D("300000"), D("1200000"), D("250000"), D("850000"))
    assert start.total_assets_tsek == start.total_claims_tsek == D("2300000")
    flow = cash_flow_year(2027, result_tsek=D("39000"), depreciation_tsek=D("60000"), investments_tsek=D("130000"))
    after = roll_forward(start, flow)
    assert after.fixed_assets_tsek == D("2070000")  # + 130 000 − 60 000
    assert after.current_assets_tsek == D("300000")
    assert after.equity_tsek == D("1239000")
    assert after.liabilities_tsek == D("881000")
    assert after.total_assets_tsek == after.total_claims_tsek == D("2370000")
    assert after.equity_ratio_percent == D("52.3")  # 1 239 000 / 2 370 000


def test_investment_room_is_positive_cash_flow_plus_growth_against_the_plan() -> None:
    rooms = investment_room(
        {2027: (D("39000"), D("60000")), 2028: (D("-80000"), D("62000")), 2029: (D("20000"), D("64000"))},
        investments_tsek={2027: D("130000"), 2028: D("50000")},
        new_residents={2027: 120, 2028: -30, 2029: None},
        per_new_resident_tsek=D("250"),
    )
    first, second, third = rooms
    # 99 000 + 120 × 250 = 129 000 against 130 000: 1 000 over; self-financing 99 000 / 130 000
    assert (first.cash_flow_room_tsek, first.growth_room_tsek, first.room_tsek) == (D("99000"), D("30000"), D("129000"))
    assert (first.within_room, first.over_room_tsek, first.self_financing_percent, first.borrowing_need_tsek) == (False, D("1000"), D("76.2"), D("31000"))
    # a negative cash flow gives no room; a falling population none either
    assert (second.cash_flow_tsek, second.room_tsek, second.borrowing_need_tsek) == (D("-18000"), D(0), D("68000"))
    assert second.self_financing_percent == D("-36.0")
    assert (third.investments_tsek, third.self_financing_percent, third.room_tsek, third.within_room) == (D(0), None, D("84000"), True)


def test_mob_006_the_preset_amount_per_new_resident_is_not_negative() -> None:
    assert parse_investment_room({"per_new_resident_tsek": 250}) == D("250")
    assert parse_investment_room(None) == 0
    for bad in ("-1", True, "x"):
        with pytest.raises(RuleViolation) as caught:
            parse_investment_room({"per_new_resident_tsek": bad})
        assert caught.value.code == "MOB-006"

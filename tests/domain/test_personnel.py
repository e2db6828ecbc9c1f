"""The personnel budget's arithmetic (lönebudget, issue 10 §2): positions × months × employment
rate, the salary revision from its month, and the dated PO rate, to the öre (PAY-001…PAY-006)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from styr.domain.errors import RuleViolation
from styr.domain.personnel import (
    MonthCost,
    OverheadRate,
    Position,
    check_position,
    month_salary,
    overhead_rate_on,
    parse_overhead_rate,
    position_costs,
    unit_costs,
    year_total,
)

D = Decimal
YEAR = 2026
#: A made-up rate for the tests (not a published one).
PO = [OverheadRate(valid_from=date(YEAR, 1, 1), rate_percent=D("40.15"))]


def test_a_worked_example_to_the_ore() -> None:
    """A teacher at 80 % on 34 250 kr full time, 2,5 % more from 1 April, PO 40,15 %.

    January–March: 34 250 × 0,80 = 27 400,00; PO 27 400 × 0,4015 = 11 001,10.
    April–December: 34 250 × 1,025 = 35 106,25; × 0,80 = 28 085,00; PO 11 276,1275 → 11 276,13.
    The year: salaries 3 × 27 400 + 9 × 28 085 = 334 965,00; PO 3 × 11 001,10 + 9 × 11 276,13
    = 134 488,47; in all 469 453,47 kr."""
    teacher = check_position(title="Lärare", monthly_salary_sek="34 250", employment_rate="80", increase_percent="2,5", increase_month=4)
    months = position_costs(teacher, year=YEAR, rates=PO)
    assert months[0] == MonthCost(month=1, salary_sek=D("27400.00"), overhead_sek=D("11001.10"), rate_percent=D("40.15"))
    assert months[2].total_sek == D("38401.10")
    assert (months[3].salary_sek, months[3].overhead_sek, months[3].total_sek) == (D("28085.00"), D("11276.13"), D("39361.13"))
    assert sum(m.salary_sek for m in months) == D("334965.00")
    assert sum(m.overhead_sek for m in months) == D("134488.47")
    assert year_total(months) == D("469453.47")


def test_rounding_is_half_up_once_per_position_and_month() -> None:
    """33 333,33 × 50 % = 16 666,665 → 16 666,67; PO 31,42 % of that = 5 236,667714 → 5 236,67."""
    half = Position(title="Assistent", monthly_salary_sek=D("33333.33"), employment_rate=D(50))
    rates = [OverheadRate(valid_from=date(2000, 1, 1), rate_percent=D("31.42"))]
    assert month_salary(half, 1) == D("16666.67")
    assert position_costs(half, year=YEAR, rates=rates)[0].overhead_sek == D("5236.67")
    # two such positions: the unit's month is the sum of the rounded amounts, 2 × 21 903,34
    assert unit_costs([half, half], year=YEAR, rates=rates)[0].total_sek == D("43806.68")


def test_an_autumn_position_costs_nothing_before_it_starts_and_a_new_rate_applies_from_its_day() -> None:
    autumn = check_position(title="Förskollärare", monthly_salary_sek=30000, employment_rate=100, start_month=8, end_month=12)
    rates = [*PO, OverheadRate(valid_from=date(YEAR, 10, 1), rate_percent=D("41.00"))]
    months = position_costs(autumn, year=YEAR, rates=rates)
    assert [m.total_sek for m in months[:7]] == [D("0.00")] * 7
    assert months[7].overhead_sek == D("12045.00") and months[8].rate_percent == D("40.15")
    assert months[9].overhead_sek == D("12300.00") and months[9].rate_percent == D("41.00")
    assert overhead_rate_on(rates, date(YEAR, 9, 30)) == D("40.15") and overhead_rate_on(rates, date(YEAR - 1, 12, 31)) is None


def test_the_years_raise_applies_only_to_positions_held_before_the_revision_month() -> None:
    """A position filled in or after the revision month is filled at the salary given, already the
    year's level; one held before it gets the raise from that month."""
    held = check_position(title="Lärare", monthly_salary_sek=30000, employment_rate=100, start_month=3, increase_percent="3", increase_month=4)
    filled_in_april = check_position(title="Lärare", monthly_salary_sek=30000, employment_rate=100, start_month=4, increase_percent="3", increase_month=4)
    filled_in_august = check_position(title="Lärare", monthly_salary_sek=30000, employment_rate=100, start_month=8, increase_percent="3", increase_month=4)
    assert [month_salary(held, m) for m in (3, 4, 12)] == [D("30000.00"), D("30900.00"), D("30900.00")]
    assert [month_salary(filled_in_april, m) for m in (4, 12)] == [D("30000.00"), D("30000.00")]
    assert [month_salary(filled_in_august, m) for m in (7, 8, 12)] == [D("0.00"), D("30000.00"), D("30000.00")]


@pytest.mark.parametrize(
    ("options", "code", "field"),
    [
        ({"title": " "}, "PAY-001", "title"),
        ({"monthly_salary_sek": "-1"}, "PAY-001", "monthly_salary_sek"),
        ({"monthly_salary_sek": "100,005"}, "PAY-001", "monthly_salary_sek"),
        ({"employment_rate": "101"}, "PAY-002", "employment_rate"),
        ({"employment_rate": "halvtid"}, "PAY-002", "employment_rate"),
        ({"start_month": 9, "end_month": 3}, "PAY-003", "start_month"),
        ({"end_month": 13}, "PAY-003", "end_month"),
        ({"increase_percent": "-2"}, "PAY-004", "salary_increase_percent"),
        ({"increase_month": 0}, "PAY-004", "salary_increase_month"),
    ],
)
def test_pay_001_to_004_a_position_is_checked_part_by_part(options: dict[str, object], code: str, field: str) -> None:
    given_values: dict[str, object] = {"title": "Lärare", "monthly_salary_sek": "30000", "employment_rate": "100", **options}
    with pytest.raises(RuleViolation) as refused:
        check_position(**given_values)  # type: ignore[arg-type]
    assert (refused.value.code, refused.value.field) == (code, field)


def test_pay_005_a_po_rate_is_a_percent_with_at_most_two_decimals() -> None:
    assert parse_overhead_rate("40,15 %") == D("40.15")
    for bad in ("140", "-1", "40,155", "x", None, True):
        with pytest.raises(RuleViolation) as refused:
            parse_overhead_rate(bad)
        assert refused.value.code == "PAY-005"


def test_pay_006_a_month_with_salaries_needs_a_po_rate_in_force() -> None:
    teacher = check_position(title="Lärare", monthly_salary_sek=30000, employment_rate=100)
    with pytest.raises(RuleViolation) as refused:
        position_costs(teacher, year=YEAR, rates=[OverheadRate(valid_from=date(YEAR, 3, 1), rate_percent=D(40))])
    assert refused.value.code == "PAY-006" and refused.value.detail == {"day": f"{YEAR}-01-01"}
    # a position with no salary in the months without a rate is not refused
    spring = check_position(title="Vikarie", monthly_salary_sek=30000, employment_rate=100, start_month=3, end_month=5)
    assert position_costs(spring, year=YEAR, rates=[OverheadRate(valid_from=date(YEAR, 3, 1), rate_percent=D(40))])[2].total_sek == D("42000.00")


salaries = st.decimals(min_value=0, max_value=200_000, places=2)
percents = st.decimals(min_value=0, max_value=100, places=2)
months = st.integers(min_value=1, max_value=12)


@st.composite
def positions(draw: st.DrawFn) -> Position:
    first = draw(months)
    return Position(
        title="Tjänst",
        monthly_salary_sek=draw(salaries),
        employment_rate=draw(percents),
        start_month=first,
        end_month=draw(st.integers(min_value=first, max_value=12)),
        increase_percent=draw(st.decimals(min_value=0, max_value=10, places=2)),
        increase_month=draw(months),
    )


@given(position=positions(), more=st.decimals(min_value=0, max_value=10_000, places=2), rate=percents)
def test_a_higher_salary_never_lowers_a_months_cost(position: Position, more: Decimal, rate: Decimal) -> None:
    rates = [OverheadRate(valid_from=date(YEAR, 1, 1), rate_percent=rate)]
    richer = Position(**{**position.__dict__, "monthly_salary_sek": position.monthly_salary_sek + more})
    for low, high in zip(position_costs(position, year=YEAR, rates=rates), position_costs(richer, year=YEAR, rates=rates), strict=True):
        assert high.salary_sek >= low.salary_sek and high.total_sek >= low.total_sek


@given(position=positions(), rate=percents)
def test_a_position_at_zero_percent_costs_nothing(position: Position, rate: Decimal) -> None:
    idle = Position(**{**position.__dict__, "employment_rate": D(0)})
    assert year_total(position_costs(idle, year=YEAR, rates=[OverheadRate(valid_from=date(YEAR, 1, 1), rate_percent=rate)])) == 0


@given(items=st.lists(positions(), max_size=6), rate=percents)
def test_a_units_month_is_the_sum_of_its_positions_and_nothing_outside_their_months(items: list[Position], rate: Decimal) -> None:
    rates = [OverheadRate(valid_from=date(YEAR, 1, 1), rate_percent=rate)]
    unit = unit_costs(items, year=YEAR, rates=rates)
    each = [position_costs(p, year=YEAR, rates=rates) for p in items]
    for month in range(12):
        assert unit[month].total_sek == sum((costs[month].total_sek for costs in each), D(0))
        assert unit[month].total_sek == unit[month].total_sek.quantize(D("0.01"))
    for position, costs in zip(items, each, strict=True):
        outside = [c for c in costs if not position.start_month <= c.month <= position.end_month]
        assert all(c.total_sek == 0 for c in outside)

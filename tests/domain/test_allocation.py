"""The resource allocation model's arithmetic (issue 10 §1): worked examples to the öre, and
properties that hold for any parameters (ALLOC-001..ALLOC-010)."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from styr.domain.allocation import (
    ADJUSTMENT,
    DRIVER,
    FIXED,
    Adjustment,
    Count,
    Driver,
    FixedAmount,
    Parameters,
    YearIndex,
    allocate,
    compare,
    index_factor,
    missing_counts,
    to_tsek,
)
from styr.domain.allocation_rules import check_amount, check_price
from styr.domain.errors import RuleViolation

N = 2027
INDEX = (YearIndex(Decimal(3), Decimal(2)), YearIndex(Decimal("3.5"), Decimal("2.5")), YearIndex(Decimal(3), Decimal(2)))
PRESCHOOL = Driver(key="d1", committee=1, name="Förskola 1–5 år", age_from=1, age_to=5, price_sek=Decimal("150000.00"), wage_share_percent=Decimal(70))
POLITICS = FixedAmount(key="f1", committee=1, reason="Politisk verksamhet", amount_sek=Decimal("1234567.89"), wage_share_percent=Decimal(50))
SAVING = Adjustment(key="a1", committee=1, year_offset=0, amount_sek=Decimal("-500000"), reason="Effektivisering")


def example() -> Parameters:
    return Parameters(budget_year=N, committees=(1, 2), index=INDEX, drivers=(PRESCHOOL,), fixed_amounts=(POLITICS,), adjustments=(SAVING,))


COUNTS = {("d1", N): Count(1000), ("d1", N + 1): Count(1010), ("d1", N + 2): Count(1020, reason="Prognosen saknar året")}


def test_a_worked_example_to_the_ore() -> None:
    result = allocate(example(), COUNTS)
    first = result.row(1, N)
    driver = next(s for s in first.steps if s.kind == DRIVER)
    # 1 + (0.7 × 3 + 0.3 × 2) / 100 = 1.027; 150 000 × 1.027 = 154 050
    assert driver.index_factor == Decimal("1.027") and driver.indexed_price_sek == Decimal("154050.00") and driver.amount_sek == Decimal("154050000.00")
    fixed = next(s for s in first.steps if s.kind == FIXED)
    # 1 + (0.5 × 3 + 0.5 × 2) / 100 = 1.025; 1 234 567.89 × 1.025 = 1 265 432.08725
    assert fixed.amount_sek == Decimal("1265432.09")
    assert first.base_sek == Decimal("155315432.09") and first.adjustments_sek == Decimal("-500000")
    assert first.total_sek == Decimal("154815432.09") and first.total_tsek == Decimal("154815.4")
    second = next(s for s in result.row(1, N + 1).steps if s.kind == DRIVER)
    # 1.027 × (1 + (0.7 × 3.5 + 0.3 × 2.5) / 100) = 1.027 × 1.032 = 1.059864
    assert second.index_factor == Decimal("1.059864") and second.indexed_price_sek == Decimal("158979.60") and second.amount_sek == Decimal("160569396.00")
    third = next(s for s in result.row(1, N + 2).steps if s.kind == DRIVER)
    # 1.059864 × 1.027 = 1.088480328; 150 000 × … = 163 272.0492 → 163 272.05
    assert third.indexed_price_sek == Decimal("163272.05") and third.amount_sek == Decimal("166537491.00") and third.count_reason == "Prognosen saknar året"
    assert result.row(1, N + 1).adjustments_sek == 0  # the adjustment is for N only
    assert result.row(2, N).total_sek == 0 and result.row(2, N).steps == ()


def test_an_indexed_price_is_rounded_half_up_to_the_ore_once() -> None:
    driver = dataclasses.replace(PRESCHOOL, price_sek=Decimal("0.15"), wage_share_percent=Decimal(100))
    params = Parameters(budget_year=N, committees=(1,), index=(YearIndex(Decimal(10)), YearIndex(), YearIndex()), drivers=(driver,))
    result = allocate(params, {("d1", y): Count(3) for y in params.years})
    step = result.row(1, N).steps[0]
    assert step.indexed_price_sek == Decimal("0.17")  # 0.165 half up, not to even
    assert step.amount_sek == Decimal("0.51")


def test_tkr_are_rounded_half_up_to_a_tenth() -> None:
    assert to_tsek(Decimal("1234550.00")) == Decimal("1234.6")
    assert to_tsek(Decimal("1234549.99")) == Decimal("1234.5")
    assert to_tsek(Decimal("-1234550.00")) == Decimal("-1234.6")


def test_an_unindexed_fixed_amount_stays_the_same_every_year() -> None:
    params = dataclasses.replace(example(), fixed_amounts=(dataclasses.replace(POLITICS, indexed=False),))
    result = allocate(params, COUNTS)
    assert {next(s.amount_sek for s in result.row(1, y).steps if s.kind == FIXED) for y in params.years} == {Decimal("1234567.89")}


def test_alloc_001_an_age_band_outside_0_to_100_or_backwards_is_refused() -> None:
    for age_from, age_to in [(6, 5), (-1, 5), (80, 101)]:
        with pytest.raises(RuleViolation) as refused:
            allocate(dataclasses.replace(example(), drivers=(dataclasses.replace(PRESCHOOL, age_from=age_from, age_to=age_to),)), COUNTS)
        assert refused.value.code == "ALLOC-001"


def test_alloc_002_a_negative_price_is_refused() -> None:
    with pytest.raises(RuleViolation) as refused:
        allocate(dataclasses.replace(example(), drivers=(dataclasses.replace(PRESCHOOL, price_sek=Decimal(-1)),)), COUNTS)
    assert refused.value.code == "ALLOC-002" and refused.value.field == "price_sek"


def test_alloc_003_an_adjustment_without_a_reason_is_refused() -> None:
    with pytest.raises(RuleViolation) as refused:
        allocate(dataclasses.replace(example(), adjustments=(dataclasses.replace(SAVING, reason="  "),)), COUNTS)
    assert refused.value.code == "ALLOC-003"


def test_alloc_004_a_driver_without_a_count_for_a_year_is_refused_and_listed() -> None:
    counts = {k: v for k, v in COUNTS.items() if k[1] != N + 2}
    assert [(d.key, y) for d, y in missing_counts(example(), counts)] == [("d1", N + 2)]
    with pytest.raises(RuleViolation) as refused:
        allocate(example(), counts)
    assert refused.value.code == "ALLOC-004" and refused.value.detail["year"] == N + 2


def test_alloc_005_models_of_different_years_are_not_compared() -> None:
    a = allocate(example(), COUNTS)
    other = dataclasses.replace(example(), budget_year=N + 1, drivers=())
    with pytest.raises(RuleViolation) as refused:
        compare(a, allocate(other, {}))
    assert refused.value.code == "ALLOC-005"


def test_alloc_006_007_an_index_and_a_year_offset_out_of_range_are_refused() -> None:
    with pytest.raises(RuleViolation) as refused:
        allocate(dataclasses.replace(example(), index=(YearIndex(Decimal(101)), INDEX[1], INDEX[2])), COUNTS)
    assert refused.value.code == "ALLOC-006"
    with pytest.raises(RuleViolation) as refused:
        allocate(dataclasses.replace(example(), adjustments=(dataclasses.replace(SAVING, year_offset=3),)), COUNTS)
    assert refused.value.code == "ALLOC-007"


@pytest.mark.parametrize("amount", ["1.005", "0.001", "NaN", "sNaN", "Infinity", "-Infinity", "1000000000000", "-1000000000000.00", "1e30", "1e999999"])
def test_alloc_008_an_amount_is_kronor_to_the_ore_under_a_thousand_billion(amount: str) -> None:
    with pytest.raises(RuleViolation) as refused:
        check_amount(Decimal(amount))
    assert refused.value.code == "ALLOC-008" and refused.value.field == "amount_sek" and refused.value.detail["amount"] == str(Decimal(amount))
    with pytest.raises(RuleViolation) as priced:
        check_price(Decimal(amount).copy_abs())
    assert priced.value.code == "ALLOC-002"


@pytest.mark.parametrize("amount", ["0", "-0.01", "1.10", "999999999999.99", "-999999999999.99", "5E+3"])
def test_alloc_008_kronor_to_the_ore_pass(amount: str) -> None:
    check_amount(Decimal(amount))


def test_alloc_008_allocate_refuses_a_fixed_amount_of_three_decimals() -> None:
    fixed = FixedAmount(key="f", committee=1, reason="Fel", amount_sek=Decimal("1.005"), wage_share_percent=Decimal(50))
    with pytest.raises(RuleViolation) as refused:
        allocate(dataclasses.replace(example(), fixed_amounts=(fixed,)), COUNTS)
    assert refused.value.code == "ALLOC-008"


def test_alloc_010_a_parameter_for_a_committee_outside_the_model_is_refused() -> None:
    with pytest.raises(RuleViolation) as refused:
        allocate(dataclasses.replace(example(), adjustments=(dataclasses.replace(SAVING, committee=9),)), COUNTS)
    assert refused.value.code == "ALLOC-010"


def test_comparing_gives_the_difference_in_kronor_and_percent() -> None:
    a = allocate(example(), COUNTS)
    b = allocate(dataclasses.replace(example(), adjustments=(dataclasses.replace(SAVING, amount_sek=Decimal("-1000000")),)), COUNTS)
    rows = {(d.committee, d.year): d for d in compare(a, b)}
    assert rows[(1, N)].difference_sek == Decimal(-500000) and rows[(1, N)].percent == Decimal("-0.3")
    assert rows[(1, N + 1)].difference_sek == 0 and rows[(2, N)].percent is None


# --- properties ----------------------------------------------------------------------------------

money = st.decimals(min_value=Decimal(0), max_value=Decimal(500000), places=2)
signed = st.decimals(min_value=Decimal(-5_000_000), max_value=Decimal(5_000_000), places=2)
percent = st.decimals(min_value=Decimal(-5), max_value=Decimal(10), places=2)
share = st.decimals(min_value=Decimal(0), max_value=Decimal(100), places=1)
committee = st.sampled_from([1, 2, 3])


@st.composite
def parameters_and_counts(draw: st.DrawFn) -> tuple[Parameters, dict[tuple[str, int], Count]]:
    index = tuple(YearIndex(draw(percent), draw(percent)) for _ in range(3))
    drivers = []
    for n in range(draw(st.integers(0, 4))):
        low = draw(st.integers(0, 100))
        drivers.append(
            Driver(
                key=f"d{n}",
                committee=draw(committee),
                name=f"D{n}",
                age_from=low,
                age_to=draw(st.integers(low, 100)),
                price_sek=draw(money),
                wage_share_percent=draw(share),
            )
        )
    fixed = [
        FixedAmount(key=f"f{n}", committee=draw(committee), reason="F", amount_sek=draw(signed), wage_share_percent=draw(share), indexed=draw(st.booleans()))
        for n in range(draw(st.integers(0, 3)))
    ]
    adjustments = [
        Adjustment(key=f"a{n}", committee=draw(committee), year_offset=draw(st.integers(0, 2)), amount_sek=draw(signed), reason="A")
        for n in range(draw(st.integers(0, 3)))
    ]
    params = Parameters(budget_year=N, committees=(1, 2, 3), index=index, drivers=tuple(drivers), fixed_amounts=tuple(fixed), adjustments=tuple(adjustments))  # type: ignore[arg-type]
    counts = {(d.key, y): Count(draw(st.integers(0, 20000))) for d in drivers for y in params.years}
    return params, counts


def totals(params: Parameters, counts: dict[tuple[str, int], Count]) -> dict[tuple[int, int], Decimal]:
    result = allocate(params, counts)
    return {(r.committee, r.year): r.total_sek for r in result.rows}


@settings(max_examples=150, deadline=None)
@given(parameters_and_counts(), st.data())
def test_raising_one_price_never_lowers_any_allocation(given_: tuple[Parameters, dict[tuple[str, int], Count]], data: st.DataObject) -> None:
    params, counts = given_
    if not params.drivers:
        return
    which = data.draw(st.integers(0, len(params.drivers) - 1))
    rise = data.draw(st.decimals(min_value=Decimal("0.01"), max_value=Decimal(100000), places=2))
    raised = list(params.drivers)
    raised[which] = dataclasses.replace(raised[which], price_sek=raised[which].price_sek + rise)
    before, after = totals(params, counts), totals(dataclasses.replace(params, drivers=tuple(raised)), counts)
    assert all(after[k] >= before[k] for k in before)


@settings(max_examples=100, deadline=None)
@given(parameters_and_counts())
def test_the_same_parameters_give_the_same_result(given_: tuple[Parameters, dict[tuple[str, int], Count]]) -> None:
    params, counts = given_
    copy = dataclasses.replace(params, drivers=tuple(dataclasses.replace(d) for d in params.drivers))
    assert allocate(params, counts) == allocate(copy, dict(counts))


@settings(max_examples=150, deadline=None)
@given(parameters_and_counts())
def test_the_steps_sum_to_the_allocation_to_the_ore(given_: tuple[Parameters, dict[tuple[str, int], Count]]) -> None:
    params, counts = given_
    for row in allocate(params, counts).rows:
        assert sum((s.amount_sek for s in row.steps), Decimal(0)) == row.total_sek
        assert all(s.amount_sek == s.amount_sek.quantize(Decimal("0.01")) for s in row.steps)
        for s in row.steps:
            if s.kind == DRIVER:
                assert s.amount_sek == s.count * s.indexed_price_sek  # type: ignore[operator]
            assert s.committee == row.committee and s.year == row.year


@settings(max_examples=150, deadline=None)
@given(parameters_and_counts(), committee, st.integers(0, 2), signed)
def test_an_adjustment_changes_only_its_own_committee_and_year(
    given_: tuple[Parameters, dict[tuple[str, int], Count]], whom: int, offset: int, amount: Decimal
) -> None:
    params, counts = given_
    extra = Adjustment(key="extra", committee=whom, year_offset=offset, amount_sek=amount, reason="Satsning")
    before = totals(params, counts)
    after = totals(dataclasses.replace(params, adjustments=(*params.adjustments, extra)), counts)
    for (c, y), value in before.items():
        assert after[(c, y)] == (value + amount if (c, y) == (whom, N + offset) else value)


@given(share, st.integers(0, 2))
def test_a_zero_index_leaves_prices_as_they_are(wage_share: Decimal, offset: int) -> None:
    assert index_factor((YearIndex(),) * 3, wage_share, offset) == 1


def test_the_steps_carry_what_a_reader_needs_to_follow_a_krona() -> None:
    steps = allocate(example(), COUNTS).row(1, N).steps
    assert [s.kind for s in steps] == [DRIVER, FIXED, ADJUSTMENT]
    assert steps[0].age_from == 1 and steps[0].age_to == 5 and steps[0].label == "Förskola 1–5 år" and steps[0].key == "d1"
    assert steps[2].label == "Effektivisering"

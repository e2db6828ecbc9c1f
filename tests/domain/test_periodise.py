"""Periodisation keys spread a year's budget over its months to the öre (issue 9 §3)."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from styr.domain.economy import periodise


def test_even_key_spreads_a_year_that_does_not_divide_by_twelve_to_the_ore() -> None:
    months = periodise(Decimal("1000000.00"), [1] * 12)
    assert sum(months) == Decimal("1000000.00")
    assert set(months) == {Decimal("83333.33"), Decimal("83333.34")}
    assert months[:4] == (Decimal("83333.34"),) * 4


def test_a_profile_with_a_summer_dip_gives_july_less() -> None:
    weights = [Decimal("1")] * 6 + [Decimal("0.5")] + [Decimal("1")] * 5
    months = periodise(Decimal("-115000"), weights)
    assert months[6] == Decimal("-5000.00")
    assert months[0] == Decimal("-10000.00")
    assert sum(months) == Decimal("-115000")


def test_a_total_with_fractions_of_an_ore_is_refused() -> None:
    with pytest.raises(ValueError):
        periodise(Decimal("1.001"), [1] * 12)


@given(
    st.decimals(min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=2, allow_nan=False, allow_infinity=False),
    st.lists(st.integers(min_value=0, max_value=100), min_size=1, max_size=12).filter(any),
)
def test_periodised_months_always_sum_to_the_total(total: Decimal, weights: list[int]) -> None:
    months = periodise(total, weights)
    assert sum(months) == total
    assert all(m.as_tuple().exponent == -2 for m in months)

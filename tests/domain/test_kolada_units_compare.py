"""The unit read from a Kolada title, and the comparison's min/median/max (issue 13 §1)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from styr.domain.kolada_compare import median, spread
from styr.domain.kolada_units import unit_from_title


@pytest.mark.parametrize(
    ("title", "unit"),
    [
        ("Invånare 65+ i särskilt boende, andel (%)", "%"),
        ("Nettokostnad grundskola, kr/inv", "kr/inv"),
        ("Inskrivna barn i förskola, antal", "antal"),
        ("Kostnad per elev, kr", "kr"),
        ("Elever i åk 9 som är behöriga till yrkesprogram, andel", "%"),
        ("Meritvärde åk 9, medelvärde", "medelvärde"),
        ("Medborgarindex", ""),
        ("Invånare totalt, ", ""),
        ("Sjukfrånvaro, (dagar)", "dagar"),
    ],
)
def test_unit_is_read_from_the_end_of_koladas_title(title: str, unit: str) -> None:
    assert unit_from_title(title) == unit


def test_median_of_an_odd_count_is_the_middle_value() -> None:
    assert median([Decimal("3"), Decimal("1"), Decimal("2")]) == Decimal("2")


def test_median_of_an_even_count_is_the_mean_of_the_two_middle_values() -> None:
    assert median([Decimal("4"), Decimal("1"), Decimal("2"), Decimal("3")]) == Decimal("2.5")


def test_missing_values_are_left_out_of_the_spread() -> None:
    result = spread([Decimal("10.5"), None, Decimal("7"), None, Decimal("12")])
    assert result.count == 3
    assert (result.minimum, result.median, result.maximum) == (Decimal("7"), Decimal("10.5"), Decimal("12"))
    assert isinstance(result.median, Decimal)


def test_a_year_without_any_figure_has_no_spread() -> None:
    result = spread([None, None])
    assert result.count == 0
    assert result.median is None and result.minimum is None and result.maximum is None
    assert median([]) is None

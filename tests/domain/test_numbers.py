"""Numbers in Swedish form wherever people read them (issue 8, point 5: "utgångsvärde 2025 20134")."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from styr.domain.numbers import GROUP, sv_number, sv_percent


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (20134, f"20{GROUP}134"),
        (Decimal("20134.00"), f"20{GROUP}134"),
        (Decimal("41.50"), "41,5"),
        (1250000, f"1{GROUP}250{GROUP}000"),
        (Decimal("-12345.678"), f"-12{GROUP}345,678"),
        (2025, "2025"),
        (1500, "1500"),
        (0, "0"),
        (Decimal("0E+3"), "0"),
        (Decimal("1E+5"), f"100{GROUP}000"),
        (78.5, "78,5"),
        ("20134,5", f"20{GROUP}134,5"),
        (None, "–"),
    ],
)
def test_numbers_are_written_the_swedish_way(value: object, expected: str) -> None:
    assert sv_number(value) == expected  # type: ignore[arg-type]


def test_rounding_keeps_at_most_the_decimals_asked_for_and_no_minus_zero() -> None:
    assert sv_number(Decimal("2.345"), max_decimals=2) == "2,35"
    assert sv_number(Decimal("-0.001"), max_decimals=2) == "0"
    assert sv_number(Decimal("7.10"), max_decimals=2) == "7,1"


def test_a_percentage_has_a_no_break_space_before_its_sign() -> None:
    assert sv_percent(Decimal("41.5")) == f"41,5{GROUP}%"
    assert sv_percent(None) == "–"


def test_a_truth_value_is_not_a_number() -> None:
    with pytest.raises(TypeError):
        sv_number(True)


@given(st.decimals(allow_nan=False, allow_infinity=False, min_value=Decimal("-1e15"), max_value=Decimal("1e15"), places=4))
def test_the_text_reads_back_as_the_same_number(value: Decimal) -> None:
    text = sv_number(value)
    assert "." not in text and " " not in text
    assert Decimal(text.replace(GROUP, "").replace(",", ".")) == value
    whole = text.lstrip("-").split(",")[0]
    groups = whole.split(GROUP)
    if len(groups) > 1:
        assert len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])
    else:
        assert len(whole) < 5


def test_excel_formats_group_thousands_and_keep_the_decimals_the_number_has() -> None:
    from styr.domain.numbers import excel_number_format

    assert excel_number_format(Decimal(20134)) == "#,##0"
    assert excel_number_format(Decimal("41.50")) == "#,##0.0"
    assert excel_number_format(Decimal("2.125")) == "#,##0.000"
    assert excel_number_format(None) == "General"


def test_a_status_is_known_by_its_code_or_either_label() -> None:
    from pathlib import Path

    from styr.domain.presets import load_preset_file

    model = load_preset_file(Path(__file__).resolve().parents[2] / "presets" / "alvesta-2020.yaml").model
    for text in ("Delvis uppfyllt", " delvis   UPPFYLLT", "Partly achieved", "partly_achieved"):
        assert model.status_code_of(text) == "partly_achieved"
    assert model.status_code_of("grön") == "grön"

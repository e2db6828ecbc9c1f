"""Budget − forecast and its colour on the model's status scale (issue 9 §3, ECON-010)."""

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from styr.domain.errors import RuleViolation
from styr.domain.governance import governance_model_from_mapping, governance_model_to_mapping
from styr.domain.presets import load_preset_file, parse_preset
from styr.domain.variance import Variance, variance, variance_step

ROOT = Path(__file__).resolve().parents[2]
ALVESTA_FILE = ROOT / "presets" / "alvesta-2020.yaml"
ALVESTA = load_preset_file(ALVESTA_FILE).model
EXEMPELBY = load_preset_file(ROOT / "tests" / "fixtures" / "presets" / "exempelby-2024.yaml").model
D = Decimal


def with_thresholds(block: str) -> str:
    text = ALVESTA_FILE.read_text(encoding="utf-8")
    start = text.index("    variance_thresholds:")
    end = text.index("\n", start)
    return text[:start] + block + text[end:]


def test_variance_is_budget_minus_forecast_in_kronor_and_per_cent() -> None:
    assert variance(D("1000000"), D("1030000")) == Variance(D("-30000.00"), D("-3.0"))
    assert variance(D("1000000"), D("990000.006")) == Variance(D("9999.99"), D("1.0"))
    # a company whose budget is a profit: a smaller profit than budgeted is an overrun
    assert variance(D("-500000"), D("-400000")) == Variance(D("-100000.00"), D("-20.0"))
    assert variance(D(0), D(100)) == Variance(D("-100.00"), None)


def test_econ_010_the_alvesta_preset_colours_variances_on_its_status_scale() -> None:
    assert ALVESTA.variance_thresholds == (("achieved", D(0)), ("partly_achieved", D(-2)))
    assert variance_step(variance(D(1000), D(900)), ALVESTA).code == "achieved"
    assert variance_step(variance(D(1000), D(1000)), ALVESTA).code == "achieved"
    assert variance_step(variance(D(1000), D(1015)), ALVESTA).code == "partly_achieved"
    assert variance_step(variance(D(1000), D(1020)), ALVESTA).code == "partly_achieved"
    assert variance_step(variance(D(1000), D(1021)), ALVESTA).code == "not_achieved"
    assert variance_step(None, ALVESTA).code == "not_assessed"
    assert variance_step(variance(D(0), D(1)), ALVESTA).code == "not_achieved"
    assert variance_step(variance(D(0), D(-1)), ALVESTA).code == "achieved"


def test_econ_010_a_model_without_thresholds_uses_the_default_on_its_own_scale() -> None:
    assert EXEMPELBY.variance_thresholds == ()
    assert variance_step(variance(D(1000), D(999)), EXEMPELBY).code == "green"
    assert variance_step(variance(D(1000), D(1001)), EXEMPELBY).code == "red"


def test_econ_010_the_thresholds_survive_the_groups_stored_model() -> None:
    stored = governance_model_to_mapping(ALVESTA)
    assert stored["economy"]["variance_thresholds"] == {"achieved": "0", "partly_achieved": "-2"}
    assert governance_model_from_mapping(stored).variance_thresholds == ALVESTA.variance_thresholds


@pytest.mark.parametrize(
    ("block", "needle"),
    [
        ("    variance_thresholds: {achieved: 0, partly_achieved: 1}", "must fall"),
        ("    variance_thresholds: {not_achieved: -5}", "cannot have"),
        ("    variance_thresholds: {grön: 0}", "cannot have"),
        ("    variance_thresholds: {achieved: mycket}", "number of per cent"),
        ("    variance_thresholds: {achieved: true}", "number of per cent"),
        ("    variance_thresholds: []", "must map"),
    ],
)
def test_econ_010_bad_thresholds_are_refused_with_the_file_and_line(block: str, needle: str) -> None:
    text = with_thresholds(block)
    with pytest.raises(RuleViolation) as refused:
        parse_preset(text, source="alvesta-2020.yaml")
    assert refused.value.code == "ECON-010" and needle in str(refused.value)
    assert refused.value.source == "alvesta-2020.yaml"
    assert refused.value.line == text.splitlines().index(block) + 1


def test_a_decimal_threshold_is_read_exactly() -> None:
    model = parse_preset(with_thresholds("    variance_thresholds: {achieved: 0.5, partly_achieved: -1.25}")).model
    assert model.variance_thresholds == (("achieved", D("0.5")), ("partly_achieved", D("-1.25")))


@given(st.decimals(-(10**9), 10**9, places=2), st.decimals(-(10**9), 10**9, places=2))
def test_the_step_falls_as_the_forecast_rises(budget: Decimal, forecast: Decimal) -> None:
    ranks = [variance_step(variance(budget, forecast + extra), ALVESTA).rank for extra in (D(0), D(1000), D(10**6))]
    assert ranks == sorted(ranks, reverse=True)

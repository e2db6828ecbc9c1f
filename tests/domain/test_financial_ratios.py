"""The financial measures from the accounts and their assessment against a target (issue 11 §1, FIN-002…FIN-004).

The figures are a municipality of about 20 000 residents, in kronor; each expected value is worked
by hand in the comment beside it."""

from decimal import Decimal
from pathlib import Path

import pytest

from styr.domain import status
from styr.domain.errors import RuleViolation
from styr.domain.financial_ratios import (
    DEBT_PER_RESIDENT,
    EQUITY_RATIO,
    EQUITY_RATIO_WITH_PENSIONS,
    MEASURES,
    NET_COST_SHARE,
    NO_ASSETS,
    NO_INVESTMENTS,
    NO_PENSIONS,
    NO_RESIDENTS,
    NO_REVENUE,
    RESULT_SHARE,
    SELF_FINANCING,
    Inputs,
    PartlyBand,
    attainment,
    check_goal_unit,
    compute,
    parse_financial_goals,
)
from styr.domain.governance import governance_model_from_mapping, governance_model_to_mapping
from styr.domain.presets import load_preset_file

D = Decimal
ROOT = Path(__file__).resolve().parents[2]
ALVESTA = load_preset_file(ROOT / "presets" / "alvesta-2020.yaml").model

YEAR = Inputs(
    year_result_sek=D("32000000"),
    tax_revenue_sek=D("1200000000"),
    general_grants_sek=D("400000000"),
    net_cost_sek=D("-1560000000"),
    financial_income_sek=D("5000000"),
    financial_costs_sek=D("-13000000"),
    depreciation_sek=D("-60000000"),
    net_investments_sek=D("115000000"),
    equity_sek=D("1500000000"),
    total_assets_sek=D("2400000000"),
    pension_obligations_sek=D("600000000"),
    debt_sek=D("900000000"),
    residents=20123,
)


def test_the_measures_of_a_year_worked_by_hand() -> None:
    values = {key: compute(key, YEAR).value for key in MEASURES}
    assert values == {
        RESULT_SHARE: D("2.00"),  # 32 / (1 200 + 400) = 2 %
        SELF_FINANCING: D("80.00"),  # (32 + 60) / 115 = 80 %
        EQUITY_RATIO: D("62.50"),  # 1 500 / 2 400
        EQUITY_RATIO_WITH_PENSIONS: D("37.50"),  # (1 500 − 600) / 2 400
        NET_COST_SHARE: D("98.00"),  # (1 560 + 13 − 5) / 1 600: with the result share, 100 %
        DEBT_PER_RESIDENT: D("44725"),  # 900 000 000 / 20 123 = 44 724.94
    }


def test_percentages_round_half_up_to_two_decimals() -> None:
    value = compute(RESULT_SHARE, Inputs(year_result_sek=D("1717000.83"), tax_revenue_sek=D("2900000"), general_grants_sek=D("400000")))
    assert value.value == D("52.03")  # 1 717 000.83 / 3 300 000 = 52.0303…
    assert compute(EQUITY_RATIO, Inputs(equity_sek=D("1"), total_assets_sek=D("8"))).value == D("12.50")  # exactly half a cent up
    assert compute(EQUITY_RATIO, Inputs(equity_sek=D("-2"), total_assets_sek=D("3"))).value == D("-66.67")


def test_a_zero_or_missing_divisor_gives_no_value_and_says_why() -> None:
    empty = Inputs(year_result_sek=D("1"), tax_revenue_sek=D(0), general_grants_sek=D(0), depreciation_sek=D(0), net_investments_sek=D(0), equity_sek=D(1))
    assert compute(RESULT_SHARE, empty).value is None and compute(RESULT_SHARE, empty).reason == NO_REVENUE
    assert compute(SELF_FINANCING, empty).reason == NO_INVESTMENTS
    assert compute(EQUITY_RATIO, empty).reason == NO_ASSETS
    assert compute(EQUITY_RATIO_WITH_PENSIONS, empty).reason == NO_PENSIONS
    assert compute(DEBT_PER_RESIDENT, Inputs(debt_sek=D(5), residents=0)).reason == NO_RESIDENTS
    assert compute(NET_COST_SHARE, Inputs()).value is None and compute(NET_COST_SHARE, Inputs()).reason


def test_each_measure_has_labels_a_unit_a_direction_and_a_definition() -> None:
    for measure in MEASURES.values():
        assert measure.label("sv") and measure.label("en") and measure.definition("sv") and measure.definition("en")
        assert measure.unit in {"%", "kr"}
    assert not MEASURES[NET_COST_SHARE].higher_is_better and not MEASURES[DEBT_PER_RESIDENT].higher_is_better
    assert MEASURES[EQUITY_RATIO].higher_is_better


def test_attainment_follows_the_measures_direction_and_the_partly_band() -> None:
    band = PartlyBand(percent_points=D("1.00"), kronor=D("5000"))
    assert attainment(RESULT_SHARE, D("2.00"), D("2.00"), band) == status.ACHIEVED  # on the target
    assert attainment(RESULT_SHARE, D("1.00"), D("2.00"), band) == status.PARTLY  # one point short: the band's edge
    assert attainment(RESULT_SHARE, D("0.99"), D("2.00"), band) == status.NOT_ACHIEVED
    assert attainment(NET_COST_SHARE, D("97.50"), D("98.00"), band) == status.ACHIEVED  # lower is better
    assert attainment(NET_COST_SHARE, D("98.60"), D("98.00"), band) == status.PARTLY
    assert attainment(DEBT_PER_RESIDENT, D("50001"), D("45000"), band) == status.NOT_ACHIEVED  # kronor band
    assert attainment(DEBT_PER_RESIDENT, D("50000"), D("45000"), band) == status.PARTLY
    assert attainment(RESULT_SHARE, None, D("2"), band) is None and attainment(RESULT_SHARE, D("2"), None, band) is None


def test_fin_002_an_unknown_measure_is_refused() -> None:
    with pytest.raises(RuleViolation) as caught:
        compute("liquidity", YEAR)
    assert caught.value.code == "FIN-002" and caught.value.field == "measure"


def test_fin_003_a_goal_with_a_measure_has_its_target_in_the_measures_unit() -> None:
    assert check_goal_unit(measure=RESULT_SHARE, unit_label="") == "%"
    assert check_goal_unit(measure=DEBT_PER_RESIDENT, unit_label="kr") == "kr"
    assert check_goal_unit(measure="", unit_label="mnkr") == "mnkr"
    with pytest.raises(RuleViolation) as caught:
        check_goal_unit(measure=DEBT_PER_RESIDENT, unit_label="%")
    assert caught.value.code == "FIN-003"


def test_fin_004_the_partly_band_is_read_from_the_preset_and_kept() -> None:
    assert ALVESTA.financial_goals_band == PartlyBand(D("1.00"), D("5000"))
    again = governance_model_from_mapping(governance_model_to_mapping(ALVESTA))
    assert again.financial_goals_band == ALVESTA.financial_goals_band
    assert parse_financial_goals({"partly_band": {"percent_points": "0.5"}}) == PartlyBand(D("0.5"), D("5000"))
    for wrong in ({"partly_band": {"percent_points": -1}}, {"partly_band": {"points": 1}}, {"partly_band": {"kronor": "x"}}, "band"):
        with pytest.raises(RuleViolation) as caught:
            parse_financial_goals(wrong)
        assert caught.value.code == "FIN-004"

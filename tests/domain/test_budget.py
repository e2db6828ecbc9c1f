"""The internal budget's pure rules (issue 9 §3): periodisation keys, amounts to the öre, the
preset's profiles and what is left of the frame (ECON-002..ECON-004, ECON-007)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from styr.domain.budget import (
    BudgetSettings,
    budget_settings_to_mapping,
    check_month,
    frame_in_sek,
    parse_amount,
    parse_budget_settings,
    periodise_budget,
    undistributed,
)
from styr.domain.errors import RuleViolation
from styr.domain.presets import parse_preset
from tests.conftest import ALVESTA

SOMMAR = BudgetSettings(profiles={"jamn": (Decimal(1),) * 12, "sommar": (Decimal(1),) * 6 + (Decimal("0.5"),) + (Decimal(1),) * 5})


def test_even_key_spreads_the_year_to_the_ore() -> None:
    months = periodise_budget("even", total_sek=Decimal("1000000"))
    assert len(months) == 12 and sum(months) == Decimal("1000000.00")


def test_profile_key_gives_july_the_summer_dip_and_sums_to_the_ore() -> None:
    months = periodise_budget("profile", total_sek="1 150 000,01", profile="sommar", settings=SOMMAR)
    assert sum(months) == Decimal("1150000.01")
    assert months[6] == Decimal("50000.00") and months[0] in (Decimal("100000.00"), Decimal("100000.01"))


def test_given_key_keeps_the_twelve_months_as_written() -> None:
    months = periodise_budget("given", months=["1,50", 2, Decimal("3"), *["0"] * 9])
    assert months[:3] == (Decimal("1.50"), Decimal("2.00"), Decimal("3.00"))


def test_econ_002_a_given_budget_has_twelve_months() -> None:
    with pytest.raises(RuleViolation) as refused:
        periodise_budget("given", months=["1"] * 11)
    assert refused.value.code == "ECON-002" and refused.value.detail == {"count": 11}


@pytest.mark.parametrize("month", [0, 13, -1, True])
def test_econ_002_a_month_is_numbered_1_to_12(month: int) -> None:
    with pytest.raises(RuleViolation) as refused:
        check_month(month)
    assert refused.value.code == "ECON-002"
    assert check_month(12) == 12


def test_econ_003_an_unknown_key_or_profile_is_refused() -> None:
    with pytest.raises(RuleViolation) as key:
        periodise_budget("quarterly", total_sek=Decimal(1))
    assert key.value.code == "ECON-003" and key.value.field == "key"
    with pytest.raises(RuleViolation) as profile:
        periodise_budget("profile", total_sek=Decimal(1), profile="vinter", settings=SOMMAR)
    assert profile.value.code == "ECON-003" and "sommar" in profile.value.detail["known"]


@pytest.mark.parametrize("value", ["1,001", "tolv", "", None, "NaN", "1e30", 1.005, "#REF!"])
def test_econ_004_an_amount_is_kronor_with_at_most_ore(value: object) -> None:
    with pytest.raises(RuleViolation) as refused:
        parse_amount(value)
    assert refused.value.code == "ECON-004"


def test_amounts_are_read_the_swedish_way() -> None:
    assert parse_amount("1\u00a0234 567,5") == Decimal("1234567.50")
    assert parse_amount("\u2212250") == Decimal("-250.00")
    assert parse_amount(12.25) == Decimal("12.25")


@given(st.decimals(min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=2))
def test_every_profile_sums_to_the_ore(total: Decimal) -> None:
    for key, profile in (("even", ""), ("profile", "sommar")):
        assert sum(periodise_budget(key, total_sek=total, profile=profile, settings=SOMMAR)) == total


def test_undistributed_is_frame_minus_the_units_budgets() -> None:
    assert undistributed(frame_in_sek(Decimal("512.3")), [Decimal("300000"), Decimal("200000.50")]) == Decimal("12299.50")
    assert undistributed(Decimal(100), [Decimal(150)]) == Decimal("-50.00")  # over-distributed: shown, not refused
    assert undistributed(None, [Decimal(1)]) is None


def test_the_alvesta_preset_names_a_summer_profile_and_an_export_account() -> None:
    model = parse_preset(ALVESTA.read_text(encoding="utf-8"), source=ALVESTA.name).model
    assert set(model.budget.profiles) == {"jamn", "sommar"}
    assert model.budget.profiles["sommar"][6] < model.budget.profiles["sommar"][0]
    assert model.budget.export_account == "7990"
    assert parse_budget_settings(budget_settings_to_mapping(model.budget)) == model.budget


def test_without_an_economy_section_a_group_has_the_even_profile() -> None:
    settings = parse_budget_settings(None)
    assert list(settings.profiles) == ["jamn"] and settings.export_account == "7990"


@pytest.mark.parametrize(
    "section",
    [
        {"periodisation_profiles": {"kort": [1] * 11}},
        {"periodisation_profiles": {"minus": [1] * 11 + [-1]}},
        {"periodisation_profiles": {"noll": [0] * 12}},
        {"periodisation_profiles": {"text": "jämn"}},
        {"budget_export_account": "79x0"},
    ],
)
def test_econ_007_a_profile_is_twelve_weights_and_the_account_digits(section: dict[str, object]) -> None:
    with pytest.raises(RuleViolation) as refused:
        parse_budget_settings(section)
    assert refused.value.code == "ECON-007"


def test_econ_007_in_a_preset_names_the_file_and_line() -> None:
    text = ALVESTA.read_text(encoding="utf-8").replace("jamn: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]", "jamn: [1, 1]")
    with pytest.raises(RuleViolation) as refused:
        parse_preset(text, source="alvesta-2020.yaml")
    assert refused.value.code == "ECON-007" and refused.value.source == "alvesta-2020.yaml" and refused.value.line is not None


def test_an_export_account_written_as_a_number_stays_text() -> None:
    text = ALVESTA.read_text(encoding="utf-8").replace('budget_export_account: "7990"', "budget_export_account: 07990")
    assert parse_preset(text).model.budget.export_account == "07990"

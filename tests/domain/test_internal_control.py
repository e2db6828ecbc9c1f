"""Internal control's rules without a database: the bands and threshold of the risk matrix, the
steps' words, IC-001…IC-004, and the preset's ``internal_control:`` section (PRESET-002 with its line)."""

from __future__ import annotations

import pytest

from styr.domain.errors import RuleViolation
from styr.domain.internal_control import (
    DEFAULT_BANDS,
    InternalControlSettings,
    RiskBand,
    check_aims,
    check_choice,
    check_plan_body,
    check_score,
    internal_control_to_mapping,
    parse_internal_control,
    risk_value,
)
from styr.domain.presets import parse_preset
from tests.domain.test_presets import alvesta_text, line_of, refused

SETTINGS = InternalControlSettings(("Osannolik", "Mindre sannolik", "Möjlig", "Sannolik"), ("Försumbar", "Lindrig", "Kännbar", "Allvarlig"))


def test_a_risk_value_falls_in_the_highest_band_it_reaches() -> None:
    assert [SETTINGS.band(v).label_sv for v in (1, 3, 4, 8, 9, 16)] == ["Låg", "Låg", "Medel", "Medel", "Hög", "Hög"]
    assert risk_value(3, 4) == 12


def test_from_the_threshold_a_risk_must_be_treated() -> None:
    assert not SETTINGS.must_treat(8) and SETTINGS.must_treat(9)


def test_a_steps_word_is_its_number_and_label_or_the_number_alone() -> None:
    assert SETTINGS.likelihood_label(3) == "3 Möjlig" and SETTINGS.consequence_label(4) == "4 Allvarlig"
    assert InternalControlSettings().likelihood_label(2) == "2" and SETTINGS.likelihood_label(9) == "9"


def test_ic_001_a_score_off_the_matrix_names_the_field() -> None:
    check_score(4, 4, likelihood_steps=4, consequence_steps=4)
    with pytest.raises(RuleViolation) as err:
        check_score(0, 2, likelihood_steps=4, consequence_steps=4)
    assert (err.value.code, err.value.field) == ("IC-001", "likelihood")
    with pytest.raises(RuleViolation) as err:
        check_score(2, 5, likelihood_steps=4, consequence_steps=4)
    assert (err.value.code, err.value.field) == ("IC-001", "consequence")


def test_ic_002_below_the_threshold_a_chosen_risk_needs_a_reason() -> None:
    check_choice(value=9, chosen=True, reason="", settings=SETTINGS)
    check_choice(value=2, chosen=False, reason="", settings=SETTINGS)
    check_choice(value=2, chosen=True, reason="Ny lagstiftning", settings=SETTINGS)
    with pytest.raises(RuleViolation) as err:
        check_choice(value=8, chosen=True, reason=" ", settings=SETTINGS)
    assert (err.value.code, err.value.field, err.value.detail) == ("IC-002", "reason", {"value": 8, "treat_from": 9})


@pytest.mark.parametrize("aims", [[], ["vinst"], ["compliance", "vinst"]])
def test_ic_003_a_risk_threatens_one_or_more_of_the_four_aims(aims: list[str]) -> None:
    with pytest.raises(RuleViolation) as err:
        check_aims(aims)
    assert err.value.code == "IC-003"
    check_aims(["effective", "risks"])


def test_ic_004_a_plan_belongs_to_a_committee_ks_or_a_company_board() -> None:
    for kind in ("COMMITTEE", "EXECUTIVE_BOARD", "PARENT_COMPANY", "COMPANY"):
        check_plan_body(kind)
    with pytest.raises(RuleViolation) as err:
        check_plan_body("ADMINISTRATION")
    assert err.value.code == "IC-004"


def test_the_alvesta_preset_names_the_words_bands_and_threshold() -> None:
    settings = parse_preset(alvesta_text(), source="test.yaml").model.internal_control
    assert settings.treat_from == 9 and settings.likelihood_labels[0] == "Osannolik" and settings.consequence_labels[-1] == "Allvarlig"
    assert settings.bands == DEFAULT_BANDS


def test_without_the_section_the_defaults_hold_and_the_mapping_reads_back() -> None:
    assert parse_internal_control(None, likelihood_steps=4, consequence_steps=4) == InternalControlSettings()
    custom = InternalControlSettings(("a", "b"), (), 3, (RiskBand(1, "#000000", "L", "L"), RiskBand(3, "#ffffff", "H", "H")))
    assert parse_internal_control(internal_control_to_mapping(custom), likelihood_steps=2, consequence_steps=2) == custom


@pytest.mark.parametrize(
    ("old", "new", "needle"),
    [
        ("    treat_from: 9\n", "    treat_from: 17\n", "internal_control:"),
        ("    treat_from: 9\n", "    treat_from: true\n", "internal_control:"),
        ("    likelihood_labels: [Osannolik, Mindre sannolik, Möjlig, Sannolik]\n", "    likelihood_labels: [Osannolik, Sannolik]\n", "internal_control:"),
        ("      - {from: 1, colour", "      - {from: 2, colour", "internal_control:"),
        ("      - {from: 9, colour", "      - {from: 4, colour", "internal_control:"),
        ('      - {from: 4, colour: "#b58105", label_sv: Medel, label_en: Medium}\n', "      - {from: 4, colour: 7, label_sv: Medel}\n", "internal_control:"),
    ],
)
def test_preset_002_a_wrong_internal_control_section_names_its_line(old: str, new: str, needle: str) -> None:
    text = alvesta_text().replace(old, new)
    assert text != alvesta_text()
    violation = refused(text)
    assert violation.code == "PRESET-002" and violation.detail["section"] == "internal_control"
    assert violation.line == line_of(text, needle)


def test_preset_002_an_internal_control_section_that_is_not_a_mapping_is_refused() -> None:
    start = alvesta_text().index("  internal_control:\n")
    end = alvesta_text().index("  # Allmänna val")
    text = alvesta_text()[:start] + "  internal_control: [treat_from]\n" + alvesta_text()[end:]
    violation = refused(text)
    assert violation.code == "PRESET-002" and violation.line == line_of(text, "internal_control: [treat_from]")


def test_the_arshjul_step_for_the_plans_awaits_every_body_that_keeps_one() -> None:
    """The step "Internkontrollplaner" waits for the same bodies that keep a plan (IC-004), a joint
    authority among them."""
    from styr.domain.internal_control import PLAN_BODY_KINDS
    from styr.domain.planning_year import INTERNAL_CONTROL_PLAN, STEPS

    assert set(STEPS[INTERNAL_CONTROL_PLAN].kinds) == set(PLAN_BODY_KINDS)

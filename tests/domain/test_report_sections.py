"""What a report must contain (issue 9 §4, seed §6.5): the catalogue and its rules FU-013, FU-014
and FU-015, and the preset's ``reporting.report_sections``."""

from pathlib import Path

import pytest

from styr.domain import report_sections as rs
from styr.domain.calendar import PERIOD_KINDS
from styr.domain.errors import RuleViolation
from styr.domain.governance import governance_model_from_mapping, governance_model_to_mapping
from styr.domain.presets import load_preset_file, parse_preset

ROOT = Path(__file__).resolve().parents[2]
ALVESTA = ROOT / "presets" / "alvesta-2020.yaml"


def test_the_catalogue_holds_goals_quality_economy_assignments_and_analysis() -> None:
    assert rs.SECTION_KEYS == ("goals", "quality", "economy", "assignments", "analysis")
    assert rs.section("economy").label == "Economy with forecast"
    assert "internal_control" not in rs.SECTION_KEYS  # nothing in Styr follows internal control up yet


def test_sections_come_back_once_each_in_the_catalogues_order() -> None:
    assert rs.check_section_keys(["analysis", "goals", "analysis"]) == ("goals", "analysis")


@pytest.mark.parametrize("keys", [["goals", "internal_control"], ["Goals"], [3]])
def test_an_unknown_section_is_refused_fu_015(keys: list[object]) -> None:
    with pytest.raises(RuleViolation) as err:
        rs.check_section_keys(keys)
    assert err.value.code == "FU-015"
    assert err.value.field == "sections"


def test_an_unknown_report_kind_is_refused_fu_015() -> None:
    assert rs.check_report_kind("monthly_report", PERIOD_KINDS) == "monthly_report"
    with pytest.raises(RuleViolation) as err:
        rs.check_report_kind("weekly_report", PERIOD_KINDS)
    assert err.value.code == "FU-015"
    assert err.value.detail["kind"] == "weekly_report"


def test_a_body_adds_sections_but_keeps_ks_minimum_fu_014() -> None:
    rs.check_keeps_minimum(["goals", "economy", "analysis"], ["goals", "analysis"])
    with pytest.raises(RuleViolation) as err:
        rs.check_keeps_minimum(["economy"], ["goals", "analysis"], label=str.upper)
    assert err.value.code == "FU-014"
    assert err.value.detail == {"sections": "GOALS, ANALYSIS", "keys": "goals, analysis"}


def test_required_sections_are_ks_minimum_and_the_bodys_own() -> None:
    assert rs.required_sections(["analysis"], ["goals", "analysis"]) == ("goals", "analysis")
    assert rs.required_sections([], []) == ()


def test_a_report_with_an_empty_required_section_is_refused_naming_it_fu_013() -> None:
    filled = {"goals": True, "economy": False, "analysis": False}
    assert rs.missing_sections(["goals", "economy", "analysis"], filled) == ("economy", "analysis")
    with pytest.raises(RuleViolation) as err:
        rs.check_sections_filled(["goals", "economy", "analysis"], filled, label=lambda k: rs.section(k).label)
    assert err.value.code == "FU-013"
    assert err.value.detail["sections"] == "Economy with forecast, Analysis"
    assert "Economy with forecast" in str(err.value)
    rs.check_sections_filled(["goals"], filled)  # filled: no refusal
    rs.check_sections_filled([], {})


def test_alvesta_preset_requires_an_analysis_of_interim_accounts_and_annual_report_but_no_forecast_yet() -> None:
    sections = load_preset_file(ALVESTA).model.reporting.report_sections
    assert sections["interim_accounts"] == ("analysis",)
    assert sections["annual_report"] == ("analysis",)
    assert sections["monthly_report"] == ()
    assert not any("economy" in keys for keys in sections.values())


def test_report_sections_survive_the_round_trip_through_the_stored_model() -> None:
    model = load_preset_file(ALVESTA).model
    again = governance_model_from_mapping(governance_model_to_mapping(model))
    assert again.reporting.report_sections == model.reporting.report_sections


def test_a_stored_model_without_report_sections_requires_none() -> None:
    data = governance_model_to_mapping(load_preset_file(ALVESTA).model)
    del data["reporting"]["report_sections"]
    assert governance_model_from_mapping(data).reporting.report_sections == {}


def test_an_unknown_section_in_the_preset_names_the_file_and_line_fu_015() -> None:
    text = ALVESTA.read_text(encoding="utf-8").replace("annual_report: [analysis]", "annual_report: [analysis, internal_control]")
    with pytest.raises(RuleViolation) as err:
        parse_preset(text, source="test.yaml")
    assert err.value.code == "FU-015"
    assert err.value.source == "test.yaml"
    line = next(i for i, row in enumerate(text.splitlines(), start=1) if row.strip() == "report_sections:")
    assert err.value.line == line


def test_report_sections_of_the_wrong_shape_are_refused_preset_002() -> None:
    text = ALVESTA.read_text(encoding="utf-8").replace("annual_report: [analysis]", "annual_report: analysis")
    with pytest.raises(RuleViolation) as err:
        parse_preset(text, source="test.yaml")
    assert err.value.code == "PRESET-002"

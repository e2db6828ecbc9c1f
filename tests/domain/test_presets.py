"""The governance model as configuration: presets and their errors (PRESET-*, MODEL-*, ORG-*)."""

from pathlib import Path

import pytest

from styr.domain.errors import RuleViolation
from styr.domain.levels import LevelKind
from styr.domain.presets import load_preset_file, parse_preset

ROOT = Path(__file__).resolve().parents[2]
ALVESTA = ROOT / "presets" / "alvesta-2020.yaml"
EXEMPELBY = ROOT / "tests" / "fixtures" / "presets" / "exempelby-2024.yaml"


def alvesta_text() -> str:
    return ALVESTA.read_text(encoding="utf-8")


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), start=1) if needle in line)


def refused(text: str) -> RuleViolation:
    with pytest.raises(RuleViolation) as err:
        parse_preset(text, source="test.yaml")
    assert err.value.source == "test.yaml"
    return err.value


def test_alvesta_preset_is_the_model_of_kf_49_2020() -> None:
    preset = load_preset_file(ALVESTA)
    model = preset.model
    assert model.max_development_goals == 3
    assert (model.goal_horizon_min_years, model.goal_horizon_max_years) == (1, 4)
    assert [s.code for s in model.status_scale] == ["achieved", "partly_achieved", "not_achieved", "not_assessed"]
    assert (model.risk_matrix.likelihood_steps, model.risk_matrix.consequence_steps) == (4, 4)
    assert model.level_label(LevelKind.COMMITTEE) == "Nämnd"
    assert model.is_election_year(2026)
    assert preset.governing_documents[0].registration_number == "2020-00190"
    assert preset.governing_documents[0].decision_reference == "KF § 49/2020"


def test_a_second_municipality_loads_from_its_own_file_without_code_changes() -> None:
    preset = load_preset_file(EXEMPELBY)
    assert preset.model.max_development_goals == 2
    assert preset.model.level_label(LevelKind.COMMITTEE) == "Utskott"
    assert preset.model.level_label(LevelKind.ADMINISTRATION, "en") == "Office"
    assert preset.model.risk_matrix.likelihood_steps == 5
    assert [u.name for u, _ in preset.organisation.walk()][-1] == "Byskolan"


def test_preset_001_malformed_yaml_names_the_file_and_line() -> None:
    text = alvesta_text().replace("  slug: alvesta", "  slug: [alvesta")
    violation = refused(text)
    assert violation.code == "PRESET-001"
    assert violation.line is not None and violation.line >= line_of(text, "slug: [alvesta")


def test_preset_002_a_missing_field_is_named() -> None:
    violation = refused(alvesta_text().replace("    max_per_unit_and_period: 3\n", ""))
    assert violation.code == "PRESET-002"
    assert violation.detail["field"] == "max_per_unit_and_period"
    assert violation.line is not None


def test_org_006_an_unknown_level_kind_in_the_tree_names_its_line() -> None:
    text = alvesta_text().replace("- {name: Alvesta Energi AB, kind: COMPANY}", "- {name: Alvesta Energi AB, kind: BOLAG}")
    violation = refused(text)
    assert violation.code == "ORG-006"
    assert violation.line == line_of(text, "Alvesta Energi AB")


def test_org_006_an_unknown_level_kind_in_the_labels_is_rejected() -> None:
    text = alvesta_text().replace("    UNIT: {label_sv: Enhet", "    AVDELNING: {label_sv: Enhet")
    violation = refused(text)
    assert violation.code == "ORG-006"
    assert violation.line == line_of(text, "AVDELNING")


def test_org_002_a_company_under_a_committee_names_its_line() -> None:
    text = alvesta_text().replace(
        "        - {name: Kultur- och fritidsförvaltningen, short_name: KFF, kind: ADMINISTRATION}",
        "        - {name: Kultur- och fritidsförvaltningen, short_name: KFF, kind: ADMINISTRATION}\n        - {name: Fritidsbolaget AB, kind: COMPANY}",
    )
    violation = refused(text)
    assert violation.code == "ORG-002"
    assert violation.line == line_of(text, "Fritidsbolaget AB")


def test_org_002_a_second_council_in_a_preset_is_rejected() -> None:
    text = alvesta_text().replace(
        "    - name: Alvesta Kommunföretag AB\n      kind: PARENT_COMPANY",
        "    - name: Andra fullmäktige\n      kind: COUNCIL\n    - name: Alvesta Kommunföretag AB\n      kind: PARENT_COMPANY",
    )
    violation = refused(text)
    # A YAML tree has one root, so a second council can only sit under another unit (ORG-003
    # for a second root is tested where units are created one by one, in the services).
    assert violation.code == "ORG-002"
    assert violation.line == line_of(text, "Andra fullmäktige") + 1


def test_model_001_a_cap_of_zero_is_rejected() -> None:
    violation = refused(alvesta_text().replace("max_per_unit_and_period: 3", "max_per_unit_and_period: 0"))
    assert violation.code == "MODEL-001"


def test_model_002_a_status_scale_with_duplicate_codes_is_rejected() -> None:
    violation = refused(alvesta_text().replace("code: not_assessed", "code: achieved"))
    assert violation.code == "MODEL-002"


def test_model_003_deadlines_must_be_staggered_by_level() -> None:
    violation = refused(alvesta_text().replace("      COMMITTEE: 15\n", "      COMMITTEE: 8\n"))
    assert violation.code == "MODEL-003"
    assert violation.detail["higher"] == "COMMITTEE"


def test_model_004_a_one_step_risk_matrix_is_rejected() -> None:
    violation = refused(alvesta_text().replace("risk_matrix: {likelihood: 4, consequence: 4}", "risk_matrix: {likelihood: 1, consequence: 4}"))
    assert violation.code == "MODEL-004"


def test_a_file_that_is_not_a_mapping_is_malformed() -> None:
    assert refused("- just\n- a list\n").code == "PRESET-001"


# --- Values keep the type their author wrote (issue 8, §4) ------------------------------------
# YAML 1.1 reads ON, OFF, YES, NO, Y and N as booleans, 1_000 as a thousand and 0777 as octal:
# Omsorgsnämnden's short name ON became True. Presets are read with YAML 1.2's core schema, and
# names and labels are the text as written.

NAMED = ("name", "short_name", "label_sv", "label_en")


def names_as_written(text: str) -> list[str]:
    """Every name and label in the file, as the text of the file writes it (from YAML's nodes,
    before any value is constructed)."""
    import yaml

    found: list[str] = []

    def walk(node: yaml.Node) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value in NAMED and isinstance(value, yaml.ScalarNode):
                    found.append(value.value)
                walk(value)
        elif isinstance(node, yaml.SequenceNode):
            for child in node.value:
                walk(child)

    root = yaml.compose(text)
    assert root is not None
    walk(root)
    return found


def names_as_read(text: str) -> list[str]:
    preset = parse_preset(text, source="test.yaml")
    found: list[str] = [preset.group_name, preset.model.name]
    for level in preset.model.levels:
        found += [level.label_sv, level.label_en]
    for step in preset.model.status_scale:
        found += [step.label_sv, step.label_en]
    for band in preset.model.internal_control.bands:
        found += [band.label_sv, band.label_en]
    for unit, _parent in preset.organisation.walk():
        found += [unit.name, unit.short_name] if unit.short_name else [unit.name]
    return found


def test_every_name_and_label_of_the_shipped_preset_comes_out_as_written() -> None:
    written = names_as_written(alvesta_text())
    read = names_as_read(alvesta_text())
    assert all(isinstance(value, str) for value in read)
    assert sorted(read) == sorted(written)
    assert "ON" in read and "True" not in read


@pytest.mark.parametrize("word", ["ON", "On", "on", "OFF", "Off", "YES", "Yes", "yes", "NO", "No", "no", "Y", "y", "N", "n"])
def test_yaml_1_1_booleans_stay_words(word: str) -> None:
    text = alvesta_text().replace("short_name: ON\n", f"short_name: {word}\n")
    omsorg = next(u for u, _p in parse_preset(text).organisation.walk() if u.name == "Omsorgsnämnden")
    assert omsorg.short_name == word


@pytest.mark.parametrize("written", ["1_000", "0777", "1:20", "1.10", "2026", "null", "true", "~", "0x1F", ".inf"])
def test_a_name_or_a_short_name_is_the_text_as_written(written: str) -> None:
    text = alvesta_text().replace("short_name: ON\n", f"short_name: {written}\n").replace("- name: Omsorgsnämnden\n", f"- name: {written}\n")
    unit = next(u for u, _p in parse_preset(text).organisation.walk() if u.short_name == written)
    assert unit.name == written


def test_numbers_are_read_as_yaml_1_2_does() -> None:
    """Where a number is expected, 1_000 and 0777 are not quietly 1000 and 511: they are text, and refused."""
    text = alvesta_text().replace("max_per_unit_and_period: 3", "max_per_unit_and_period: 1_000")
    assert refused(text).code in {"MODEL-001", "PRESET-002"}
    text = alvesta_text().replace("members: 49", "members: 0o61")
    council = parse_preset(text).organisation
    assert council.members == 49


# accounts (issue 9 §1): which chart of accounts each unit's ledger keeps


def test_alvesta_keeps_kommun_bas_and_its_companies_bas() -> None:
    plans = load_preset_file(ALVESTA).model.account_plans
    assert plans.plan_for(LevelKind.COUNCIL) == "kommun-bas"
    assert plans.plan_for(LevelKind.UNIT) == "kommun-bas"
    assert plans.plan_for(LevelKind.PARENT_COMPANY) == "bas"
    assert plans.plan_for("COMPANY") == "bas"


def test_a_preset_without_account_plans_keeps_kommun_bas_and_bas_for_companies() -> None:
    text = alvesta_text()
    start = text.index("  economy:\n")
    end = text.index("\norganisation:")
    plans = parse_preset(text[:start] + text[end:]).model.account_plans
    assert (plans.plan_for(LevelKind.COMMITTEE), plans.plan_for(LevelKind.COMPANY)) == ("kommun-bas", "bas")


def test_account_plans_survive_the_stored_form() -> None:
    from styr.domain.governance import governance_model_from_mapping, governance_model_to_mapping

    model = parse_preset(alvesta_text().replace("      COMPANY: bas\n", "      COMPANY: kommun-bas\n")).model
    again = governance_model_from_mapping(governance_model_to_mapping(model))
    assert again.account_plans == model.account_plans
    assert again.account_plans.plan_for(LevelKind.COMPANY) == "kommun-bas"


def test_acc_005_an_unknown_account_plan_names_its_line() -> None:
    text = alvesta_text().replace("      COMPANY: bas\n", "      COMPANY: k-plan\n")
    violation = refused(text)
    assert violation.code == "ACC-005"
    assert violation.line == line_of(text, "COMPANY: k-plan")


def test_org_006_an_unknown_level_kind_in_account_plans_names_its_line() -> None:
    text = alvesta_text().replace("      COMPANY: bas\n", "      BOLAG: bas\n")
    violation = refused(text)
    assert violation.code == "ORG-006"
    assert violation.line == line_of(text, "BOLAG: bas")


def test_preset_002_account_plans_without_a_default_are_refused() -> None:
    text = alvesta_text().replace("      default: kommun-bas\n", "")
    violation = refused(text)
    assert violation.code == "PRESET-002"
    assert violation.line == line_of(text, "account_plans:")

"""The rules of the dialogue with citizens, without a database (DIAL-001, DIAL-002, DIAL-003, DIAL-005, DIAL-006)."""

from datetime import UTC, date, datetime, timedelta

import pytest

from styr.domain import citizen_dialogue as rules
from styr.domain.errors import RuleViolation
from styr.domain.governance import governance_model_from_mapping, governance_model_to_mapping
from styr.domain.presets import load_preset_file
from tests.conftest import ALVESTA

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


def test_dial_001_a_dialogue_closing_before_it_opens_or_running_over_a_year_is_refused() -> None:
    rules.check_dialogue_period(date(2026, 3, 1), date(2026, 3, 1))
    with pytest.raises(RuleViolation) as err:
        rules.check_dialogue_period(date(2026, 3, 2), date(2026, 3, 1))
    assert (err.value.code, err.value.field) == ("DIAL-001", "closes_on")
    with pytest.raises(RuleViolation):
        rules.check_dialogue_period(date(2026, 1, 1), date(2027, 1, 3))


def test_dial_002_comments_only_while_open_with_text_and_short_enough() -> None:
    rules.check_open(date(2026, 3, 1), date(2026, 3, 31), date(2026, 3, 31))
    for today in (date(2026, 2, 28), date(2026, 4, 1)):
        with pytest.raises(RuleViolation) as err:
            rules.check_open(date(2026, 3, 1), date(2026, 3, 31), today)
        assert err.value.code == "DIAL-002"
    assert rules.clean_comment("  Bra mål \n", "  Anna   Svensson ") == ("Bra mål", "Anna Svensson")
    assert rules.clean_comment("Anonymt", "") == ("Anonymt", "")
    with pytest.raises(RuleViolation) as err:
        rules.clean_comment("   ", "Anna")
    assert err.value.field == "text"
    with pytest.raises(RuleViolation) as err:
        rules.clean_comment("x", "n" * (rules.NAME_LENGTH + 1))
    assert err.value.field == "name"


def test_dial_003_time_trap_refuses_fast_stale_missing_and_honeypot_posts() -> None:
    rules.check_time_trap(NOW - timedelta(seconds=rules.MIN_FORM_SECONDS), NOW, "")
    rules.check_time_trap(NOW - timedelta(seconds=rules.MAX_FORM_SECONDS), NOW, "")
    stale = NOW - timedelta(seconds=rules.MAX_FORM_SECONDS + 1)
    for shown, honeypot in ((NOW - timedelta(seconds=1), ""), (stale, ""), (None, ""), (NOW - timedelta(minutes=1), "http://spam")):
        with pytest.raises(RuleViolation) as err:
            rules.check_time_trap(shown, NOW, honeypot)
        assert err.value.code == "DIAL-003"


def test_dial_003_rate_limit_lets_the_limit_through_and_refuses_the_next() -> None:
    rules.check_rate(rules.RATE_LIMIT_COMMENTS)
    with pytest.raises(RuleViolation) as err:
        rules.check_rate(rules.RATE_LIMIT_COMMENTS + 1)
    assert err.value.code == "DIAL-003" and err.value.detail["limit"] == rules.RATE_LIMIT_COMMENTS


def test_dial_005_gathered_into_the_dialogues_year_or_later() -> None:
    rules.check_gather_year(2026, 2026)
    rules.check_gather_year(2026, 2027)
    with pytest.raises(RuleViolation) as err:
        rules.check_gather_year(2026, 2025)
    assert err.value.code == "DIAL-005"


def test_dial_006_retention_months_from_the_preset_and_its_default() -> None:
    assert load_preset_file(ALVESTA).model.citizen_dialogue.personal_data_retention_months == 12
    assert rules.parse_citizen_dialogue(None).personal_data_retention_months == rules.DEFAULT_RETENTION_MONTHS
    assert rules.parse_citizen_dialogue({"personal_data_retention_months": 6}).personal_data_retention_months == 6
    for bad in (0, 121, "12", True, 1.5):
        with pytest.raises(RuleViolation) as err:
            rules.parse_citizen_dialogue({"personal_data_retention_months": bad})
        assert err.value.code == "DIAL-006"
    model = load_preset_file(ALVESTA).model
    assert governance_model_from_mapping(governance_model_to_mapping(model)).citizen_dialogue == model.citizen_dialogue


def test_dial_006_the_cutoff_counts_calendar_months_back() -> None:
    assert rules.retention_cutoff(date(2026, 3, 31), 1) == date(2026, 2, 28)
    assert rules.retention_cutoff(date(2026, 3, 2), 12) == date(2025, 3, 2)
    assert rules.retention_cutoff(date(2026, 1, 15), 13) == date(2024, 12, 15)


def test_dial_001_only_an_open_dialogue_is_closed_before_its_closing_day() -> None:
    rules.check_close_early(date(2026, 3, 1), date(2026, 3, 31), date(2026, 3, 1))
    rules.check_close_early(date(2026, 3, 1), date(2026, 3, 31), date(2026, 3, 30))
    for today in (date(2026, 3, 31), date(2026, 4, 1), date(2026, 2, 28)):  # closes today anyway, closed, not yet open
        with pytest.raises(RuleViolation) as err:
            rules.check_close_early(date(2026, 3, 1), date(2026, 3, 31), today)
        assert (err.value.code, err.value.field) == ("DIAL-001", "closes_on")

"""The årshjul's rules: KS's minimum (CAL-001), months (CAL-002), the interim report (CAL-003),
meetings after deadlines (CAL-004) and deadlines staggered by level."""

from datetime import date
from pathlib import Path

import pytest

from styr.domain.calendar import (
    ANNUAL_REPORT,
    INTERIM_ACCOUNTS,
    INTERIM_REPORT,
    MONTHLY_REPORT,
    QUALITY_REPORT,
    build_periods,
    check_ks_minimum,
    check_meeting_after_deadline,
    deadlines,
)
from styr.domain.errors import RuleViolation
from styr.domain.levels import LevelKind
from styr.domain.presets import load_preset_file
from styr.domain.reporting_chain import REPORTING_ORDER

MODEL = load_preset_file(Path(__file__).resolve().parents[2] / "presets" / "alvesta-2020.yaml").model


def test_a_year_has_the_minimum_monthly_reports_one_interim_accounts_and_an_annual_report() -> None:
    periods = build_periods(year=2027, model=MODEL)
    kinds = [p.kind for p in periods]
    assert kinds.count(INTERIM_ACCOUNTS) == 1 and kinds.count(ANNUAL_REPORT) == 1
    assert [p.end.month for p in periods if p.kind == MONTHLY_REPORT] == [2, 3, 5, 9, 10, 11]
    interim = next(p for p in periods if p.kind == INTERIM_ACCOUNTS)
    assert (interim.start, interim.end) == (date(2027, 1, 1), date(2027, 8, 31))


def test_an_optional_interim_report_and_quality_reports_can_be_added() -> None:
    periods = build_periods(year=2027, model=MODEL, interim_report_month=4, quality_report_months=[6, 12])
    assert [p.end for p in periods if p.kind == INTERIM_REPORT] == [date(2027, 4, 30)]
    assert [p.end.month for p in periods if p.kind == QUALITY_REPORT] == [6, 12]
    with pytest.raises(RuleViolation) as err:
        build_periods(year=2027, model=MODEL, interim_report_month=8)
    assert err.value.code == "CAL-003"


def test_cal_001_a_committee_never_reports_less_often_than_ks_minimum() -> None:
    check_ks_minimum([1, 2, 3, 4, 5, 6, 9, 10, 11], MODEL.reporting.monthly_minimum_months)
    with pytest.raises(RuleViolation) as err:
        check_ks_minimum([2, 3, 9], MODEL.reporting.monthly_minimum_months)
    assert err.value.code == "CAL-001" and err.value.detail["missing"] == "5, 10, 11"
    with pytest.raises(RuleViolation):
        build_periods(year=2027, model=MODEL, monthly_months=[2, 3])


def test_cal_002_months_are_one_to_twelve() -> None:
    with pytest.raises(RuleViolation) as err:
        build_periods(year=2027, model=MODEL, quality_report_months=[13])
    assert err.value.code == "CAL-002"


def test_deadlines_are_staggered_units_first_ks_last() -> None:
    due = deadlines(date(2027, 2, 28), MODEL.reporting.deadline_days)
    ordered = [due[k] for k in REPORTING_ORDER]
    assert ordered == sorted(ordered) and len(set(ordered)) == len(ordered)
    assert due[LevelKind.UNIT] == date(2027, 3, 5) and due[LevelKind.EXECUTIVE_BOARD] == date(2027, 3, 20)


def test_cal_004_a_meeting_adopting_a_report_is_after_the_bodys_deadline() -> None:
    check_meeting_after_deadline(date(2027, 3, 20), date(2027, 3, 15))
    with pytest.raises(RuleViolation) as err:
        check_meeting_after_deadline(date(2027, 3, 10), date(2027, 3, 15))
    assert err.value.code == "CAL-004"


def test_fu_006_and_fu_012_what_a_unit_reported_stays_as_reported() -> None:
    from styr.domain.calendar import check_report_open_or_corrected

    assert check_report_open_or_corrected(states=[], may_correct=False, reason="") is False
    assert check_report_open_or_corrected(states=["draft"], may_correct=False, reason="") is False
    for submitted in ("submitted", "reviewed"):
        with pytest.raises(RuleViolation) as err:
            check_report_open_or_corrected(states=[submitted], may_correct=False, reason="Fel")
        assert (err.value.code, err.value.field) == ("FU-006", "value")
        with pytest.raises(RuleViolation) as err:
            check_report_open_or_corrected(states=[submitted], may_correct=True, reason=" ")
        assert (err.value.code, err.value.field) == ("FU-006", "reason")
        assert check_report_open_or_corrected(states=[submitted], may_correct=True, reason="Fel siffra") is True
    with pytest.raises(RuleViolation) as err:
        check_report_open_or_corrected(states=["adopted", "draft"], may_correct=True, reason="Rättelse")
    assert err.value.code == "FU-012"


def test_a_levels_deadline_is_its_own_else_ks() -> None:
    from styr.domain.calendar import level_deadline

    due_by = {(1, "COMMITTEE"): date(2027, 3, 15), (1, "EXECUTIVE_BOARD"): date(2027, 3, 20)}
    assert level_deadline(due_by, 1, "COMMITTEE") == date(2027, 3, 15)
    assert level_deadline(due_by, 1, "COMPANY") == date(2027, 3, 20)
    assert level_deadline(due_by, 2, "COMMITTEE") is None

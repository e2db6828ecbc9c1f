"""Governing documents that steer in parallel and their review dates (seed §7 Styrdokument,
DOC-001, DOC-002), and the national requirements on systematic quality work (seed §5.B, QUAL-001):
the pure rules, without a database."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from styr.domain.errors import RuleViolation
from styr.domain.governing_documents import COMING, PASSED, check_own_steering, check_review_by, review_state
from styr.domain.national_quality import check_requirement, parse_requirements, structured_report
from styr.planning.national_quality import national_requirement, national_requirements


def test_doc_001_a_document_with_goals_or_indicators_of_its_own_names_them() -> None:
    for goals, indicators in ((True, False), (False, True), (True, True)):
        with pytest.raises(RuleViolation) as refused:
            check_own_steering(carries_goals=goals, carries_indicators=indicators, own_steering="  ")
        assert refused.value.code == "DOC-001" and refused.value.field == "own_steering"
    check_own_steering(carries_goals=True, carries_indicators=False, own_steering="Tre mål för minskade utsläpp")
    check_own_steering(carries_goals=False, carries_indicators=False, own_steering="")


def test_doc_002_the_review_date_is_not_before_the_decision_date() -> None:
    with pytest.raises(RuleViolation) as refused:
        check_review_by(review_by=date(2020, 6, 14), decision_date=date(2020, 6, 15))
    assert refused.value.code == "DOC-002" and refused.value.detail == {"review_by": "2020-06-14", "decision_date": "2020-06-15"}
    check_review_by(review_by=date(2020, 6, 15), decision_date=date(2020, 6, 15))
    check_review_by(review_by=None, decision_date=date(2020, 6, 15))


def test_doc_002_a_review_date_is_passed_the_day_after_and_coming_within_the_notice() -> None:
    today = date(2026, 3, 2)
    assert review_state(date(2026, 3, 1), today) == PASSED
    assert review_state(date(2026, 3, 2), today) == COMING
    assert review_state(date(2026, 5, 31), today) == COMING  # 90 days on
    assert review_state(date(2026, 6, 1), today) is None
    assert review_state(None, today) is None


def test_the_reference_data_names_the_education_act_and_the_management_system_regulation_in_their_order() -> None:
    school = national_requirement("skollagen-4-kap")
    care = national_requirement("sosfs-2011-9")
    assert school is not None and "2010:800" in school.title and "4 kap." in school.title
    assert [s.title for s in school.sections] == [
        "Förutsättningar och planering",
        "Uppföljning av resultat",
        "Analys i förhållande till de nationella målen",
        "Åtgärder och utveckling",
    ]
    assert care is not None and "ledningssystem för systematiskt kvalitetsarbete" in care.title
    assert [s.fills_from for s in care.sections] == ["factors", "risks", "indicators", "analysis", "activities"]
    assert [s.title for s in care.sections][:3] == ["Processer och rutiner", "Riskanalys", "Egenkontroll"]
    assert len({r.key for r in national_requirements()}) == len(national_requirements())


def test_qual_001_a_quality_factor_names_a_known_requirement_or_none() -> None:
    known = [r.key for r in national_requirements()]
    assert check_requirement("", known) == ""
    assert check_requirement("sosfs-2011-9", known) == "sosfs-2011-9"
    with pytest.raises(RuleViolation) as refused:
        check_requirement("iso-9001", known)
    assert refused.value.code == "QUAL-001" and refused.value.field == "national_requirement" and "skollagen-4-kap" in refused.value.detail["known"]


def test_a_requirement_with_a_section_filled_from_nothing_known_is_refused() -> None:
    data: dict[str, Any] = {"requirements": [{"key": "x", "title": "X", "short_title": "X", "issued_by": "Y", "applies_to": "Z", "summary": "S"}]}
    with pytest.raises(ValueError, match="sections"):
        parse_requirements(data)
    data["requirements"][0]["sections"] = [{"key": "a", "title": "A", "reference": "1 §", "fills_from": "wishes"}]
    with pytest.raises(ValueError, match="wishes"):
        parse_requirements(data)


def test_the_report_in_a_requirements_structure_is_filled_from_the_factors_naming_it_in_its_order() -> None:
    school = national_requirement("skollagen-4-kap")
    assert school is not None
    factors = [
        {
            "title": "Studiero",
            "description": "Lugn i klassrummet",
            "national_requirement": "skollagen-4-kap",
            "indicators": [{"name": "Andel trygga", "value": "2026-02: 87"}],
        },
        {"title": "Bemötande", "description": "", "national_requirement": "", "indicators": [{"name": "Nöjdhet", "value": "–"}]},
    ]
    report = structured_report(school, factors=factors, risks=[], analysis="Tryggheten har ökat.", activities=[{"title": "Rastvärdar", "status": "Pågår"}])
    assert [s["key"] for s in report["sections"]] == ["forutsattningar", "uppfoljning", "analys", "atgarder"]
    first, follow_up, analysis, actions = (s["content"] for s in report["sections"])
    assert first == [{"title": "Studiero", "text": "Lugn i klassrummet"}]  # the factor that names another requirement, or none, is left out
    assert follow_up == [{"factor": "Studiero", "name": "Andel trygga", "value": "2026-02: 87"}]
    assert analysis == "Tryggheten har ökat." and actions == [{"title": "Rastvärdar", "status": "Pågår"}]

"""The internal control demo's content (issue 12 §7) is consistent without a database: the bodies
are the preset's, scores and codes are valid (IC-001, IC-003), every risk from the threshold is
chosen and a chosen one below it has a reason (IC-002), results fit their controls, and each owner
directive comes from the body that issues its kind (seed §3)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from styr.demo.internal_control_data import (
    COMPANIES,
    COUNCIL,
    DRAFT_BODIES,
    KS,
    PARENT,
    SUBSIDIARIES,
    PlannedControl,
    bodies,
    common_controls,
    company_reports,
    oversight_evaluation,
    owner_dialogues,
    owner_directives,
)
from styr.demo.internal_control_data.shapes import REPORTS_PER_FREQUENCY
from styr.domain.internal_control import AIMS
from styr.domain.levels import LevelKind
from styr.domain.presets import load_preset_file

PRESET = Path(__file__).resolve().parents[2] / "presets" / "alvesta-2020.yaml"
YEARS = (2026, 2027, 2031)
METHODS = {"sample", "review", "reconciliation", "self_assessment", "other"}
PLAN_KINDS = {LevelKind.EXECUTIVE_BOARD, LevelKind.COMMITTEE, LevelKind.PARENT_COMPANY, LevelKind.COMPANY}


def _kinds() -> dict[str, LevelKind]:
    return {unit.name: unit.kind for unit, _ in load_preset_file(PRESET).organisation.walk()}


def _check_control(planned: PlannedControl, *, last_month: int = 11) -> None:
    control = planned.control
    assert control.title and control.method in METHODS and control.method_text
    assert (control.sample_size is not None) == (control.method == "sample")
    assert control.report_months and all(1 <= m <= 12 for m in control.report_months)
    assert len(set(control.report_months)) == len(control.report_months) == REPORTS_PER_FREQUENCY[control.frequency]
    months = [r.month for r in planned.results]
    assert len(set(months)) == len(months)
    for result in planned.results:
        assert result.month in control.report_months and result.month <= last_month
        assert result.status in {"achieved", "partly_achieved", "not_achieved"} and result.findings
        if control.method == "sample":
            assert result.checked_count is not None and result.deviation_count is not None
            assert 0 <= result.deviation_count <= result.checked_count <= (control.sample_size or 0)
        # a deviation (with one or two actions) exactly where the result is not achieved
        assert (result.deviation is not None) == (result.status != "achieved")
        if result.status == "achieved":
            assert not result.deviation_count
        if result.deviation is not None:
            assert result.deviation.severity in {"low", "medium", "high"} and result.deviation.description
            assert 1 <= len(result.deviation.actions) <= 2
            for action in result.deviation.actions:
                assert action.kind in {"taken", "proposed"} and action.status in {"open", "in_progress", "done"}
                assert action.owner and action.description and isinstance(action.deadline, date)
                assert (action.closed_on is not None) == (action.status == "done")


@pytest.mark.parametrize("year", YEARS)
def test_every_body_of_the_preset_that_keeps_a_plan_has_three_to_five_scored_risks(year: int) -> None:
    kinds = _kinds()
    found = bodies(year)
    assert {b.name for b in found} == {name for name, kind in kinds.items() if kind in PLAN_KINDS}
    for body in found:
        assert 3 <= len(body.risks) <= 5, body.name
        for risk in body.risks:
            for score in (risk.last_year, risk.this_year):
                assert 1 <= score.likelihood <= 4 and 1 <= score.consequence <= 4  # IC-001
            assert risk.aims and set(risk.aims) <= set(AIMS)  # IC-003
            assert risk.area and risk.description and risk.cause and risk.effect and risk.owner
        assert any(r.last_year != r.this_year for r in body.risks) or body.name in {"Alvesta Kommunföretag AB", "Alvesta Utvecklings AB"}


@pytest.mark.parametrize("year", YEARS)
def test_every_risk_from_nine_is_chosen_and_at_most_one_below_with_a_reason(year: int) -> None:
    for body in bodies(year):
        below = [r for r in body.risks if r.chosen and r.this_year.value < 9]
        assert len(below) <= 1, body.name
        for risk in body.risks:
            if risk.this_year.value >= 9:
                assert risk.chosen, risk.description  # IC-002
            if risk.chosen and risk.this_year.value < 9:
                assert risk.reason.strip(), risk.description
            if risk.planned is not None:
                _check_control(risk.planned)
                assert risk.planned.responsible


@pytest.mark.parametrize("year", YEARS)
def test_adoptions_fall_around_new_year_and_the_draft_plans_have_no_results(year: int) -> None:
    drafts = set()
    for body in bodies(year):
        if body.adoption is None:
            drafts.add(body.name)
            assert all(r.planned is None or not r.planned.results for r in body.risks)
            assert body.common_results == ()
        else:
            decided = body.adoption.decided_on
            assert (decided.year == year - 1 and decided.month in (11, 12)) or (decided.year == year and decided.month == 1)
            assert body.adoption.paragraph.startswith("§ ") and f"{decided.year}/" in body.adoption.registration
        assert body.last_year_summary and body.last_year_report.decided_on.year == year
        assert f"{year - 1}/" in body.last_year_report.registration
        _check_control(body.carried_over, last_month=12)
        still_open = [a for r in body.carried_over.results if r.deviation for a in r.deviation.actions if a.status != "done"]
        assert still_open
    assert drafts == set(DRAFT_BODIES) and len(drafts) == 2


@pytest.mark.parametrize("year", YEARS)
def test_common_controls_two_for_committees_one_for_companies_and_their_results_fit(year: int) -> None:
    common = common_controls(year)
    assert [c.applies_to for c in common].count("committees") == 2
    assert [c.applies_to for c in common].count("companies") == 1
    by_title = {c.control.title: c for c in common}
    kinds = _kinds()
    for body in bodies(year):
        for title, result in body.common_results:
            control = by_title[title]
            is_company = kinds[body.name] in {LevelKind.PARENT_COMPANY, LevelKind.COMPANY}
            assert control.applies_to == ("companies" if is_company else "committees")
            _check_control(PlannedControl(control.control, "", (result,)))


@pytest.mark.parametrize("year", YEARS)
def test_each_directive_comes_from_the_body_that_issues_its_kind_and_answers_are_the_companies(year: int) -> None:
    issuers = {"articles": COUNCIL, "general": COUNCIL, "parent": KS, "subsidiary": PARENT}
    kinds = _kinds()
    assert COUNCIL in kinds and KS in kinds and all(c in kinds for c in COMPANIES)
    directives = owner_directives(year)
    for directive in directives:
        assert directive.issuer == issuers[directive.kind]
        assert directive.decided_on < date(year, 1, 1) and directive.demands
        if directive.kind == "parent":
            assert directive.companies == (PARENT,)
        if directive.kind == "subsidiary":
            assert len(directive.companies) == 1 and directive.companies[0] in SUBSIDIARIES
        for demand in directive.demands:
            assert demand.kind in {"return", "solidity", "reporting", "other"} and demand.text
            assert (demand.target is None) == (demand.comparison == "") and demand.comparison in {"", ">=", "<="}
            for answer in demand.answers:
                assert answer.company in directive.companies and answer.year in (year - 1, year)
                assert answer.period == ("annual" if answer.year == year - 1 else "interim")
                assert answer.status in {"achieved", "partly_achieved", "not_achieved", "not_assessed"}
    assert {d.kind for d in directives} == set(issuers)
    assert {d.companies[0] for d in directives if d.kind == "articles"} == set(COMPANIES)
    assert {d.companies[0] for d in directives if d.kind == "subsidiary"} == set(SUBSIDIARIES)
    assert any(a.year == year for d in directives for m in d.demands for a in m.answers)


@pytest.mark.parametrize("year", YEARS)
def test_the_reporting_chain_goes_subsidiary_to_parent_to_ks_with_two_dialogues_each(year: int) -> None:
    reports = company_reports(year)
    for report in reports:
        assert report.recipient == (KS if report.company == PARENT else PARENT)
        assert report.period_end < report.submitted_on and report.submitted_on.year == year
        assert report.period_end == (date(year, 8, 31) if report.kind == "interim" else date(year - 1, 12, 31))
    assert {(r.company, r.kind) for r in reports} == {(c, k) for c in (PARENT, *SUBSIDIARIES) for k in ("annual", "interim")}
    dialogues = owner_dialogues(year)
    for company in SUBSIDIARIES:
        held = sorted(d.held_on for d in dialogues if d.company == company)
        assert len(held) == 2 and held[0].month <= 6 < held[1].month and all(d.year == year for d in held)
    assert all(d.notes for d in dialogues)


def test_ks_evaluation_is_of_last_year_with_two_or_three_measures() -> None:
    evaluation = oversight_evaluation(2026)
    assert evaluation.year == 2025 and evaluation.evaluation and 2 <= len(evaluation.measures) <= 3
    assert evaluation.decision.decided_on.year == 2026 and evaluation.measures_text.startswith("1. ")

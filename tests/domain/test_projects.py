"""Assignments in the line, as a project or along a process (seed §7): PROJ-001…005, no database."""

from datetime import date

import pytest

from styr.domain.errors import RuleViolation
from styr.domain.projects import StepState, check_form_parts, check_member, check_part_of, check_step_dates, step_state


def test_proj_001_a_project_organisation_belongs_to_a_project_assignment() -> None:
    check_form_parts(execution_form="project", filled={"project_owner", "project_lead", "project_budget_sek", "closing_report"})
    for form in ("line", "process"):
        with pytest.raises(RuleViolation) as caught:
            check_form_parts(execution_form=form, filled={"project_lead"})
        assert caught.value.code == "PROJ-001" and caught.value.field == "project_lead"


def test_proj_002_a_process_belongs_to_a_process_assignment() -> None:
    check_form_parts(execution_form="process", filled={"process_name", "process_owner", "process_documents"})
    with pytest.raises(RuleViolation) as caught:
        check_form_parts(execution_form="project", filled={"process_documents"})
    assert caught.value.code == "PROJ-002" and caught.value.field == "process_documents"
    check_form_parts(execution_form="line", filled=set())


def test_proj_001_002_milestones_and_members_under_a_project_reviews_under_a_process() -> None:
    check_part_of(execution_form="project", part="milestone")
    check_part_of(execution_form="project", part="member")
    check_part_of(execution_form="process", part="review")
    for form, part, code in (("line", "milestone", "PROJ-001"), ("process", "member", "PROJ-001"), ("project", "review", "PROJ-002")):
        with pytest.raises(RuleViolation) as caught:
            check_part_of(execution_form=form, part=part)
        assert caught.value.code == code


def test_proj_003_a_milestone_falls_by_the_deadline_and_is_not_reached_in_the_future() -> None:
    today = date(2027, 4, 1)
    check_step_dates(due=date(2027, 10, 1), done_on=None, deadline=date(2027, 10, 1), today=today)
    with pytest.raises(RuleViolation) as caught:
        check_step_dates(due=date(2027, 10, 2), done_on=None, deadline=date(2027, 10, 1), today=today)
    assert caught.value.code == "PROJ-003" and caught.value.field == "due"
    with pytest.raises(RuleViolation) as caught:
        check_step_dates(due=date(2027, 3, 1), done_on=date(2027, 4, 2), deadline=date(2027, 10, 1), today=today)
    assert caught.value.code == "PROJ-003" and caught.value.field == "done_on"
    # a process is reviewed over time: its review dates are not bound to the assignment's deadline
    check_step_dates(due=date(2030, 1, 1), done_on=None, deadline=None, today=today)


def test_proj_004_a_milestone_past_its_day_and_not_reached_is_late() -> None:
    today = date(2027, 4, 1)
    assert step_state(due=date(2027, 3, 31), done_on=None, today=today) is StepState.LATE
    assert step_state(due=date(2027, 4, 1), done_on=None, today=today) is StepState.PLANNED  # due today: not late yet
    assert step_state(due=date(2027, 3, 1), done_on=date(2027, 3, 1), today=today) is StepState.DONE
    assert step_state(due=date(2027, 3, 1), done_on=date(2027, 3, 20), today=today) is StepState.DONE_LATE


def test_proj_005_a_seat_is_a_person_or_a_role_on_a_unit() -> None:
    check_member(person=7, org_unit=None, role_title="")
    check_member(person=None, org_unit=3, role_title="Förvaltningschef")
    for person, unit, role in ((7, 3, "Förvaltningschef"), (None, None, ""), (None, 3, "  "), (7, None, "Chef")):
        with pytest.raises(RuleViolation) as caught:
            check_member(person=person, org_unit=unit, role_title=role)
        assert caught.value.code == "PROJ-005"
